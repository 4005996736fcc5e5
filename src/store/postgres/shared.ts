import type { AuditEntry } from '../../contacts/index.js';
import { json, type Sql } from './sql.js';

/**
 * The next number of a series. The row stays locked until the unit of work ends, so concurrent
 * units take numbers one after another, and a unit that rolls back gives its number back: no gaps.
 */
export async function nextNumber(sql: Sql, series: string): Promise<number> {
  const [row] = await sql<{ value: number }>('INSERT INTO counters (series, value) VALUES ($1, 1) ON CONFLICT (series) DO UPDATE SET value = counters.value + 1 RETURNING value', [series]);
  return row!.value;
}

/** Appends to the audit log; its number is the table's (the log only grows). */
export async function appendAudit(sql: Sql, entry: Omit<AuditEntry, 'seq'>): Promise<void> {
  await sql("INSERT INTO audit (at, municipality, doc) VALUES ($1, $2, $3::jsonb || jsonb_build_object('seq', currval('audit_seq_seq')))", [entry.at, entry.municipality, json(entry)]);
}
