import type { RateLimit } from '../outbound/index.js';

export type { RateLimit };

/**
 * Spaces sends so that every key (a Teams conversation, a tenant, a Slack channel, the SMTP
 * server) stays within its limit: a generic cell-rate algorithm that hands out time slots. A send
 * that needs several keys gets the earliest slot all of them allow, and reserves it in each, so
 * queued sends pace themselves instead of hitting 429s. A 429 pushes the key's next slot past its
 * Retry-After.
 */
export class RateLimiter {
  /** Per key: the theoretical arrival time of the next send (ms). */
  private readonly next = new Map<string, number>();

  constructor(private readonly limitFor: (key: string) => RateLimit | undefined) {}

  /** When a send on all the keys could go, without reserving it. */
  peek(keys: readonly string[], now: number): number {
    let at = now;
    for (const key of keys) {
      const limit = this.limitFor(key);
      if (!limit) continue;
      const interval = 1000 / limit.perSecond;
      const tolerance = interval * ((limit.burst ?? 1) - 1);
      at = Math.max(at, (this.next.get(key) ?? now) - tolerance);
    }
    return at;
  }

  /**
   * Reserves a slot for a send on all the keys; returns when (ms since epoch) it may go. With
   * `latest`, a slot after it is not reserved (undefined): a reservation that is not used would
   * still push every later send back.
   */
  reserve(keys: readonly string[], now: number, latest?: number): number | undefined;
  reserve(keys: readonly string[], now: number): number;
  reserve(keys: readonly string[], now: number, latest?: number): number | undefined {
    const at = this.peek(keys, now);
    if (latest !== undefined && at > latest) return undefined;
    for (const key of keys) {
      const limit = this.limitFor(key);
      if (!limit) continue;
      this.next.set(key, Math.max(this.next.get(key) ?? at, at) + 1000 / limit.perSecond);
    }
    return at;
  }

  /**
   * Nothing more on this key before `until` (a 429's Retry-After), and no burst at it: the burst's
   * tolerance would otherwise let the first sends go before the pause ends.
   */
  pause(key: string, until: number): void {
    const limit = this.limitFor(key);
    const tolerance = limit ? (1000 / limit.perSecond) * ((limit.burst ?? 1) - 1) : 0;
    this.next.set(key, Math.max(this.next.get(key) ?? 0, until + tolerance));
  }

  /** Forgets keys idle for a while, so a long-running server does not collect every conversation. */
  prune(now: number, idleMs = 60_000): void {
    for (const [key, next] of this.next) if (next < now - idleMs) this.next.delete(key);
  }
}
