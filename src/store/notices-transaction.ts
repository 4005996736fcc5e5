import type { Destination } from '../contacts/index.js';
import type { Notice, NoticeDelivery, NoticesTransaction, NoticesView, Subscription } from '../notices/index.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData, StoredDelivery } from './schema.js';

/** Notices as stored, read-only. */
export function noticesView(data: Readonly<StoreData>): NoticesView {
  return {
    notices: () => Object.values(data.notices) as Notice[],
    notice: (id) => data.notices[id] as Notice | undefined,
    deliveries: (noticeId) => {
      const all = Object.values(data.noticeDeliveries) as NoticeDelivery[];
      return noticeId === undefined ? all : all.filter((delivery) => delivery.noticeId === noticeId);
    },
    subscription: (contactId) => data.subscriptions[contactId],
    destinations: () => Object.values(data.destinations) as Destination[],
  };
}

/** A unit of work on notices: changes are applied on commit only. */
export class NoticesTransactionImpl extends UnitOfWork implements NoticesTransaction {
  private readonly changes = new Map<string, Notice>();
  private readonly removals = new Set<string>();
  private readonly deliveryChanges = new Map<string, NoticeDelivery>();
  private readonly deliveryRemovals = new Set<string>();
  private readonly subscriptionChanges = new Map<string, Subscription>();
  private readonly deactivations = new Map<string, string>();
  private readonly view = noticesView(this.data);

  notices(): readonly Notice[] {
    if (this.changes.size === 0 && this.removals.size === 0) return this.view.notices();
    return Object.values({ ...(this.data.notices as Record<string, Notice>), ...Object.fromEntries(this.changes) }).filter((notice) => !this.removals.has(notice.id));
  }

  notice(id: string): Notice | undefined {
    if (this.removals.has(id)) return undefined;
    return this.changes.get(id) ?? this.view.notice(id);
  }

  removeNotice(id: string): void {
    this.changes.delete(id);
    this.removals.add(id);
  }

  deliveries(noticeId?: string): readonly NoticeDelivery[] {
    const stored = this.view.deliveries(noticeId);
    if (this.deliveryChanges.size === 0 && this.deliveryRemovals.size === 0) return stored;
    const changed = [...this.deliveryChanges.values()].filter((delivery) => noticeId === undefined || delivery.noticeId === noticeId);
    return [...stored.filter((delivery) => !this.deliveryChanges.has(delivery.id) && !this.deliveryRemovals.has(delivery.id)), ...changed];
  }

  subscription(contactId: string): Subscription | undefined {
    return this.subscriptionChanges.get(contactId) ?? this.view.subscription(contactId);
  }

  destinations(): readonly Destination[] {
    return this.view.destinations().map((destination) => (this.deactivations.has(destination.key) ? { ...destination, inactiveSince: this.deactivations.get(destination.key)! } : destination));
  }

  putNotice(notice: Notice): void {
    this.changes.set(notice.id, notice);
  }

  putDeliveries(deliveries: readonly NoticeDelivery[]): void {
    for (const delivery of deliveries) {
      this.deliveryRemovals.delete(delivery.id);
      this.deliveryChanges.set(delivery.id, delivery);
    }
  }

  removeDeliveries(ids: readonly string[]): void {
    for (const id of ids) {
      this.deliveryChanges.delete(id);
      this.deliveryRemovals.add(id);
    }
  }

  putSubscription(contactId: string, subscription: Subscription): void {
    this.subscriptionChanges.set(contactId, subscription);
  }

  deactivateDestination(key: string, at: string): void {
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
    for (const [id, delivery] of this.deliveryChanges) this.data.noticeDeliveries[id] = delivery as StoreData['noticeDeliveries'][string];
    for (const id of this.deliveryRemovals) delete this.data.noticeDeliveries[id];
    for (const [id, subscription] of this.subscriptionChanges) this.data.subscriptions[id] = { muted: [...subscription.muted], updatedAt: subscription.updatedAt };
    for (const [key, at] of this.deactivations) {
      const destination = this.data.destinations[key];
      if (destination) this.data.destinations[key] = { ...destination, inactiveSince: at };
    }
  }
}
