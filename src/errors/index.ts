/**
 * The failures from below the command line that a person fixes, with what is needed to say so:
 * the command line words them in its language (src/cli/error-texts.ts).
 */
export type KnownFailure =
  | { readonly code: 'PORT_IN_USE'; readonly port: number; readonly host: string }
  | { readonly code: 'PORT_DENIED'; readonly port: number }
  /** `where` is host:port/database (never the password), null when the address does not parse; `reason` the driver's code. */
  | { readonly code: 'DATABASE_UNREACHABLE'; readonly where: string | null; readonly reason: string }
  | { readonly code: 'DATABASE_URL_MISSING' }
  | { readonly code: 'DATA_DIR_WITHOUT_STORE'; readonly file: string; readonly dataDir: string }
  /** `issues` are the validator's lines (file:line: what to fix), the first `shown` of `count`. */
  | { readonly code: 'KNOWLEDGE_INVALID'; readonly directory: string; readonly count: number; readonly issues: readonly string[] }
  /** Slack refused SLACK_BOT_TOKEN with `slackError` (its error code, '' when it gave none), or (null) named no bot user. */
  | { readonly code: 'SLACK_AUTH_FAILED'; readonly slackError: string | null }
  /** Slack's Web API did not answer; `detail` is the client's own message. */
  | { readonly code: 'SLACK_UNREACHABLE'; readonly apiUrl: string | null; readonly detail: string };

/**
 * An error that crosses module boundaries with a stable `code`, so callers (the CLI, the server)
 * can tell a known failure from a bug. Its message is for logs and for failures without `details`;
 * with `details` (a KnownFailure) the command line words it in its own language.
 */
export class BotError extends Error {
  readonly details: KnownFailure | undefined;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown; details?: KnownFailure | undefined },
  ) {
    super(message, options);
    this.name = 'BotError';
    this.details = options?.details;
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}

/**
 * Why a message to one recipient did not go out, in terms the notice outbox acts on:
 * - `rate-limited`: the platform said 429; try again after `retryAfterMs` (its Retry-After).
 * - `transient`: a 5xx, a timeout, a refused connection; retry with backoff.
 * - `gone`: the conversation, channel or app is gone (403/404, channel_not_found…); stop sending there.
 * - `rejected`: this message can never be delivered as it is (a 400, an invalid number); no retry.
 */
export type SendFailureKind = 'rate-limited' | 'transient' | 'gone' | 'rejected';

export class SendFailure extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly details: { readonly retryAfterMs?: number | undefined; readonly status?: number | undefined; readonly cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'SendFailure';
  }
}

export function isSendFailure(error: unknown): error is SendFailure {
  return error instanceof SendFailure;
}

/** An HTTP status as a SendFailure kind: 429 rate-limited, 403/404/410 gone, 5xx transient, other 4xx rejected. */
export function failureKindForStatus(status: number): SendFailureKind {
  if (status === 429) return 'rate-limited';
  if (status === 403 || status === 404 || status === 410) return 'gone';
  if (status >= 500 || status === 408) return 'transient';
  return 'rejected';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | number | null | undefined, now: Date = new Date()): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return value >= 0 ? value * 1000 : undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/u.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export { fieldError, fieldProblem, type FieldError, type FieldProblem, type FieldErrorCode, type FieldErrorParams, type ParamsOf, type NonPublicRange, type RuleViolation, type Refusal } from './field-error.js';
