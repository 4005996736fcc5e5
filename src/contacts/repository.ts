import type { AuditEntry, ChatIdentity, Contact, RegistrationRequest, StaffMember } from './model.js';

/**
 * Which contacts a question is about; every field given narrows the answer (all of them hold).
 * The store answers it, so no service reads the whole registry to find a few records.
 */
export interface ContactQuery {
  readonly municipality?: string | undefined;
  /** Any of these municipalities (a staff member's); an empty list matches nothing. */
  readonly municipalities?: readonly string[] | undefined;
  /** Contacts with this chat identity among theirs. */
  readonly identity?: ChatIdentity | undefined;
  readonly ids?: readonly string[] | undefined;
  readonly orgNumber?: string | undefined;
  /** Compared without regard to case. */
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  /** Leave out deactivated contacts. */
  readonly activeOnly?: boolean | undefined;
}

export interface StaffQuery {
  readonly identity?: ChatIdentity | undefined;
  readonly role?: StaffMember['role'] | undefined;
  readonly municipality?: string | undefined;
  /** Staff of any of these municipalities (administrators, who have none, excluded). */
  readonly municipalities?: readonly string[] | undefined;
}

export interface RegistrationQuery {
  readonly status?: RegistrationRequest['status'] | undefined;
  readonly municipality?: string | undefined;
  readonly municipalities?: readonly string[] | undefined;
  readonly orgNumber?: string | undefined;
  readonly email?: string | undefined;
}

/** Which audit entries a question is about; oldest first. */
export interface AuditQuery {
  /** Entries of these municipalities; undefined: of every municipality. */
  readonly municipalities?: readonly string[] | undefined;
  /** Also the entries that concern no municipality (administrators' changes). */
  readonly includeUnscoped: boolean;
  /** Entries at or after this moment. */
  readonly since?: Date | undefined;
}

/** The questions asked of the registry, inside a unit of work or outside one. */
export interface ContactsReader {
  contact(id: string): Promise<Contact | undefined>;
  /** Contacts in the order they were first stored. */
  findContacts(query: ContactQuery): Promise<readonly Contact[]>;
  staffMember(id: string): Promise<StaffMember | undefined>;
  findStaff(query: StaffQuery): Promise<readonly StaffMember[]>;
  registration(id: string): Promise<RegistrationRequest | undefined>;
  findRegistrations(query: RegistrationQuery): Promise<readonly RegistrationRequest[]>;
  audit(query: AuditQuery): Promise<readonly AuditEntry[]>;
}

/** The changes one unit of work may make; applied all together, or not at all. Reads see its own changes. */
export interface ContactsTransaction extends ContactsReader {
  putContact(contact: Contact): Promise<void>;
  putStaff(member: StaffMember): Promise<void>;
  removeStaff(id: string): Promise<void>;
  putRegistration(request: RegistrationRequest): Promise<void>;
  /** Appends to the audit log; entries are never changed or removed. */
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>;
}

/**
 * Storage for contacts, staff, registrations and the audit log. `write` runs a unit of work
 * atomically: a change and its audit entry land together or not at all (a unit of work that
 * throws changes nothing).
 */
export interface ContactsRepository extends ContactsReader {
  write<T>(change: (transaction: ContactsTransaction) => Promise<T>): Promise<T>;
}
