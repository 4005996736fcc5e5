import { fileURLToPath } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { IMAP_ENV, imapConfig, type ImapConfig } from './imap.js';

export type { ImapConfig };

/** The bundled knowledge base, next to src/ in the package. */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/**
 * Where the parsed and indexed knowledge base is cached: derived data, as disposable as the rest of
 * node_modules (which `npm ci` starts afresh), and apart from DATA_DIR, which holds what must not be
 * lost and belongs to one server.
 */
export const KNOWLEDGE_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/itkontakt/', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A send rate: messages per second, more than zero (e.g. 7 or 0.5). */
function rate(example: string) {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/u, `ska vara ett antal meddelanden per sekund, t.ex. ${example}`)
    .transform(Number)
    .refine((value) => value > 0, 'måste vara större än 0')
    .optional();
}

const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/u, 'ska vara ett heltal, t.ex. 3978')
    .transform(Number)
    .refine((port) => port >= 0 && port <= 65535, 'ska vara mellan 0 och 65535')
    .optional(),
  HOST: optionalText,
  DATA_DIR: optionalText,
  KNOWLEDGE_DIR: optionalText,
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { errorMap: () => ({ message: `ska vara en av ${LOG_LEVELS.join(', ')}` }) }))
    .optional(),
  MicrosoftAppId: optionalText.pipe(
    z.string().uuid('ska vara botens app-id (ett GUID, t.ex. 00000000-0000-0000-0000-000000000000)').optional(),
  ),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { errorMap: () => ({ message: 'ska vara MultiTenant, SingleTenant eller UserAssignedMSI' }) }).optional(),
  ),
  MicrosoftAppTenantId: optionalText.pipe(z.string().uuid('ska vara Entra-klientens id (ett GUID)').optional()),
  TEAMS_LOCAL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['1', '0', 'true', 'false'], { errorMap: () => ({ message: 'ska vara 1 (Teams utan inloggning, för Bot Framework Emulator) eller 0' }) }))
    .transform((value) => value === '1' || value === 'true')
    .optional(),
  SLACK_SIGNING_SECRET: optionalText.pipe(z.string().regex(/^[0-9a-f]{16,}$/iu, 'ska vara appens Signing Secret (hexadecimalt, från Basic Information)').optional()),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'ska vara en bot-token som börjar med xoxb-').optional()),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'ska vara en app-nivå-token som börjar med xapp- (för Socket Mode)').optional()),
  SLACK_API_URL: optionalText.pipe(z.string().url('ska vara en webbadress, t.ex. http://127.0.0.1:4000/api/').optional()),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .url('ska vara en SMTP-adress, t.ex. smtp://user:pass@mail.example.se:587')
      .refine((url) => /^smtps?:\/\//u.test(url), 'ska börja med smtp:// eller smtps://')
      .optional(),
  ),
  SMTP_FROM: optionalText,
  PUBLIC_URL: optionalText.pipe(z.string().refine((url) => /^https?:\/\/[^\s/]+/u.test(url) && URL.canParse(url), 'ska vara serverns publika adress, med https://, t.ex. https://itkontakt.kommun.se').optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .url('ska vara en PostgreSQL-adress, t.ex. postgres://itkontakt@127.0.0.1:5432/itkontakt')
      .refine((url) => /^postgres(ql)?:\/\//u.test(url), 'ska börja med postgres:// eller postgresql://')
      .optional(),
  ),
  OUTBOX_INTERVAL_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, 'ska vara ett antal sekunder, t.ex. 2').transform(Number).optional(),
  OUTBOX_LEASE_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, 'ska vara ett antal sekunder, t.ex. 60').transform(Number).optional(),
  SMS_GATEWAY_URL: optionalText.pipe(z.string().url('ska vara SMS-gatewayens adress, t.ex. https://sms.example.se/send').refine((url) => /^https?:\/\//u.test(url), 'ska börja med http:// eller https://').optional()),
  SMS_GATEWAY_TOKEN: optionalText,
  NOTICE_TEAMS_PER_CONVERSATION: rate('7'),
  NOTICE_TEAMS_PER_TENANT: rate('50'),
  NOTICE_SLACK_PER_CHANNEL: rate('1'),
  NOTICE_SLACK_PER_WORKSPACE: rate('20'),
  NOTICE_EMAIL_PER_SECOND: rate('10'),
  NOTICE_SMS_PER_SECOND: rate('10'),
  NOTICE_CONCURRENCY: z.string().trim().regex(/^[1-9]\d{0,3}$/u, 'ska vara ett heltal 1–9999, t.ex. 64').transform(Number).optional(),
  NOTICE_LEASE_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, 'ska vara ett antal sekunder, t.ex. 60').transform(Number).optional(),
  NOTICE_MAX_ATTEMPTS: z.string().trim().regex(/^[1-9]\d{0,2}$/u, 'ska vara ett heltal, t.ex. 10').transform(Number).optional(),
  ITKONTAKT_OPERATOR: optionalText,
  NOTICE_RETENTION_DAYS: z.string().trim().regex(/^[1-9]\d{0,4}$/u, 'ska vara ett antal dagar, ett heltal 1–99999, t.ex. 90').transform(Number).optional(),
  ...IMAP_ENV,
});

