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
