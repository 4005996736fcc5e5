import { Application } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import express, { type Request, type Response, type Router } from 'express';
import type { PlatformAdapterOptions } from '../../src/bot/index.js';
import { createTeamsAdapter, type TeamsOverrides } from './adapter.js';
import { activityEnvelopeSchema } from './inbound.js';
import { createOutboxSender } from './outbox-sender.js';
import { teamsChannel } from './proactive.js';
import { mountRouteErrors, problem, TEAMS_ROUTE, teamsOffEndpoint, type TeamsEndpoint } from './off-endpoint.js';
import { createTurnHandler } from './turn-handler.js';

/** Where the Bot Framework (Teams, the Emulator) posts activities: the bot's messaging endpoint. */
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
  if (config.teamsMode === 'off') return teamsOffEndpoint(options);
  const logger = options.logger.child({ platform: 'teams' });
  const { teams } = config;
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
  const handle = createTurnHandler({ bot, destinations, logger, typingDelayMs: overrides.typingDelayMs, seenInbound: options.seenInbound });
  application.activity(async () => true, async (context) => handle(context));
  application.error(async (context, error) => {
    // The handler catches its own failures; this is for failures around it (state, routing).
    logger.error({ err: error, type: context.activity.type }, 'teams turn failed outside the handler');
  });

  if (teams) {
    logger.info({ appType: teams.appType, tenant: teams.tenantId ?? null }, 'Teams: Bot Framework authentication on');
  } else {
    logger.warn(
      { route: TEAMS_ROUTE, host: config.host },
      'Teams: no MicrosoftAppId set, local mode for the Bot Framework Emulator: requests are not authenticated, the server listens on loopback only, and replies go only to a serviceUrl on this machine',
    );
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

  return {
    // Registered with the core's messenger by src/app: everything the core sends to Teams outside a turn.
    outbound: { platform: 'teams', channel: teamsChannel(createOutboxSender(adapter, teams?.appId, logger), { destinations, limits: config.notices.limits }) },
    mount(app: Router) {
      app.post(TEAMS_ROUTE, parseJson, receive);
      mountRouteErrors(app);
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
