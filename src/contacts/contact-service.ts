import { fieldError } from '../errors/index.js';
import { importContacts, type ImportReport, type ImportRow } from './contact-import.js';
import { upsertContact, type ContactChange } from './contact-upsert.js';
import type { AuditEntry, ChatIdentity, Contact, ContactLanguage, Principal, RegistrationRequest, StaffMember } from './model.js';
import { fieldsInvalid, forbidden, notFound, ok, type Outcome } from './refusal.js';
import { checkMunicipality, identityLabel, manages, type RegistryContext } from './registry-context.js';
import { Registrations } from './registrations.js';
import type { ContactsRepository } from './repository.js';
import { StaffRegistry, type StaffInput } from './staff-registry.js';
import { parseContactLanguage, validateContactInput } from './validation.js';

/**
 * The registry of IT-contacts and staff, with its rules: who may see and change what (the
 * municipality is the tenant boundary), validation, and an audit entry for every change. The
 * contacts are kept here; staff and applications by the parts it hands them to.
 */
export class ContactService {
  private readonly context: RegistryContext;
  private readonly staff: StaffRegistry;
  private readonly registrations: Registrations;

  constructor(repository: ContactsRepository, options: { readonly now: () => Date; readonly municipalities: readonly string[] }) {
    this.context = { repository, now: options.now, municipalities: options.municipalities };
    this.staff = new StaffRegistry(this.context);
    this.registrations = new Registrations(this.context);
  }

  /** Who a chat user is: admin, staff of a municipality, a registered IT-contact, or a guest. */
  async principalFor(identity: ChatIdentity): Promise<Principal> {
    const label = identityLabel(identity);
    const [staff, contacts] = await Promise.all([this.context.repository.findStaff({ identity }), this.context.repository.findContacts({ identity, activeOnly: true })]);
    const admin = staff.find((member) => member.role === 'admin');
    const contactIds = contacts.map((contact) => contact.id);
    if (admin) return { role: 'admin', label, municipalities: null, contactIds };
    if (staff.length > 0) return { role: 'staff', label, municipalities: staff.map((member) => member.municipality!).filter(Boolean), contactIds };
    if (contactIds.length > 0) return { role: 'it-contact', label, municipalities: [], contactIds };
    return { role: 'guest', label, municipalities: [], contactIds: [] };
  }

  /** Whether a principal may manage a municipality's contacts. */
  manages(principal: Principal, municipality: string): boolean {
    return manages(principal, municipality);
  }

  async listContacts(principal: Principal, filter: { municipality?: string | undefined; includeInactive?: boolean | undefined } = {}): Promise<Outcome<readonly Contact[]>> {
    if (filter.municipality && !manages(principal, filter.municipality)) return forbidden({ kind: 'not-your-municipality', municipality: filter.municipality, action: 'see-contacts' });
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-contacts' });
    // The tenant boundary goes to the store: staff are asked only their own municipalities' contacts.
    const found = await this.context.repository.findContacts({ municipality: filter.municipality, municipalities: principal.municipalities ?? undefined, activeOnly: !filter.includeInactive });
    return ok(
      found
        .filter((contact) => manages(principal, contact.municipality))
        .sort((a, b) => a.municipality.localeCompare(b.municipality, 'sv') || a.provider.name.localeCompare(b.provider.name, 'sv') || a.name.localeCompare(b.name, 'sv')),
    );
  }

  /** A contact by id, if the principal may see it. */
  async getContact(principal: Principal, id: string): Promise<Outcome<Contact>> {
    const contact = await this.context.repository.contact(id);
    if (!contact || !(manages(principal, contact.municipality) || principal.contactIds.includes(id))) return notFound('contact', id);
    return ok(contact);
  }

  /**
   * Adds a contact, or updates the one with the same municipality, organisation number and email.
   * Saving the same data again changes nothing and writes no audit entry.
   */
  async saveContact(principal: Principal, input: Record<string, unknown>, identities: readonly ChatIdentity[] = []): Promise<Outcome<{ contact: Contact; change: ContactChange }>> {
    const validated = validateContactInput(input);
    if (!validated.ok) return fieldsInvalid(validated.errors);
    const refused = checkMunicipality(this.context, principal, validated.value.municipality);
    if (refused) return refused;
    return ok(await this.context.repository.write((transaction) => upsertContact(this.context, transaction, principal, validated.value, identities)));
  }

