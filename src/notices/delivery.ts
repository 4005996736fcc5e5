import { createHash } from 'node:crypto';
import type { Address } from '../outbound/index.js';

/** Why a notice message is sent. */
export type NoticePurpose = 'publish' | 'update' | 'correction' | 'reminder' | 'cancel';

/** How a notice reaches a recipient; a municipality's rules say which ones each kind uses. */
export type DeliveryChannel = 'chat' | 'email' | 'sms';

/**
 * pending: waiting (or being sent); sent: the platform took it; failed: dead letter, with the
 * reason (refused, gone, or gave up after retrying); withdrawn: stopped before it went out (the
 * notice was cancelled or superseded first).
 */
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'withdrawn';

/** Where a message went: a chat message (conversation and id), an email's Message-ID, an SMS gateway's id. */
export interface PostedRef {
  readonly conversationId: string;
  readonly messageId: string;
}

/**
 * One message of one notice to one recipient on one channel: a row of the durable outbox. Its id
 * is the idempotency key: the same notice, revision, channel and recipient always make the same id,
 * so planning a fan-out twice (after a crash) adds nothing, and email and the SMS gateway get it
 * as Message-ID and reference.
 */
export interface NoticeDelivery {
  readonly id: string;
  readonly noticeId: string;
  readonly municipality: string;
  readonly purpose: NoticePurpose;
  /** The notice's sequence when this was planned. */
  readonly revision: number;
  /** For reminders: how many hours before the start it was meant for. */
  readonly reminderHours: number | null;
  readonly channel: DeliveryChannel;
  /** Who, unique per channel: the address's recipientKey, kept as it was planned (the id is made from it). */
  readonly recipient: string;
  /** Where to send. */
  readonly address: Address;
  /** Who it is for, as reports show it (personal data masked). */
  readonly label: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** Not to be tried before this (backoff, Retry-After, a rate limit's slot). */
  readonly notBefore: string;
  /** Being sent by a dispatcher until then; a crashed sender's claim simply expires. */
  readonly claimedUntil: string | null;
  readonly lastError: string | null;
  readonly sentAt: string | null;
  readonly posted: PostedRef | null;
  readonly createdAt: string;
}

/**
 * The idempotency key of a delivery: notice, event and recipient. The recipient is hashed, so the
 * key can be logged and handed to an SMS gateway without the address in it.
 */
export function deliveryId(parts: { noticeId: string; revision: number; purpose: NoticePurpose; reminderHours: number | null; channel: DeliveryChannel; recipient: string }): string {
  const event = parts.purpose === 'reminder' ? `reminder-${parts.reminderHours}h` : `${parts.purpose}-${parts.revision}`;
  return `${parts.noticeId}/${event}/${parts.channel}-${createHash('sha256').update(parts.recipient).digest('hex').slice(0, 16)}`;
}

/** Deliveries of one notice to one recipient share a thread: the first one sent starts it. */
export function threadKey(delivery: Pick<NoticeDelivery, 'noticeId' | 'recipient'>): string {
  return `${delivery.noticeId}/${delivery.recipient}`;
}

export function isClaimed(delivery: NoticeDelivery, now: Date): boolean {
  return delivery.claimedUntil !== null && new Date(delivery.claimedUntil).getTime() > now.getTime();
}
