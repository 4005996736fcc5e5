import type { AuditEntry, Destination } from '../../contacts/index.js';
import type { DueDeliveryQuery, Notice, NoticeDelivery, NoticeQuery, NoticesTransaction, Subscription, ThreadRef } from '../../notices/index.js';
import { recordSchemas } from '../schema.js';
import { Where } from './contacts.js';
import { appendAudit, nextNumber } from './shared.js';
import { docs, json, type Sql } from './sql.js';

/** No earlier pending delivery in the row's thread: a recipient's messages go in order. */
const FIRST_OF_THREAD = `NOT EXISTS (
  SELECT 1 FROM notice_deliveries e
  WHERE e.notice_id = d.notice_id AND e.recipient = d.recipient AND e.status = 'pending' AND e.id <> d.id
    AND (e.created_at < d.created_at OR (e.created_at = d.created_at AND e.revision < d.revision)))`;

/** Notices, their outbox, subscriptions and notice destinations on PostgreSQL. */
export class PgNotices implements NoticesTransaction {
  constructor(private readonly sql: Sql) {}

  async notice(id: string): Promise<Notice | undefined> {
    return docs(recordSchemas.notice, await this.sql('SELECT doc FROM notices WHERE id = $1', [id]), 'notices')[0] as Notice | undefined;
  }

  /** Held with FOR UPDATE until the unit of work ends (outside one, a plain read). */
  async lockNotice(id: string): Promise<Notice | undefined> {
    return docs(recordSchemas.notice, await this.sql('SELECT doc FROM notices WHERE id = $1 FOR UPDATE', [id]), 'notices')[0] as Notice | undefined;
  }

  async findNotices(query: NoticeQuery): Promise<readonly Notice[]> {
    const where = new Where();
    if (query.municipality !== undefined) where.add((p) => `municipality = ${p}`, query.municipality);
    if (query.kind !== undefined) where.add((p) => `kind = ${p}`, query.kind);
    if (query.states !== undefined) where.add((p) => `state = ANY(${p}::text[])`, query.states);
    if (query.archived !== undefined) where.add((p) => `archived = ${p}`, query.archived);
    return docs(recordSchemas.notice, await this.sql(`SELECT doc FROM notices ${where} ORDER BY created_at DESC, id DESC`, where.values), 'notices') as Notice[];
  }

  async deliveries(noticeId: string): Promise<readonly NoticeDelivery[]> {
    return docs(recordSchemas.delivery, await this.sql('SELECT doc FROM notice_deliveries WHERE notice_id = $1 ORDER BY seq', [noticeId]), 'notice_deliveries');
  }

  async dueDeliveries(query: DueDeliveryQuery): Promise<readonly NoticeDelivery[]> {
    const now = query.now.toISOString();
    const rows = await this.sql(
      `SELECT doc FROM (
         SELECT doc, channel, attempts, not_before, created_at, seq,
                row_number() OVER (PARTITION BY channel ORDER BY (attempts = 0), not_before, created_at, seq) AS place
         FROM notice_deliveries d
         WHERE status = 'pending' AND channel = ANY($1::text[]) AND not_before <= $2 AND (claimed_until IS NULL OR claimed_until <= $2)
           AND NOT (id = ANY($3::text[])) AND ${FIRST_OF_THREAD}
       ) due
       WHERE place <= coalesce(($5::jsonb ->> channel)::int, $4)
       ORDER BY (attempts = 0), not_before, created_at, seq`,
      [query.channels, now, [...query.excluding], query.limitPerChannel, json(query.channelLimits ?? {})],
    );
    return docs(recordSchemas.delivery, rows, 'notice_deliveries');
  }

  async sentInThreads(threads: readonly ThreadRef[]): Promise<readonly NoticeDelivery[]> {
    if (threads.length === 0) return [];
    const rows = await this.sql(
      `SELECT d.doc FROM notice_deliveries d JOIN unnest($1::text[], $2::text[]) AS t(notice_id, recipient) ON d.notice_id = t.notice_id AND d.recipient = t.recipient
       WHERE d.status = 'sent' ORDER BY d.seq`,
      [threads.map((thread) => thread.noticeId), threads.map((thread) => thread.recipient)],
    );
    return docs(recordSchemas.delivery, rows, 'notice_deliveries');
  }

  async subscriptions(contactIds: readonly string[]): Promise<ReadonlyMap<string, Subscription>> {
    const rows = await this.sql<{ contact_id: string; doc: unknown }>('SELECT contact_id, doc FROM subscriptions WHERE contact_id = ANY($1::text[])', [contactIds]);
    return new Map(rows.map((row) => [row.contact_id, docs(recordSchemas.subscription, [row], 'subscriptions')[0]!]));
  }

  async noticeDestinations(municipality: string, installers: readonly string[]): Promise<readonly Destination[]> {
    const rows = await this.sql("SELECT doc FROM destinations WHERE NOT inactive AND ((kind <> 'personal' AND municipality = $1) OR (kind = 'personal' AND installed_by = ANY($2::text[]))) ORDER BY seq", [municipality, installers]);
    return docs(recordSchemas.destination, rows, 'destinations') as Destination[];
  }

