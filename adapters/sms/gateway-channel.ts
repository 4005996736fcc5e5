import { request } from 'undici';
import { failureKindForStatus, parseRetryAfter, SendFailure } from '../../src/errors/index.js';
import { outcomeOfError, type RateLimit, type SendOutcome, type SmsChannel } from '../../src/outbound/index.js';

export interface SmsGatewayOptions {
  /** SMS_GATEWAY_URL. */
  readonly url: string;
  /** SMS_GATEWAY_TOKEN, sent as a bearer token when set. */
  readonly token?: string | undefined;
  /** Messages per second the gateway takes (NOTICE_SMS_PER_SECOND). */
  readonly perSecond: number;
  readonly timeoutMs?: number | undefined;
  readonly now?: (() => Date) | undefined;
}

/**
 * SMS through the municipality's gateway: POST the URL with JSON
 * `{ "to": "+46701234567", "message": "…", "reference": "<idempotency key>" }` (and
 * `Authorization: Bearer <token>` when set). 2xx means accepted (a JSON body may give
 * `{ "id": "…" }`); 429 with Retry-After slows down; 5xx, 408 and no answer are tried again;
 * 403, 404 and 410 mean the number is gone; other 4xx refuse the message.
 */
export function createSmsGatewayChannel(options: SmsGatewayOptions): SmsChannel {
  const now = options.now ?? (() => new Date());
  const limit: RateLimit = { perSecond: options.perSecond, burst: 2 };
  return {
    rateKeys: () => [{ key: 'sms', limit }],
    async send(address, message): Promise<SendOutcome> {
      // undici's request, not fetch: the same client under it, without a WHATWG Request, Response and
      // streams per message nor an AbortSignal.timeout whose timer outlives every answer (together
      // about half a millisecond of CPU per SMS). Its timeouts bound the wait for the answer.
      const timeoutMs = options.timeoutMs ?? 10_000;
      let status: number;
      let retryAfter: string | string[] | undefined;
      let text: string;
      try {
        const response = await request(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body: JSON.stringify({ to: address.phone, message: message.text, reference: message.reference }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = response.statusCode;
        retryAfter = response.headers['retry-after'];
        text = await response.body.text().catch(() => '');
      } catch (error) {
        return { kind: 'retry', reason: `SMS-gatewayen svarade inte: ${(error as Error).message}` };
      }
      if (status < 200 || status >= 300) return refusal(status, text, parseRetryAfter((Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null, now()));
      return { kind: 'sent', ref: { conversationId: 'sms', messageId: gatewayId(text) ?? message.reference } };
    },
  };
}

function refusal(status: number, body: string, retryAfterMs: number | undefined): SendOutcome {
  const reason = `SMS-gatewayen svarade HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  return outcomeOfError(new SendFailure(failureKindForStatus(status), reason, { status, retryAfterMs }));
}

/** The gateway's id for the message, when its body gives one; a plain or empty body gives none. */
function gatewayId(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    return typeof parsed.id === 'string' || typeof parsed.id === 'number' ? String(parsed.id) : undefined;
  } catch {
    return undefined;
  }
}
