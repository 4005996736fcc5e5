import type { AuditEntry, Contact, RegistrationRequest, StaffMember } from './model.js';

/** A consistent read-only view of the registry. */
export interface ContactsView {
  contacts(): readonly Contact[];
  staff(): readonly StaffMember[];
  registrations(): readonly RegistrationRequest[];
  audit(): readonly AuditEntry[];
}

/** The changes one unit of work may make; applied all together, or not at all. */
export interface ContactsTransaction extends ContactsView {
  putContact(contact: Contact): void;
  putStaff(member: StaffMember): void;
  removeStaff(id: string): void;
  putRegistration(request: RegistrationRequest): void;
  /** Appends to the audit log; entries are never changed or removed. */
  appendAudit(entry: Omit<AuditEntry, 'seq'>): void;
}

/**
 * Storage for contacts, staff, registrations and the audit log. `write` runs a unit of work
 * atomically: a change and its audit entry land together or not at all.
 */
export interface ContactsRepository {
  read<T>(query: (view: ContactsView) => T): T;
  write<T>(change: (transaction: ContactsTransaction) => T): Promise<T>;
}
