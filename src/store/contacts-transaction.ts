import type { AuditEntry, Contact, ContactsTransaction, ContactsView, RegistrationRequest, StaffMember } from '../contacts/index.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData } from './schema.js';

/** A read-only view of the registry in the store's data. */
export function contactsView(data: Readonly<StoreData>): ContactsView {
  return {
    contacts: () => Object.values(data.contacts) as Contact[],
    staff: () => Object.values(data.staff) as StaffMember[],
    registrations: () => Object.values(data.registrations) as RegistrationRequest[],
    audit: () => data.audit as AuditEntry[],
  };
}

/**
 * Collects a unit of work's changes and applies them only on commit, so a change that throws
 * half-way leaves the data (in memory and on disk) untouched. Reads inside the unit see its own
 * changes.
 */
export class ContactsTransactionImpl extends UnitOfWork implements ContactsTransaction {
  private readonly contactChanges = new Map<string, Contact>();
  private readonly staffChanges = new Map<string, StaffMember | null>();
  private readonly registrationChanges = new Map<string, RegistrationRequest>();

  contacts(): readonly Contact[] {
    return Object.values({ ...(this.data.contacts as Record<string, Contact>), ...Object.fromEntries(this.contactChanges) });
  }

  staff(): readonly StaffMember[] {
    const merged = new Map<string, StaffMember | null>(Object.entries(this.data.staff as Record<string, StaffMember>));
    for (const [id, member] of this.staffChanges) merged.set(id, member);
    return [...merged.values()].filter((member): member is StaffMember => member !== null);
  }

  registrations(): readonly RegistrationRequest[] {
    return Object.values({ ...(this.data.registrations as Record<string, RegistrationRequest>), ...Object.fromEntries(this.registrationChanges) });
  }

  audit(): readonly AuditEntry[] {
    return [...(this.data.audit as AuditEntry[]), ...this.pendingAudit()];
  }

  putContact(contact: Contact): void {
    this.contactChanges.set(contact.id, contact);
  }

  putStaff(member: StaffMember): void {
    this.staffChanges.set(member.id, member);
  }

  removeStaff(id: string): void {
    this.staffChanges.set(id, null);
  }

  putRegistration(request: RegistrationRequest): void {
    this.registrationChanges.set(request.id, request);
  }

  protected hasOwnChanges(): boolean {
    return this.contactChanges.size > 0 || this.staffChanges.size > 0 || this.registrationChanges.size > 0;
  }

  protected applyChanges(): void {
    for (const [id, contact] of this.contactChanges) this.data.contacts[id] = contact as StoreData['contacts'][string];
    for (const [id, member] of this.staffChanges) {
      if (member === null) delete this.data.staff[id];
      else this.data.staff[id] = member as StoreData['staff'][string];
    }
    for (const [id, request] of this.registrationChanges) this.data.registrations[id] = request as StoreData['registrations'][string];
  }
}
