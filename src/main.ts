import { userInfo } from 'node:os';
import { runCli, type Runtime } from './cli/index.js';
import { KNOWLEDGE_CACHE_DIR, loadConfig, type Config } from './config/index.js';
// Only types from the modules a command may not need: each function below imports the parts it
// wires when it runs, so `itkontakt ask` loads neither the store nor the server (nor express,
// nodemailer or the platform SDKs).
import type { Bot, MunicipalityChoice, PlatformMessenger } from './bot/index.js';
import type { ContactService } from './contacts/index.js';
import type { DeliveryTransport, NoticeScheduler, NoticeService } from './notices/index.js';
import type { RequesterPoster, StaffPoster, TicketOutbox, TicketService } from './tickets/index.js';
import { BotError } from './errors/index.js';
import { answerEngineFor, formatIssue, loadKnowledgeBaseCached, type AnswerEngine, type KnowledgeBase } from './knowledge/index.js';
import { createLogger, type Logger } from './log/index.js';
import type { RunningServer } from './server/index.js';
import type { LowdbStore } from './store/index.js';

/** The parts of a running itkontakt, wired together. */
export interface Itkontakt extends Registry {
  readonly engine: AnswerEngine;
  readonly bot: Bot;
  readonly messenger: PlatformMessenger;
}

/** Loads the knowledge base (through its cache), or fails with every issue listed (file:line: what to fix). */
export async function loadKnowledge(directory: string, cacheDirectory = KNOWLEDGE_CACHE_DIR): Promise<KnowledgeBase> {
  const result = await loadKnowledgeBaseCached(directory, cacheDirectory);
  if (!result.ok) {
    const shown = result.issues.slice(0, 50).map((issue) => `  ${formatIssue(issue)}`);
    const more = result.issues.length > 50 ? [`  … och ${result.issues.length - 50} till`] : [];
    throw new BotError('KNOWLEDGE_INVALID', [`Kunskapsbasen i ${directory} har ${result.issues.length} fel:`, ...shown, ...more].join('\n'));
  }
  return result.knowledge;
}

/** Opens everything a bot needs: knowledge base, answer engine, store. */
/** The registry and tickets without the chat bot: what the administration commands need. */
export interface Registry {
  readonly config: Config;
  readonly logger: Logger;
  readonly knowledge: KnowledgeBase;
  readonly store: LowdbStore;
  readonly contacts: ContactService;
  readonly tickets: TicketService;
  readonly outbox: TicketOutbox;
  readonly notices: NoticeService;
  /** Closes connections (the SMTP pool), waits for queued writes, and frees the data directory. */
  close(): Promise<void>;
}

/** How the registry is opened: by the server (`exclusive`: one per data directory) or a command. */
export interface OpenOptions {
  readonly exclusive?: boolean;
  readonly staffPoster?: StaffPoster;
  readonly requesterPoster?: RequesterPoster;
}

