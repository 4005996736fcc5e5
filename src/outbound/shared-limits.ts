import type { RateLimit } from './rate.js';

/**
 * How the servers that share one store keep the platforms' limits together. The embedded store has
 * one server per data directory, which has every limit to itself; on a shared database each live
 * instance takes an equal part of each limit, and a 429's pause, told by the one that got it, holds
 * for all. The store keeps what they share; the dispatcher asks on every send, so every answer comes
 * from memory (the store refreshes it in the background) and costs no round trip.
 */
export interface SharedLimits {
  /**
   * This instance's part of each limit now: 1 alone, 1/N among N live instances. 0 while it may not
   * send: it is not yet counted by every other instance (just started), or it has been out of touch
   * with the store so long that the others may no longer count it.
   */
  share(): number;
  /** The pauses set by a 429 anywhere that still hold: key → until (ms since the epoch, this process's clock). */
  pauses(): ReadonlyMap<string, number>;
  /** Tells every instance that the key is paused until `until` (ms since the epoch, this process's clock). */
  pause(key: string, until: number): Promise<void>;
}

const NO_PAUSES: ReadonlyMap<string, number> = new Map();

/** One server alone on its store: every limit is its own, and its pauses are kept by the dispatcher. */
export const ALONE: SharedLimits = {
  share: () => 1,
  pauses: () => NO_PAUSES,
  pause: async () => undefined,
};

/** A limit cut to an instance's part of it (the burst too: together they burst no more than one would). */
export function shareOf(limit: RateLimit, share: number): RateLimit {
  if (share >= 1) return limit;
  return { ...limit, perSecond: limit.perSecond * share, burst: Math.max(1, (limit.burst ?? 1) * share) };
}
