/**
 * What is wrong with one variable, as data: the command line words it in its language (see
 * src/cli/error-texts.ts), so the configuration holds no sentences.
 */
export type ConfigProblem =
  /** Not a whole number (within min–max where given); `example` is a value that works. */
  | { readonly kind: 'integer'; readonly example: string; readonly min?: number | undefined; readonly max?: number | undefined }
  /** A number of days, a whole number within min–max. */
  | { readonly kind: 'days'; readonly example: string; readonly min: number; readonly max: number }
  | { readonly kind: 'between'; readonly min: number; readonly max: number }
  /** Messages per second. */
  | { readonly kind: 'rate'; readonly example: string }
  | { readonly kind: 'positive' }
  | { readonly kind: 'seconds'; readonly example: string }
  | { readonly kind: 'one-of'; readonly options: readonly string[] }
  /** sv or en. */
  | { readonly kind: 'language' }
  /** A GUID: the bot's app id or the Entra tenant's id. */
  | { readonly kind: 'guid'; readonly of: 'app-id' | 'tenant-id' }
  /** 1 or 0, and what 1 turns on. */
  | { readonly kind: 'flag'; readonly meaning: 'teams-local' | 'imap-tls' | 'imap-idle' }
  | { readonly kind: 'slack-credential'; readonly of: 'signing-secret' | 'bot-token' | 'app-token' }
  /** An address of the kind `of`, like `example`. */
  | { readonly kind: 'address'; readonly of: 'web' | 'smtp' | 'postgres' | 'sms-gateway' | 'public' | 'mailbox'; readonly example: string }
  /** An address that must start with one of `schemes`. */
  | { readonly kind: 'scheme'; readonly schemes: readonly string[] }
  /**
   * A variable that another one needs: `set` are those set without it (IMAP), `appType` the
   * MicrosoftAppType that needs a tenant.
   */
  | { readonly kind: 'missing'; readonly what: 'app-password' | 'tenant-id' | 'app-id' | 'signing-secret' | 'bot-token' | 'imap-host' | 'imap-user' | 'imap-password' | 'imap-address'; readonly appType?: string | undefined; readonly set?: readonly string[] | undefined }
  /** HOST would open a bot without sign-in to the network. */
  | { readonly kind: 'open-host'; readonly host: string }
  | { readonly kind: 'teams-local-with-app-id' }
  /** TEAMS_LOCAL while HOST is not loopback. */
  | { readonly kind: 'teams-local-host'; readonly host: string }
  /** IMAP_TLS=0 towards another machine: the password would travel unencrypted. */
  | { readonly kind: 'imap-plaintext'; readonly host: string }
  /** Anything else the schema refuses. */
  | { readonly kind: 'invalid' };

/** A configuration problem: the variable, and what is wrong with it. */
export interface ConfigIssue {
  readonly variable: string;
  readonly problem: ConfigProblem;
}

/** Every bad variable at once, so all of them can be fixed in one go. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: readonly ConfigIssue[]) {
    // Not shown to people (the command line words `issues`); for a log or a stack trace.
    super(`CONFIG_INVALID: ${issues.map((issue) => `${issue.variable} (${issue.problem.kind})`).join(', ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A problem as the message of a zod check: the schema's checks take a string, so the problem rides
 * in it as JSON, and `problemOf` reads it back.
 */
export function problem(value: ConfigProblem): string {
  return JSON.stringify(value);
}

/** The problem a zod issue's message carries (see `problem`); `invalid` for zod's own messages. */
export function problemOf(message: string): ConfigProblem {
  try {
    const value = JSON.parse(message) as ConfigProblem;
    return typeof value === 'object' && value !== null && typeof value.kind === 'string' ? value : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}
