import type { AuditEntry, Contact, Destination, FeedbackEntry, RegistrationRequest, StaffMember, UserPreferences } from '../../contacts/index.js';
import type { Notice, NoticeDelivery } from '../../notices/index.js';
import type { OutboxEntry, Ticket } from '../../tickets/index.js';
import { LowdbStore } from '../lowdb-store.js';
import { PgContacts } from './contacts.js';
import { PgNotices } from './notices.js';
import type { PgStore } from './pg-store.js';
import { json, type Sql } from './sql.js';
import { PgTickets } from './tickets.js';

/** For each kind of record: how many the data directory had, and how many of them were new here. */
export type CopyReport = ReadonlyArray<{ readonly kind: string; readonly read: number; readonly copied: number }>;

const TABLES = ['contacts', 'staff', 'registrations', 'audit', 'tickets', 'ticket_outbox', 'notices', 'notice_deliveries', 'subscriptions', 'destinations', 'preferences', 'feedback', 'staff_channels', 'counters'] as const;

async function counts(sql: Sql): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of TABLES) found[table] = Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return found;
}

/**
 * Copies an embedded store's data directory into PostgreSQL in one transaction. Records are keyed
 * as they were (ids, audit numbers, series), so a second run adds nothing: it updates what is
 * there to what the file says and reports 0 copied.
 */
export async function copyFromDataDir(dataDir: string, target: PgStore): Promise<CopyReport> {
  const source = await LowdbStore.open(dataDir);
  try {
    const data = source.read();
    return await target.run(async (sql) => {
      const before = await counts(sql);
      const contacts = new PgContacts(sql);
      const tickets = new PgTickets(sql);
      const notices = new PgNotices(sql);
      for (const contact of Object.values(data.contacts)) await contacts.putContact(contact as Contact);
      for (const member of Object.values(data.staff)) await contacts.putStaff(member as StaffMember);
      for (const request of Object.values(data.registrations)) await contacts.putRegistration(request as RegistrationRequest);
      for (const entry of data.audit as AuditEntry[]) await sql('INSERT INTO audit (seq, at, municipality, doc) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (seq) DO NOTHING', [entry.seq, entry.at, entry.municipality, json(entry)]);
      // New entries are numbered after the copied ones.
      await sql("SELECT setval('audit_seq_seq', GREATEST((SELECT COALESCE(max(seq), 0) FROM audit), 1))");
      for (const [series, value] of Object.entries(data.counters)) await sql('INSERT INTO counters (series, value) VALUES ($1, $2) ON CONFLICT (series) DO UPDATE SET value = GREATEST(counters.value, EXCLUDED.value)', [series, value]);
      for (const ticket of Object.values(data.tickets)) await tickets.putTicket(ticket as Ticket);
      for (const entry of Object.values(data.outbox)) await tickets.putOutbox(entry as OutboxEntry);
      for (const notice of Object.values(data.notices)) await notices.putNotice(notice as Notice);
      await notices.putDeliveries(Object.values(data.noticeDeliveries) as NoticeDelivery[]);
      for (const [contactId, subscription] of Object.entries(data.subscriptions)) await notices.putSubscription(contactId, subscription);
      for (const destination of Object.values(data.destinations) as Destination[]) {
        const stored = { ...destination, municipality: destination.municipality ?? null, inactiveSince: destination.inactiveSince ?? null };
        await sql(
          `INSERT INTO destinations (key, platform, kind, municipality, installed_by, inactive, doc) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
           ON CONFLICT (key) DO UPDATE SET municipality = EXCLUDED.municipality, inactive = EXCLUDED.inactive, doc = EXCLUDED.doc`,
          [stored.key, stored.platform, stored.kind, stored.municipality, stored.installedBy, stored.inactiveSince !== null, json(stored)],
        );
      }
      for (const [key, preferences] of Object.entries(data.preferences) as Array<[string, UserPreferences]>) await sql('INSERT INTO preferences (key, doc) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc', [key, json(preferences)]);
      // Feedback has no key: an entry already here (the same JSON) is not added again.
      for (const entry of data.feedback as FeedbackEntry[]) await sql('INSERT INTO feedback (municipality, doc) SELECT $1, $2::jsonb WHERE NOT EXISTS (SELECT 1 FROM feedback WHERE doc = $2::jsonb)', [entry.municipality, json(entry)]);
      for (const [municipality, key] of Object.entries(data.settings.staffChannels)) await sql('INSERT INTO staff_channels (municipality, destination_key) VALUES ($1, $2) ON CONFLICT (municipality) DO UPDATE SET destination_key = EXCLUDED.destination_key', [municipality, key]);
      const after = await counts(sql);
      const read: Record<(typeof TABLES)[number], number> = {
        contacts: Object.keys(data.contacts).length,
        staff: Object.keys(data.staff).length,
        registrations: Object.keys(data.registrations).length,
        audit: data.audit.length,
        tickets: Object.keys(data.tickets).length,
        ticket_outbox: Object.keys(data.outbox).length,
        notices: Object.keys(data.notices).length,
        notice_deliveries: Object.keys(data.noticeDeliveries).length,
        subscriptions: Object.keys(data.subscriptions).length,
        destinations: Object.keys(data.destinations).length,
        preferences: Object.keys(data.preferences).length,
        feedback: data.feedback.length,
        staff_channels: Object.keys(data.settings.staffChannels).length,
        counters: Object.keys(data.counters).length,
      };
      return TABLES.map((table) => ({ kind: table, read: read[table], copied: after[table]! - before[table]! }));
    });
  } finally {
    await source.close();
  }
}