/** Opens the store, the registry and tickets over a loaded knowledge base. */
export async function openRegistry(config: Config, logger: Logger, now: () => Date = () => new Date(), options: OpenOptions = {}): Promise<Registry> {
  const [{ LowdbStore }, { ContactService }, { createSmtpMailer, TicketOutbox, TicketService }, { NoticeService }] = await Promise.all([
    import('./store/index.js'),
    import('./contacts/index.js'),
    import('./tickets/index.js'),
    import('./notices/index.js'),
  ]);
  const knowledge = await loadKnowledge(config.knowledgeDir);
  const store = await LowdbStore.open(config.dataDir, { exclusive: options.exclusive === true });
  const contacts = new ContactService(store.contacts, { now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  const mailer = config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.smtpFrom) : undefined;
  // Without a staff poster (the CLI), staff-channel posts wait in the outbox for the server.
  const outbox = new TicketOutbox({ repository: store.tickets, knowledge, mailer, staffPoster: options.staffPoster, requesterPoster: options.requesterPoster, logger, now, leaseMs: config.outbox.leaseMs });
  const close = async (): Promise<void> => {
    await outbox.stop();
    mailer?.close();
    await store.close();
  };
  const notices = new NoticeService(store.notices, { knowledge, contacts, now, retentionDays: config.notices.retentionDays });
  return { config, logger, knowledge, store, contacts, tickets, outbox, notices, close };
}

/** Opens everything a bot needs: the registry, the answer engine, the messenger and the bot. */
export async function openItkontakt(config: Config, logger: Logger, now: () => Date = () => new Date(), options: Pick<OpenOptions, 'exclusive'> = {}): Promise<Itkontakt> {
  const { Bot, PlatformMessenger } = await import('./bot/index.js');
  // The outbox posts tickets to staff through the bot, which needs the registry first.
  let bot: Bot | undefined;
  const registry = await openRegistry(config, logger, now, {
    ...options,
    staffPoster: (ticket, type) => bot?.postTicketToStaff(ticket, type) ?? Promise.resolve(false),
    requesterPoster: (ticket, step) => bot?.postTicketUpdateToRequester(ticket, step) ?? Promise.resolve(false),
  });
  const { knowledge, store, contacts } = registry;
  const engine = answerEngineFor(knowledge);
  const municipalities: MunicipalityChoice[] = knowledge.municipalities.map(({ id, name }) => ({ id, name }));
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, logger });
  bot = new Bot({
    engine,
    municipalities,
    preferences: store.preferences,
    feedback: store.feedback,
    destinations: store.destinations,
    staffChannels: store.staffChannels,
    contacts,
    messenger,
    tickets: registry.tickets,
    notices: registry.notices,
    knowledge,
    now,
  });
  return { ...registry, engine, bot, messenger };
}

/** Starts the HTTP server with every endpoint. Resolves once it listens. */
export async function serve(config: Config, logger: Logger): Promise<{ readonly server: RunningServer; stop(): Promise<void> }> {
  // Exclusive: one server per data directory (a second one stops with a message naming the first).
  const itkontakt = await openItkontakt(config, logger, undefined, { exclusive: true });
  try {
    return await startServing(itkontakt, config, logger);
  } catch (error) {
    // A server that could not start (its port taken) gives the data directory back.
    await itkontakt.close();
    throw error;
  }
}

async function startServing(itkontakt: Itkontakt, config: Config, logger: Logger): Promise<{ readonly server: RunningServer; stop(): Promise<void> }> {
  const adapterOptions = { config, logger, bot: itkontakt.bot, destinations: itkontakt.store.destinations, preferences: itkontakt.store.preferences };
  // The platform SDKs are heavy: loaded only by the server, so CLI commands start fast.
  const [{ startTeams }, { startSlack }, { createApp, listen }, { mountNoticeFeeds }, { operatorPrincipal }] = await Promise.all([
    import('../adapters/teams/index.js'),
    import('../adapters/slack/index.js'),
    import('./server/index.js'),
    import('./notices/index.js'),
    import('./contacts/index.js'),
  ]);
  const platforms = [await startTeams(adapterOptions), await startSlack(adapterOptions)];
  for (const platform of platforms) if (platform.sender) itkontakt.messenger.register(platform.sender);
  const app = createApp({
    logger,
    health: () => ({
      status: 'ok',
      knowledge: { records: itkontakt.knowledge.records.length, municipalities: itkontakt.knowledge.municipalities.length },
      store: { kind: itkontakt.store.kind, path: itkontakt.store.path },
      platforms: { teams: config.teams !== undefined, slack: config.slack.botToken !== undefined },
    }),
    mount: (express) => {
      mountNoticeFeeds(express, { notices: itkontakt.notices, municipalities: itkontakt.knowledge.municipalities, systems: itkontakt.knowledge.systems });
      for (const platform of platforms) platform.mount(express);
    },
  });
  const server = await listen(app, config.host, config.port);
  if (!config.smtpUrl) logger.warn('SMTP_URL is not set: ticket and notice emails wait in the outbox until it is');
  if (!config.smsGateway) logger.warn('SMS_GATEWAY_URL is not set: notice SMS wait in the outbox until it is');
  if (!config.slack.botToken) {
    // Their chat notices are queued for Slack DMs that this server cannot send: say so at start.
    const listed = itkontakt.contacts.listContacts(operatorPrincipal('server'));
    const onSlack = listed.ok ? listed.value.filter((contact) => contact.identities.some((identity) => identity.platform === 'slack')).length : 0;
    if (onSlack > 0) logger.warn({ contacts: onSlack }, 'SLACK_BOT_TOKEN is not set, but IT-contacts have Slack ids: their chat notices cannot be sent and become dead letters after NOTICE_MAX_ATTEMPTS');
  }
  itkontakt.outbox.start(config.outbox.intervalMs);
  const notices = await startNoticeDelivery(itkontakt);
  await notices.scheduler.start();
  if (config.localOnly) {
    logger.warn({ host: config.host, teams: config.teamsMode }, config.teamsMode === 'local' ? 'no Teams or Slack credentials set: local mode, listening on loopback only' : 'no Teams or Slack credentials set: local mode, listening on loopback only; Teams is off (TEAMS_LOCAL=1 for the Bot Framework Emulator)');
  }
  logger.info(
    { url: server.url, records: itkontakt.knowledge.records.length, municipalities: itkontakt.knowledge.municipalities.length, store: itkontakt.store.path },
    'itkontakt is listening',
  );
  return {
    server,
    async stop() {
      await server.close();
      await notices.stop();
      for (const platform of platforms) await platform.stop();
      await itkontakt.close();
    },
  };
}

