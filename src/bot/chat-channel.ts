import type { Destination, DestinationRepository } from '../contacts/index.js';
import { storedConversationKey, type OutboundChannel, type SendOutcome, type SlackAddress, type SlackChannel, type TeamsAddress, type TeamsConversation } from '../outbound/index.js';
import type { Reply } from './reply.js';

/**
 * A chat platform's outbound side: the one outbound contract (see OutboundChannel) for the
 * platform's own addresses, carrying one Reply, which the adapter renders as the platform shows it.
 * Like every channel it sends once and never waits: the caller's RetryPolicy owns retries.
 */
export type ChatChannel<A extends TeamsAddress | SlackAddress> = OutboundChannel<A, Reply>;

/** What a started chat adapter hands the core: its channel, named by platform, so each address goes to its own. */
export type PlatformOutbound = { readonly platform: 'teams'; readonly channel: ChatChannel<TeamsAddress> } | { readonly platform: 'slack'; readonly channel: ChatChannel<SlackAddress> };

/** The stored conversation a chat address names, or the outcome that says why there is none. */
export type StoredConversation = { readonly destination: Destination } | { readonly outcome: SendOutcome };

/**
 * The stored conversation an address names, for the adapter that needs its reference to post
 * there; a conversation that is unknown or that the bot was removed from is `gone`, as the
 * platform would say.
 */
export async function storedConversation(address: TeamsConversation | SlackChannel, destinations: Pick<DestinationRepository, 'get'>): Promise<StoredConversation> {
  const destination = await destinations.get(storedConversationKey(address)!);
  if (!destination || destination.inactiveSince) return { outcome: { kind: 'gone', reason: 'boten finns inte längre i konversationen' } };
  return { destination };
}
