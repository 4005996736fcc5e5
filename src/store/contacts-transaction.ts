import type { AuditEntry, AuditQuery, Contact, ContactQuery, ContactsReader, ContactsTransaction, RegistrationQuery, RegistrationRequest, StaffMember, StaffQuery } from '../contacts/index.js';
import { auditMatches, contactMatches, registrationMatches, staffMatches } from './lowdb-queries.js';
import { UnitOfWork } from './unit-of-work.js';
import type { StoreData } from './schema.js';

/** How often each contacts record (a store's, until it is read from disk again) has been changed. */
const contactsChanges = new WeakMap<object, number>();

/** Adds a contact to the list kept under `key`. */
function addTo(map: Map<string, Contact[]>, key: string, contact: Contact): void {
  const list = map.get(key);
  if (list) list.push(contact);
  else map.set(key, [contact]);
}

/** The registry's questions answered over the store's data, read-only. */
export function contactsReader(read: () => Readonly<StoreData>): ContactsReader {
  // Contacts by email and by phone, rebuilt when the contacts change: a notice's email and SMS
  // deliveries ask for each recipient's language, and a scan of every contact per delivery cost
  // most of the server's time in a large fan-out.
  let index: { readonly of: object; readonly changes: number; readonly byEmail: Map<string, Contact[]>; readonly byPhone: Map<string, Contact[]> } | undefined;
  const candidates = (query: ContactQuery): readonly Contact[] => {
    const record = read().contacts;
    if (query.email === undefined && query.phone === undefined) return Object.values(record) as Contact[];
    const changes = contactsChanges.get(record) ?? 0;
    if (index?.of !== record || index.changes !== changes) {
      const byEmail = new Map<string, Contact[]>();
      const byPhone = new Map<string, Contact[]>();
      for (const contact of Object.values(record) as Contact[]) {
        addTo(byEmail, contact.email.toLowerCase(), contact);
        addTo(byPhone, contact.phone, contact);
      }
      index = { of: record, changes, byEmail, byPhone };
    }
    return query.email !== undefined ? (index.byEmail.get(query.email.toLowerCase()) ?? []) : (index.byPhone.get(query.phone!) ?? []);
  };
  return {
    contact: async (id) => read().contacts[id] as Contact | undefined,
    findContacts: async (query) => candidates(query).filter((contact) => contactMatches(contact, query)),
    staffMember: async (id) => read().staff[id] as StaffMember | undefined,
    findStaff: async (query) => (Object.values(read().staff) as StaffMember[]).filter((member) => staffMatches(member, query)),
    registration: async (id) => read().registrations[id] as RegistrationRequest | undefined,
    findRegistrations: async (query) => (Object.values(read().registrations) as RegistrationRequest[]).filter((request) => registrationMatches(request, query)),
    audit: async (query) => (read().audit as AuditEntry[]).filter((entry) => auditMatches(entry, query)),
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

  private contacts(): Contact[] {
    return Object.values({ ...(this.data.contacts as Record<string, Contact>), ...Object.fromEntries(this.contactChanges) });
  }

  private staff(): StaffMember[] {
    const merged = new Map<string, StaffMember | null>(Object.entries(this.data.staff as Record<string, StaffMember>));
    for (const [id, member] of this.staffChanges) merged.set(id, member);
    return [...merged.values()].filter((member): member is StaffMember => member !== null);
  }

  private registrations(): RegistrationRequest[] {
    return Object.values({ ...(this.data.registrations as Record<string, RegistrationRequest>), ...Object.fromEntries(this.registrationChanges) });
  }

  async contact(id: string): Promise<Contact | undefined> {
    return this.contactChanges.get(id) ?? (this.data.contacts[id] as Contact | undefined);
  }

  async findContacts(query: ContactQuery): Promise<readonly Contact[]> {
    return this.contacts().filter((contact) => contactMatches(contact, query));
  }

  async staffMember(id: string): Promise<StaffMember | undefined> {
    const changed = this.staffChanges.get(id);
    return changed === null ? undefined : (changed ?? (this.data.staff[id] as StaffMember | undefined));
  }

  async findStaff(query: StaffQuery): Promise<readonly StaffMember[]> {
    return this.staff().filter((member) => staffMatches(member, query));
  }

  async registration(id: string): Promise<RegistrationRequest | undefined> {
    return this.registrationChanges.get(id) ?? (this.data.registrations[id] as RegistrationRequest | undefined);
  }

  async findRegistrations(query: RegistrationQuery): Promise<readonly RegistrationRequest[]> {
    return this.registrations().filter((request) => registrationMatches(request, query));
  }

  async audit(query: AuditQuery): Promise<readonly AuditEntry[]> {
    return [...(this.data.audit as AuditEntry[]), ...this.pendingAudit()].filter((entry) => auditMatches(entry, query));
  }

  async putContact(contact: Contact): Promise<void> {
    this.contactChanges.set(contact.id, contact);
  }

  async putStaff(member: StaffMember): Promise<void> {
    this.staffChanges.set(member.id, member);
  }

  async removeStaff(id: string): Promise<void> {
    this.staffChanges.set(id, null);
  }

  async putRegistration(request: RegistrationRequest): Promise<void> {
    this.registrationChanges.set(request.id, request);
  }

  protected hasOwnChanges(): boolean {
    return this.contactChanges.size > 0 || this.staffChanges.size > 0 || this.registrationChanges.size > 0;
  }

  protected applyChanges(): void {
    for (const [id, contact] of this.contactChanges) this.data.contacts[id] = contact as StoreData['contacts'][string];
    if (this.contactChanges.size > 0) contactsChanges.set(this.data.contacts, (contactsChanges.get(this.data.contacts) ?? 0) + 1);
    for (const [id, member] of this.staffChanges) {
      if (member === null) delete this.data.staff[id];
      else this.data.staff[id] = member as StoreData['staff'][string];
    }
    for (const [id, request] of this.registrationChanges) this.data.registrations[id] = request as StoreData['registrations'][string];
  }
}
