import type { AuditEntry, AuditQuery, Contact, ContactQuery, ContactsTransaction, RegistrationQuery, RegistrationRequest, StaffMember, StaffQuery } from '../../contacts/index.js';
import { recordSchemas } from '../schema.js';
import { appendAudit } from './shared.js';
import { docs, json, type Sql } from './sql.js';

/** Builds a WHERE clause from conditions, numbering the parameters as they are added. */
class Where {
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];
  add(condition: (parameter: string) => string, value: unknown): void {
    this.values.push(value);
    this.conditions.push(condition(`$${this.values.length}`));
  }
  raw(condition: string): void {
    this.conditions.push(condition);
  }
  toString(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

export { Where };

const identityParam = (identity: { platform: string; tenantId: string; userId: string }): string => json([{ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId }]);

/** The registry on PostgreSQL: the questions over the pool or a unit of work's connection, and its changes. */
export class PgContacts implements ContactsTransaction {
  constructor(private readonly sql: Sql) {}

  async contact(id: string): Promise<Contact | undefined> {
    return docs(recordSchemas.contact, await this.sql('SELECT doc FROM contacts WHERE id = $1', [id]), 'contacts')[0] as Contact | undefined;
  }

  async findContacts(query: ContactQuery): Promise<readonly Contact[]> {
    const where = new Where();
    if (query.municipality !== undefined) where.add((p) => `municipality = ${p}`, query.municipality);
    if (query.municipalities !== undefined) where.add((p) => `municipality = ANY(${p}::text[])`, query.municipalities);
    if (query.identity !== undefined) where.add((p) => `doc -> 'identities' @> ${p}::jsonb`, identityParam(query.identity));
    if (query.ids !== undefined) where.add((p) => `id = ANY(${p}::text[])`, query.ids);
    if (query.orgNumber !== undefined) where.add((p) => `org_number = ${p}`, query.orgNumber);
    if (query.email !== undefined) where.add((p) => `email_lower = ${p}`, query.email.toLowerCase());
    if (query.phone !== undefined) where.add((p) => `phone = ${p}`, query.phone);
    if (query.activeOnly) where.raw('active');
    return docs(recordSchemas.contact, await this.sql(`SELECT doc FROM contacts ${where} ORDER BY seq`, where.values), 'contacts') as Contact[];
  }

  async staffMember(id: string): Promise<StaffMember | undefined> {
    return docs(recordSchemas.staff, await this.sql('SELECT doc FROM staff WHERE id = $1', [id]), 'staff')[0] as StaffMember | undefined;
  }

  async findStaff(query: StaffQuery): Promise<readonly StaffMember[]> {
    const where = new Where();
    if (query.identity !== undefined) where.add((p) => `doc -> 'identities' @> ${p}::jsonb`, identityParam(query.identity));
    if (query.role !== undefined) where.add((p) => `role = ${p}`, query.role);
    if (query.municipality !== undefined) where.add((p) => `municipality = ${p}`, query.municipality);
    if (query.municipalities !== undefined) where.add((p) => `municipality = ANY(${p}::text[])`, query.municipalities);
    return docs(recordSchemas.staff, await this.sql(`SELECT doc FROM staff ${where} ORDER BY seq`, where.values), 'staff') as StaffMember[];
  }

  async registration(id: string): Promise<RegistrationRequest | undefined> {
    return docs(recordSchemas.registration, await this.sql('SELECT doc FROM registrations WHERE id = $1', [id]), 'registrations')[0] as RegistrationRequest | undefined;
  }

  async findRegistrations(query: RegistrationQuery): Promise<readonly RegistrationRequest[]> {
    const where = new Where();
    if (query.status !== undefined) where.add((p) => `status = ${p}`, query.status);
    if (query.municipality !== undefined) where.add((p) => `municipality = ${p}`, query.municipality);
    if (query.municipalities !== undefined) where.add((p) => `municipality = ANY(${p}::text[])`, query.municipalities);
    if (query.orgNumber !== undefined) where.add((p) => `org_number = ${p}`, query.orgNumber);
    if (query.email !== undefined) where.add((p) => `email_lower = ${p}`, query.email.toLowerCase());
    return docs(recordSchemas.registration, await this.sql(`SELECT doc FROM registrations ${where} ORDER BY seq`, where.values), 'registrations') as RegistrationRequest[];
  }

  async audit(query: AuditQuery): Promise<readonly AuditEntry[]> {
    const where = new Where();
    const scoped = query.municipalities === undefined ? 'municipality IS NOT NULL' : undefined;
    if (scoped) where.raw(query.includeUnscoped ? 'TRUE' : scoped);
    else where.add((p) => (query.includeUnscoped ? `(municipality = ANY(${p}::text[]) OR municipality IS NULL)` : `municipality = ANY(${p}::text[])`), query.municipalities);
    if (query.since !== undefined) where.add((p) => `at >= ${p}`, query.since.toISOString());
    return docs(recordSchemas.audit, await this.sql(`SELECT doc FROM audit ${where} ORDER BY seq`, where.values), 'audit') as AuditEntry[];
  }

  async putContact(contact: Contact): Promise<void> {
    await this.sql(
      `INSERT INTO contacts (id, municipality, org_number, email_lower, phone, active, doc) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (id) DO UPDATE SET municipality = EXCLUDED.municipality, org_number = EXCLUDED.org_number, email_lower = EXCLUDED.email_lower, phone = EXCLUDED.phone, active = EXCLUDED.active, doc = EXCLUDED.doc`,
      [contact.id, contact.municipality, contact.provider.orgNumber, contact.email.toLowerCase(), contact.phone, contact.active, json(contact)],
    );
  }

  async putStaff(member: StaffMember): Promise<void> {
    await this.sql('INSERT INTO staff (id, role, municipality, doc) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, municipality = EXCLUDED.municipality, doc = EXCLUDED.doc', [member.id, member.role, member.municipality, json(member)]);
  }

  async removeStaff(id: string): Promise<void> {
    await this.sql('DELETE FROM staff WHERE id = $1', [id]);
  }

  async putRegistration(request: RegistrationRequest): Promise<void> {
    await this.sql(
      `INSERT INTO registrations (id, status, municipality, org_number, email_lower, doc) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, municipality = EXCLUDED.municipality, org_number = EXCLUDED.org_number, email_lower = EXCLUDED.email_lower, doc = EXCLUDED.doc`,
      [request.id, request.status, request.municipality, request.provider.orgNumber, request.email.toLowerCase(), json(request)],
    );
  }

  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void> {
    return appendAudit(this.sql, entry);
  }
}
