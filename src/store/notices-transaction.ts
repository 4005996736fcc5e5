import type { AuditEntry } from '../contacts/index.js';
import type { Notice, NoticesTransaction } from '../notices/index.js';
import { numberAuditEntry } from './audit.js';
import type { StoreData } from './schema.js';

/** A unit of work on notices: changes are applied on commit only. */
export class NoticesTransactionImpl implements NoticesTransaction {
  private readonly changes = new Map<string, Notice>();
  private readonly counters = new Map<string, number>();
  private readonly auditAppends: AuditEntry[] = [];

  constructor(private readonly data: StoreData) {}

  notices(): readonly Notice[] {
    return Object.values({ ...(this.data.notices as Record<string, Notice>), ...Object.fromEntries(this.changes) });
  }

  putNotice(notice: Notice): void {
    this.changes.set(notice.id, notice);
  }

  nextNumber(series: string): number {
    const next = (this.counters.get(series) ?? this.data.counters[series] ?? 0) + 1;
    this.counters.set(series, next);
    return next;
  }

  appendAudit(entry: Omit<AuditEntry, 'seq'>): void {
    this.auditAppends.push(numberAuditEntry(this.data, this.auditAppends, entry));
  }

  commit(): void {
    for (const [id, notice] of this.changes) this.data.notices[id] = notice as StoreData['notices'][string];
    for (const [series, value] of this.counters) this.data.counters[series] = value;
    this.data.audit.push(...(this.auditAppends as StoreData['audit']));
  }
}
