import type { Destination } from '../contacts/index.js';
import type { DueDeliveryQuery, Notice, NoticeDelivery, NoticeQuery, NoticesReader, NoticesTransaction, Subscription, ThreadRef } from '../notices/index.js';
import { noteRemoved, noteStored, pendingRows, threadIds } from './delivery-threads.js';
import { claimedAt, firstPendingOf, noticeDestinations, selectDueDeliveries, selectNotices, sentOf, threadKeyOf } from './lowdb-queries.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData, StoredDelivery } from './schema.js';

function subscriptionsOf(data: Readonly<StoreData>, contactIds: readonly string[], overlay?: ReadonlyMap<string, Subscription>): Map<string, Subscription> {
  const found = new Map<string, Subscription>();
  for (const id of contactIds) {
    const subscription = overlay?.get(id) ?? data.subscriptions[id];
    if (subscription) found.set(id, subscription);
  }
  return found;
}

/** Notices' questions answered over the store's data, read-only. */
export function noticesReader(read: () => Readonly<StoreData>): NoticesReader {
  const deliveries = (): NoticeDelivery[] => Object.values(read().noticeDeliveries) as NoticeDelivery[];
  return {
    notice: async (id) => read().notices[id] as Notice | undefined,
    findNotices: async (query) => selectNotices(Object.values(read().notices) as Notice[], query),
    deliveries: async (noticeId) => deliveries().filter((delivery) => delivery.noticeId === noticeId),
    dueDeliveries: async (query) => {
      const stored = read().noticeDeliveries;
      // A thread's earliest pending row, by the thread index: most threads have one row.
      const isFirstOfThread = (delivery: NoticeDelivery): boolean => {
        const ids = threadIds(stored, delivery);
        return ids.length === 1 || firstPendingOf(ids.map((id) => stored[id] as NoticeDelivery)) === delivery;
      };
      return selectDueDeliveries(pendingRows(stored), query, isFirstOfThread);
    },
    sentInThreads: async (threads) => {
      const stored = read().noticeDeliveries;
      return sentOf(threads.flatMap((thread) => threadIds(stored, thread).map((id) => stored[id] as NoticeDelivery)));
    },
    subscriptions: async (contactIds) => subscriptionsOf(read(), contactIds),
    noticeDestinations: async (municipality, installers) => noticeDestinations(Object.values(read().destinations) as Destination[], municipality, installers),
  };
}

/** A unit of work on notices: changes are applied on commit only; reads see them. */
export class NoticesTransactionImpl extends UnitOfWork implements NoticesTransaction {
  private readonly changes = new Map<string, Notice>();
  private readonly removals = new Set<string>();
  private readonly deliveryChanges = new Map<string, NoticeDelivery>();
  private readonly deliveryRemovals = new Set<string>();
  private readonly subscriptionChanges = new Map<string, Subscription>();
  private readonly deactivations = new Map<string, string>();
  /** The rows this unit of work adds (not stored yet), by thread: built when asked, dropped on every put or removal. */
  private newByThread: Map<string, NoticeDelivery[]> | undefined;

  private notices(): Notice[] {
    return Object.values({ ...(this.data.notices as Record<string, Notice>), ...Object.fromEntries(this.changes) }).filter((notice) => !this.removals.has(notice.id));
  }

  /** Every outbox row as this unit of work sees it. */
  private allDeliveries(): NoticeDelivery[] {
    const stored = Object.values(this.data.noticeDeliveries) as NoticeDelivery[];
    if (this.deliveryChanges.size === 0 && this.deliveryRemovals.size === 0) return stored;
    return [...stored.filter((delivery) => !this.deliveryChanges.has(delivery.id) && !this.deliveryRemovals.has(delivery.id)), ...this.deliveryChanges.values()];
  }

  private delivery(id: string): NoticeDelivery | undefined {
    if (this.deliveryRemovals.has(id)) return undefined;
    return this.deliveryChanges.get(id) ?? (this.data.noticeDeliveries[id] as NoticeDelivery | undefined);
  }

  async notice(id: string): Promise<Notice | undefined> {
    if (this.removals.has(id)) return undefined;
    return this.changes.get(id) ?? (this.data.notices[id] as Notice | undefined);
  }

  /** Units of work run one at a time here: reading is holding. */
  lockNotice(id: string): Promise<Notice | undefined> {
    return this.notice(id);
  }

  async findNotices(query: NoticeQuery): Promise<readonly Notice[]> {
    return selectNotices(this.notices(), query);
  }

  async deliveries(noticeId: string): Promise<readonly NoticeDelivery[]> {
    return this.allDeliveries().filter((delivery) => delivery.noticeId === noticeId);
  }

  async dueDeliveries(query: DueDeliveryQuery): Promise<readonly NoticeDelivery[]> {
    return selectDueDeliveries(this.allDeliveries(), query);
  }

  async sentInThreads(threads: readonly ThreadRef[]): Promise<readonly NoticeDelivery[]> {
    return sentOf(threads.flatMap((thread) => this.threadRows(thread)));
  }

  /** The rows of one thread as this unit of work sees them: by the store's thread index, with its own changes. */
  private threadRows(thread: ThreadRef): NoticeDelivery[] {
    const rows: NoticeDelivery[] = [];
    for (const id of threadIds(this.data.noticeDeliveries, thread)) {
      const delivery = this.delivery(id);
      if (delivery) rows.push(delivery);
    }
    for (const delivery of this.newDeliveries().get(threadKeyOf(thread)) ?? []) rows.push(delivery);
    return rows;
  }

