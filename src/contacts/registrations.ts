import { randomUUID } from 'node:crypto';
import { fieldError } from '../errors/index.js';
import { upsertContact } from './contact-upsert.js';
import type { ChatIdentity, Contact, Principal, RegistrationRequest } from './model.js';
import { fieldsInvalid, forbidden, notFound, ok, refuse, type Outcome } from './refusal.js';
import { manages, type RegistryContext } from './registry-context.js';
import { validateContactInput, type ValidContactInput } from './validation.js';

/**
 * Applications to become an IT-contact: a guest applies, and the municipality's staff approve
 * (which creates the contact) or reject with a reason.
 */
export class Registrations {
  constructor(private readonly context: RegistryContext) {}

  /** A guest applies to become an IT-contact; the request waits for the municipality's staff. */
  async submit(principal: Principal, input: Record<string, unknown>, identity: ChatIdentity | null, replyTo: string | null): Promise<Outcome<RegistrationRequest>> {
    const { repository, municipalities, now } = this.context;
    const validated = validateContactInput(input);
    if (!validated.ok) return fieldsInvalid(validated.errors);
    if (!municipalities.includes(validated.value.municipality)) {
      const { municipality } = validated.value;
      return refuse('invalid', { kind: 'unknown-municipality', municipality }, [fieldError('municipality', 'one-of', { options: municipalities })]);
    }
    const value = validated.value;
    const waiting = (await repository.findRegistrations({ status: 'pending', municipality: value.municipality, orgNumber: value.orgNumber, email: value.email })).find((request) => request.email === value.email);
    if (waiting) return refuse('conflict', { kind: 'registration-pending', requestId: waiting.id });
    return ok(
      await repository.write(async (transaction) => {
        const at = now().toISOString();
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
          submittedAt: at,
          decidedAt: null,
          decidedBy: null,
          reason: null,
          contactId: null,
        };
        await transaction.putRegistration(request);
        await transaction.appendAudit({ at, actor: principal.label, action: 'registration.submitted', municipality: request.municipality, subject: request.id, before: null, after: request });
        return request;
      }),
    );
  }

  async list(principal: Principal, filter: { status?: RegistrationRequest['status'] | undefined } = {}): Promise<Outcome<readonly RegistrationRequest[]>> {
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-registrations' });
    const found = await this.context.repository.findRegistrations({ status: filter.status, municipalities: principal.municipalities ?? undefined });
    return ok(found.filter((request) => manages(principal, request.municipality)));
  }

  /** Staff of the request's municipality approve (creating the contact) or reject (with a reason). */
  async decide(principal: Principal, id: string, decision: { approve: boolean; reason?: string | undefined }): Promise<Outcome<{ request: RegistrationRequest; contact: Contact | null }>> {
    const { repository, now } = this.context;
    const request = await repository.registration(id);
    if (!request || !manages(principal, request.municipality)) {
      return request ? forbidden({ kind: 'not-your-municipality', municipality: request.municipality, action: 'decide-registration' }) : notFound('registration', id);
    }
    if (request.status !== 'pending') return refuse('conflict', { kind: 'registration-decided', approved: request.status === 'approved', by: request.decidedBy });
    return ok(
      await repository.write(async (transaction) => {
        const at = now().toISOString();
        let contact: Contact | null = null;
        if (decision.approve) {
          const input: ValidContactInput = { municipality: request.municipality, providerName: request.provider.name, orgNumber: request.provider.orgNumber, name: request.name, email: request.email, phone: request.phone };
          contact = (await upsertContact(this.context, transaction, principal, input, request.identity ? [request.identity] : [])).contact;
        }
        const decided: RegistrationRequest = { ...request, status: decision.approve ? 'approved' : 'rejected', decidedAt: at, decidedBy: principal.label, reason: decision.reason ?? null, contactId: contact?.id ?? null };
        await transaction.putRegistration(decided);
        await transaction.appendAudit({ at, actor: principal.label, action: decision.approve ? 'registration.approved' : 'registration.rejected', municipality: request.municipality, subject: id, before: request, after: decided });
        return { request: decided, contact };
      }),
    );
  }
}
