import { SLACK_REPLAY_WINDOW_SECONDS } from './verify.js';

export interface RecentRequestsOptions {
  readonly now: () => Date;
  /** How far a request timestamp may be from now and still be accepted (Slack's five minutes). */
  readonly windowSeconds?: number | undefined;
}

/**
 * The signed requests received lately, so that one sent again (a replay of captured bytes, within
 * the window in which its signature is still accepted) is acknowledged but never handled twice.
 * Slash commands and interactivity have no id of their own; the signature covers the timestamp and
 * the body, so it names one request.
 *
 * A request is remembered until its timestamp leaves the window; after that the signature check
 * refuses it anyway. Memory is bounded by time: entries are kept in arrival order and each arrived
 * at most one window before its timestamp, so every entry is gone
 * about two windows after it came.
 */
export class RecentRequests {
  /** Signature → when it can no longer pass the signature check (ms since the epoch). */
  private readonly seen = new Map<string, number>();
  private readonly now: () => Date;
  private readonly windowMs: number;

  constructor(options: RecentRequestsOptions) {
    this.now = options.now;
    this.windowMs = (options.windowSeconds ?? SLACK_REPLAY_WINDOW_SECONDS) * 1000;
  }

  /**
   * True the first time a verified request (its X-Slack-Signature and X-Slack-Request-Timestamp)
   * is offered, false for a repeat still inside the window.
   */
  firstTime(signature: string, timestampSeconds: number): boolean {
    const now = this.now().getTime();
    this.forgetExpired(now);
    if (this.seen.has(signature)) return false;
    // The check compares whole seconds: the last accepted second ends one second after the window.
    this.seen.set(signature, timestampSeconds * 1000 + this.windowMs + 1000);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(now: number): void {
    // A Map iterates in insertion order: stop at the first entry still inside its window.
    for (const [signature, expiresAt] of this.seen) {
      if (expiresAt > now) return;
      this.seen.delete(signature);
    }
  }
}
