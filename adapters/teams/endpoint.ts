import { Application } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { PlatformAdapterOptions, PlatformEndpoint } from '../../src/bot/index.js';
import { createTeamsAdapter, type TeamsOverrides } from './adapter.js';
import { activityEnvelopeSchema } from './inbound.js';
import { createProactiveSender, platformSender, type TeamsSender } from './proactive.js';
import { TEAMS_NOT_CONFIGURED } from './service-url.js';
import { createTurnHandler } from './turn-handler.js';

/** Where the Bot Framework (Teams, the Emulator) posts activities: the bot's messaging endpoint. */
export const TEAMS_ROUTE = '/api/messages';

/** The running Teams adapter: its HTTP route, and proactive sends to stored conversations. */
export interface TeamsEndpoint extends PlatformEndpoint, TeamsSender {
  /** Adds POST /api/messages to the one HTTP app. */
  mount(app: Express): void;
}

function problem(response: Response, status: number, error: string, message: string): void {
  response.status(status).json({ error, message });
}

/** Dates as botbuilder's own HTTP handler makes them (it converts the ISO strings before a turn). */
function withDates(body: Record<string, unknown>): Activity {
  const activity = { ...body };
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/**
 * Starts the Teams adapter: a teams-ai Application on botbuilder's CloudAdapter, serving
 * POST /api/messages on the one HTTP server, as `config.teamsMode` says. `bot-framework`: every
 * request needs a valid Bot Framework token (401 otherwise, before anything reaches the core).
 * `local`: no token, for the Bot Framework Emulator (the configuration allows it only while the
 * server listens on loopback alone), and only activities whose serviceUrl is on this machine.
 * `off`: every request is answered 401, saying what to configure, and nothing is sent to Teams.
 */
export async function startTeams(options: PlatformAdapterOptions, overrides: TeamsOverrides = {}): Promise<TeamsEndpoint> {
  const { config, bot, destinations } = options;
  const logger = options.logger.child({ platform: 'teams' });
  const { teams, teamsMode } = config;
  const adapter = createTeamsAdapter(config, overrides);
  const application = new Application({
    adapter,
    botAppId: teams?.appId,
    // Our own mention handling strips every mention of the bot, not only the first.
    removeRecipientMention: false,
    // teams-ai keeps one typing timer per Application, shared by concurrent turns; the handler
    // runs its own per turn instead.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const handle = createTurnHandler({ bot, destinations, logger, typingDelayMs: overrides.typingDelayMs });
  application.activity(async () => true, async (context) => handle(context));
  application.error(async (context, error) => {
    // The handler catches its own failures; this is for failures around it (state, routing).
    logger.error({ err: error, type: context.activity.type }, 'teams turn failed outside the handler');
  });

  if (teams) {
    logger.info({ appType: teams.appType, tenant: teams.tenantId ?? null }, 'Teams: Bot Framework authentication on');
  } else if (teamsMode === 'local') {
    logger.warn(
      { route: TEAMS_ROUTE, host: config.host },
      'Teams: no MicrosoftAppId set, local mode for the Bot Framework Emulator: requests are not authenticated, the server listens on loopback only, and replies go only to a serviceUrl on this machine',
    );
  } else {
    logger.warn({ route: TEAMS_ROUTE }, 'Teams is off: no MicrosoftAppId set (nor TEAMS_LOCAL=1 on loopback); /api/messages answers 401');
  }

  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const parseJson = express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] });

  async function receive(request: Request, response: Response): Promise<void> {
    if (stopping) return problem(response, 503, 'unavailable', 'Boten håller på att stänga av.');
    const authHeader = request.get('authorization') ?? '';
    if (teams && !authHeader.trim()) return problem(response, 401, 'unauthorized', 'Bot Framework-token saknas.');
    const envelope = activityEnvelopeSchema.safeParse(request.body);
    if (!envelope.success) {
      const issue = envelope.error.issues[0];
      return problem(response, 400, 'bad_request', `Inte en Bot Framework-aktivitet: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'ogiltig'}.`);
    }
    const work = adapter.receive(withDates(envelope.data), authHeader, async (context) => {
      await application.run(context);
    });
    inFlight.add(work);
    try {
      const result = await work;
      if (result.kind === 'refused') {
        logger.warn({ serviceUrl: envelope.data.serviceUrl }, 'Teams activity refused in local mode: its serviceUrl is not on this machine');
        return problem(response, 403, 'forbidden', result.reason);
      }
      if (result.kind === 'unauthorized') {
        logger.warn({ err: result.error, status: result.status }, 'Teams request rejected: invalid Bot Framework token');
        return problem(response, result.status, result.status === 401 ? 'unauthorized' : 'unavailable', result.status === 401 ? 'Ogiltig Bot Framework-token.' : 'Kunde inte kontrollera token just nu.');
      }
      const invoke = result.invokeResponse;
      if (invoke?.body !== undefined) response.status(invoke.status).json(invoke.body);
      else response.status(invoke?.status ?? 200).end();
    } finally {
      inFlight.delete(work);
    }
  }

  /** While Teams is off: the body is not even read. */
  function refuse(_request: Request, response: Response): void {
    problem(response, 401, 'unauthorized', TEAMS_NOT_CONFIGURED);
  }

  const sender = createProactiveSender(adapter, teams?.appId, logger);
  return {
    send: sender.send,
    post: sender.post,
    replace: sender.replace,
    // Registered with the core's messenger by src/app: staff cards, decisions and ticket updates.
    // Absent while Teams is off, as for any platform that is not configured.
    sender: teamsMode === 'off' ? undefined : platformSender(sender, config.notices.limits),
    mount(app: Express) {
      if (teamsMode === 'off') app.post(TEAMS_ROUTE, refuse);
      else app.post(TEAMS_ROUTE, parseJson, receive);
      app.all(TEAMS_ROUTE, (_request: Request, response: Response) => {
        response.set('Allow', 'POST');
        problem(response, 405, 'method_not_allowed', `${TEAMS_ROUTE} tar bara emot POST från Bot Framework.`);
      });
      // Only this route's parse errors: a malformed body is the caller's mistake, not a 500.
      app.use(TEAMS_ROUTE, (error: unknown, _request: Request, response: Response, next: NextFunction) => {
        const type = (error as { type?: unknown }).type;
        if (type === 'entity.parse.failed') return problem(response, 400, 'bad_request', 'Ogiltig JSON.');
        if (type === 'entity.too.large') return problem(response, 413, 'too_large', 'För stor begäran.');
        if (type === 'charset.unsupported' || type === 'encoding.unsupported') return problem(response, 415, 'unsupported_media_type', 'Okänd teckenkodning.');
        next(error);
      });
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
