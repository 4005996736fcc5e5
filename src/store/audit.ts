import type { AuditEntry } from '../contacts/index.js';
import type { StoreData } from './schema.js';

/**
 * Numbers a new audit entry after everything already in the log and what this unit of work has
 * appended so far. The log is append-only: entries are only ever pushed, never changed.
 */
export function numberAuditEntry(data: Readonly<StoreData>, pending: readonly AuditEntry[], entry: Omit<AuditEntry, 'seq'>): AuditEntry {
  const last = pending.at(-1) ?? data.audit.at(-1);
  return { ...entry, seq: (last?.seq ?? 0) + 1 };
}
