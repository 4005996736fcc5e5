import type { webApi } from '@slack/bolt';
import { textsFor, type Actor, type Bot, type ConversationRef, type Reply, type Turn } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import type { Logger } from '../../src/log/index.js';
import type { SlackInbound } from './inbound.js';
import { renderHome, renderReply, withFeedbackGiven, type SlackMessage } from './render.js';
import { sendSlackMessage, updateSlackMessage, withRetryAfter, type RateLimitOptions } from './send.js';

type WebClient = webApi.WebClient;

export interface SlackHandlerDependencies {
  readonly bot: Bot;
  readonly logger: Logger;
  readonly rateLimit: RateLimitOptions;
  /** Posts to a response_url (slash commands, buttons): Slack's way to answer in any conversation. */
  readonly fetch: typeof globalThis.fetch;
}

/** Where the replies to one inbound go. */
type Delivery =
  | { readonly kind: 'post'; readonly channel: string; readonly threadTs?: string | undefined }
  | { readonly kind: 'respond'; readonly url: string }
  | { readonly kind: 'home'; readonly teamId: string; readonly userId: string; readonly channel?: string | undefined };

/**
 * Handles one validated inbound after it was acknowledged: builds the core's Turn, asks the bot,
 * and delivers the replies where the user is (a mention's thread, the DM, the slash command's
 * response_url, the Home tab). No business rule here: what to say is the bot's decision.
 */
export async function handleSlackInbound(inbound: SlackInbound, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  switch (inbound.kind) {
    case 'message': {
      const delivery: Delivery = inbound.responseUrl ? { kind: 'respond', url: inbound.responseUrl } : { kind: 'post', channel: inbound.channel, threadTs: inbound.threadTs };
      const turn: Turn = { kind: 'message', actor: actorOf(inbound), conversation: conversationOf(inbound), text: inbound.text };
      await answer(turn, delivery, 'sv', client, deps, { echoQuestion: inbound.source === 'command' });
      return;
    }
    case 'action': {
      const { origin } = inbound;
      const delivery: Delivery =
        origin.type === 'home'
          ? { kind: 'home', teamId: inbound.teamId, userId: inbound.userId }
          : inbound.responseUrl
            ? { kind: 'respond', url: inbound.responseUrl }
            : origin.type === 'message'
              ? { kind: 'post', channel: origin.channel, threadTs: origin.threadTs }
              : { kind: 'post', channel: inbound.userId };
      const turn: Turn = { kind: 'action', actor: actorOf(inbound), conversation: conversationOf(inbound), action: inbound.action, language: inbound.language };
      await answer(turn, delivery, inbound.language, client, deps, {
        // Feedback on a normal message updates that message: the thanks replaces the Ja/Nej buttons.
        feedbackTarget: origin.type === 'message' && !origin.ephemeral ? origin : undefined,
      });
      return;
    }
    case 'home-opened':
      await publishHome({ kind: 'home', teamId: inbound.teamId, userId: inbound.userId, channel: inbound.channel }, client, deps);
      return;
    case 'bot-joined': {
      const conversation: ConversationRef = { platform: 'slack', id: inbound.channel, kind: inbound.conversationKind, tenantId: inbound.teamId };
      const turn: Turn = {
        kind: 'installed',
        actor: { platform: 'slack', userId: inbound.userId, tenantId: inbound.teamId },
        conversation,
        // What a notice sender needs to post here later: the channel, in its workspace.
        reference: { channel: inbound.channel, team: inbound.teamId },
      };
      await answer(turn, { kind: 'post', channel: inbound.channel }, 'sv', client, deps);
      deps.logger.info({ team: inbound.teamId, channel: inbound.channel }, 'slack: added to a channel, recorded as a notice destination');
      return;
    }
    case 'bot-left': {
      const conversation: ConversationRef = { platform: 'slack', id: inbound.channel, kind: 'channel', tenantId: inbound.teamId };
      await deps.bot.handle({ kind: 'uninstalled', actor: { platform: 'slack', userId: inbound.actorId ?? 'unknown', tenantId: inbound.teamId }, conversation });
      deps.logger.info({ team: inbound.teamId, channel: inbound.channel }, 'slack: removed from a channel, no longer a notice destination');
      return;
    }
    case 'ignored':
      deps.logger.debug({ type: inbound.type, reason: inbound.reason }, 'slack: ignored');
      return;
    case 'unsupported':
      // Logged without the payload: it may hold a person's message.
      deps.logger.info({ type: inbound.type, reason: inbound.reason }, 'slack: unsupported payload acknowledged and skipped');
      return;
  }
}

