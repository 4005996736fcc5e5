import type { AuditEntry, Destination } from '../contacts/index.js';
import type { NoticeDelivery } from './delivery.js';
import type { Notice } from './model.js';

/** A contact's choice of systems: all by default, less what they muted. */
export interface Subscription {
  readonly muted: readonly string[];
  readonly updatedAt: string;
}

/** What notices read: the notices, their outbox, subscriptions and the destinations to post to. */
export interface NoticesView {
  notices(): readonly Notice[];
  notice(id: string): Notice | undefined;
  /** The outbox, or one notice's part of it. */
  deliveries(noticeId?: string): readonly NoticeDelivery[];
  subscription(contactId: string): Subscription | undefined;
  destinations(): readonly Destination[];
}

export interface NoticesTransaction extends NoticesView {
  putNotice(notice: Notice): void;
  /** Removes a notice (only drafts are ever removed). */
  removeNotice(id: string): void;
  putDeliveries(deliveries: readonly NoticeDelivery[]): void;
  /** Removes outbox rows (an archived notice's). The store file is then written whole, never journalled. */
  removeDeliveries(ids: readonly string[]): void;
  putSubscription(contactId: string, subscription: Subscription): void;
  /** Marks a destination as gone (the platform said 403/404): nothing more is sent there. */
  deactivateDestination(key: string, at: string): void;
  /** The next number in a series (1, 2, …), reserved by this unit of work. */
  nextNumber(series: string): number;
  appendAudit(entry: Omit<AuditEntry, 'seq'>): void;
}

/** Storage for notices and their deliveries; `write` is atomic. */
export interface NoticesRepository {
  read<T>(query: (view: NoticesView) => T): T;
  write<T>(change: (transaction: NoticesTransaction) => T): Promise<T>;
}
