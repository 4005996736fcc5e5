import { App, ExpressReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { Destination, PlatformAdapterOptions, PlatformEndpoint, PlatformSender, Reply } from '../../src/bot/index.js';
import { BotError } from '../../src/errors/index.js';
import { SLACK_EVENTS_PATH } from './events.js';
import { handleSlackInbound, type SlackHandlerDependencies } from './handler.js';
import { eventIdOf, readSlackPayload } from './inbound.js';
import { RecentEventIds } from './recent-events.js';
import { renderReply } from './render.js';
import { slackNoticePoster } from './notice-send.js';
import { boltLogger, createSlackClient, sendSlackMessage, slackClientOptions, type RateLimitOptions } from './send.js';
import type { SlackAck } from './submission.js';
import { slackVerificationMiddleware } from './verify.js';
import { isViewSubmission } from './view-submission.js';

/** What tests (and only tests) replace: the clock, waiting, and the HTTP client for response_urls. */
export interface SlackAdapterOverrides {
  readonly now?: (() => Date) | undefined;
  readonly sleep?: ((milliseconds: number) => Promise<void>) | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** How many Events API ids are remembered to drop Slack's retries (default 10 000). */
  readonly recentEventCapacity?: number | undefined;
  /** How long a modal submission waits for the bot before acknowledging without it (default 2 500 ms). */
  readonly submissionDeadlineMs?: number | undefined;
}

const INACTIVE: PlatformEndpoint = { mount: () => undefined, stop: async () => undefined };

/** How long stop() waits for answers still being sent. */
const DRAIN_TIMEOUT_MS = 10_000;

/** Below Slack's three seconds for an acknowledgement, with room for the network. */
const SUBMISSION_DEADLINE_MS = 2_500;

/** What a Slack destination stores to be posted to later (see the bot-joined turn in handler.ts). */
const slackReferenceSchema = z.object({ channel: z.string().min(1) }).passthrough();

/**
 * Starts the Slack adapter. Without Slack credentials it does nothing. With SLACK_SIGNING_SECRET and
 * SLACK_BOT_TOKEN it serves Bolt's ExpressReceiver at POST /slack/events on the shared app (Events
 * API, interactivity and the /it command; signatures verified first); with SLACK_APP_TOKEN it
 * connects over Socket Mode instead and mounts no route. Either way Bolt calls auth.test first, so a
 * wrong token stops the start with a clear error.
 */
export async function startSlack(options: PlatformAdapterOptions, overrides: SlackAdapterOverrides = {}): Promise<PlatformEndpoint> {
  const slack = options.config.slack;
  const { botToken, signingSecret, appToken } = slack;
  if (!botToken) return INACTIVE;

  const logger = options.logger.child({ platform: 'slack' });
  const now = overrides.now ?? (() => new Date());
  const socketMode = appToken !== undefined;
  const router = express.Router();
  let receiver: Receiver;
  if (appToken) {
    receiver = new SocketModeReceiver({
      appToken,
      logger: boltLogger(logger),
      // Socket Mode opens its connection with apps.connections.open: same API base URL as the bot.
      installerOptions: { clientOptions: slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {} },
    });
  } else if (signingSecret) {
    // Our own check runs first (it takes the clock and refuses future timestamps too); Bolt's
    // receiver then parses the verified raw body, answers url_verification and acknowledges.
    router.post(SLACK_EVENTS_PATH, slackVerificationMiddleware({ signingSecret, now, logger }));
    receiver = new ExpressReceiver({
      // Required by the type; unused, as Bolt's own verification is off (ours ran already).
      signingSecret,
      signatureVerification: false,
      endpoints: SLACK_EVENTS_PATH,
      router,
      logger: boltLogger(logger),
      processBeforeResponse: false,
    });
  } else {
    return INACTIVE;
  }

  const app = new App({
    token: botToken,
    receiver,
    clientOptions: slackClientOptions({ apiUrl: slack.apiUrl, logger }),
    logger: boltLogger(logger),
    convoStore: false,
    deferInitialization: true,
  });

  const recent = new RecentEventIds(overrides.recentEventCapacity);
  const inFlight = new Set<Promise<void>>();
  const deps: SlackHandlerDependencies = {
    bot: options.bot,
    logger,
    rateLimit: { sleep: overrides.sleep, logger },
    fetch: overrides.fetch ?? globalThis.fetch,
    destinations: options.destinations,
    submissionDeadlineMs: overrides.submissionDeadlineMs ?? SUBMISSION_DEADLINE_MS,
  };

  // One global middleware instead of per-type listeners: every request is acknowledged here first
  // (Bolt already acknowledged Events API requests), deduplicated, read into one union and handed
  // on, so an unknown payload is logged and acknowledged rather than left to time out. A modal
  // submission is the exception: its acknowledgement carries the answer (field errors), so the
  // handler sends it, within Slack's three seconds; if it does not, it is sent here at the end.
  app.use(async (args) => {
    const { body, context, client } = args;
    const boltAck = (args as { ack?: (response?: Record<string, unknown>) => Promise<void> }).ack;
    let acknowledged = false;
    const ack: SlackAck = async (response) => {
      if (acknowledged || !boltAck) return;
      acknowledged = true;
      await boltAck(response);
    };
    if (!isViewSubmission(body)) await ack();
    const eventId = eventIdOf(body);
    if (eventId && !recent.firstTime(eventId)) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack: event already handled, retry acknowledged and skipped');
      return;
    }
    const inbound = readSlackPayload(body, { botUserId: context.botUserId });
    const work = handleSlackInbound(inbound, client, deps, ack).catch((error: unknown) => {
      logger.error({ err: error, kind: inbound.kind }, 'slack: handling failed');
    });
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
      await ack();
    }
  });
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack: error in Bolt');
  });

  try {
    await app.init();
  } catch (error) {
    throw startError(error, slack.apiUrl);
  }

  if (socketMode) {
    // Connecting may take retries while Slack is unreachable; the HTTP server need not wait for it.
    app.start().then(
      () => logger.info('slack: connected over Socket Mode'),
      (error: unknown) => logger.error({ err: error }, 'slack: Socket Mode connection failed'),
    );
  }
  logger.info({ mode: socketMode ? 'socket' : 'http', path: socketMode ? undefined : SLACK_EVENTS_PATH }, 'slack: adapter started');

  return {
    // Notices go through a client of their own that never retries inside (see slackNoticePoster).
    sender: slackSender(app.client, createSlackClient(botToken, { apiUrl: slack.apiUrl, logger, retries: 0 }), deps.rateLimit),
    mount(server: Express) {
      if (!socketMode) server.use(router);
    },
    async stop() {
      if (socketMode) await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'slack: Socket Mode did not stop cleanly'));
      // Let answers already being sent finish (their store writes included) before the store closes.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_TIMEOUT_MS)))]);
      clearTimeout(timer);
    },
  };
}