/**
 * The platforms' send limits, as configuration (see README, "Driftinformation"). Defaults are the
 * platforms' documented figures: Teams 7 messages per second per conversation and about 50 per
 * second per app and tenant; Slack about one per second per channel (a short burst allowed).
 * Slack publishes no workspace-wide figure; the default keeps a fan-out from flooding one.
 */
export interface DeliveryLimits {
  readonly teamsPerConversation: number;
  readonly teamsPerTenant: number;
  readonly slackPerChannel: number;
  readonly slackPerWorkspace: number;
  readonly emailPerSecond: number;
  readonly smsPerSecond: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = {
  teamsPerConversation: 7,
  teamsPerTenant: 50,
  slackPerChannel: 1,
  slackPerWorkspace: 20,
  emailPerSecond: 10,
  smsPerSecond: 10,
};

/**
 * How notices are sent and kept when nothing is configured: sends under way at once, the claim's
 * lease, failed attempts before a dead letter (about 35–65 minutes with the dispatcher's backoff),
 * and days an ended notice keeps its delivery rows. The dispatcher and the service use the same.
 */
export const DEFAULT_NOTICE_DELIVERY = { concurrency: 64, leaseSeconds: 60, maxAttempts: 16, retentionDays: 90 } as const;

interface TeamsConfig {
  readonly appId: string;
  readonly appPassword: string | undefined;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId: string | undefined;
}

/**
 * How /api/messages treats Teams: `bot-framework` checks every request's Bot Framework token
 * (MicrosoftAppId is set); `local` takes requests without a token, for the Bot Framework Emulator,
 * and is only allowed while the server listens on loopback alone; `off` answers 401 until Teams is
 * configured.
 */
export type TeamsMode = 'bot-framework' | 'local' | 'off';

interface SlackConfig {
  readonly signingSecret: string | undefined;
  readonly botToken: string | undefined;
  readonly appToken: string | undefined;
  readonly apiUrl: string | undefined;
}

/** Everything the process is configured with, validated. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL instead of the JSON file in dataDir (DATABASE_URL); undefined: the embedded store. */
  readonly databaseUrl: string | undefined;
  readonly knowledgeDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Teams credentials; undefined unless teamsMode is `bot-framework`. */
  readonly teams: TeamsConfig | undefined;
  readonly teamsMode: TeamsMode;
  readonly slack: SlackConfig;
  readonly smtpUrl: string | undefined;
  /** The From of emails the bot sends. */
  readonly smtpFrom: string;
  /** How often the server delivers queued ticket messages, and how long a claimed one is reserved. */
  readonly outbox: { readonly intervalMs: number; readonly leaseMs: number };
  /** The mailbox staff replies to ticket emails arrive in; undefined: ticket emails have the requester as Reply-To. */
  readonly imap: ImapConfig | undefined;
  /** The SMS gateway for notices; undefined: SMS deliveries wait until it is set. */
  readonly smsGateway: { readonly url: string; readonly token: string | undefined } | undefined;
  /**
   * How notices are delivered: the platforms' rate limits, sends at once, lease and attempts; and
   * how many days after a notice ended its delivery rows are replaced by its report (archived).
   */
  readonly notices: { readonly limits: DeliveryLimits; readonly concurrency: number; readonly leaseMs: number; readonly maxAttempts: number; readonly retentionDays: number };
  /** The server's public address (behind its reverse proxy), for links to the notice feeds in emails. */
  readonly publicUrl: string | undefined;
  /**
   * The member of staff (id or email, see `staff list`) the command line acts as where a person must
   * be named (a ticket filed without --as); undefined: such a command asks for --as.
   */
  readonly operator: string | undefined;
  /** True when no platform credentials are set: the server only listens on loopback. */
  readonly localOnly: boolean;
}

