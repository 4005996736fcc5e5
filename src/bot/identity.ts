import type { ChatIdentity, Actor } from '../contacts/index.js';

/** The registry's view of a chat user. */
export function identityOf(actor: Actor): ChatIdentity {
  return { platform: actor.platform, tenantId: actor.tenantId ?? '-', userId: actor.userId };
}
