import type { AuditEntry } from '../contacts/index.js';
import type { Notice } from './model.js';

export interface NoticesTransaction {
  notices(): readonly Notice[];
  putNotice(notice: Notice): void;
  /** The next number in a series (1, 2, …), reserved by this unit of work. */
  nextNumber(series: string): number;
  appendAudit(entry: Omit<AuditEntry, 'seq'>): void;
}

/** Storage for notices; `write` is atomic. */
export interface NoticesRepository {
  read<T>(query: (notices: readonly Notice[]) => T): T;
  write<T>(change: (transaction: NoticesTransaction) => T): Promise<T>;
}
