import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Destination } from '../../src/contacts/index.js';
import type { ChatTarget, PlatformSender, Reply } from '../../src/bot/index.js';
import { DEFAULT_DELIVERY_LIMITS, type DeliveryLimits } from '../../src/config/index.js';
import { BotError, SendFailure } from '../../src/errors/index.js';
import type { Logger } from '../../src/log/index.js';
import type { ItkontaktTeamsAdapter } from './adapter.js';
import { storedReferenceSchema } from './inbound.js';
import { createOutboxSender, statusOf, type OutboxSender } from './outbox-sender.js';
import { teamsRateKeys } from './rate-keys.js';
import { renderReply } from './render.js';
import { threadConversationId } from './thread-id.js';

/** What a proactive send returns: the ids Teams gave the new messages (to update or reply to them later). */
export interface ProactiveSendResult {
  /** The last message posted. */
  readonly activityId: string | undefined;
  /** The first message posted: in a channel, a new post is the root of its own thread. */
  readonly firstActivityId: string | undefined;
}

/** Where in the conversation to post. */
export interface ProactiveSendOptions {
  /** A channel thread's root post: the messages are posted as replies in that thread. */
  readonly threadId?: string | undefined;
}

/**
 * Sends to a conversation where the bot is installed, without anyone asking: outage notices,
 * reminders. Failures are BotErrors with a code: `TEAMS_DESTINATION_GONE` when Teams says the
 * conversation is gone or the bot was removed (403/404; the caller should drop the destination),
 * `TEAMS_SEND_FAILED` otherwise, `TEAMS_BAD_DESTINATION` for a destination that is not a usable
 * Teams reference (or, in local mode, one whose serviceUrl is not on this machine),
 * `TEAMS_NOT_CONFIGURED` while Teams is off. The notice outbox uses `post` and `replace` instead (see OutboxSender), which
 * fail with SendFailures and never retry.
 */
export interface TeamsSender extends OutboxSender {
  /**
   * Posts a Reply (rendered as Teams shows it) or a ready activity (e.g. `cardActivity(card)`), or
   * several in order in one continued conversation, in a channel thread when `threadId` is given.
   */
  send(destination: Destination, message: TeamsMessage | readonly TeamsMessage[], options?: ProactiveSendOptions): Promise<ProactiveSendResult>;
}

/** What can be posted: a core Reply or a ready Bot Framework activity. */
export type TeamsMessage = Reply | Partial<Activity>;

function isReply(message: TeamsMessage): message is Reply {
  return typeof (message as { kind?: unknown }).kind === 'string';
}

/**
 * The core's way to post to Teams outside a turn (tickets and applications to a staff channel,
 * decisions and updates to a requester's chat): every Reply to a stored conversation reference.
 *
 * There is deliberately no `sendToUser`: Teams lets a bot message a person only in a conversation
 * that exists, and a personal chat exists once the person has installed the app (which stores its
 * reference as a destination, found by the core through `installedBy`). Creating one for someone
 * who has not needs the app installed for them first (Graph, with admin consent), which this bot
 * does not do; the core then says the person could not be reached in chat.
 */
export function platformSender(sender: TeamsSender, limits: Pick<DeliveryLimits, 'teamsPerConversation' | 'teamsPerTenant'> = DEFAULT_DELIVERY_LIMITS): PlatformSender {
  return {
    platform: 'teams',
    rateKeys: (address) => (address.kind === 'teams' || address.kind === 'teams-user' ? teamsRateKeys(address, limits) : [{ key: address.kind }]),
    async send(destination, replies, options = {}) {
      if (replies.length === 0) return undefined;
      // The core remembers this id as the ticket's staff thread: in a channel, the new post's own.
      return (await sender.send(destination, replies, options)).firstActivityId;
    },
    async post(target, replies, options = {}) {
      return sender.post(destinationOf(target), replies, options);
    },
    async replace(target, posted, replies) {
      // One Teams message is replaced by one activity: a notice or a report is a single reply.
      if (replies.length !== 1) throw new SendFailure('rejected', `Teams ersätter ett meddelande med exakt ett nytt, inte ${replies.length}.`);
      await sender.replace(destinationOf(target), posted, replies[0]!);
    },
  };
}

