import type { App, webApi } from '@slack/bolt';
import type { PlatformAdapterOptions, PlatformEndpoint } from '../../src/bot/index.js';
import { BotError } from '../../src/errors/index.js';
import type { SlackHandlerDependencies } from './delivery.js';
import { slackDispatcher } from './dispatch.js';
import { SLACK_EVENTS_PATH } from './events.js';
import { slackEventsRoute, type MountRoutes } from './http-endpoint.js';
import { readSlackPayload } from './inbound.js';
import { RecentEventIds, firstSlackEvent } from './recent-events.js';
import { RecentRequests } from './recent-requests.js';
import { slackChannel } from './outbound-channel.js';
import { createSlackClient } from './send.js';
import { socketModeApp } from './socket-mode.js';
import { WorkQueue } from './work-queue.js';

type WebClient = webApi.WebClient;

/** What tests (and only tests) replace: the clock, waiting, and the HTTP client for response_urls. */
export interface SlackAdapterOverrides {
  readonly now?: (() => Date) | undefined;
  readonly sleep?: ((milliseconds: number) => Promise<void>) | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** How many Events API ids are remembered to drop Slack's retries (default 10 000). */
  readonly recentEventCapacity?: number | undefined;
  /** How long a modal submission waits for the bot before acknowledging without it (default 2 500 ms). */
  readonly submissionDeadlineMs?: number | undefined;
  /** How many acknowledged requests the bot works on at once (default SLACK_WORK_CONCURRENCY). */
  readonly workConcurrency?: number | undefined;
}

/**
 * How many acknowledged requests the bot works on at once; the rest of a burst waits its turn. The
 * work is mostly waiting on Slack and the store with short knowledge searches between: a few at a
 * time keep the event loop free to acknowledge, and still overlap one answer's waiting with
 * another's search.
 */
export const SLACK_WORK_CONCURRENCY = 6;

/**
 * While a burst is still arriving, its answers wait: until no request has come for 10 ms, and at
 * most 250 ms, so the burst is acknowledged first (Slack allows three seconds) without an answer
 * being held back for long.
 */
const BURST_HOLD = { quietMs: 10, maxMs: 250 } as const;

const INACTIVE: SlackEndpoint = { mount: () => undefined, stop: async () => undefined };

/** How long stop() waits for answers still being sent. */
const DRAIN_TIMEOUT_MS = 10_000;

/** Below Slack's three seconds for an acknowledgement, with room for the network. */
const SUBMISSION_DEADLINE_MS = 2_500;

/** The running Slack adapter: its HTTP route (none over Socket Mode), and its outbound channel. */
export interface SlackEndpoint extends PlatformEndpoint {
  readonly mount: MountRoutes;
}

/**
 * Starts the Slack adapter. Without Slack credentials it does nothing. It first asks Slack who the
 * bot is (auth.test), so a wrong token stops the start with a clear error. With
 * SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN it serves POST /slack/events on the shared app (Events
 * API, interactivity and the /it command; see http-endpoint.ts for what is checked before the bot
 * sees a request); with SLACK_APP_TOKEN it connects over Socket Mode instead and mounts no route.
 * Both transports hand their requests to one dispatcher, which acknowledges and queues the work.
 */
