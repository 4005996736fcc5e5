import { ALONE, shareOf, type RateKey, type RateLimit, type SharedLimits } from '../outbound/index.js';
import { RateLimiter } from './rate-limiter.js';
import { WindowGate } from './window-gate.js';

/** How long a send that may not go yet (this instance has no part of the limits now) looks again. */
const NOT_COUNTED_RECHECK_MS = 250;

/**
 * The dispatcher's pacing: plans each send's slot under the limits of its keys (RateLimiter), holds
 * it at the moment it goes on the wire until it fits them (WindowGate), and keeps the pauses of 429s.
 * The limits are the transports' figures cut to this instance's part of them, and the pauses are
 * this instance's and those the other instances on the store told of (SharedLimits): all from
 * memory, so pacing a send costs no store round trip.
 */
export class Pacer {
  /** The limit of each key the transports named (they know them; the dispatcher only paces). */
  private readonly limits = new Map<string, RateLimit>();
  private readonly limiter: RateLimiter;
  private readonly gate: WindowGate;
  /** This instance's own 429 pauses: key → until (ms). */
  private readonly paused = new Map<string, number>();
  /** The limits cut to `scaledAt`, the part they were cut to (made once per key and part, not per send). */
  private readonly scaled = new Map<string, RateLimit>();
  private scaledAt = 1;
  private lastShare = 1;

  constructor(
    private readonly shared: SharedLimits = ALONE,
    private readonly onPauseNotShared: (error: unknown) => void = () => undefined,
  ) {
    const limitOf = (key: string): RateLimit | undefined => this.limitOf(key);
    this.limiter = new RateLimiter(limitOf);
    this.gate = new WindowGate(limitOf);
  }

  /** The key's limit as this instance may use it now (its part of a shared one). */
  limitOf(key: string): RateLimit | undefined {
    const share = this.share();
    if (share !== this.scaledAt) {
      this.scaled.clear();
      this.scaledAt = share;
    }
    let limit = this.scaled.get(key);
    if (limit === undefined) {
      const full = this.limits.get(key);
      if (full === undefined) return undefined;
      limit = shareOf(full, share);
      this.scaled.set(key, limit);
    }
    return limit;
  }

  /** Whether this instance may send now at all (on a shared store: counted by every other instance). */
  mayRun(): boolean {
    return this.shared.share() > 0;
  }

  /**
   * This instance's part of the limits to pace by. While it may not send (0), the last part it had:
   * sends already planned wait in `pass`, and a plan made meanwhile must not divide by nothing.
   */
  private share(): number {
    const share = this.shared.share();
    if (share > 0) this.lastShare = share;
    return this.lastShare;
  }

  /** The keys of a send, widest first; their limits are remembered for pacing. */
  keys(rateKeys: readonly RateKey[]): string[] {
    return rateKeys.map(({ key, limit }) => {
      const known = this.limits.get(key);
      if (limit && (known?.perSecond !== limit.perSecond || known.burst !== limit.burst)) {
        this.limits.set(key, limit);
        this.scaled.delete(key);
      }
      return key;
    });
  }

  /**
   * Reserves a slot on all the keys; returns when it may go, or undefined when that is after
   * `latest` (nothing reserved). The pauses the other instances told of count as this one's.
   */
  reserve(keys: readonly string[], now: number, latest: number): number | undefined {
    for (const [key, until] of this.shared.pauses()) if (until > now) this.limiter.pause(key, until);
    return this.limiter.reserve(keys, now, latest);
  }

  /** When a send on the keys could go, without reserving it. */
  peek(keys: readonly string[], now: number): number {
    return this.limiter.peek(keys, now);
  }

  /**
   * Until when a 429 (here or at another instance) paused one of the keys; undefined when none is
   * paused at `now`. A key without a limit is not paced, so not paused either (as in the RateLimiter).
   */
  pausedUntil(keys: readonly string[], now: number): number | undefined {
    let until: number | undefined;
    const shared = this.shared.pauses();
    for (const key of keys) {
      if (!this.limits.has(key)) continue;
      const at = Math.max(this.paused.get(key) ?? 0, shared.get(key) ?? 0);
      if (at > now && (until === undefined || at > until)) until = at;
    }
    return until;
  }

  /** Pauses a key until `until` (a 429's Retry-After), here and at every other instance. */
  pause(key: string, until: number): void {
    this.limiter.pause(key, until);
    this.paused.set(key, Math.max(this.paused.get(key) ?? 0, until));
    this.shared.pause(key, until).catch(this.onPauseNotShared);
  }

  /**
   * Resolves true when a send on the keys may go on the wire now, and counts it; false when this
   * instance may not send and `keepWaiting` says to stop waiting (the dispatcher is stopping).
   */
  async pass(keys: readonly string[], keepWaiting: () => boolean): Promise<boolean> {
    while (!this.mayRun()) {
      if (!keepWaiting()) return false;
      await new Promise((resolve) => setTimeout(resolve, NOT_COUNTED_RECHECK_MS));
    }
    await this.gate.pass(keys);
    return true;
  }

  /** Forgets keys idle for a while and pauses that ended, so a long-running server does not collect every conversation. */
  prune(now: number): void {
    this.limiter.prune(now);
    this.gate.prune();
    this.scaled.clear();
    for (const [key, until] of this.paused) if (until <= now) this.paused.delete(key);
  }
}
