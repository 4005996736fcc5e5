import type { Router } from 'express';
import { KNOWLEDGE_CACHE_DIR, type Config } from '../config/index.js';
// Only types from the modules a command may not need: each function below imports the parts it
// wires when it runs, so `itkontakt ask` loads neither the store nor the bot's flows (nor
// nodemailer or the platform SDKs).
import type { Bot, MunicipalityChoice, PlatformEndpoint, PlatformMessenger } from '../bot/index.js';
import type { ContactService } from '../contacts/index.js';
import type { DeliveryTransport, NoticeScheduler, NoticeService } from '../notices/index.js';
import type { RequesterPoster, StaffPoster, TicketOutbox, TicketService } from '../tickets/index.js';
import type { EmailChannel, ServerPresence } from '../outbound/index.js';
import { BotError } from '../errors/index.js';
import { answerEngineFor, formatIssue, loadKnowledgeBaseCached, type AnswerEngine, type KnowledgeBase } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import type { LowdbStore, PgStore } from '../store/index.js';
import { databaseUnreachable } from './database.js';
import { recentAnswers } from './recent-answers.js';

/** The store the services run on: the embedded one (DATA_DIR) or PostgreSQL (DATABASE_URL). */
export type AppStore = LowdbStore | PgStore;

/** The parts of a running itkontakt, wired together. */
export interface Itkontakt extends Services {
  readonly engine: AnswerEngine;
  readonly bot: Bot;
  readonly messenger: PlatformMessenger;
}

/** Loads the knowledge base (through its cache), or fails with every issue listed (file:line: what to fix). */
export async function loadKnowledge(directory: string, cacheDirectory = KNOWLEDGE_CACHE_DIR): Promise<KnowledgeBase> {
  const result = await loadKnowledgeBaseCached(directory, cacheDirectory);
  if (!result.ok) {
    // The first 50 are enough to start fixing; the command line says how many more there are.
    const issues = result.issues.slice(0, 50).map((issue) => formatIssue(issue));
    throw new BotError('KNOWLEDGE_INVALID', [`knowledge base ${directory}: ${result.issues.length} issues`, ...issues].join('\n'), { details: { code: 'KNOWLEDGE_INVALID', directory, count: result.issues.length, issues } });
  }
  return result.knowledge;
}

/**
 * The knowledge base and the opened store: what /healthz reports, and what every service stands on.
 * The server opens this first and answers /healthz while it loads the rest (`openItkontaktOn`).
 */
export interface Foundation {
  readonly config: Config;
  readonly logger: Logger;
  /** The one clock every service, the dispatcher and the reminders read. */
  readonly now: () => Date;
  readonly knowledge: KnowledgeBase;
  readonly store: AppStore;
  /** The server's heartbeat: the server beats, commands ask whether a server is sending what they queue. */
  readonly presence: ServerPresence;
  /** Waits for queued writes and frees the data directory. */
  close(): Promise<void>;
}

/**
 * The store and the services over it (contacts, tickets and their outbox, notices) without the chat
 * bot: what the administration commands need.
 */
export interface Services extends Foundation {
  readonly contacts: ContactService;
  readonly tickets: TicketService;
  readonly outbox: TicketOutbox;
  readonly notices: NoticeService;
  /** Email for tickets and notices (one pooled SMTP transport), when SMTP_URL is set. */
  readonly email: EmailChannel | undefined;
  /** Closes connections (the SMTP pool), waits for queued writes, and frees the data directory. */
  close(): Promise<void>;
}

/** How the services are opened: by the server (`exclusive`: one per data directory) or a command. */
export interface OpenOptions {
  readonly exclusive?: boolean;
  readonly staffPoster?: StaffPoster;
  readonly requesterPoster?: RequesterPoster;
}

/** Loads the knowledge base and opens the store (the server: `exclusive`, one per data directory). */
export async function openFoundation(config: Config, logger: Logger, now: () => Date = () => new Date(), options: Pick<OpenOptions, 'exclusive'> = {}): Promise<Foundation> {
  const [{ FileServerPresence, LowdbStore, PgStore }, knowledge] = await Promise.all([import('../store/index.js'), loadKnowledge(config.knowledgeDir)]);
  // Several servers may share one database; the embedded store's directory is one server's.
  const store: AppStore = config.databaseUrl ? await PgStore.open(config.databaseUrl).catch((error: unknown) => Promise.reject(databaseUnreachable(config.databaseUrl!, error))) : await LowdbStore.open(config.dataDir, { exclusive: options.exclusive === true });
  // A server's heartbeat where every command that may send for it can read it: beside the embedded
  // store, or in the database (a command on another host shares only the database).
  const presence = store.kind === 'postgres' ? store.instances.presence : new FileServerPresence(config.dataDir);
  return { config, logger, now, knowledge, store, presence, close: () => store.close() };
}

/** Opens the store and the services over it, with the knowledge base loaded. */
export async function openServices(config: Config, logger: Logger, now: () => Date = () => new Date(), options: OpenOptions = {}): Promise<Services> {
  return openServicesOn(await openFoundation(config, logger, now, options), options);
}

