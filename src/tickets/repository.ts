import type { AuditEntry } from '../contacts/index.js';
import type { OutboxEntry, Ticket } from './model.js';

export interface TicketsView {
  tickets(): readonly Ticket[];
  outbox(): readonly OutboxEntry[];
}

export interface TicketsTransaction extends TicketsView {
  putTicket(ticket: Ticket): void;
  putOutbox(entry: OutboxEntry): void;
  /** The next number in a municipality's series for a year (1, 2, …), reserved by this unit of work. */
  nextNumber(series: string): number;
  appendAudit(entry: Omit<AuditEntry, 'seq'>): void;
}

/** Storage for tickets and their outbox; `write` is atomic, so a ticket and its outbox entries land together. */
export interface TicketsRepository {
  read<T>(query: (view: TicketsView) => T): T;
  write<T>(change: (transaction: TicketsTransaction) => T): Promise<T>;
}
