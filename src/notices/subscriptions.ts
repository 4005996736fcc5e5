import type { Principal } from '../contacts/index.js';
import { fieldError } from '../errors/index.js';
import type { NoticeContext } from './context.js';
import { fieldsInvalid, refuse, type NoticeOutcome } from './refusal.js';

/** The systems a contact has muted. */
export async function mutedSystems(context: NoticeContext, contactId: string): Promise<readonly string[]> {
  return (await context.repository.subscriptions([contactId])).get(contactId)?.muted ?? [];
}

/**
 * Follows or mutes a system for an IT-contact's records in a municipality ("prenumerera Treserva",
 * "sluta följa Phoniro"). Everyone follows every system until they mute one.
 */
export async function followSystem(context: NoticeContext, principal: Principal, municipality: string, system: string, following: boolean): Promise<NoticeOutcome<readonly string[]>> {
  if (!context.knowledge.systems.some((candidate) => candidate.id === system)) return fieldsInvalid([fieldError('system', 'unknown-system', { system })]);
  const contactIds = (await context.contacts.contactsOf(principal)).filter((contact) => contact.active && contact.municipality === municipality).map((contact) => contact.id);
  if (contactIds.length === 0) return refuse('forbidden', { kind: 'not-contact-of', municipality });
  const muted = await context.repository.write(async (transaction) => {
    const at = context.now().toISOString();
    const current = await transaction.subscriptions(contactIds);
    let result: readonly string[] = [];
    for (const contactId of contactIds) {
      const before = current.get(contactId)?.muted ?? [];
      result = following ? before.filter((id) => id !== system) : [...new Set([...before, system])];
      await transaction.putSubscription(contactId, { muted: result, updatedAt: at });
    }
    await transaction.appendAudit({ at, actor: principal.label, action: following ? 'subscription.followed' : 'subscription.muted', municipality, subject: system, before: null, after: { contacts: contactIds } });
    return result;
  });
  return { ok: true, value: muted };
}
