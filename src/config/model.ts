import type { ImapConfig } from './imap.js';
import type { DeliveryLimits } from './delivery-defaults.js';
import type { LogLevel } from './env-schema.js';
import type { LanguageSetting } from './language.js';

export interface TeamsConfig {
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

export interface SlackConfig {
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
  readonly logLevel: LogLevel;
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
  /**
   * The language of what the bot sends to a municipality's staff as a group (STAFF_LANGUAGE): the
   * staff channel's posts (applications, filed tickets) and the ticket emails to the support
   * mailboxes. A member of staff reached in their own chat gets the language the bot knows for
   * them, as every user does, and this where it knows none.
   */
  readonly staffLanguage: LanguageSetting;
  /** True when no platform credentials are set: the server only listens on loopback. */
  readonly localOnly: boolean;
}
