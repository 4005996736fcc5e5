import type { SeenInboundRepository } from '../contacts/index.js';

/**
 * The embedded store's inbound memory: in the process, since one server owns a data directory
 * (an event retried to the same server is all there is to catch). Bounded: expired keys go first,
 * then the oldest once `capacity` is reached, so memory stays flat however long the server runs.
 */
export class MemorySeenInbound implements SeenInboundRepository {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {}

  async firstTime(key: string, seen: { readonly now: Date; readonly expiresAt: Date }): Promise<boolean> {
    const until = this.seen.get(key);
    if (until !== undefined && until > seen.now.getTime()) return false;
    // Re-inserted so that the Map's insertion order stays oldest first.
    this.seen.delete(key);
    this.seen.set(key, seen.expiresAt.getTime());
    while (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}
