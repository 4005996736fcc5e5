import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window: a request signed more than five minutes from now is refused. */
export const SLACK_REPLAY_WINDOW_SECONDS = 5 * 60;

/** Why a request was refused; stable codes for logs and tests. */
export type SlackVerificationFailure = 'missing_headers' | 'invalid_timestamp' | 'stale_timestamp' | 'bad_signature';

export type SlackVerification = { readonly ok: true } | { readonly ok: false; readonly code: SlackVerificationFailure };

export interface SlackSignatureInput {
  readonly signingSecret: string;
  /** The body exactly as received: the signature covers the bytes, not a re-serialised object. */
  readonly rawBody: string | Buffer;
  /** The X-Slack-Request-Timestamp header (Unix seconds). */
  readonly timestamp: string | undefined;
  /** The X-Slack-Signature header ("v0=<hex HMAC-SHA256>"). */
  readonly signature: string | undefined;
  /** The current time; passed in so the replay window can be tested without waiting. */
  readonly now: Date;
  readonly windowSeconds?: number | undefined;
}

/**
 * Checks a Slack request signature: HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret,
 * compared in constant time, and the timestamp within five minutes of `now` in either direction
 * (Bolt's own check only refuses old timestamps, and reads the real clock).
 */
export function verifySlackSignature(input: SlackSignatureInput): SlackVerification {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, code: 'missing_headers' };
  if (!/^\d{1,12}$/u.test(timestamp)) return { ok: false, code: 'invalid_timestamp' };
  const window = input.windowSeconds ?? SLACK_REPLAY_WINDOW_SECONDS;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > window) return { ok: false, code: 'stale_timestamp' };
  const match = /^v0=([0-9a-f]{64})$/u.exec(signature);
  if (!match) return { ok: false, code: 'bad_signature' };
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  const expected = createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:`).update(body).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, code: 'bad_signature' };
}
