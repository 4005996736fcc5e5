import { randomUUID } from 'node:crypto';
import type { AuditEntry, ChatIdentity, Contact, ContactLanguage, Principal, RegistrationRequest, StaffMember } from './model.js';
import type { ContactsRepository, ContactsTransaction } from './repository.js';
import { fieldError, type FieldError } from '../errors/index.js';
import { refuse, type ContactRefusal, type Failure, type Outcome } from './refusal.js';
import { parseContactLanguage, validateContactInput, type ValidContactInput } from './validation.js';

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const forbidden = (reason: ContactRefusal): Failure => refuse('forbidden', reason);
const notFound = (what: 'contact' | 'staff' | 'registration', id: string): Failure => refuse('not-found', { kind: 'not-found', what, id });
const fieldsInvalid = (errors: readonly FieldError[]): Failure => refuse('invalid', { kind: 'fields-invalid' }, errors);

/** The CLI operator: runs the bot, may do everything; named in the audit log. */
export function operatorPrincipal(name: string): Principal {
  return { role: 'admin', label: `cli:${name}`, municipalities: null, contactIds: [] };
}

function sameIdentity(a: ChatIdentity, b: ChatIdentity): boolean {
  return a.platform === b.platform && a.tenantId === b.tenantId && a.userId === b.userId;
}

function identityLabel(identity: ChatIdentity): string {
  return `${identity.platform}:${identity.tenantId}:${identity.userId}`;
}

export interface ImportRow {
  /** The line in the file, for error messages. */
  readonly line: number;
  readonly values: Record<string, string>;
}

export interface ImportReport {
  readonly applied: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly invalid: ReadonlyArray<{ readonly line: number; readonly errors: readonly FieldError[] }>;
}

/**
 * The registry of IT-contacts and staff, with its rules: who may see and change what (the
 * municipality is the tenant boundary), validation, and an audit entry for every change.
 */
export class ContactService {
  constructor(
    private readonly repository: ContactsRepository,
    private readonly options: { readonly now: () => Date; readonly municipalities: readonly string[] },
  ) {}

  /** Who a chat user is: admin, staff of a municipality, a registered IT-contact, or a guest. */
  async principalFor(identity: ChatIdentity): Promise<Principal> {
    const label = identityLabel(identity);
    const [staff, contacts] = await Promise.all([this.repository.findStaff({ identity }), this.repository.findContacts({ identity, activeOnly: true })]);
    const admin = staff.find((member) => member.role === 'admin');
    const contactIds = contacts.map((contact) => contact.id);
    if (admin) return { role: 'admin', label, municipalities: null, contactIds };
    if (staff.length > 0) return { role: 'staff', label, municipalities: staff.map((member) => member.municipality!).filter(Boolean), contactIds };
    if (contactIds.length > 0) return { role: 'it-contact', label, municipalities: [], contactIds };
    return { role: 'guest', label, municipalities: [], contactIds: [] };
  }

  /** Whether a principal may manage a municipality's contacts. */
  manages(principal: Principal, municipality: string): boolean {
    return principal.municipalities === null ? principal.role === 'admin' : principal.role === 'staff' && principal.municipalities.includes(municipality);
  }

  private checkMunicipality(principal: Principal, municipality: string): Failure | undefined {
    if (!this.options.municipalities.includes(municipality)) {
      return refuse('invalid', { kind: 'unknown-municipality', municipality }, [fieldError('municipality', 'unknown-municipality', { municipality, known: this.options.municipalities })]);
    }
    if (!this.manages(principal, municipality)) return forbidden({ kind: 'not-your-municipality', municipality, action: 'manage-contacts' });
    return undefined;
  }

  async listContacts(principal: Principal, filter: { municipality?: string | undefined; includeInactive?: boolean | undefined } = {}): Promise<Outcome<readonly Contact[]>> {
    if (filter.municipality && !this.manages(principal, filter.municipality)) return forbidden({ kind: 'not-your-municipality', municipality: filter.municipality, action: 'see-contacts' });
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-contacts' });
    // The tenant boundary goes to the store: staff are asked only their own municipalities' contacts.
    const found = await this.repository.findContacts({ municipality: filter.municipality, municipalities: principal.municipalities ?? undefined, activeOnly: !filter.includeInactive });
    return ok(
      found
        .filter((contact) => this.manages(principal, contact.municipality))
        .sort((a, b) => a.municipality.localeCompare(b.municipality, 'sv') || a.provider.name.localeCompare(b.provider.name, 'sv') || a.name.localeCompare(b.name, 'sv')),
    );
  }

