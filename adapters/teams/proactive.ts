import { storedConversation, type ChatChannel, type StoredConversation } from '../../src/bot/index.js';
import type { DestinationRepository } from '../../src/contacts/index.js';
import { DEFAULT_DELIVERY_LIMITS, type DeliveryLimits } from '../../src/config/index.js';
import { outcomeOf, type SendOutcome, type TeamsAddress } from '../../src/outbound/index.js';
import type { OutboxSender } from './outbox-sender.js';
import { teamsRateKeys } from './rate-keys.js';

export interface TeamsChannelOptions {
  /** Where the stored conversation references are: Teams posts only with one. */
  readonly destinations: Pick<DestinationRepository, 'get'>;
  readonly limits?: Pick<DeliveryLimits, 'teamsPerConversation' | 'teamsPerTenant'> | undefined;
}

/**
 * Teams as an outbound channel: every message the core sends outside a turn (tickets and
 * applications to a staff channel, decisions and updates to a requester, notices, delivery
 * reports) is one Reply, rendered as an Adaptive Card or text, posted with one Bot Connector
 * request and no retry inside. A 429 is `retry` after its Retry-After, a 5xx or no answer
 * `retry`, 403/404 (the bot was removed, the conversation is gone) `gone`, any other 4xx or a
 * stored reference that cannot be used `refused`. A sent message can be replaced in place.
 *
 * A Teams user addressed directly is `gone`: Teams lets a bot message a person only in a
 * conversation that exists, and a personal chat exists once the person has installed the app
 * (which stores its reference, found by the core through `installedBy`). Creating one for someone
 * who has not needs the app installed for them first (Graph, with admin consent), which this bot
 * does not do.
 */
export function teamsChannel(sender: OutboxSender, options: TeamsChannelOptions): ChatChannel<TeamsAddress> {
  const limits = options.limits ?? DEFAULT_DELIVERY_LIMITS;
  /** The stored conversation to post in, or the outcome that says why there is none. */
  const destinationOf = async (address: TeamsAddress): Promise<StoredConversation> => {
    if (address.kind === 'teams-user') return { outcome: { kind: 'gone', reason: 'Teams kan inte skriva till en person som inte har en personlig chatt med boten; personen behöver lägga till appen i Teams först.' } };
    return storedConversation(address, options.destinations);
  };
  return {
    rateKeys: (address) => teamsRateKeys(address, limits),
    async send(address, message, sendOptions = {}): Promise<SendOutcome> {
      const stored = await destinationOf(address);
      if ('outcome' in stored) return stored.outcome;
      return outcomeOf(() => sender.post(stored.destination, message, sendOptions));
    },
    async replace(address, sent, message): Promise<SendOutcome> {
      const stored = await destinationOf(address);
      if ('outcome' in stored) return stored.outcome;
      return outcomeOf(async () => {
        await sender.replace(stored.destination, sent, message);
        return sent;
      });
    },
  };
}
