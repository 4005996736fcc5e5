import type { OutboxEntry, Ticket, TicketsTransaction, TicketsView } from '../tickets/index.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData } from './schema.js';

export function ticketsView(data: Readonly<StoreData>): TicketsView {
  return {
    tickets: () => Object.values(data.tickets) as Ticket[],
    outbox: () => Object.values(data.outbox) as OutboxEntry[],
  };
}

/** A unit of work on tickets: changes are applied on commit only, so a failure changes nothing. */
export class TicketsTransactionImpl extends UnitOfWork implements TicketsTransaction {
  private readonly ticketChanges = new Map<string, Ticket>();
  private readonly outboxChanges = new Map<string, OutboxEntry>();

  tickets(): readonly Ticket[] {
    return Object.values({ ...(this.data.tickets as Record<string, Ticket>), ...Object.fromEntries(this.ticketChanges) });
  }

  outbox(): readonly OutboxEntry[] {
    return Object.values({ ...(this.data.outbox as Record<string, OutboxEntry>), ...Object.fromEntries(this.outboxChanges) });
  }

  putTicket(ticket: Ticket): void {
    this.ticketChanges.set(ticket.id, ticket);
  }

  putOutbox(entry: OutboxEntry): void {
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