/**
 * Delivers notices: the outbox dispatcher over chat, email and SMS (each when configured), the
 * live report cards, and the reminder clock.
 */
async function startNoticeDelivery(itkontakt: Itkontakt): Promise<{ scheduler: NoticeScheduler; stop(): Promise<void> }> {
  const [{ createEmailTransport, createSmsTransport, limitFor, NoticeDispatcher, NoticeScheduler }, { createChatTransport, ReportCards }] = await Promise.all([
    import('./notices/index.js'),
    import('./bot/index.js'),
  ]);
  const { config, logger, knowledge, store, notices, messenger, bot } = itkontakt;
  const email = config.smtpUrl ? createEmailTransport({ smtpUrl: config.smtpUrl, from: config.smtpFrom, knowledge }) : undefined;
  const transports: DeliveryTransport[] = [createChatTransport({ messenger, destinations: store.destinations, knowledge, now: () => notices.now() })];
  if (email) transports.push(email);
  if (config.smsGateway) transports.push(createSmsTransport({ url: config.smsGateway.url, token: config.smsGateway.token, knowledge }));
  const reports = new ReportCards({ notices, messenger, destinations: store.destinations, render: (id) => bot.notices.reportReply(id, 'sv'), logger });
  const dispatcher = new NoticeDispatcher({
    repository: store.notices,
    transports,
    limitFor: limitFor(config.notices.limits),
    logger,
    now: () => notices.now(),
    leaseMs: config.notices.leaseMs,
    concurrency: config.notices.concurrency,
    maxAttempts: config.notices.maxAttempts,
    onProgress: (ids) => reports.progressed(ids),
  });
  notices.onQueued(() => dispatcher.wake());
  // A notice published with the CLI (another process) goes out at once, not at the next poll.
  const stopWatching = store.onWrittenElsewhere(() => dispatcher.wake());
  dispatcher.start();
  const scheduler = new NoticeScheduler(notices, logger);
  return {
    scheduler,
    async stop() {
      stopWatching();
      await scheduler.stop();
      await dispatcher.stop();
      reports.stop();
      email?.close();
    },
  };
}

function operatorName(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'okänd';
  }
}

/** The CLI's runtime over real configuration, with the given streams (tests pass their own). */
export function createRuntime(
  env: Readonly<Record<string, string | undefined>>,
  streams: Pick<Runtime, 'stdin' | 'stdout' | 'stderr'> = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Runtime {
  return {
    loadConfig: () => loadConfig(env),
    createLogger: (config, destination) => createLogger({ level: config.logLevel, destination }),
    openItkontakt,
    openRegistry,
    loadKnowledge,
    serve,
    ...streams,
    operator: operatorName(env),
    onShutdownSignal: (handler) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void handler(signal));
    },
  };
}

/** The process entry: parses the command line with the real environment. */
export function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  return runCli(argv, createRuntime(env));
}
