import type { Activity, TurnContext } from 'botbuilder';
import { destinationKey, type DestinationRepository, type SeenInboundRepository } from '../../src/contacts/index.js';
import { textsFor, type Bot, type Reply, type Turn } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import type { Logger } from '../../src/log/index.js';
import { textActivity } from './cards.js';
import { activityToEvent } from './inbound.js';
import { renderReply, replySummary } from './render.js';

export interface TurnHandlerOptions {
  readonly bot: Bot;
  readonly destinations: DestinationRepository;
  readonly logger: Logger;
  /** Milliseconds clock, for forgetting recent installations. */
  readonly nowMs?: () => number;
  /**
   * How long a turn may take before the user sees "typing…" (0: always, before every answer).
   * Teams shows the indicator until the next message or for about three seconds, so it is resent
   * while the bot still works.
   */
  readonly typingDelayMs?: number;
  /** The activities answered lately, shared by the instances on one store (absent: not checked). */
  readonly seenInbound?: SeenInboundRepository | undefined;
}

/** How long an activity id is remembered: the Bot Connector redelivers within minutes, not hours. */
export const SEEN_ACTIVITY_MS = 60 * 60_000;

/** Show "typing…" when an answer is not on its way within this time (teams-ai's own timer waits 1 s). */
export const DEFAULT_TYPING_DELAY_MS = 500;
const TYPING_REPEAT_MS = 2_500;

/**
 * Teams announces one installation twice (installationUpdate and conversationUpdate, in either
 * order); both refresh the stored reference, only the first gets a welcome card.
 */
const INSTALL_ECHO_MS = 60_000;

function invokeResponse(text: string): Partial<Activity> {
  // The Universal Action Model's answer to an Action.Execute: a short message; the replies
  // themselves are posted to the conversation like any other.
  return { type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } };
}

/**
 * Handles one activity: translate it to a Turn, let the core answer, render the replies. Never
 * throws: a failure is logged and the user gets a short apology in their language.
 */
export function createTurnHandler(options: TurnHandlerOptions): (context: TurnContext) => Promise<void> {
  const { bot, destinations, logger } = options;
  const nowMs = options.nowMs ?? (() => Date.now());
  const typingDelayMs = options.typingDelayMs ?? DEFAULT_TYPING_DELAY_MS;
  const recentInstalls = new Map<string, number>();

  /** True for the first announcement of an installation in a conversation the bot was not in. */
  async function isNewInstallation(turn: Extract<Turn, { kind: 'installed' }>): Promise<boolean> {
    const key = destinationKey(turn.conversation);
    const now = nowMs();
    for (const [seen, at] of recentInstalls) if (now - at > INSTALL_ECHO_MS) recentInstalls.delete(seen);
    // Checked and set before any await, so two announcements arriving together welcome once.
    if (recentInstalls.has(key)) return false;
    recentInstalls.set(key, now);
    return (await destinations.get(key)) === undefined;
  }

  /**
   * Starts the typing indicator of one turn; the returned function stops it once the answer is
   * ready. Per turn, not teams-ai's timer, which one Application shares between concurrent turns.
   * A quick answer (the usual case: the knowledge base answers in about a millisecond) needs no
   * indicator, and an extra Bot Connector call per message would cost throughput for nothing.
   */
  async function startTyping(context: TurnContext): Promise<() => Promise<void>> {
    if (typingDelayMs <= 0) {
      await context.sendActivity({ type: 'typing' });
      return async () => undefined;
    }
    let sending: Promise<unknown> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const tick = (): void => {
      sending = context.sendActivity({ type: 'typing' }).catch((error: unknown) => logger.debug({ err: error }, 'typing indicator not sent'));
      timer = setTimeout(tick, TYPING_REPEAT_MS);
    };
    timer = setTimeout(tick, typingDelayMs);
    return async () => {
      clearTimeout(timer);
      // A typing activity still on its way must not arrive after the answer.
      await sending;
    };
  }

  async function respond(context: TurnContext, turn: Turn, invoke: boolean): Promise<void> {
    const stopTyping = turn.kind === 'message' || turn.kind === 'action' ? await startTyping(context) : async () => undefined;
    let replies: Reply[];
    try {
      const welcome = turn.kind === 'installed' ? await isNewInstallation(turn) : false;
      if (turn.kind === 'uninstalled') recentInstalls.delete(destinationKey(turn.conversation));
      replies = (await bot.handle(turn)).filter((reply) => reply.kind !== 'welcome' || welcome);
    } finally {
      await stopTyping();
    }
    if (replies.length > 0) await context.sendActivities(replies.map(renderReply));
    if (invoke) await context.sendActivity(invokeResponse(replies[0] ? replySummary(replies[0]) : ''));
    logger.debug({ turn: turn.kind, conversation: turn.conversation.kind, replies: replies.map((reply) => reply.kind) }, 'teams turn handled');
  }

  /**
   * False for an activity already answered here or by another instance (the Bot Connector sent it
   * again). When the store cannot say, the activity is answered: twice is better than never.
   */
  async function firstDelivery(activity: Activity): Promise<boolean> {
    if (!options.seenInbound || !activity.id || !activity.conversation?.id) return true;
    const now = new Date(nowMs());
    try {
      return await options.seenInbound.firstTime(`teams:${activity.conversation.id}:${activity.id}`, { now, expiresAt: new Date(now.getTime() + SEEN_ACTIVITY_MS) });
    } catch (error) {
      logger.warn({ err: error }, 'teams: could not check whether the activity was answered already; answering it');
      return true;
    }
  }

  async function apologise(context: TurnContext, language: Language, invoke: boolean): Promise<void> {
    const apology = textsFor(language).apology;
    try {
      if (invoke) await context.sendActivity(invokeResponse(apology));
      else await context.sendActivity(textActivity(apology, language));
    } catch (error) {
      logger.error({ err: error }, 'could not send the apology to Teams either');
    }
  }

  return async (context) => {
    const event = activityToEvent(context.activity);
    switch (event.kind) {
      case 'ignored':
        logger.debug({ reason: event.reason }, 'teams activity ignored');
        break;
      case 'unsupported':
        logger.info({ reason: event.reason, type: event.type }, 'unsupported teams activity acknowledged');
        break;
      case 'turn':
        if (!(await firstDelivery(context.activity))) {
          logger.info({ turn: event.turn.kind }, 'teams: activity already answered, delivered again and skipped');
          break;
        }
        try {
          await respond(context, event.turn, event.invoke);
        } catch (error) {
          logger.error({ err: error, turn: event.turn.kind }, 'teams turn failed');
          await apologise(context, event.language, event.invoke);
        }
        return;
    }
    // An invoke must be answered or Teams shows the user an error; acknowledge it empty.
    if (event.invoke) await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
  };
}