/** The services over an opened foundation (whose store they close when they are closed). */
export async function openServicesOn(foundation: Foundation, options: Omit<OpenOptions, 'exclusive'> = {}): Promise<Services> {
  const [{ ContactService }, { TicketOutbox, TicketService }, { NoticeService }] = await Promise.all([import('../contacts/index.js'), import('../tickets/index.js'), import('../notices/index.js')]);
  const { config, logger, now, knowledge, store } = foundation;
  const contacts = new ContactService(store.contacts, { now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  // nodemailer comes with the email adapter, loaded only where email is configured.
  const email = config.smtpUrl ? (await import('../../adapters/email/index.js')).createSmtpChannel({ smtpUrl: config.smtpUrl, from: config.smtpFrom, perSecond: config.notices.limits.emailPerSecond }) : undefined;
  // Without a staff poster (the CLI), staff-channel posts wait in the outbox for the server.
  const outbox = new TicketOutbox({ repository: store.tickets, knowledge, mailer: email, staffPoster: options.staffPoster, requesterPoster: options.requesterPoster, replyAddress: config.imap?.address, staffLanguage: config.staffLanguage, logger, now, leaseMs: config.outbox.leaseMs });
  const close = async (): Promise<void> => {
    await outbox.stop();
    email?.close();
    await foundation.close();
  };
  const notices = new NoticeService(store.notices, { knowledge, contacts, now, retentionDays: config.notices.retentionDays });
  return { ...foundation, contacts, tickets, outbox, notices, email, close };
}

/** Opens everything a bot needs: the services, the answer engine, the messenger and the bot. */
export async function openItkontakt(config: Config, logger: Logger, now: () => Date = () => new Date(), options: Pick<OpenOptions, 'exclusive'> = {}): Promise<Itkontakt> {
  return openItkontaktOn(await openFoundation(config, logger, now, options));
}

/** The services, the answer engine, the messenger and the bot over an opened foundation. */
export async function openItkontaktOn(foundation: Foundation): Promise<Itkontakt> {
  const { Bot, PlatformMessenger } = await import('../bot/index.js');
  // The outbox posts tickets to staff through the bot, which needs the services first.
  let bot: Bot | undefined;
  const services = await openServicesOn(foundation, {
    staffPoster: (ticket, type) => bot?.postTicketToStaff(ticket, type) ?? Promise.resolve(false),
    requesterPoster: (ticket, step) => bot?.postTicketUpdateToRequester(ticket, step) ?? Promise.resolve(false),
  });
  const { config, logger, now, knowledge, store, contacts } = services;
  const engine = answerEngineFor(knowledge);
  const municipalities: MunicipalityChoice[] = knowledge.municipalities.map(({ id, name }) => ({ id, name }));
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, preferences: store.preferences, staffLanguage: config.staffLanguage, logger });
  bot = new Bot({
    engine,
    municipalities,
    preferences: store.preferences,
    feedback: store.feedback,
    destinations: store.destinations,
    staffChannels: store.staffChannels,
    contacts,
    messenger,
    tickets: services.tickets,
    notices: services.notices,
    knowledge,
    now,
  });
  return { ...services, engine, bot, messenger };
}

/** A started platform adapter whose routes the HTTP server mounts. */
export interface HttpPlatform extends PlatformEndpoint {
  mount(routes: Router): void;
}

/** Starts the platform adapters (Teams, Slack) and lets the messenger post through each one. */
export async function startPlatforms(itkontakt: Itkontakt): Promise<readonly HttpPlatform[]> {
  const { config, logger } = itkontakt;
  const adapterOptions = { config, logger, bot: itkontakt.bot, destinations: itkontakt.store.destinations, preferences: itkontakt.store.preferences, seenInbound: itkontakt.store.seenInbound };
  // The platform SDKs are heavy: loaded only by the server, so CLI commands start fast, and Slack's
  // only when it is configured (the configuration refuses a bot token without a way in, and the reverse).
  const { startTeams } = await import('../../adapters/teams/index.js');
  const platforms: HttpPlatform[] = [await startTeams(adapterOptions)];
  if (config.slack.botToken) {
    const { startSlack } = await import('../../adapters/slack/index.js');
    platforms.push(await startSlack(adapterOptions));
  }
  for (const platform of platforms) if (platform.outbound) itkontakt.messenger.register(platform.outbound);
  return platforms;
}

/**
 * Starts what a server does besides answering requests: the ticket outbox, the ticket mailbox (when
 * IMAP is configured), notice delivery, the reminder clock and the heartbeat; warns at start about
 * what is not configured.
 */
