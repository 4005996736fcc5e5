import type { DeliveryChannel } from './delivery.js';

/** Candidates asked for beyond what a channel's known rate groups have room for. */
const CANDIDATES_BEYOND_ROOM = 50;

/**
 * When the running dispatcher asks the store for due deliveries. A look costs a query of the due
 * rows (and on the embedded store a walk of the pending ones), so it is made when it can find work
 * to do, not on every tick:
 * - when woken: something was queued, or a time it was told of has come (a 429's
 *   pause ends; see `wakeIn`);
 * - when a rate group it sends for has used up half of what it claimed, and is not paused, and its
 *   last look did not come back with less than it had room for (then nothing more of it was due);
 * - and at least every `pollMs`, which finds whatever the others do not say (another process's
 *   rows, a claim that expired).
 * Each group holds about three seconds of its sends (the dispatcher's capacity), so looking when
 * half is left keeps every group busy with a look every second or two instead of four a second.
 */
export class ClaimTiming {
  private lastLookAt = Number.NEGATIVE_INFINITY;
  /** Claimed and not settled, per rate group. */
  private readonly held = new Map<string, number>();
  /** Groups whose last look left them room: nothing more of them was due then. */
  private readonly exhausted = new Set<string>();
  private woken = true;
  /** The channel of each rate group claimed from so far. */
  private readonly channels = new Map<string, DeliveryChannel>();
  /** Times told of, each a timer that wakes the dispatcher: one per 50 ms step. */
  private readonly timers = new Map<number, NodeJS.Timeout>();

  /** `onTime` is called when a time told of by `wakeIn` has come. */
  constructor(
    private readonly pollMs: number,
    private readonly onTime: () => void,
  ) {}

  /** Wakes the dispatcher in `delayMs` (a retry falls due, a 429's pause ends), so it looks then. */
  wakeIn(delayMs: number, now: number): void {
    // Further off than a poll or two: the polls find it.
    if (delayMs > 2 * this.pollMs) return;
    const step = Math.ceil((now + Math.max(0, delayMs)) / 50);
    if (this.timers.has(step)) return;
    const timer = setTimeout(() => {
      this.timers.delete(step);
      this.wake();
      this.onTime();
    }, Math.max(0, step * 50 - now));
    timer.unref();
    this.timers.set(step, timer);
  }

  /** Forgets every time told of (stopping). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Something may be due now (queued, or a time told of has come). */
  wake(): void {
    this.woken = true;
  }

  hold(group: string, channel: DeliveryChannel): void {
    this.held.set(group, (this.held.get(group) ?? 0) + 1);
    this.channels.set(group, channel);
  }

  /**
   * Per channel whose rate groups are known (they were claimed from before): the candidates worth
   * asking the store for, what those groups have room for and a few more (rows of a group not
   * known yet, a thread's later row), instead of a fixed thousand whose most rows are read and
   * checked only to be left.
   */
  channelLimits(capacity: (group: string) => number): Partial<Record<DeliveryChannel, number>> {
    const limits: Partial<Record<DeliveryChannel, number>> = {};
    for (const [group, channel] of this.channels) limits[channel] = (limits[channel] ?? CANDIDATES_BEYOND_ROOM) + Math.max(0, capacity(group) - this.heldOf(group));
    return limits;
  }

  release(group: string): void {
    const left = (this.held.get(group) ?? 1) - 1;
    if (left > 0) this.held.set(group, left);
    else this.held.delete(group);
  }

  /** How many of the group are claimed and not settled. */
  heldOf(group: string): number {
    return this.held.get(group) ?? 0;
  }

  /** Whether to look now; `capacity` is what a group may hold, `paused` whether a 429 stops it now. */
  shouldLook(now: number, capacity: (group: string) => number, paused: (group: string) => boolean): boolean {
    if (this.woken || now - this.lastLookAt >= this.pollMs) return true;
    for (const [group, held] of this.held) {
      if (!this.exhausted.has(group) && held * 2 <= capacity(group) && !paused(group)) return true;
    }
    return false;
  }

  /** A look was made and what it found is held: a group that still has room had nothing more due. */
  looked(now: number, capacity: (group: string) => number): void {
    this.lastLookAt = now;
    this.woken = false;
    this.exhausted.clear();
    for (const [group, held] of this.held) if (held < capacity(group)) this.exhausted.add(group);
  }
}
