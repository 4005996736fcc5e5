import type { Activity, ConversationReference } from 'botbuilder';
import type { Destination } from '../../src/contacts/index.js';
import type { Reply } from '../../src/bot/index.js';
import { SendFailure, failureKindForStatus, isSendFailure, parseRetryAfter } from '../../src/errors/index.js';
import type { Logger } from '../../src/log/index.js';
import type { SentRef } from '../../src/outbound/index.js';
import type { ItkontaktTeamsAdapter } from './adapter.js';
import { storedReferenceSchema } from './inbound.js';
import { renderReply } from './render.js';
import { channelOf, threadConversationId } from './thread-id.js';

/** Bounds one outbox request, so a connector that never answers is a transient failure, not a stuck outbox. */
const OUTBOX_TIMEOUT_MS = 30_000;

/**
 * Posting and replacing on the Bot Connector for the Teams channel, whose callers own rate limits
 * and retries: every call is one request on a connector client without retries (see the adapter's
 * outboxConnector), and every failure is a SendFailure (see proactive.ts for the outcomes).
 */
export interface OutboxSender {
  /**
   * Posts the reply, in the channel thread `thread` when given, with one HTTP request and no retry
   * or wait inside. Resolves with where it went. Failures are SendFailures (429 with its
   * Retry-After, gone for 403/404, transient, rejected).
   */
  post(destination: Destination, reply: Reply, options?: { readonly thread?: SentRef | undefined }): Promise<SentRef>;
  /** Replaces a message posted earlier (by `post`) with this one, in place. Fails like `post`. */
  replace(destination: Destination, posted: SentRef, reply: Reply): Promise<void>;
}

/** The HTTP status of a botframework-connector error (its RestError's `statusCode`). */
function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

type StoredReference = ReturnType<typeof storedReferenceSchema.parse>;

/**
 * The destination's stored reference, or a SendFailure that no retry can fix: not a Teams
 * reference, or one whose serviceUrl this adapter may not send to (see serviceUrlPolicy).
 */
function referenceFor(adapter: ItkontaktTeamsAdapter, destination: Destination, logger: Logger): StoredReference {
  if (destination.platform !== 'teams') throw new SendFailure('rejected', `Mottagaren ${destination.key} är inte en Teams-konversation (${destination.platform}).`);
  const reference = storedReferenceSchema.safeParse(destination.reference);
  if (!reference.success) throw new SendFailure('rejected', `Mottagaren ${destination.key} saknar en giltig konversationsreferens; installera appen i konversationen igen.`);
  const refusal = adapter.serviceUrlRefusal(reference.data.serviceUrl);
  if (refusal !== undefined) {
    logger.warn({ destination: destination.key, serviceUrl: reference.data.serviceUrl, mode: adapter.mode }, 'Teams outbox send refused: not to this serviceUrl in this mode');
    throw new SendFailure('rejected', refusal);
  }
  return reference.data;
}

/** A message id must be of this conversation: an update or a thread elsewhere is a mistake, not a delivery. */
function checkSameConversation(reference: StoredReference, conversationId: string, destination: Destination): void {
  if (channelOf(conversationId) !== channelOf(reference.conversation.id)) {
    throw new SendFailure('rejected', `Meddelandet i ${conversationId} hör inte till mottagaren ${destination.key}.`);
  }
}

// botbuilder is loaded with the first send, not by everything that imports the Teams adapter; kept
// once loaded, since an import() per message costs a module resolution each time.
let botbuilder: Promise<typeof import('botbuilder')> | undefined;

/** A rendered reply addressed as botbuilder addresses what the bot sends: from the bot, in the conversation. */
async function outgoing(reply: Reply, reference: StoredReference, conversationId: string): Promise<Partial<Activity>> {
  const { TurnContext } = await (botbuilder ??= import('botbuilder'));
  const activity = TurnContext.applyConversationReference({ ...renderReply(reply) }, reference as unknown as Partial<ConversationReference>);
  return { ...activity, conversation: { ...activity.conversation!, id: conversationId } };
}