export async function startBackgroundWork(itkontakt: Itkontakt): Promise<{ stop(): Promise<void> }> {
  const { config, logger } = itkontakt;
  const [{ operatorPrincipal }, { keepBeating }] = await Promise.all([import('../contacts/index.js'), import('../outbound/index.js')]);
  if (!config.smtpUrl) logger.warn('SMTP_URL is not set: ticket and notice emails wait in the outbox until it is');
  if (!config.smsGateway) logger.warn('SMS_GATEWAY_URL is not set: notice SMS wait in the outbox until it is');
  if (!config.slack.botToken) {
    // Their chat notices are queued for Slack DMs that this server cannot send: say so at start.
    const listed = await itkontakt.contacts.listContacts(operatorPrincipal('server'));
    const onSlack = listed.ok ? listed.value.filter((contact) => contact.identities.some((identity) => identity.platform === 'slack')).length : 0;
    if (onSlack > 0) logger.warn({ contacts: onSlack }, 'SLACK_BOT_TOKEN is not set, but IT-contacts have Slack ids: their chat notices cannot be sent and become dead letters after NOTICE_MAX_ATTEMPTS');
  }
  itkontakt.outbox.start(config.outbox.intervalMs);
  // imapflow and mailparser come with the email adapter, loaded only where the mailbox is configured.
  const inbox = config.imap ? new (await import('../../adapters/email/index.js')).ImapInbox({ imap: config.imap, logger, handle: (mail) => itkontakt.bot.replyByEmail(mail) }) : undefined;
  inbox?.start();
  const notices = await startNoticeDelivery(itkontakt);
  await notices.scheduler.start();
  // From now on what a command queues is sent at once, and the command says so.
  const heartbeat = await keepBeating(itkontakt.presence, { now: itkontakt.now, onError: (error) => logger.warn({ err: error }, 'the server heartbeat could not be written: commands will say queued messages wait for the server') });
  if (config.localOnly) {
    logger.warn({ host: config.host, teams: config.teamsMode }, config.teamsMode === 'local' ? 'no Teams or Slack credentials set: local mode, listening on loopback only' : 'no Teams or Slack credentials set: local mode, listening on loopback only; Teams is off (TEAMS_LOCAL=1 for the Bot Framework Emulator)');
  }
  return {
    async stop() {
      await inbox?.stop();
      // The heartbeat last: on a database it is also this instance's row, counted in the others'
      // share of the limits until it goes, which must not be before this instance stops sending.
      await notices.stop();
      await heartbeat.stop();
    },
  };
}

/**
 * Delivers notices: the outbox dispatcher over chat, email and SMS (each when configured), the
 * live report cards, and the reminder clock.
 */
async function startNoticeDelivery(itkontakt: Itkontakt): Promise<{ scheduler: NoticeScheduler; stop(): Promise<void> }> {
  const [{ createEmailTransport, createSmsTransport, NoticeDispatcher, NoticeScheduler }, { createChatTransport, ReportCards }] = await Promise.all([
    import('../notices/index.js'),
    import('../bot/index.js'),
  ]);
  const { config, logger, now, knowledge, store, notices, messenger, bot, email } = itkontakt;
  const transports: DeliveryTransport[] = [createChatTransport({ messenger, destinations: store.destinations, languages: bot.languages, knowledge, now })];
  // The feeds' links in notice emails need the address the server is reached at from outside.
  const feedOf = config.publicUrl ? (municipality: string) => new URL(`notices/${encodeURIComponent(municipality)}`, `${config.publicUrl!.replace(/\/+$/u, '')}/`).toString() : undefined;
  // A recipient's language, asked per message: kept a minute, so a fan-out asks each address once.
  const languages = { ttlMs: 60_000, maxEntries: 50_000, now: () => now().getTime() };
  const emailLanguage = recentAnswers((address) => itkontakt.contacts.languageOfAddress('email', address), languages);
  const smsLanguage = recentAnswers((phone) => itkontakt.contacts.languageOfAddress('sms', phone), languages);
  if (email) transports.push(createEmailTransport({ channel: email, knowledge, feedOf, languageOf: emailLanguage }));
  if (config.smsGateway) {
    const { createSmsGatewayChannel } = await import('../../adapters/sms/index.js');
    const sms = createSmsGatewayChannel({ url: config.smsGateway.url, token: config.smsGateway.token, perSecond: config.notices.limits.smsPerSecond });
    transports.push(createSmsTransport({ channel: sms, knowledge, languageOf: smsLanguage }));
  }
  // On a database, every instance paces by its part of each limit and honours every 429's pause.
  const shared =
    store.kind === 'postgres'
      ? await store.instances.share({
          now: () => now().getTime(),
          onError: (error) => logger.warn({ err: error }, 'notice outbox: the instances table could not be read; sending stops until it can'),
          onShare: (share, instances) =>
            share > 0
              ? logger.info({ instances, share }, `notice outbox: ${instances} instance(s) share the send limits; this one uses 1/${instances} of each`)
              : logger.warn({ instances }, 'notice outbox: not counted by every instance on the database (joining, or out of touch): waiting before sending'),
        })
      : undefined;
  const reports = new ReportCards({ notices, messenger, destinations: store.destinations, languages: bot.languages, render: (id, language) => bot.noticeFlow.reportReply(id, language), logger });
  const dispatcher = new NoticeDispatcher({
    repository: store.notices,
    transports,
    logger,
    now,
    leaseMs: config.notices.leaseMs,
    concurrency: config.notices.concurrency,
    maxAttempts: config.notices.maxAttempts,
    onProgress: (ids) => reports.progressed(ids),
    shared,
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
      shared?.stop();
      reports.stop();
    },
  };
}
