import type { AuditEntry } from '../contacts/index.js';
import type { OutboxEntry, Ticket, TicketStatus } from './model.js';

/** Whom a ticket is visible to: staff of its municipality, or the one who filed it. */
export interface TicketVisibility {
  /** The municipalities whose tickets are all visible; null: every municipality (an administrator). */
  readonly municipalities: readonly string[] | null;
  /** The principal label tickets were filed under. */
  readonly requesterLabel: string;
  /** Contact records of the principal: tickets filed for them are visible. */
  readonly contactIds: readonly string[];
}

/** Which tickets a question is about, oldest first, a page at a time. */
export interface TicketQuery {
  readonly municipality?: string | undefined;
  readonly status?: TicketStatus | undefined;
  readonly visibleTo?: TicketVisibility | undefined;
  /** At most this many (all when absent). */
  readonly limit?: number | undefined;
  /** Skip this many first. */
  readonly offset?: number | undefined;
}

/** The questions asked of tickets, inside a unit of work or outside one. */
export interface TicketsReader {
  ticket(id: string): Promise<Ticket | undefined>;
  /** Tickets by creation time (then id), oldest first. */
  findTickets(query: TicketQuery): Promise<readonly Ticket[]>;
  /** The ticket whose staff post started a thread. */
  ticketByStaffThread(destinationKey: string, threadId: string): Promise<Ticket | undefined>;
  /** A ticket's outbox entries. */
  outboxOf(ticketId: string): Promise<readonly OutboxEntry[]>;
}

/** What may be sent of the outbox: due pending entries of these channels (and one ticket's only, if given). */
export interface DueOutboxQuery {
  readonly now: Date;
  readonly channels: readonly OutboxEntry['channel'][];
  readonly ticketId?: string | undefined;
}

export interface TicketsTransaction extends TicketsReader {
  putTicket(ticket: Ticket): Promise<void>;
  putOutbox(entry: OutboxEntry): Promise<void>;
  /** The due pending entry that has waited longest, if any. */
  nextDueOutbox(query: DueOutboxQuery): Promise<OutboxEntry | undefined>;
  /**
   * Writes a claimed entry's outcome only while the claim is still the claimer's (the entry still
   * has the lease and attempt count it was claimed with); false when another sender took it since.
   */
  settleOutbox(claimed: OutboxEntry, next: OutboxEntry): Promise<boolean>;
  /** The next number in a municipality's series for a year (1, 2, …), reserved by this unit of work. */
  nextNumber(series: string): Promise<number>;
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>;
}

/** Storage for tickets and their outbox; `write` is atomic, so a ticket, its outbox entries and its audit entry land together. */
export interface TicketsRepository extends TicketsReader {
  write<T>(change: (transaction: TicketsTransaction) => Promise<T>): Promise<T>;
}