/**
 * How the core posts outside a turn (applications to a staff channel, decisions to an applicant):
 * to a destination's channel, or to a user id, which Slack delivers in the user's DM with the bot.
 * `send` honours 429 Retry-After by waiting; `post` and `replace` (the notice outbox) never wait and
 * throw SendFailures instead. The bot token is one workspace's, so a destination or person in
 * another workspace fails here (channel_not_found, user_not_found).
 */
function slackSender(client: App['client'], noticeClient: App['client'], rateLimit: RateLimitOptions): PlatformSender {
  const channelOf = (destination: Destination): string => {
    const reference = slackReferenceSchema.safeParse(destination.reference);
    return reference.success ? reference.data.channel : destination.conversationId;
  };
  /** Posts each reply (in the thread when given); resolves with the first message's ts. */
  const post = async (channel: string, replies: readonly Reply[], threadTs?: string | undefined): Promise<string | undefined> => {
    let first: string | undefined;
    for (const reply of replies) {
      const sent = await sendSlackMessage(client, { channel, threadTs }, renderReply(reply), rateLimit);
      first ??= sent.ts || undefined;
    }
    return first;
  };
  return {
    platform: 'slack',
    // The ts of the first message is the thread the core follows (a ticket's staff thread).
    send: async (destination: Destination, replies, options = {}) => post(channelOf(destination), replies, options.threadId),
    sendToUser: async (identity, replies) => {
      await post(identity.userId, replies);
    },
    ...slackNoticePoster(noticeClient, (target) => ('destination' in target ? channelOf(target.destination) : target.identity.userId)),
  };
}

function startError(error: unknown, apiUrl: string | undefined): BotError {
  const { code, data } = error as { code?: string; data?: { error?: string } };
  if (code === 'slack_webapi_platform_error') {
    return new BotError('SLACK_AUTH_FAILED', `Slack godkände inte SLACK_BOT_TOKEN (${data?.error ?? 'okänt fel'}). Kopiera Bot User OAuth Token (xoxb-...) från appens sida OAuth & Permissions.`, { cause: error });
  }
  return new BotError('SLACK_UNREACHABLE', `Kunde inte nå Slacks Web API${apiUrl ? ` på ${apiUrl}` : ''} för att kontrollera SLACK_BOT_TOKEN: ${(error as Error).message}`, { cause: error });
}
