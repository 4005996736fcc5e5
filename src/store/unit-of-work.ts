import type { AuditEntry } from '../contacts/index.js';
import type { StoreData, StoredDelivery } from './schema.js';

/**
 * What every unit of work shares: audit entries and id-series numbers it has taken, kept aside
 * until commit so that a change that fails half-way leaves the data untouched. The audit log is
 * append-only: entries are only ever pushed, never changed.
 */
export abstract class UnitOfWork {
  private readonly counters = new Map<string, number>();
  private readonly auditAppends: AuditEntry[] = [];

  constructor(protected readonly data: StoreData) {}

  /** The next number in an id series ("GBG-2026" → 43), reserved by this unit of work. */
  async nextNumber(series: string): Promise<number> {
    const next = (this.counters.get(series) ?? this.data.counters[series] ?? 0) + 1;
    this.counters.set(series, next);
    return next;
  }

  /** Appends to the audit log, numbered after everything already in it. */
  async appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void> {
    const last = this.auditAppends.at(-1) ?? this.data.audit.at(-1);
    this.auditAppends.push({ ...entry, seq: (last?.seq ?? 0) + 1 });
  }

  /** Whether the unit of work changes nothing at all (then there is nothing to write). */
  isEmpty(): boolean {
    return !this.hasOwnChanges() && !this.takesNumbersOrAudit();
  }

  /** Whether the unit of work took id numbers or wrote audit entries (both kept in the store file). */
  protected takesNumbersOrAudit(): boolean {
    return this.counters.size > 0 || this.auditAppends.length > 0;
  }

  /**
   * The outbox rows to append to the journal when they are all the unit of work changes; undefined
   * when the store file must be written.
   */
  journalRows(): readonly StoredDelivery[] | undefined {
    return undefined;
  }

  /** Pending audit entries, for views that read the log inside the unit of work. */
  protected pendingAudit(): readonly AuditEntry[] {
    return this.auditAppends;
  }

  /** Applies the subclass's changes, then the numbers and audit entries. */
  commit(): void {
    this.applyChanges();
    for (const [series, value] of this.counters) this.data.counters[series] = value;
    this.data.audit.push(...(this.auditAppends as StoreData['audit']));
  }

  protected abstract applyChanges(): void;
  protected abstract hasOwnChanges(): boolean;
}