  private newDeliveries(): Map<string, NoticeDelivery[]> {
    if (!this.newByThread) {
      this.newByThread = new Map();
      for (const delivery of this.deliveryChanges.values()) {
        if (this.data.noticeDeliveries[delivery.id]) continue;
        const key = threadKeyOf(delivery);
        const rows = this.newByThread.get(key);
        if (rows) rows.push(delivery);
        else this.newByThread.set(key, [delivery]);
      }
    }
    return this.newByThread;
  }

  async subscriptions(contactIds: readonly string[]): Promise<ReadonlyMap<string, Subscription>> {
    return subscriptionsOf(this.data, contactIds, this.subscriptionChanges);
  }

  async noticeDestinations(municipality: string, installers: readonly string[]): Promise<readonly Destination[]> {
    const destinations = (Object.values(this.data.destinations) as Destination[]).map((destination) => (this.deactivations.has(destination.key) ? { ...destination, inactiveSince: this.deactivations.get(destination.key)! } : destination));
    return noticeDestinations(destinations, municipality, installers);
  }

  async claimDeliveries(ids: readonly string[], claim: { readonly now: Date; readonly claimedUntil: string }): Promise<readonly NoticeDelivery[]> {
    // Only a thread's earliest pending row may be claimed. Decided before any claim is laid over
    // the rows, as the claims do not change which row is first.
    const isFirstOfThread = (delivery: NoticeDelivery): boolean => firstPendingOf(this.threadRows(delivery))?.id === delivery.id;
    const claimed: NoticeDelivery[] = [];
    for (const id of ids) {
      const delivery = this.delivery(id);
      if (!delivery || delivery.status !== 'pending' || claimedAt(delivery, claim.now) || new Date(delivery.notBefore).getTime() > claim.now.getTime()) continue;
      if (!isFirstOfThread(delivery)) continue;
      claimed.push({ ...delivery, attempts: delivery.attempts + 1, claimedUntil: claim.claimedUntil });
    }
    await this.putDeliveries(claimed);
    return claimed;
  }

  async settleDeliveries(outcomes: ReadonlyArray<{ readonly claimed: NoticeDelivery; readonly next: NoticeDelivery }>): Promise<readonly string[]> {
    const settled: NoticeDelivery[] = [];
    for (const { claimed, next } of outcomes) {
      const current = this.delivery(claimed.id);
      if (current && current.claimedUntil === claimed.claimedUntil && current.attempts === claimed.attempts) settled.push(next);
    }
    await this.putDeliveries(settled);
    return settled.map((delivery) => delivery.id);
  }

  async withdrawDeliveries(ids: readonly string[], withdrawal: { readonly now: Date; readonly lastError: string }): Promise<readonly string[]> {
    const withdrawn: NoticeDelivery[] = [];
    for (const id of ids) {
      const delivery = this.delivery(id);
      if (delivery && delivery.status === 'pending' && !claimedAt(delivery, withdrawal.now)) withdrawn.push({ ...delivery, status: 'withdrawn', lastError: withdrawal.lastError });
    }
    await this.putDeliveries(withdrawn);
    return withdrawn.map((delivery) => delivery.id);
  }

  async putNotice(notice: Notice): Promise<void> {
    this.removals.delete(notice.id);
    this.changes.set(notice.id, notice);
  }

  async removeNotice(id: string): Promise<void> {
    this.changes.delete(id);
    this.removals.add(id);
  }

  async putDeliveries(deliveries: readonly NoticeDelivery[]): Promise<void> {
    this.newByThread = undefined;
    for (const delivery of deliveries) {
      this.deliveryRemovals.delete(delivery.id);
      this.deliveryChanges.set(delivery.id, delivery);
    }
  }

  async removeDeliveries(ids: readonly string[]): Promise<void> {
    this.newByThread = undefined;
    for (const id of ids) {
      this.deliveryChanges.delete(id);
      this.deliveryRemovals.add(id);
    }
  }

  async putSubscription(contactId: string, subscription: Subscription): Promise<void> {
    this.subscriptionChanges.set(contactId, subscription);
  }

  async deactivateDestination(key: string, at: string): Promise<void> {
    this.deactivations.set(key, at);
  }

  /**
   * A claim or a batch of outcomes changes outbox rows only: those can go to the journal. A removal
   * cannot (the journal only carries upserts): the store file is written whole, without the rows.
   */
  override journalRows(): readonly StoredDelivery[] | undefined {
    if (this.hasChangesBeyondDeliveries() || this.deliveryRemovals.size > 0 || this.takesNumbersOrAudit()) return undefined;
    return [...this.deliveryChanges.values()] as StoredDelivery[];
  }

  protected hasOwnChanges(): boolean {
    return this.deliveryChanges.size > 0 || this.deliveryRemovals.size > 0 || this.hasChangesBeyondDeliveries();
  }

  private hasChangesBeyondDeliveries(): boolean {
    return this.changes.size > 0 || this.removals.size > 0 || this.subscriptionChanges.size > 0 || this.deactivations.size > 0;
  }

  protected applyChanges(): void {
    for (const [id, notice] of this.changes) this.data.notices[id] = notice as StoreData['notices'][string];
    for (const id of this.removals) delete this.data.notices[id];
    const deliveries = this.data.noticeDeliveries;
    for (const [id, delivery] of this.deliveryChanges) {
      deliveries[id] = delivery as StoredDelivery;
      noteStored(deliveries, delivery as StoredDelivery);
    }
    for (const id of this.deliveryRemovals) {
      const removed = deliveries[id];
      if (!removed) continue;
      delete deliveries[id];
      noteRemoved(deliveries, removed);
    }
    for (const [id, subscription] of this.subscriptionChanges) this.data.subscriptions[id] = { muted: [...subscription.muted], updatedAt: subscription.updatedAt };
    for (const [key, at] of this.deactivations) {
      const destination = this.data.destinations[key];
      if (destination) this.data.destinations[key] = { ...destination, inactiveSince: at };
    }
  }
}
