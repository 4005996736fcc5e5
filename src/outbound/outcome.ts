import { isSendFailure } from '../errors/index.js';
import type { Address, EmailAddress, SmsNumber } from './address.js';
import type { RateKey } from './rate.js';

/** Where a message went: its conversation (or "email", "sms") and the channel's id for it. */
export interface SentRef {
  readonly conversationId: string;
  readonly messageId: string;
}

/**
 * What became of one send, in terms every caller acts on the same way:
 * - `sent`: the channel took it; `ref` names it (to thread under it or replace it later).
 * - `retry`: not now; `afterSeconds` when the channel said how long (a 429's Retry-After), else
 *   the retry policy's backoff decides (a 5xx, a timeout, a refused connection).
 * - `gone`: the conversation, person or number is no longer there; stop sending to it.
 * - `refused`: this message can never go as it is (a 400, an invalid address); the reason says why.
 */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly ref: SentRef }
  | { readonly kind: 'retry'; readonly reason: string; readonly afterSeconds?: number | undefined }
  | { readonly kind: 'gone'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * The one outbound contract of every channel (Teams, Slack, email, SMS): send once, without
 * waiting or retrying inside (the caller's retry policy owns that), and say what became of it.
 * It never throws for a failure of the send; a throw is a bug.
 */
export interface OutboundChannel<A extends Address, M> {
  /** What a send to the address counts against, widest first (see RateKey). */
  rateKeys(address: A): readonly RateKey[];
  /** Sends the message; with `thread`, under the message it names (a reply in its thread). */
  send(address: A, message: M, options?: { readonly thread?: SentRef | undefined }): Promise<SendOutcome>;
  /** Replaces a message sent earlier, in place; absent where the channel cannot (email, SMS). */
  replace?(address: A, sent: SentRef, message: M): Promise<SendOutcome>;
}

/** A thrown send failure as an outcome: what adapters that fail by throwing SendFailure return. */
export function outcomeOfError(error: unknown): SendOutcome {
  const reason = error instanceof Error ? error.message : String(error);
  if (!isSendFailure(error)) return { kind: 'retry', reason };
  switch (error.kind) {
    case 'rate-limited':
      return { kind: 'retry', reason, afterSeconds: (error.details.retryAfterMs ?? 1_000) / 1000 };
    case 'transient':
      return { kind: 'retry', reason };
    case 'gone':
      return { kind: 'gone', reason };
    case 'rejected':
      return { kind: 'refused', reason };
  }
}

/** Runs a send that fails by throwing SendFailure, and returns its outcome. */
export async function outcomeOf(send: () => Promise<SentRef>): Promise<SendOutcome> {
  try {
    return { kind: 'sent', ref: await send() };
  } catch (error) {
    return outcomeOfError(error);
  }
}

/** An email ready for an email channel: threaded under earlier ones by In-Reply-To and References. */
export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
  /** Stable per outbox entry (see messageIdFor), so a resend is recognisable as the same message. */
  readonly messageId: string;
  readonly inReplyTo?: string | undefined;
  readonly references?: readonly string[] | undefined;
  /** Where a reply goes, when not to the From (the requester, or the bot's ticket mailbox). */
  readonly replyTo?: string | undefined;
}

/** An SMS ready for an SMS channel; the reference is the same on a resend, so a gateway can drop duplicates. */
export interface SmsMessage {
  readonly text: string;
  readonly reference: string;
}

/** Email as a channel, with what a pool of connections needs: how many sends it carries at once, and closing. */
export interface EmailChannel extends OutboundChannel<EmailAddress, EmailMessage> {
  /** Sends it can carry at once (the pool's connections); more would queue inside it. */
  readonly maxInFlight: number;
  close(): void;
}

export type SmsChannel = OutboundChannel<SmsNumber, SmsMessage>;
