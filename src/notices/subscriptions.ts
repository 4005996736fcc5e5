import type { Outcome, Principal } from '../contacts/index.js';
import type { NoticeContext } from './context.js';

/** The systems a contact has muted. */
export async function mutedSystems(context: NoticeContext, contactId: string): Promise<readonly string[]> {
  return (await context.repository.subscriptions([contactId])).get(contactId)?.muted ?? [];
}

/**
 * Follows or mutes a system for an IT-contact's records in a municipality ("prenumerera Treserva",
 * "sluta följa Phoniro"). Everyone follows every system until they mute one.
 */
export async function followSystem(context: NoticeContext, principal: Principal, municipality: string, system: string, following: boolean): Promise<Outcome<readonly string[]>> {
  if (!context.knowledge.systems.some((candidate) => candidate.id === system)) return { ok: false, code: 'invalid', message: `Okänt system "${system}".`, errors: [{ field: 'system', message: `Okänt system "${system}".` }] };
  const contactIds = (await context.contacts.contactsOf(principal)).filter((contact) => contact.active && contact.municipality === municipality).map((contact) => contact.id);
  if (contactIds.length === 0) return { ok: false, code: 'forbidden', message: `Bara registrerade IT-kontakter i ${municipality} kan välja system att följa. Skriv "registrera" för att ansöka.` };
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
