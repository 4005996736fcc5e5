import { isAbsolute, resolve } from 'node:path';
import { ConfigError, problemOf, type ConfigIssue } from './config-error.js';
import { DEFAULT_DELIVERY_LIMITS, DEFAULT_NOTICE_DELIVERY } from './delivery-defaults.js';
import { envSchema } from './env-schema.js';
import { imapConfig } from './imap.js';
import type { Config, SlackConfig, TeamsConfig, TeamsMode } from './model.js';
import { BUNDLED_KNOWLEDGE_DIR } from './paths.js';

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
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), problem: problemOf(issue.message) })));
  }
  const values = parsed.data;
  const issues: ConfigIssue[] = [];

  let teams: TeamsConfig | undefined;
  if (values.MicrosoftAppId) {
    const appType = values.MicrosoftAppType ?? 'MultiTenant';
    if (appType !== 'UserAssignedMSI' && !values.MicrosoftAppPassword) {
      issues.push({ variable: 'MicrosoftAppPassword', problem: { kind: 'missing', what: 'app-password' } });
    }
    if (appType !== 'MultiTenant' && !values.MicrosoftAppTenantId) {
      issues.push({ variable: 'MicrosoftAppTenantId', problem: { kind: 'missing', what: 'tenant-id', appType } });
    }
    teams = { appId: values.MicrosoftAppId, appPassword: values.MicrosoftAppPassword, appType, tenantId: values.MicrosoftAppTenantId };
  } else if (values.MicrosoftAppPassword || values.MicrosoftAppTenantId) {
    issues.push({ variable: 'MicrosoftAppId', problem: { kind: 'missing', what: 'app-id' } });
  }

  const slack: SlackConfig = {
    signingSecret: values.SLACK_SIGNING_SECRET,
    botToken: values.SLACK_BOT_TOKEN,
    appToken: values.SLACK_APP_TOKEN,
    apiUrl: values.SLACK_API_URL,
  };
  if (slack.botToken && !slack.signingSecret && !slack.appToken) {
    issues.push({ variable: 'SLACK_SIGNING_SECRET', problem: { kind: 'missing', what: 'signing-secret' } });
  }
  if ((slack.signingSecret || slack.appToken) && !slack.botToken) {
    issues.push({ variable: 'SLACK_BOT_TOKEN', problem: { kind: 'missing', what: 'bot-token' } });
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
    issues.push({ variable: 'HOST', problem: { kind: 'open-host', host } });
  }
  if (values.TEAMS_LOCAL && teams) {
    issues.push({ variable: 'TEAMS_LOCAL', problem: { kind: 'teams-local-with-app-id' } });
  } else if (values.TEAMS_LOCAL && !LOOPBACK_HOSTS.has(host)) {
    issues.push({ variable: 'TEAMS_LOCAL', problem: { kind: 'teams-local-host', host } });
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
    staffLanguage: values.STAFF_LANGUAGE ?? 'sv',
    localOnly,
  };
}
