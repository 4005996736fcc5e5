import { randomUUID } from 'node:crypto';
import type { ChatIdentity, Contact, Principal } from './model.js';
import { sameIdentity, type RegistryContext } from './registry-context.js';
import type { ContactsTransaction } from './repository.js';
import type { ValidContactInput } from './validation.js';

/** What saving a contact did. */
export type ContactChange = 'created' | 'updated' | 'unchanged';

/**
 * Adds a contact, or updates the one with the same municipality, organisation number and email,
 * within a transaction (a save, an import, an approved registration). The same data again changes
 * nothing and writes no audit entry.
 */
export async function upsertContact(
  context: RegistryContext,
  transaction: ContactsTransaction,
  principal: Principal,
  value: ValidContactInput,
  identities: readonly ChatIdentity[],
): Promise<{ contact: Contact; change: ContactChange }> {
  const now = context.now().toISOString();
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
