import type { RateLimit } from '../outbound/index.js';

/**
 * Never more than a key's limit in any one second (and a little) at the moment of sending. The
 * dispatcher plans slots evenly, but timers that a busy event loop fires late go out together, and
 * a platform counting a sliding window answers the bunch with 429s (each costs a slot and a retry).
 * It works on the wall clock the timers run on (`now`, Date.now by default): it waits out real
 * time, which a test's fixed clock for the outbox's times never passes.
 */
export class WindowGate {
  /** When each limited key sent, over the last window. */
  private readonly sentAt = new Map<string, number[]>();

  constructor(
    private readonly limitOf: (key: string) => RateLimit | undefined,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 1_010,
  ) {}

  /** Resolves when a send on every key fits its limit in the window, and counts it. */
  async pass(keys: readonly string[]): Promise<void> {
    for (;;) {
      const now = this.now();
      let wait = 0;
      for (const key of keys) {
        const limit = this.limitOf(key);
        const times = this.sentAt.get(key);
        if (!limit || !times) continue;
        const { count, windowMs } = this.windowOf(limit);
        while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
        if (times.length >= count) wait = Math.max(wait, times[0]! + windowMs - now + 1);
      }
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const now = this.now();
    for (const key of keys) {
      if (!this.limitOf(key)) continue;
      const times = this.sentAt.get(key) ?? [];
      times.push(now);
      this.sentAt.set(key, times);
    }
  }

  /**
   * How many sends a window holds, and how long it is: the limit's whole sends per second in a
   * second (and a little). A limit under one a second (an instance's part of a shared one) holds one
   * send per 1/limit seconds; a fractional part over one is rounded down, never up.
   */
  private windowOf(limit: RateLimit): { count: number; windowMs: number } {
    const count = Math.max(1, Math.floor(limit.perSecond));
    return { count, windowMs: Math.max(this.windowMs, Math.ceil((count * 1000) / limit.perSecond) + this.windowMs - 1000) };
  }

  /** Forgets keys that sent nothing for a while (every conversation is a key), but never within their window. */
  prune(quietMs = 2_000): void {
    const now = this.now();
    for (const [key, times] of this.sentAt) {
      const limit = this.limitOf(key);
      const keep = Math.max(quietMs, limit ? this.windowOf(limit).windowMs : 0);
      if ((times.at(-1) ?? 0) < now - keep) this.sentAt.delete(key);
    }
  }
}
