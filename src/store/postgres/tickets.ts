import type { AuditEntry } from '../../contacts/index.js';
import type { DueOutboxQuery, OutboxEntry, Ticket, TicketQuery, TicketsTransaction } from '../../tickets/index.js';
import { recordSchemas } from '../schema.js';
import { Where } from './contacts.js';
import { appendAudit, nextNumber } from './shared.js';
import { docs, json, type Sql } from './sql.js';

/** Tickets and their outbox on PostgreSQL. */
export class PgTickets implements TicketsTransaction {
  constructor(private readonly sql: Sql) {}

  async ticket(id: string): Promise<Ticket | undefined> {
    return docs(recordSchemas.ticket, await this.sql('SELECT doc FROM tickets WHERE id = $1', [id]), 'tickets')[0] as Ticket | undefined;
  }

  async findTickets(query: TicketQuery): Promise<readonly Ticket[]> {
    const where = new Where();
    if (query.municipality !== undefined) where.add((p) => `municipality = ${p}`, query.municipality);
    if (query.status !== undefined) where.add((p) => `status = ${p}`, query.status);
    const visible = query.visibleTo;
    if (visible && visible.municipalities !== null) {
      where.values.push(visible.municipalities, visible.requesterLabel, visible.contactIds);
      const n = where.values.length;
      where.raw(`(municipality = ANY($${n - 2}::text[]) OR requester_label = $${n - 1} OR requester_contact_id = ANY($${n}::text[]))`);
    }
    let page = '';
    if (query.limit !== undefined) {
      where.values.push(query.limit);
      page += ` LIMIT $${where.values.length}`;
    }
    if (query.offset !== undefined) {
      where.values.push(query.offset);
      page += ` OFFSET $${where.values.length}`;
    }
    return docs(recordSchemas.ticket, await this.sql(`SELECT doc FROM tickets ${where} ORDER BY created_at, id${page}`, where.values), 'tickets') as Ticket[];
  }

  async ticketByStaffThread(destinationKey: string, threadId: string): Promise<Ticket | undefined> {
    const rows = await this.sql("SELECT doc FROM tickets WHERE doc -> 'staffThreads' @> $1::jsonb LIMIT 1", [json([{ destinationKey, threadId }])]);
    return docs(recordSchemas.ticket, rows, 'tickets')[0] as Ticket | undefined;
  }

  async outboxOf(ticketId: string): Promise<readonly OutboxEntry[]> {
    return docs(recordSchemas.outbox, await this.sql('SELECT doc FROM ticket_outbox WHERE ticket_id = $1 ORDER BY id', [ticketId]), 'ticket_outbox');
  }

  /** Locks the entry it returns (others skip it) until the unit of work ends. */
  async nextDueOutbox(query: DueOutboxQuery): Promise<OutboxEntry | undefined> {
    const where = new Where();
    where.raw("status = 'pending'");
    where.add((p) => `next_attempt_at <= ${p}`, query.now.toISOString());
    where.add((p) => `channel = ANY(${p}::text[])`, query.channels);
    if (query.ticketId !== undefined) where.add((p) => `ticket_id = ${p}`, query.ticketId);
    const rows = await this.sql(`SELECT doc FROM ticket_outbox ${where} ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`, where.values);
    return docs(recordSchemas.outbox, rows, 'ticket_outbox')[0];
  }

  async settleOutbox(claimed: OutboxEntry, next: OutboxEntry): Promise<boolean> {
    const rows = await this.sql(
      `UPDATE ticket_outbox SET status = $4, next_attempt_at = $5, doc = $6::jsonb
       WHERE id = $1 AND next_attempt_at = $2 AND (doc ->> 'attempts')::int = $3 RETURNING id`,
      [claimed.id, claimed.nextAttemptAt, claimed.attempts, next.status, next.nextAttemptAt, json(next)],
    );
    return rows.length > 0;
  }

  async putTicket(ticket: Ticket): Promise<void> {
    await this.sql(
      `INSERT INTO tickets (id, municipality, status, created_at, requester_label, requester_contact_id, doc) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (id) DO UPDATE SET municipality = EXCLUDED.municipality, status = EXCLUDED.status, created_at = EXCLUDED.created_at, requester_label = EXCLUDED.requester_label, requester_contact_id = EXCLUDED.requester_contact_id, doc = EXCLUDED.doc`,
      [ticket.id, ticket.municipality, ticket.status, ticket.createdAt, ticket.requester.label, ticket.requester.contactId, json(ticket)],
    );
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    await this.sql(
      `INSERT INTO ticket_outbox (id, ticket_id, channel, status, next_attempt_at, doc) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, next_attempt_at = EXCLUDED.next_attempt_at, doc = EXCLUDED.doc`,
      [entry.id, entry.ticketId, entry.channel, entry.status, entry.nextAttemptAt, json(entry)],
    );
  }

  nextNumber(series: string): Promise<number> {
    return nextNumber(this.sql, series);
  }

  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void> {
    return appendAudit(this.sql, entry);
  }
}
