import { randomUUID } from 'node:crypto';
import { fieldError } from '../errors/index.js';
import type { ChatIdentity, Principal, StaffMember } from './model.js';
import { forbidden, notFound, ok, refuse, type Outcome } from './refusal.js';
import type { RegistryContext } from './registry-context.js';

/** What a new member of staff (or administrator) is given as. */
export interface StaffInput {
  readonly role: 'staff' | 'admin';
  readonly municipality: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly identities: readonly ChatIdentity[];
}

/** The municipalities' staff and the administrators: who they are, and who may add and remove them. */
export class StaffRegistry {
  constructor(private readonly context: RegistryContext) {}

  /** Staff who serve a municipality (administrators excluded), for routing messages to them. */
  staffOf(municipality: string): Promise<readonly StaffMember[]> {
    return this.context.repository.findStaff({ role: 'staff', municipality });
  }

  async listStaff(principal: Principal): Promise<Outcome<readonly StaffMember[]>> {
    if (principal.role !== 'admin' && principal.role !== 'staff') return forbidden({ kind: 'staff-only', action: 'see-staff' });
    return ok(await this.context.repository.findStaff({ municipalities: principal.municipalities ?? undefined }));
  }

  /** Adds staff of a municipality, or an administrator. Only administrators may. */
  async addStaff(principal: Principal, input: StaffInput): Promise<Outcome<StaffMember>> {
    const { repository, municipalities, now } = this.context;
    if (principal.role !== 'admin') return forbidden({ kind: 'admin-only', action: 'add-staff' });
    if (input.role === 'staff' && (!input.municipality || !municipalities.includes(input.municipality))) {
      return refuse('invalid', { kind: 'staff-needs-municipality' }, [fieldError('municipality', 'one-of', { options: municipalities })]);
    }
    if (input.identities.length === 0 && !input.email) {
      return refuse('invalid', { kind: 'staff-needs-identity' }, [fieldError('identity', 'required')]);
    }
    return ok(
      await repository.write(async (transaction) => {
        const at = now().toISOString();
        const member: StaffMember = { id: `s-${randomUUID().slice(0, 8)}`, role: input.role, municipality: input.role === 'admin' ? null : input.municipality, name: input.name, email: input.email, identities: input.identities, createdAt: at };
        await transaction.putStaff(member);
        await transaction.appendAudit({ at, actor: principal.label, action: 'staff.added', municipality: member.municipality, subject: member.id, before: null, after: member });
        return member;
      }),
    );
  }

  async removeStaff(principal: Principal, id: string): Promise<Outcome<StaffMember>> {
    const { repository, now } = this.context;
    if (principal.role !== 'admin') return forbidden({ kind: 'admin-only', action: 'remove-staff' });
    const member = await repository.staffMember(id);
    if (!member) return notFound('staff', id);
    await repository.write(async (transaction) => {
      await transaction.removeStaff(id);
      await transaction.appendAudit({ at: now().toISOString(), actor: principal.label, action: 'staff.removed', municipality: member.municipality, subject: id, before: member, after: null });
    });
    return ok(member);
  }
}