/** Teams only posts to conversations the bot is in (see above): a person without one is out of reach. */
function destinationOf(target: ChatTarget): Destination {
  if ('destination' in target) return target.destination;
  throw new SendFailure('gone', 'Teams kan inte skriva till en person som inte har en personlig chatt med boten; personen behöver lägga till appen i Teams först.');
}

/**
 * The conversation to post in: a channel's thread is the conversation `<channel id>;messageid=<root>`
 * to the Bot Connector (what Teams itself sends for a message there). Elsewhere (a personal or group
 * chat) there are no threads, so the messages go to the conversation as they are.
 */
function conversationFor(reference: Record<string, unknown> & { conversation: Record<string, unknown> & { id: string } }, threadId: string | undefined): Record<string, unknown> {
  const { conversation } = reference;
  if (!threadId || conversation.conversationType !== 'channel') return reference;
  return { ...reference, conversation: { ...conversation, id: threadConversationId(conversation.id, threadId) } };
}

/** A sender on the given adapter, acting as the given bot (no app id in local mode). */
export function createProactiveSender(adapter: ItkontaktTeamsAdapter, appId: string | undefined, logger: Logger): TeamsSender {
  return {
    ...createOutboxSender(adapter, appId, logger),
    async send(destination, message, options = {}) {
      if (destination.platform !== 'teams') {
        throw new BotError('TEAMS_BAD_DESTINATION', `Mottagaren ${destination.key} är inte en Teams-konversation (${destination.platform}).`);
      }
      const reference = storedReferenceSchema.safeParse(destination.reference);
      if (!reference.success) {
        throw new BotError('TEAMS_BAD_DESTINATION', `Mottagaren ${destination.key} saknar en giltig konversationsreferens; installera appen i konversationen igen.`);
      }
      const refusal = adapter.serviceUrlRefusal(reference.data.serviceUrl);
      if (refusal !== undefined) {
        logger.warn({ destination: destination.key, serviceUrl: reference.data.serviceUrl, mode: adapter.mode }, 'proactive Teams send refused: not to this serviceUrl in this mode');
        throw new BotError(adapter.mode === 'off' ? 'TEAMS_NOT_CONFIGURED' : 'TEAMS_BAD_DESTINATION', refusal);
      }
      const messages: readonly TeamsMessage[] = Array.isArray(message) ? message : [message as TeamsMessage];
      const activities = messages.map((item) => (isReply(item) ? renderReply(item) : item));
      let ids: Array<string | undefined> = [];
      let failure: unknown;
      // Errors are caught inside the turn: otherwise botbuilder hands them to onTurnError, which
      // is for conversations a user started.
      const logic = async (context: TurnContext): Promise<void> => {
        // botbuilder makes every send in a continued conversation a reply to the made-up id of
        // its continuation event; a notice is a new message (POST .../activities), not a reply.
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        try {
          ids = (await context.sendActivities(activities)).map((response) => response?.id);
        } catch (error) {
          failure = error;
        }
      };
      try {
        await adapter.continueConversationAsync(appId ?? '', conversationFor(reference.data, options.threadId) as unknown as Partial<ConversationReference>, logic);
      } catch (error) {
        failure ??= error;
      }
      if (failure !== undefined) {
        const status = statusOf(failure);
        logger.warn({ err: failure, destination: destination.key, status }, 'proactive Teams send failed');
        if (status === 403 || status === 404) {
          throw new BotError('TEAMS_DESTINATION_GONE', `Teams tar inte längre emot meddelanden till ${destination.key} (HTTP ${status}); boten är troligen borttagen där.`, { cause: failure });
        }
        throw new BotError('TEAMS_SEND_FAILED', `Kunde inte skicka till ${destination.key}${status ? ` (HTTP ${status})` : ''}.`, { cause: failure });
      }
      const result = { activityId: ids.at(-1), firstActivityId: ids[0] };
      logger.debug({ destination: destination.key, ...result, threadId: options.threadId }, 'proactive Teams message sent');
      return result;
    },
  };
}
