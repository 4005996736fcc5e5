import { fieldError } from '../errors/index.js';
import type { ChatIdentity, Principal } from './model.js';
import { forbidden, refuse, type Failure } from './refusal.js';
import type { ContactsRepository } from './repository.js';

/** What the registry's parts share: the store, the clock, and the municipalities there are. */
export interface RegistryContext {
  readonly repository: ContactsRepository;
  readonly now: () => Date;
  readonly municipalities: readonly string[];
}

/** Whether a principal may manage a municipality's contacts. */
export function manages(principal: Principal, municipality: string): boolean {
  return principal.municipalities === null ? principal.role === 'admin' : principal.role === 'staff' && principal.municipalities.includes(municipality);
}

/** Why a principal may not change the registry of a municipality (unknown, or not theirs); undefined when they may. */
export function checkMunicipality(context: RegistryContext, principal: Principal, municipality: string): Failure | undefined {
  if (!context.municipalities.includes(municipality)) {
    return refuse('invalid', { kind: 'unknown-municipality', municipality }, [fieldError('municipality', 'unknown-municipality', { municipality, known: context.municipalities })]);
  }
  if (!manages(principal, municipality)) return forbidden({ kind: 'not-your-municipality', municipality, action: 'manage-contacts' });
  return undefined;
}

export function sameIdentity(a: ChatIdentity, b: ChatIdentity): boolean {
  return a.platform === b.platform && a.tenantId === b.tenantId && a.userId === b.userId;
}

/** A chat user as the audit log names them: "teams:tenant:user". */
export function identityLabel(identity: ChatIdentity): string {
  return `${identity.platform}:${identity.tenantId}:${identity.userId}`;
}