  /** Locks what it claims; rows another instance is claiming right now are skipped, not waited for. */
  async claimDeliveries(ids: readonly string[], claim: { readonly now: Date; readonly claimedUntil: string }): Promise<readonly NoticeDelivery[]> {
    if (ids.length === 0) return [];
    const now = claim.now.toISOString();
    const rows = await this.sql(
      `SELECT doc FROM notice_deliveries d
       WHERE id = ANY($1::text[]) AND status = 'pending' AND not_before <= $2 AND (claimed_until IS NULL OR claimed_until <= $2) AND ${FIRST_OF_THREAD}
       ORDER BY seq FOR UPDATE SKIP LOCKED`,
      [ids, now],
    );
    const claimed = docs(recordSchemas.delivery, rows, 'notice_deliveries').map((delivery): NoticeDelivery => ({ ...delivery, attempts: delivery.attempts + 1, claimedUntil: claim.claimedUntil }));
    await this.putDeliveries(claimed);
    return claimed;
  }

  /** One statement: each row is written only where it still carries the claim it was claimed with. */
  async settleDeliveries(outcomes: ReadonlyArray<{ readonly claimed: NoticeDelivery; readonly next: NoticeDelivery }>): Promise<readonly string[]> {
    if (outcomes.length === 0) return [];
    const rows = await this.sql<{ id: string }>(
      `UPDATE notice_deliveries d
       SET status = r.next ->> 'status', attempts = (r.next ->> 'attempts')::int, not_before = r.next ->> 'notBefore', claimed_until = r.next ->> 'claimedUntil', doc = r.next
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, claimed_until text, attempts int, next jsonb)
       WHERE d.id = r.id AND d.claimed_until IS NOT DISTINCT FROM r.claimed_until AND d.attempts = r.attempts
       RETURNING d.id`,
      [json(outcomes.map(({ claimed, next }) => ({ id: claimed.id, claimed_until: claimed.claimedUntil, attempts: claimed.attempts, next })))],
    );
    return rows.map((row) => row.id);
  }

  /**
   * One conditional UPDATE: a row claimed by another instance after this unit of work read it no
   * longer matches when PostgreSQL re-checks it (or waits for the claim to commit, then re-checks),
   * so it is not withdrawn; the rows withdrawn stay locked until commit, and claimers skip them.
   */
  async withdrawDeliveries(ids: readonly string[], withdrawal: { readonly now: Date; readonly lastError: string }): Promise<readonly string[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql<{ id: string }>(
      `UPDATE notice_deliveries
       SET status = 'withdrawn', doc = doc || jsonb_build_object('status', 'withdrawn', 'lastError', $3::text)
       WHERE id = ANY($1::text[]) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= $2)
       RETURNING id`,
      [ids, withdrawal.now.toISOString(), withdrawal.lastError],
    );
    return rows.map((row) => row.id);
  }

  async putNotice(notice: Notice): Promise<void> {
    await this.sql(
      `INSERT INTO notices (id, municipality, kind, state, archived, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (id) DO UPDATE SET municipality = EXCLUDED.municipality, kind = EXCLUDED.kind, state = EXCLUDED.state, archived = EXCLUDED.archived, created_at = EXCLUDED.created_at, doc = EXCLUDED.doc`,
      [notice.id, notice.municipality, notice.kind, notice.state, notice.archivedReport !== null, notice.createdAt, json(notice)],
    );
  }

  async removeNotice(id: string): Promise<void> {
    await this.sql('DELETE FROM notices WHERE id = $1', [id]);
  }

  /** Upserts the rows in one statement, in their order (a fan-out is one round trip, not one per row). */
  async putDeliveries(deliveries: readonly NoticeDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.sql(
      `INSERT INTO notice_deliveries (id, notice_id, recipient, channel, status, revision, attempts, not_before, claimed_until, created_at, doc)
       SELECT r.doc ->> 'id', r.doc ->> 'noticeId', r.doc ->> 'recipient', r.doc ->> 'channel', r.doc ->> 'status', (r.doc ->> 'revision')::int, (r.doc ->> 'attempts')::int,
              r.doc ->> 'notBefore', r.doc ->> 'claimedUntil', r.doc ->> 'createdAt', r.doc
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, n) ORDER BY r.n
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, not_before = EXCLUDED.not_before, claimed_until = EXCLUDED.claimed_until, doc = EXCLUDED.doc`,
      [json(deliveries)],
    );
  }

  async removeDeliveries(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.sql('DELETE FROM notice_deliveries WHERE id = ANY($1::text[])', [ids]);
  }

  async putSubscription(contactId: string, subscription: Subscription): Promise<void> {
    await this.sql('INSERT INTO subscriptions (contact_id, doc) VALUES ($1, $2::jsonb) ON CONFLICT (contact_id) DO UPDATE SET doc = EXCLUDED.doc', [contactId, json({ muted: subscription.muted, updatedAt: subscription.updatedAt })]);
  }

  async deactivateDestination(key: string, at: string): Promise<void> {
    await this.sql("UPDATE destinations SET inactive = TRUE, doc = jsonb_set(doc, '{inactiveSince}', to_jsonb($2::text)) WHERE key = $1", [key, at]);
  }

  nextNumber(series: string): Promise<number> {
    return nextNumber(this.sql, series);
  }

  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void> {
    return appendAudit(this.sql, entry);
  }
}