  /** Sets the language of a contact's email and SMS notices ("en", "engelska", …). */
  async setContactLanguage(principal: Principal, id: string, language: string): Promise<Outcome<Contact>> {
    const parsed = parseContactLanguage(language);
    if (!parsed) return fieldsInvalid([fieldError('language', 'language')]);
    const found = await this.getContact(principal, id);
    if (!found.ok) return found;
    if (!manages(principal, found.value.municipality)) return forbidden({ kind: 'staff-only', action: 'change-contact' });
    if (found.value.language === parsed) return ok(found.value);
    return ok(
      await this.context.repository.write(async (transaction) => {
        const now = this.context.now().toISOString();
        const next: Contact = { ...found.value, language: parsed, updatedAt: now };
        await transaction.putContact(next);
        await transaction.appendAudit({ at: now, actor: principal.label, action: 'contact.updated', municipality: next.municipality, subject: id, before: found.value, after: next });
        return next;
      }),
    );
  }

  /**
   * The language of the notices sent to an email address or phone number: English only when every
   * active contact with it asked for English (a shared address stays Swedish unless all agree).
   */
  async languageOfAddress(channel: 'email' | 'sms', address: string): Promise<ContactLanguage> {
    const holders = await this.context.repository.findContacts(channel === 'email' ? { email: address.trim(), activeOnly: true } : { phone: address, activeOnly: true });
    return holders.length > 0 && holders.every((contact) => contact.language === 'en') ? 'en' : 'sv';
  }

  async deactivateContact(principal: Principal, id: string): Promise<Outcome<Contact>> {
    const found = await this.getContact(principal, id);
    if (!found.ok) return found;
    if (!manages(principal, found.value.municipality)) return forbidden({ kind: 'staff-only', action: 'deactivate-contact' });
    if (!found.value.active) return ok(found.value);
    return ok(
      await this.context.repository.write(async (transaction) => {
        const now = this.context.now().toISOString();
        const next = { ...found.value, active: false, updatedAt: now };
        await transaction.putContact(next);
        await transaction.appendAudit({ at: now, actor: principal.label, action: 'contact.deactivated', municipality: next.municipality, subject: id, before: found.value, after: next });
        return next;
      }),
    );
  }

  /**
   * Imports rows (from a CSV file). Every row is validated first; with any bad row nothing is
   * imported unless `skipInvalid` is set. Re-importing the same rows changes nothing.
   */
  importContacts(principal: Principal, rows: readonly ImportRow[], options: { skipInvalid: boolean }): Promise<ImportReport> {
    return importContacts(this.context, principal, rows, options);
  }

  /** The active or inactive contact records of the person behind a principal. */
  async contactsOf(principal: Principal): Promise<readonly Contact[]> {
    if (principal.contactIds.length === 0) return [];
    return this.context.repository.findContacts({ ids: principal.contactIds });
  }

  /** Staff who serve a municipality (administrators excluded), for routing messages to them. */
  staffOf(municipality: string): Promise<readonly StaffMember[]> {
    return this.staff.staffOf(municipality);
  }

  listStaff(principal: Principal): Promise<Outcome<readonly StaffMember[]>> {
    return this.staff.listStaff(principal);
  }

  /** Adds staff of a municipality, or an administrator. Only administrators may. */
  addStaff(principal: Principal, input: StaffInput): Promise<Outcome<StaffMember>> {
    return this.staff.addStaff(principal, input);
  }

  removeStaff(principal: Principal, id: string): Promise<Outcome<StaffMember>> {
    return this.staff.removeStaff(principal, id);
  }

  /** A guest applies to become an IT-contact; the request waits for the municipality's staff. */
  submitRegistration(principal: Principal, input: Record<string, unknown>, identity: ChatIdentity | null, replyTo: string | null): Promise<Outcome<RegistrationRequest>> {
    return this.registrations.submit(principal, input, identity, replyTo);
  }

  listRegistrations(principal: Principal, filter: { status?: RegistrationRequest['status'] | undefined } = {}): Promise<Outcome<readonly RegistrationRequest[]>> {
    return this.registrations.list(principal, filter);
  }

  /** Staff of the request's municipality approve (creating the contact) or reject (with a reason). */
  decideRegistration(principal: Principal, id: string, decision: { approve: boolean; reason?: string | undefined }): Promise<Outcome<{ request: RegistrationRequest; contact: Contact | null }>> {
    return this.registrations.decide(principal, id, decision);
  }

  /** The audit log, oldest first, limited to what the principal may see. */
  async listAudit(principal: Principal, filter: { municipality?: string | undefined; since?: Date | undefined } = {}): Promise<Outcome<readonly AuditEntry[]>> {
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-audit' });
    if (filter.municipality && !manages(principal, filter.municipality)) return forbidden({ kind: 'not-your-municipality', municipality: filter.municipality, action: 'see-audit' });
    const municipalities = filter.municipality ? [filter.municipality] : (principal.municipalities ?? undefined);
    const entries = await this.context.repository.audit({ municipalities, includeUnscoped: principal.role === 'admin' && !filter.municipality, since: filter.since });
    return ok(entries.filter((entry) => (entry.municipality === null ? principal.role === 'admin' : manages(principal, entry.municipality))));
  }
}
