import type { PlatformAdapterOptions } from '../../src/bot/index.js';
import type { Logger } from '../../src/log/index.js';

/**
 * The Events API ids seen lately, so a retried or replayed event is acknowledged but not answered a
 * second time. Bounded: Slack retries within minutes, so the oldest ids are forgotten first once
 * `capacity` is reached and memory stays flat however long the process runs.
 */
export class RecentEventIds {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** True the first time an id is offered, false for every repeat still remembered. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) {
      // A Set iterates in insertion order: the first value is the oldest.
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

/** How long an event id is remembered in the store: Slack retries three times within minutes. */
export const SEEN_EVENT_MS = 60 * 60_000;

/**
 * Whether an event id is new: asked of the store when it keeps the inbound memory (so an event
 * retried to another instance is answered once), else of this process's memory. When the store
 * cannot say, the event is answered: twice is better than never.
 */
export function firstSlackEvent(options: Pick<PlatformAdapterOptions, 'seenInbound'>, memory: RecentEventIds, now: () => Date, logger: Logger): (eventId: string) => Promise<boolean> {
  const store = options.seenInbound;
  if (!store) return async (eventId) => memory.firstTime(eventId);
  return async (eventId) => {
    const at = now();
    try {
      return await store.firstTime(`slack:${eventId}`, { now: at, expiresAt: new Date(at.getTime() + SEEN_EVENT_MS) });
    } catch (error) {
      logger.warn({ err: error, eventId }, 'slack: could not check whether the event was answered already; answering it');
      return true;
    }
  };
}