function actorOf(inbound: { teamId: string; userId: string }): Actor {
  return { platform: 'slack', userId: inbound.userId, tenantId: inbound.teamId };
}

function conversationOf(inbound: Extract<SlackInbound, { kind: 'message' | 'action' }>): ConversationRef {
  return { platform: 'slack', id: inbound.channel ?? inbound.userId, kind: inbound.conversationKind, tenantId: inbound.teamId };
}

interface AnswerOptions {
  readonly echoQuestion?: boolean | undefined;
  readonly feedbackTarget?: { readonly channel: string; readonly ts: string; readonly text?: string | undefined; readonly blocks?: readonly unknown[] | undefined } | undefined;
}

async function answer(turn: Turn, delivery: Delivery, language: Language, client: WebClient, deps: SlackHandlerDependencies, options: AnswerOptions = {}): Promise<void> {
  let replies: Reply[];
  try {
    replies = await deps.bot.handle(turn);
  } catch (error) {
    deps.logger.error({ err: error, kind: turn.kind }, 'slack: the bot failed to answer');
    await deliver(delivery, { text: textsFor(language).apology, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: textsFor(language).apology } }] }, client, deps).catch(
      (deliveryError: unknown) => deps.logger.error({ err: deliveryError }, 'slack: could not send the apology either'),
    );
    return;
  }
  if (delivery.kind === 'home') {
    // Whatever changed (the municipality), the Home tab shows the new state.
    await publishHome(delivery, client, deps);
    return;
  }
  for (const reply of replies) {
    if (reply.kind === 'feedback-recorded' && options.feedbackTarget) {
      const blocks = withFeedbackGiven(options.feedbackTarget.blocks, reply);
      if (blocks) {
        const { channel, ts, text } = options.feedbackTarget;
        await updateSlackMessage(client, { channel, ts }, { text: text || textsFor(reply.language).feedbackThanks(reply.helpful), blocks }, deps.rateLimit);
        continue;
      }
    }
    await deliver(delivery, renderReply(reply, { echoQuestion: options.echoQuestion }), client, deps);
  }
}

async function deliver(delivery: Delivery, message: SlackMessage, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  switch (delivery.kind) {
    case 'post':
      await sendSlackMessage(client, delivery, message, deps.rateLimit);
      return;
    case 'respond': {
      // Ephemeral: a slash command's answer is for the person who asked, wherever they asked.
      const response = await deps.fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`response_url answered ${response.status}`);
      await response.body?.cancel();
      return;
    }
    case 'home':
      await sendSlackMessage(client, { channel: delivery.userId }, message, deps.rateLimit);
      return;
  }
}

async function publishHome(delivery: Extract<Delivery, { kind: 'home' }>, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const replies = await deps.bot.handle({
    kind: 'action',
    actor: { platform: 'slack', userId: delivery.userId, tenantId: delivery.teamId },
    conversation: { platform: 'slack', id: delivery.channel ?? delivery.userId, kind: 'personal', tenantId: delivery.teamId },
    action: { type: 'show-help' },
    language: 'sv',
  });
  const help = replies.find((reply): reply is Extract<Reply, { kind: 'help' }> => reply.kind === 'help');
  if (!help) return;
  await withRetryAfter(() => client.views.publish({ user_id: delivery.userId, view: renderHome(help) }), deps.rateLimit);
}
