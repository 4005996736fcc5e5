import { webApi } from '@slack/bolt';
import { z } from 'zod';
import { storedConversation, type ChatChannel } from '../../src/bot/index.js';
import type { DestinationRepository } from '../../src/contacts/index.js';
import { DEFAULT_DELIVERY_LIMITS, type DeliveryLimits } from '../../src/config/index.js';
import { SendFailure, failureKindForStatus, parseRetryAfter } from '../../src/errors/index.js';
import { outcomeOfError, type SendOutcome, type SlackAddress } from '../../src/outbound/index.js';
import { slackRateKeys } from './rate-keys.js';
import { renderReply } from './render.js';

type WebClient = webApi.WebClient;

// Slack as an outbound channel: each message posted once, without waiting or retrying here (the
// caller's retry policy owns that), and every failure as the outcome the caller acts on.

/**
 * Conversation problems: the channel, the person or the app's access to them is gone, so the
 * outbox stops sending there. Slack answers these per conversation; a token that no longer works
 * (account_inactive is the bot's own account deactivated) reaches nowhere in this workspace either.
 */
const GONE = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'team_access_not_granted',
  'cannot_dm_bot',
  'restricted_action',
  'restricted_action_read_only_channel',
]);

/**
 * Problems with the app's own token or scopes. They are not about one conversation: calling them
 * "gone" would mark every channel inactive until someone added the bot again everywhere, while the
 * fix is one token or scope away. So they are transient: the outbox backs off, the failure reason
 * tells staff what to fix, and the notices go out once it is fixed.
 */
const APP_WIDE = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'missing_scope', 'not_allowed_token_type', 'no_permission', 'org_login_required']);

/** Slack's own trouble; `ratelimited` in a body without a Retry-After has no wait to honour, so it backs off like these. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'team_added_to_org']);

/** A Web API error (or anything thrown while calling it) as the SendFailure the outbox acts on. */
export function slackSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const candidate = error as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown } } | null;
  switch (candidate?.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const retryAfterMs = parseRetryAfter(typeof candidate.retryAfter === 'number' ? candidate.retryAfter : undefined);
      return new SendFailure('rate-limited', `Slack: för många meddelanden (429), vänta ${Math.ceil((retryAfterMs ?? 0) / 1000)} s`, { retryAfterMs, status: 429, cause: error });
    }
    case webApi.ErrorCode.PlatformError: {
      const code = typeof candidate.data?.error === 'string' ? candidate.data.error : 'unknown_error';
      if (GONE.has(code)) return new SendFailure('gone', `Slack: boten når inte kanalen eller personen (${code})`, { cause: error });
      if (APP_WIDE.has(code)) return new SendFailure('transient', `Slack godkänner inte appens token eller behörigheter (${code}); kontrollera SLACK_BOT_TOKEN och appens scopes`, { cause: error });
      if (TRANSIENT.has(code)) return new SendFailure('transient', `Slack: tillfälligt fel (${code})`, { cause: error });
      // invalid_blocks, msg_too_long, message_not_found, cant_update_message…: this message, as it is, never goes.
      return new SendFailure('rejected', `Slack tog inte emot meddelandet (${code})`, { cause: error });
    }
    case webApi.ErrorCode.HTTPError: {
      const status = typeof candidate.statusCode === 'number' ? candidate.statusCode : 500;
      // Slack answers conversation problems with 200 and an error code; any other status came from
      // Slack's edge or a proxy on the way, which says nothing about the conversation: never "gone".
      const kind = failureKindForStatus(status);
      return new SendFailure(kind === 'gone' || kind === 'rate-limited' ? 'transient' : kind, `Slack svarade HTTP ${status}`, { status, cause: error });
    }
    default:
      // A timeout, a refused connection, or a 429 whose Retry-After the client could not read.
      return new SendFailure('transient', `Slack kunde inte nås: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** What a Slack destination stores to be posted to later (see the bot-joined turn in handler.ts). */
const slackReferenceSchema = z.object({ channel: z.string().min(1) }).passthrough();

export interface SlackChannelOptions {
  /** Where the stored conversations are: a channel the bot was removed from is gone. */
  readonly destinations: Pick<DestinationRepository, 'get'>;
  readonly limits?: Pick<DeliveryLimits, 'slackPerChannel' | 'slackPerWorkspace'> | undefined;
}

/**
 * Slack as an outbound channel: every message the core sends outside a turn (tickets and
 * applications to a staff channel, decisions and updates to a requester, notices, delivery
 * reports) is one Reply as Block Kit, posted with chat.postMessage to a stored channel or to a user
 * id (Slack delivers it in the user's DM with the bot), and replaced with chat.update. The client
 * must not retry on its own (see slackClientOptions' `retries`): a retry after a timeout may post
 * the same message twice, and every wait belongs to the caller. The bot token is one workspace's,
 * so a channel or person in another workspace is gone here (channel_not_found, user_not_found).
 */
export function slackChannel(client: WebClient, options: SlackChannelOptions): ChatChannel<SlackAddress> {
  const limits = options.limits ?? DEFAULT_DELIVERY_LIMITS;
  /** The channel id to post to, or the outcome that says why there is none. */
  const channelOf = async (address: SlackAddress): Promise<{ readonly channel: string } | { readonly outcome: SendOutcome }> => {
    if (address.kind === 'slack-user') return { channel: address.userId };
    const stored = await storedConversation(address, options.destinations);
    if ('outcome' in stored) return stored;
    const reference = slackReferenceSchema.safeParse(stored.destination.reference);
    return { channel: reference.success ? reference.data.channel : stored.destination.conversationId };
  };
  return {
    rateKeys: (address) => slackRateKeys(address, limits),
    async send(address, reply, sendOptions = {}): Promise<SendOutcome> {
      const to = await channelOf(address);
      if ('outcome' in to) return to.outcome;
      const message = renderReply(reply);
      // In a thread, its conversation is where to post: for a person that is the DM Slack returned.
      const channel = sendOptions.thread?.conversationId ?? to.channel;
      let result: Awaited<ReturnType<WebClient['chat']['postMessage']>>;
      try {
        result = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...(sendOptions.thread ? { thread_ts: sendOptions.thread.messageId } : {}),
          // Messages quote requirement documents full of links; previews would bury them.
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        return outcomeOfError(slackSendFailure(error));
      }
      // Slack always names the message it posted; without a ts it could never be threaded or replaced.
      if (!result.ts) return { kind: 'refused', reason: 'Slack svarade utan meddelandets ts' };
      return { kind: 'sent', ref: { conversationId: result.channel ?? channel, messageId: result.ts } };
    },
    async replace(address, sent, reply): Promise<SendOutcome> {
      const to = await channelOf(address);
      if ('outcome' in to) return to.outcome;
      const message = renderReply(reply);
      try {
        await client.chat.update({ channel: sent.conversationId, ts: sent.messageId, text: message.text, blocks: message.blocks });
      } catch (error) {
        return outcomeOfError(slackSendFailure(error));
      }
      return { kind: 'sent', ref: sent };
    },
  };
}
