import type { DueOutboxQuery, OutboxEntry, Ticket, TicketQuery, TicketsReader, TicketsTransaction } from '../tickets/index.js';
import { nextDueOutbox, selectTickets, ticketInThread } from './lowdb-queries.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData } from './schema.js';

/** Tickets' questions answered over the store's data, read-only. */
export function ticketsReader(read: () => Readonly<StoreData>): TicketsReader {
  return {
    ticket: async (id) => read().tickets[id] as Ticket | undefined,
    findTickets: async (query) => selectTickets(Object.values(read().tickets) as Ticket[], query),
    ticketByStaffThread: async (destinationKey, threadId) => (Object.values(read().tickets) as Ticket[]).find((ticket) => ticketInThread(ticket, destinationKey, threadId)),
    outboxOf: async (ticketId) => Object.values(read().outbox).filter((entry) => entry.ticketId === ticketId),
  };
}

/** A unit of work on tickets: changes are applied on commit only, so a failure changes nothing. */
export class TicketsTransactionImpl extends UnitOfWork implements TicketsTransaction {
  private readonly ticketChanges = new Map<string, Ticket>();
  private readonly outboxChanges = new Map<string, OutboxEntry>();

  private tickets(): Ticket[] {
    return Object.values({ ...(this.data.tickets as Record<string, Ticket>), ...Object.fromEntries(this.ticketChanges) });
  }

  private outbox(): OutboxEntry[] {
    return Object.values({ ...(this.data.outbox as Record<string, OutboxEntry>), ...Object.fromEntries(this.outboxChanges) });
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    return this.ticketChanges.get(id) ?? (this.data.tickets[id] as Ticket | undefined);
  }

  async findTickets(query: TicketQuery): Promise<readonly Ticket[]> {
    return selectTickets(this.tickets(), query);
  }

  async ticketByStaffThread(destinationKey: string, threadId: string): Promise<Ticket | undefined> {
    return this.tickets().find((ticket) => ticketInThread(ticket, destinationKey, threadId));
  }

  async outboxOf(ticketId: string): Promise<readonly OutboxEntry[]> {
    return this.outbox().filter((entry) => entry.ticketId === ticketId);
  }

  async nextDueOutbox(query: DueOutboxQuery): Promise<OutboxEntry | undefined> {
    return nextDueOutbox(this.outbox(), query);
  }

  async settleOutbox(claimed: OutboxEntry, next: OutboxEntry): Promise<boolean> {
    const current = this.outboxChanges.get(claimed.id) ?? this.data.outbox[claimed.id];
    if (!current || current.nextAttemptAt !== claimed.nextAttemptAt || current.attempts !== claimed.attempts) return false;
    await this.putOutbox(next);
    return true;
  }

  async putTicket(ticket: Ticket): Promise<void> {
    this.ticketChanges.set(ticket.id, ticket);
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    this.outboxChanges.set(entry.id, entry);
  }

  protected hasOwnChanges(): boolean {
    return this.ticketChanges.size > 0 || this.outboxChanges.size > 0;
  }

  protected applyChanges(): void {
    for (const [id, ticket] of this.ticketChanges) this.data.tickets[id] = ticket as StoreData['tickets'][string];
    for (const [id, entry] of this.outboxChanges) this.data.outbox[id] = entry;
  }
}
