import { webApi } from '@slack/bolt';
import type { ChatTarget, PlatformSender, PostedMessage } from '../../src/bot/index.js';
import { SendFailure, failureKindForStatus, parseRetryAfter } from '../../src/errors/index.js';
import { MESSAGE_BLOCKS_MAX, type SlackMessage } from './blocks.js';
import { renderReply } from './render.js';

type WebClient = webApi.WebClient;

// Posting for the notice outbox: once, without waiting or retrying here (the outbox owns rate
// limits and retries, across every recipient), and every failure as a SendFailure it can act on.

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

/**
 * Several replies as one message, so one post is one delivery: a second post failing after the
 * first went out would have the outbox send the first again.
 */
export function combineMessages(messages: readonly SlackMessage[]): SlackMessage {
  if (messages.length === 1) return messages[0]!;
  const blocks = messages.flatMap((message, index) => (index === 0 ? message.blocks : [{ type: 'divider' as const }, ...message.blocks]));
  return { text: messages.map((message) => message.text).join('\n'), blocks: blocks.slice(0, MESSAGE_BLOCKS_MAX) };
}

/** The channel id a target is posted to: a destination's stored channel, or a user id (Slack opens the DM). */
export type ChannelOf = (target: ChatTarget) => string;

/**
 * `post` and `replace` of the Slack PlatformSender. The client must not retry on its own (see
 * slackClientOptions' `retries`): a retry after a timeout may post the same notice twice, and
 * every wait belongs to the outbox.
 */
export function slackNoticePoster(client: WebClient, channelOf: ChannelOf): Required<Pick<PlatformSender, 'post' | 'replace'>> {
  return {
    async post(target, replies, options = {}): Promise<PostedMessage> {
      const message = combineMessages(replies.map((reply) => renderReply(reply)));
      // In a thread, its conversation is where to post: for a person that is the DM Slack returned.
      const channel = options.thread?.conversationId ?? channelOf(target);
      let result: Awaited<ReturnType<WebClient['chat']['postMessage']>>;
      try {
        result = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...(options.thread ? { thread_ts: options.thread.messageId } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        throw slackSendFailure(error);
      }
      // Slack always names the message it posted; without a ts it could never be threaded or replaced.
      if (!result.ts) throw new SendFailure('rejected', 'Slack svarade utan meddelandets ts');
      return { conversationId: result.channel ?? channel, messageId: result.ts };
    },
    async replace(_target, posted, replies): Promise<void> {
      const message = combineMessages(replies.map((reply) => renderReply(reply)));
      try {
        await client.chat.update({ channel: posted.conversationId, ts: posted.messageId, text: message.text, blocks: message.blocks });
      } catch (error) {
        throw slackSendFailure(error);
      }
    },
  };
}