  /** A contact by id, if the principal may see it. */
  async getContact(principal: Principal, id: string): Promise<Outcome<Contact>> {
    const contact = await this.repository.contact(id);
    if (!contact || !(this.manages(principal, contact.municipality) || principal.contactIds.includes(id))) return notFound('contact', id);
    return ok(contact);
  }

  /**
   * Adds a contact, or updates the one with the same municipality, organisation number and email.
   * Saving the same data again changes nothing and writes no audit entry.
   */
  async saveContact(principal: Principal, input: Record<string, unknown>, identities: readonly ChatIdentity[] = []): Promise<Outcome<{ contact: Contact; change: 'created' | 'updated' | 'unchanged' }>> {
    const validated = validateContactInput(input);
    if (!validated.ok) return fieldsInvalid(validated.errors);
    const refused = this.checkMunicipality(principal, validated.value.municipality);
    if (refused) return refused;
    return ok(await this.repository.write((transaction) => this.upsert(transaction, principal, validated.value, identities)));
  }

  private async upsert(transaction: ContactsTransaction, principal: Principal, value: ValidContactInput, identities: readonly ChatIdentity[]): Promise<{ contact: Contact; change: 'created' | 'updated' | 'unchanged' }> {
    const now = this.options.now().toISOString();
    // The store compares email without case; the key is the exact address as validated.
    const existing = (await transaction.findContacts({ municipality: value.municipality, orgNumber: value.orgNumber, email: value.email })).find((contact) => contact.email === value.email);
    const mergedIdentities = [...(existing?.identities ?? [])];
    for (const identity of identities) if (!mergedIdentities.some((known) => sameIdentity(known, identity))) mergedIdentities.push(identity);
    const next: Contact = {
      id: existing?.id ?? `c-${randomUUID().slice(0, 8)}`,
      municipality: value.municipality,
      provider: { name: value.providerName, orgNumber: value.orgNumber },
      name: value.name,
      email: value.email,
      phone: value.phone,
      identities: mergedIdentities,
      language: value.language ?? existing?.language ?? 'sv',
      active: true,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    if (existing && JSON.stringify({ ...existing, updatedAt: '' }) === JSON.stringify({ ...next, updatedAt: '' })) return { contact: existing, change: 'unchanged' };
    await transaction.putContact(next);
    await transaction.appendAudit({ at: now, actor: principal.label, action: existing ? 'contact.updated' : 'contact.created', municipality: next.municipality, subject: next.id, before: existing ?? null, after: next });
    return { contact: next, change: existing ? 'updated' : 'created' };
  }

  /** Sets the language of a contact's email and SMS notices ("en", "engelska", …). */
  async setContactLanguage(principal: Principal, id: string, language: string): Promise<Outcome<Contact>> {
    const parsed = parseContactLanguage(language);
    if (!parsed) return fieldsInvalid([fieldError('language', 'language')]);
    const found = await this.getContact(principal, id);
    if (!found.ok) return found;
    if (!this.manages(principal, found.value.municipality)) return forbidden({ kind: 'staff-only', action: 'change-contact' });
    if (found.value.language === parsed) return ok(found.value);
    return ok(
      await this.repository.write(async (transaction) => {
        const now = this.options.now().toISOString();
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
    const holders = await this.repository.findContacts(channel === 'email' ? { email: address.trim(), activeOnly: true } : { phone: address, activeOnly: true });
    return holders.length > 0 && holders.every((contact) => contact.language === 'en') ? 'en' : 'sv';
  }

  async deactivateContact(principal: Principal, id: string): Promise<Outcome<Contact>> {
    const found = await this.getContact(principal, id);
    if (!found.ok) return found;
    if (!this.manages(principal, found.value.municipality)) return forbidden({ kind: 'staff-only', action: 'deactivate-contact' });
    if (!found.value.active) return ok(found.value);
    return ok(
      await this.repository.write(async (transaction) => {
        const now = this.options.now().toISOString();
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
  async importContacts(principal: Principal, rows: readonly ImportRow[], options: { skipInvalid: boolean }): Promise<ImportReport> {
    const valid: ValidContactInput[] = [];
    const invalid: Array<{ line: number; errors: FieldError[] }> = [];
    for (const row of rows) {
      const validated = validateContactInput(row.values);
      if (!validated.ok) {
        invalid.push({ line: row.line, errors: validated.errors });
        continue;
      }
      const refused = this.checkMunicipality(principal, validated.value.municipality);
      // Refused for its municipality: the wrong one is named, the one the operator may not manage is forbidden there.
      if (refused) invalid.push({ line: row.line, errors: refused.code === 'invalid' ? [...refused.errors] : [fieldError('municipality', 'forbidden-municipality', { municipality: validated.value.municipality })] });
      else valid.push(validated.value);
    }
    if (invalid.length > 0 && !options.skipInvalid) return { applied: false, created: 0, updated: 0, unchanged: 0, invalid };
    const counts = await this.repository.write(async (transaction) => {
      const tally = { created: 0, updated: 0, unchanged: 0 };
      for (const value of valid) tally[(await this.upsert(transaction, principal, value, [])).change] += 1;
      return tally;
    });
    return { applied: true, ...counts, invalid };
  }

  /** The active or inactive contact records of the person behind a principal. */
  async contactsOf(principal: Principal): Promise<readonly Contact[]> {
    if (principal.contactIds.length === 0) return [];
    return this.repository.findContacts({ ids: principal.contactIds });
  }

  /** Staff who serve a municipality (administrators excluded), for routing messages to them. */
  staffOf(municipality: string): Promise<readonly StaffMember[]> {
    return this.repository.findStaff({ role: 'staff', municipality });
  }

  async listStaff(principal: Principal): Promise<Outcome<readonly StaffMember[]>> {
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-staff' });
    return ok(await this.repository.findStaff({ municipalities: principal.municipalities ?? undefined }));
  }

  /** Adds staff of a municipality, or an administrator. Only administrators may. */
  async addStaff(principal: Principal, input: { role: 'staff' | 'admin'; municipality: string | null; name: string; email: string | null; identities: readonly ChatIdentity[] }): Promise<Outcome<StaffMember>> {
    if (principal.role !== 'admin') return forbidden({ kind: 'admin-only', action: 'add-staff' });
    if (input.role === 'staff' && (!input.municipality || !this.options.municipalities.includes(input.municipality))) {
      return refuse('invalid', { kind: 'staff-needs-municipality' }, [fieldError('municipality', 'one-of', { options: this.options.municipalities })]);
    }
    if (input.identities.length === 0 && !input.email) {
      return refuse('invalid', { kind: 'staff-needs-identity' }, [fieldError('identity', 'required')]);
    }
    return ok(
      await this.repository.write(async (transaction) => {
        const now = this.options.now().toISOString();
        const member: StaffMember = { id: `s-${randomUUID().slice(0, 8)}`, role: input.role, municipality: input.role === 'admin' ? null : input.municipality, name: input.name, email: input.email, identities: input.identities, createdAt: now };
        await transaction.putStaff(member);
        await transaction.appendAudit({ at: now, actor: principal.label, action: 'staff.added', municipality: member.municipality, subject: member.id, before: null, after: member });
        return member;
      }),
    );
  }

  async removeStaff(principal: Principal, id: string): Promise<Outcome<StaffMember>> {
    if (principal.role !== 'admin') return forbidden({ kind: 'admin-only', action: 'remove-staff' });
    const member = await this.repository.staffMember(id);
    if (!member) return notFound('staff', id);
    await this.repository.write(async (transaction) => {
      await transaction.removeStaff(id);
      await transaction.appendAudit({ at: this.options.now().toISOString(), actor: principal.label, action: 'staff.removed', municipality: member.municipality, subject: id, before: member, after: null });
    });
    return ok(member);
  }

  /** A guest applies to become an IT-contact; the request waits for the municipality's staff. */
  async submitRegistration(principal: Principal, input: Record<string, unknown>, identity: ChatIdentity | null, replyTo: string | null): Promise<Outcome<RegistrationRequest>> {
    const validated = validateContactInput(input);
    if (!validated.ok) return fieldsInvalid(validated.errors);
    if (!this.options.municipalities.includes(validated.value.municipality)) {
      const { municipality } = validated.value;
      return refuse('invalid', { kind: 'unknown-municipality', municipality }, [fieldError('municipality', 'one-of', { options: this.options.municipalities })]);
    }
    const value = validated.value;
    const waiting = (await this.repository.findRegistrations({ status: 'pending', municipality: value.municipality, orgNumber: value.orgNumber, email: value.email })).find((request) => request.email === value.email);
    if (waiting) return refuse('conflict', { kind: 'registration-pending', requestId: waiting.id });
    return ok(
      await this.repository.write(async (transaction) => {
        const now = this.options.now().toISOString();
        const request: RegistrationRequest = {
          id: `r-${randomUUID().slice(0, 8)}`,
          status: 'pending',
          municipality: value.municipality,
          provider: { name: value.providerName, orgNumber: value.orgNumber },
          name: value.name,
          email: value.email,
          phone: value.phone,
          identity,
          replyTo,
          submittedAt: now,
          decidedAt: null,
          decidedBy: null,
          reason: null,
          contactId: null,
        };
        await transaction.putRegistration(request);
        await transaction.appendAudit({ at: now, actor: principal.label, action: 'registration.submitted', municipality: request.municipality, subject: request.id, before: null, after: request });
        return request;
      }),
    );
  }

  async listRegistrations(principal: Principal, filter: { status?: RegistrationRequest['status'] | undefined } = {}): Promise<Outcome<readonly RegistrationRequest[]>> {
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-registrations' });
    const found = await this.repository.findRegistrations({ status: filter.status, municipalities: principal.municipalities ?? undefined });
    return ok(found.filter((request) => this.manages(principal, request.municipality)));
  }

  /** Staff of the request's municipality approve (creating the contact) or reject (with a reason). */
  async decideRegistration(principal: Principal, id: string, decision: { approve: boolean; reason?: string | undefined }): Promise<Outcome<{ request: RegistrationRequest; contact: Contact | null }>> {
    const request = await this.repository.registration(id);
    if (!request || !this.manages(principal, request.municipality)) {
      return request ? forbidden({ kind: 'not-your-municipality', municipality: request.municipality, action: 'decide-registration' }) : notFound('registration', id);
    }
    if (request.status !== 'pending') return refuse('conflict', { kind: 'registration-decided', approved: request.status === 'approved', by: request.decidedBy });
    return ok(
      await this.repository.write(async (transaction) => {
        const now = this.options.now().toISOString();
        let contact: Contact | null = null;
        if (decision.approve) {
          const input: ValidContactInput = { municipality: request.municipality, providerName: request.provider.name, orgNumber: request.provider.orgNumber, name: request.name, email: request.email, phone: request.phone };
          contact = (await this.upsert(transaction, principal, input, request.identity ? [request.identity] : [])).contact;
        }
        const decided: RegistrationRequest = { ...request, status: decision.approve ? 'approved' : 'rejected', decidedAt: now, decidedBy: principal.label, reason: decision.reason ?? null, contactId: contact?.id ?? null };
        await transaction.putRegistration(decided);
        await transaction.appendAudit({ at: now, actor: principal.label, action: decision.approve ? 'registration.approved' : 'registration.rejected', municipality: request.municipality, subject: id, before: request, after: decided });
        return { request: decided, contact };
      }),
    );
  }

  /** The audit log, oldest first, limited to what the principal may see. */
  async listAudit(principal: Principal, filter: { municipality?: string | undefined; since?: Date | undefined } = {}): Promise<Outcome<readonly AuditEntry[]>> {
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-audit' });
    if (filter.municipality && !this.manages(principal, filter.municipality)) return forbidden({ kind: 'not-your-municipality', municipality: filter.municipality, action: 'see-audit' });
    const municipalities = filter.municipality ? [filter.municipality] : (principal.municipalities ?? undefined);
    const entries = await this.repository.audit({ municipalities, includeUnscoped: principal.role === 'admin' && !filter.municipality, since: filter.since });
    return ok(entries.filter((entry) => (entry.municipality === null ? principal.role === 'admin' : this.manages(principal, entry.municipality))));
  }
}