/** A configuration problem, naming the variable and what to write instead. */
interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`Ogiltig konfiguration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Reads the configuration from environment variables. The only place that knows their names.
 * Throws a ConfigError that lists every bad variable, so all of them can be fixed in one go.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string = process.cwd()): Config {
  // An exported-but-empty variable (PORT=) means "not set", as shells and .env files intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })));
  }
  const values = parsed.data;
  const issues: ConfigIssue[] = [];

  let teams: TeamsConfig | undefined;
  if (values.MicrosoftAppId) {
    const appType = values.MicrosoftAppType ?? 'MultiTenant';
    if (appType !== 'UserAssignedMSI' && !values.MicrosoftAppPassword) {
      issues.push({ variable: 'MicrosoftAppPassword', message: 'saknas: en bot med MicrosoftAppId behöver sin klienthemlighet' });
    }
    if (appType !== 'MultiTenant' && !values.MicrosoftAppTenantId) {
      issues.push({ variable: 'MicrosoftAppTenantId', message: `saknas: krävs när MicrosoftAppType är ${appType}` });
    }
    teams = { appId: values.MicrosoftAppId, appPassword: values.MicrosoftAppPassword, appType, tenantId: values.MicrosoftAppTenantId };
  } else if (values.MicrosoftAppPassword || values.MicrosoftAppTenantId) {
    issues.push({ variable: 'MicrosoftAppId', message: 'saknas: MicrosoftAppPassword eller MicrosoftAppTenantId är satt utan app-id' });
  }

  const slack: SlackConfig = {
    signingSecret: values.SLACK_SIGNING_SECRET,
    botToken: values.SLACK_BOT_TOKEN,
    appToken: values.SLACK_APP_TOKEN,
    apiUrl: values.SLACK_API_URL,
  };
  if (slack.botToken && !slack.signingSecret && !slack.appToken) {
    issues.push({ variable: 'SLACK_SIGNING_SECRET', message: 'saknas: krävs för att verifiera Slacks anrop (eller sätt SLACK_APP_TOKEN för Socket Mode)' });
  }
  if ((slack.signingSecret || slack.appToken) && !slack.botToken) {
    issues.push({ variable: 'SLACK_BOT_TOKEN', message: 'saknas: Slack-appen behöver sin bot-token (xoxb-...)' });
  }

  const localOnly = !teams && !slack.signingSecret && !slack.appToken;
  // Teams without a token is the Emulator's mode, and only ever an explicit choice (TEAMS_LOCAL=1):
  // whoever can reach the port could act as any Teams user, so it is also tied to listening on
  // loopback alone. A peer-address check would not do, since a reverse proxy on the same host is a
  // loopback peer too; and a server without credentials behind such a proxy must not take Teams
  // activities by default either.
  const teamsLocal = values.TEAMS_LOCAL ?? false;
  const host = values.HOST ?? (localOnly || (teamsLocal && !teams) ? '127.0.0.1' : '0.0.0.0');
  if (localOnly && !LOOPBACK_HOSTS.has(host)) {
    issues.push({
      variable: 'HOST',
      message: `${host} skulle öppna boten utan inloggning mot nätverket: utan Teams- eller Slack-uppgifter lyssnar den bara på 127.0.0.1`,
    });
  }
  if (values.TEAMS_LOCAL && teams) {
    issues.push({ variable: 'TEAMS_LOCAL', message: 'kan inte kombineras med MicrosoftAppId: med app-id kontrolleras varje Teams-anrop. Ta bort TEAMS_LOCAL.' });
  } else if (values.TEAMS_LOCAL && !LOOPBACK_HOSTS.has(host)) {
    issues.push({
      variable: 'TEAMS_LOCAL',
      message: `Teams utan inloggning (Bot Framework Emulator) kräver att servern bara lyssnar lokalt, men HOST är ${host}. Sätt HOST=127.0.0.1 (eller ::1), eller ta bort TEAMS_LOCAL och sätt MicrosoftAppId.`,
    });
  }
  const teamsMode: TeamsMode = teams ? 'bot-framework' : teamsLocal ? 'local' : 'off';
  const imap = imapConfig(values, issues);
  if (issues.length > 0) throw new ConfigError(issues);

  const resolvePath = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    port: values.PORT ?? 3978,
    host,
    dataDir: resolvePath(values.DATA_DIR ?? 'data'),
    databaseUrl: values.DATABASE_URL,
    knowledgeDir: values.KNOWLEDGE_DIR ? resolvePath(values.KNOWLEDGE_DIR) : BUNDLED_KNOWLEDGE_DIR,
    logLevel: values.LOG_LEVEL ?? 'info',
    teams,
    teamsMode,
    slack,
    smtpUrl: values.SMTP_URL,
    smtpFrom: values.SMTP_FROM ?? 'itkontakt <noreply@itkontakt.invalid>',
    outbox: { intervalMs: (values.OUTBOX_INTERVAL_SECONDS ?? 2) * 1000, leaseMs: (values.OUTBOX_LEASE_SECONDS ?? 60) * 1000 },
    imap,
    smsGateway: values.SMS_GATEWAY_URL ? { url: values.SMS_GATEWAY_URL, token: values.SMS_GATEWAY_TOKEN } : undefined,
    notices: {
      limits: {
        teamsPerConversation: values.NOTICE_TEAMS_PER_CONVERSATION ?? DEFAULT_DELIVERY_LIMITS.teamsPerConversation,
        teamsPerTenant: values.NOTICE_TEAMS_PER_TENANT ?? DEFAULT_DELIVERY_LIMITS.teamsPerTenant,
        slackPerChannel: values.NOTICE_SLACK_PER_CHANNEL ?? DEFAULT_DELIVERY_LIMITS.slackPerChannel,
        slackPerWorkspace: values.NOTICE_SLACK_PER_WORKSPACE ?? DEFAULT_DELIVERY_LIMITS.slackPerWorkspace,
        emailPerSecond: values.NOTICE_EMAIL_PER_SECOND ?? DEFAULT_DELIVERY_LIMITS.emailPerSecond,
        smsPerSecond: values.NOTICE_SMS_PER_SECOND ?? DEFAULT_DELIVERY_LIMITS.smsPerSecond,
      },
      concurrency: values.NOTICE_CONCURRENCY ?? DEFAULT_NOTICE_DELIVERY.concurrency,
      leaseMs: (values.NOTICE_LEASE_SECONDS ?? DEFAULT_NOTICE_DELIVERY.leaseSeconds) * 1000,
      maxAttempts: values.NOTICE_MAX_ATTEMPTS ?? DEFAULT_NOTICE_DELIVERY.maxAttempts,
      retentionDays: values.NOTICE_RETENTION_DAYS ?? DEFAULT_NOTICE_DELIVERY.retentionDays,
    },
    publicUrl: values.PUBLIC_URL,
    operator: values.ITKONTAKT_OPERATOR,
    localOnly,
  };
}
