import type { AuditEntry, Destination } from '../contacts/index.js';
import type { DeliveryChannel, NoticeDelivery } from './delivery.js';
import type { Notice, NoticeKind } from './model.js';

/** A contact's choice of systems: all by default, less what they muted. */
export interface Subscription {
  readonly muted: readonly string[];
  readonly updatedAt: string;
}

/** Which notices a question is about; newest first. */
export interface NoticeQuery {
  readonly municipality?: string | undefined;
  readonly kind?: NoticeKind | undefined;
  readonly states?: readonly Notice['state'][] | undefined;
  /** true: archived ones only; false: not archived. */
  readonly archived?: boolean | undefined;
}

/** What the dispatcher may claim now. */
export interface DueDeliveryQuery {
  readonly now: Date;
  /** The channels it has a transport for. */
  readonly channels: readonly DeliveryChannel[];
  /** Deliveries it holds already (claimed, or settled but not stored yet). */
  readonly excluding: ReadonlySet<string>;
  /**
   * At most this many of each channel: one channel's backlog (a planned outage's 5 000 emails queued
   * first) must not hide another channel's due deliveries (the SMS of a disruption queued after it).
   */
  readonly limitPerChannel: number;
  /** Per channel, a limit of its own instead (what its rate groups have room for now). */
  readonly channelLimits?: Readonly<Partial<Record<DeliveryChannel, number>>> | undefined;
}

/** The thread of one notice to one recipient. */
export interface ThreadRef {
  readonly noticeId: string;
  readonly recipient: string;
}

/** The questions asked of notices, inside a unit of work or outside one. */
export interface NoticesReader {
  notice(id: string): Promise<Notice | undefined>;
  findNotices(query: NoticeQuery): Promise<readonly Notice[]>;
  /** One notice's part of the outbox, in the order it was planned. */
  deliveries(noticeId: string): Promise<readonly NoticeDelivery[]>;
  /**
   * The deliveries to send now: pending, due, not claimed, and each the earliest pending one of its
   * thread (a recipient's messages go in order). Retries first, then by due time and age.
   */
  dueDeliveries(query: DueDeliveryQuery): Promise<readonly NoticeDelivery[]>;
  /** The sent deliveries of these threads (what each recipient was told already). */
  sentInThreads(threads: readonly ThreadRef[]): Promise<readonly NoticeDelivery[]>;
  /** The subscriptions of these contacts (absent: they follow everything). */
  subscriptions(contactIds: readonly string[]): Promise<ReadonlyMap<string, Subscription>>;
  /**
   * Where a municipality's notices may go in chat: its active notice channels, and the active
   * personal chats installed by these users (actor keys).
   */
  noticeDestinations(municipality: string, installers: readonly string[]): Promise<readonly Destination[]>;
}

export interface NoticesTransaction extends NoticesReader {
  /**
   * The notice, held against every other change of it until this unit of work ends: a change, a
   * reminder or an archiving made by two instances at once happens once, the second on the first's
   * result.
   */
  lockNotice(id: string): Promise<Notice | undefined>;
  putNotice(notice: Notice): Promise<void>;
  /** Removes a notice (only drafts are ever removed). */
  removeNotice(id: string): Promise<void>;
  putDeliveries(deliveries: readonly NoticeDelivery[]): Promise<void>;
  /** Removes outbox rows (an archived notice's). */
  removeDeliveries(ids: readonly string[]): Promise<void>;
  /**
   * Claims these deliveries until `claimedUntil` (an attempt counted), those still pending, due and
   * unclaimed at `now`; returns the claimed rows.
   */
  claimDeliveries(ids: readonly string[], claim: { readonly now: Date; readonly claimedUntil: string }): Promise<readonly NoticeDelivery[]>;
  /**
   * Writes each claimed delivery's outcome (`next`) only while the claim is still the claimer's:
   * the row still carries the lease and attempt count it was claimed with (`claimed`). A claim that
   * expired and was taken by another dispatcher is left to that one. Returns the ids written.
   */
  settleDeliveries(outcomes: ReadonlyArray<{ readonly claimed: NoticeDelivery; readonly next: NoticeDelivery }>): Promise<readonly string[]>;
  /**
   * Withdraws these deliveries, those still pending and unclaimed at `now`, with why
   * (`lastError`); returns the ids withdrawn. A delivery claimed meanwhile (by another instance,
   * after this unit of work read it) is left to its claimer, who sends it and writes its outcome.
   */
  withdrawDeliveries(ids: readonly string[], withdrawal: { readonly now: Date; readonly lastError: string }): Promise<readonly string[]>;
  putSubscription(contactId: string, subscription: Subscription): Promise<void>;
  /** Marks a destination as gone (the platform said 403/404): nothing more is sent there. */
  deactivateDestination(key: string, at: string): Promise<void>;
  /** The next number in a series (1, 2, …), reserved by this unit of work. */
  nextNumber(series: string): Promise<number>;
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>;
}

/** Storage for notices and their deliveries; `write` is atomic (a notice, its deliveries and its audit entry land together). */
export interface NoticesRepository extends NoticesReader {
  write<T>(change: (transaction: NoticesTransaction) => Promise<T>): Promise<T>;
}
