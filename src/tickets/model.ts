import type { ChatIdentity } from '../contacts/index.js';

export type TicketStatus = 'new' | 'in-progress' | 'waiting-for-requester' | 'resolved' | 'rejected';

/** A support ticket: what the routine required, who filed it, and what happened to it. */
export interface Ticket {
  /** Readable and unique per municipality and year: GBG-2026-0042. */
  readonly id: string;
  readonly municipality: string;
  readonly typeId: string;
  readonly title: string;
  readonly status: TicketStatus;
  /** The validated field values. Personal data lives here and only here. */
  readonly fields: Readonly<Record<string, string>>;
  readonly requester: {
    /** The principal label (for the audit log), e.g. "teams:tenant:user" or "cli:anna". */
    readonly label: string;
    readonly contactId: string | null;
    readonly name: string | null;
    readonly email: string | null;
    readonly identity: ChatIdentity | null;
    /** Where to tell the requester about changes (a destination key), when filed from chat. */
    readonly replyTo: string | null;
  };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: ReadonlyArray<{ readonly at: string; readonly by: string; readonly status: TicketStatus; readonly note: string | null }>;
  /** The requester's answer to "Blev det löst?" after resolution. */
  readonly rating: { readonly solved: boolean; readonly at: string } | null;
  /** Where the ticket was posted to staff: replies in these threads reach the requester. */
  readonly staffThreads: ReadonlyArray<{ readonly destinationKey: string; readonly threadId: string }>;
  /** The conversation between staff (in the thread) and the requester, relayed by the bot. */
  readonly messages: ReadonlyArray<{
    readonly at: string;
    readonly from: 'staff' | 'requester';
    readonly by: string;
    readonly text: string;
    /** The Message-ID of the email it came in, so the same email is recorded once. */
    readonly emailId?: string | undefined;
  }>;
}

/** One message that must leave the building, durably queued with its ticket. */
export interface OutboxEntry {
  /** Idempotency key: the same ticket and channel never produce two entries. */
  readonly id: string;
  readonly ticketId: string;
  readonly channel: 'email' | 'staff-channel' | 'requester';
  /** The email address, the municipality for the staff channel, or the history step the requester is told about. */
  readonly target: string;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly sentAt: string | null;
}