export async function startSlack(options: PlatformAdapterOptions, overrides: SlackAdapterOverrides = {}): Promise<SlackEndpoint> {
  const slack = options.config.slack;
  const { botToken, signingSecret, appToken } = slack;
  if (!botToken || (!appToken && !signingSecret)) return INACTIVE;

  const logger = options.logger.child({ platform: 'slack' });
  const now = overrides.now ?? (() => new Date());
  const client = createSlackClient(botToken, { apiUrl: slack.apiUrl, logger });
  const bot = await identifyBot(client, slack.apiUrl);

  const deps: SlackHandlerDependencies = {
    bot: options.bot,
    logger,
    rateLimit: { sleep: overrides.sleep, logger },
    fetch: overrides.fetch ?? globalThis.fetch,
    destinations: options.destinations,
    submissionDeadlineMs: overrides.submissionDeadlineMs ?? SUBMISSION_DEADLINE_MS,
  };
  const queue = new WorkQueue({
    concurrency: overrides.workConcurrency ?? SLACK_WORK_CONCURRENCY,
    onError: (error) => logger.error({ err: error }, 'slack: queued work failed'),
    holdWhileArriving: BURST_HOLD,
  });
  const dispatch = slackDispatcher({
    read: (body) => readSlackPayload(body, { botUserId: bot.userId }),
    firstTime: firstSlackEvent(options, new RecentEventIds(overrides.recentEventCapacity), now, logger),
    queue,
    client,
    deps,
  });

  let socket: App | undefined;
  let mount: MountRoutes = () => undefined;
  if (appToken) {
    socket = socketModeApp({ appToken, botToken, botUserId: bot.userId, botId: bot.botId, apiUrl: slack.apiUrl, logger }, dispatch);
    // Connecting may take retries while Slack is unreachable; the HTTP server need not wait for it.
    socket.start().then(
      () => logger.info('slack: connected over Socket Mode'),
      (error: unknown) => logger.error({ err: error }, 'slack: Socket Mode connection failed'),
    );
  } else if (signingSecret) {
    mount = slackEventsRoute({ signingSecret, now, logger, recentRequests: new RecentRequests({ now }), dispatch });
  }
  logger.info({ mode: socket ? 'socket' : 'http', path: socket ? undefined : SLACK_EVENTS_PATH, workConcurrency: overrides.workConcurrency ?? SLACK_WORK_CONCURRENCY }, 'slack: adapter started');

  return {
    // Everything the core sends outside a turn, through a client of its own that never retries inside (see slackChannel).
    outbound: { platform: 'slack', channel: slackChannel(createSlackClient(botToken, { apiUrl: slack.apiUrl, logger, retries: 0 }), { destinations: options.destinations, limits: options.config.notices.limits }) },
    mount,
    async stop() {
      if (socket) await socket.stop().catch((error: unknown) => logger.warn({ err: error }, 'slack: Socket Mode did not stop cleanly'));
      // Acknowledged work still queued or running finishes (its store writes included) before the store closes.
      const { unfinished } = await queue.drain(DRAIN_TIMEOUT_MS);
      if (unfinished > 0) logger.warn({ unfinished }, 'slack: stopped with acknowledged requests not yet answered');
    },
  };
}

/** The bot's own ids, from auth.test: its user id is how it knows its mentions and its joins. */
interface BotIdentity {
  readonly userId: string;
  readonly botId: string | undefined;
}

async function identifyBot(client: WebClient, apiUrl: string | undefined): Promise<BotIdentity> {
  let result: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw startError(error, apiUrl);
  }
  if (!result.user_id) throw new BotError('SLACK_AUTH_FAILED', "Slack's auth.test gave no bot user id", { details: { code: 'SLACK_AUTH_FAILED', slackError: null } });
  return { userId: result.user_id, botId: result.bot_id };
}

function startError(error: unknown, apiUrl: string | undefined): BotError {
  const { code, data } = error as { code?: string; data?: { error?: string } };
  if (code === 'slack_webapi_platform_error') {
    return new BotError('SLACK_AUTH_FAILED', `Slack refused SLACK_BOT_TOKEN (${data?.error ?? '?'})`, { cause: error, details: { code: 'SLACK_AUTH_FAILED', slackError: data?.error ?? '' } });
  }
  const detail = (error as Error).message;
  return new BotError('SLACK_UNREACHABLE', `Slack's Web API unreachable${apiUrl ? ` at ${apiUrl}` : ''}: ${detail}`, { cause: error, details: { code: 'SLACK_UNREACHABLE', apiUrl: apiUrl ?? null, detail } });
}