/**
 * The Retry-After of a refusal: botframework-connector throws @azure/core-rest-pipeline's
 * RestError, whose `response.headers` is an HttpHeaders (read by name); a plain object is read too.
 */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  const value = typeof get === 'function' ? (get as (name: string) => unknown).call(headers, 'retry-after') : ((headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After']);
  return typeof value === 'string' || typeof value === 'number' ? parseRetryAfter(value) : undefined;
}

/** A connector failure in the outbox's terms; the message says what it means for the recipient. */
function sendFailureOf(error: unknown, destination: Destination, what: string): SendFailure {
  if (isSendFailure(error)) return error;
  const status = statusOf(error);
  if (status === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return new SendFailure('transient', `Kunde inte nå Teams för ${what} till ${destination.key}: ${reason}`, { cause: error });
  }
  const kind = failureKindForStatus(status);
  const retryAfterMs = retryAfterOf(error);
  const message =
    kind === 'gone'
      ? `Teams tar inte längre emot meddelanden till ${destination.key} (HTTP ${status}); boten är troligen borttagen där.`
      : kind === 'rate-limited'
        ? `Teams begränsar takten till ${destination.key} (HTTP 429)${retryAfterMs !== undefined ? `; försök igen om ${Math.ceil(retryAfterMs / 1000)} s` : ''}.`
        : `Teams svarade HTTP ${status} på ${what} till ${destination.key}.`;
  return new SendFailure(kind, message, { status, retryAfterMs, cause: error });
}

/** The outbox's sender on the given adapter, acting as the given bot (no app id in local mode). */
export function createOutboxSender(adapter: ItkontaktTeamsAdapter, appId: string | undefined, logger: Logger): OutboxSender {
  return {
    async post(destination, reply, options = {}) {
      const reference = referenceFor(adapter, destination, logger);
      const { thread } = options;
      if (thread) checkSameConversation(reference, thread.conversationId, destination);
      // A channel's thread is the conversation `<channel>;messageid=<root>`; chats have no threads,
      // so there the messages go to the conversation as they are.
      const conversationId = thread && reference.conversation.conversationType === 'channel' ? threadConversationId(reference.conversation.id, thread.messageId) : reference.conversation.id;
      let messageId: string;
      try {
        const connector = await adapter.outboxConnector(appId ?? '', reference.serviceUrl);
        const response = await connector.conversations.sendToConversation(conversationId, await outgoing(reply, reference, conversationId), { timeout: OUTBOX_TIMEOUT_MS });
        messageId = response.id ?? '';
      } catch (error) {
        const failure = sendFailureOf(error, destination, 'ett meddelande');
        logger.warn({ err: error, destination: destination.key, kind: failure.kind, status: failure.details.status }, 'Teams post failed');
        throw failure;
      }
      // Delivered all the same: failing here would make the caller post it twice.
      if (!messageId) logger.warn({ destination: destination.key }, 'Teams answered a post without a message id; it cannot be threaded or replaced');
      return { conversationId, messageId };
    },
    async replace(destination, posted, reply) {
      const reference = referenceFor(adapter, destination, logger);
      checkSameConversation(reference, posted.conversationId, destination);
      try {
        const connector = await adapter.outboxConnector(appId ?? '', reference.serviceUrl);
        const activity = { ...(await outgoing(reply, reference, posted.conversationId)), id: posted.messageId };
        await connector.conversations.updateActivity(posted.conversationId, posted.messageId, activity, { timeout: OUTBOX_TIMEOUT_MS });
      } catch (error) {
        const failure = sendFailureOf(error, destination, `ersättningen av ${posted.messageId}`);
        logger.warn({ err: error, destination: destination.key, kind: failure.kind, status: failure.details.status }, 'Teams replace failed');
        throw failure;
      }
    },
  };
}
