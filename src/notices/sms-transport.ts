import { DEFAULT_DELIVERY_LIMITS } from '../config/index.js';
import { failureKindForStatus, parseRetryAfter, SendFailure } from '../errors/index.js';
import type { KnowledgeBase, Language } from '../knowledge/index.js';
import { outcomeOf } from '../outbound/index.js';
import type { DeliveryJob, DeliveryTransport } from './dispatcher.js';
import { summarizeNotice } from './summary.js';
import { noticeTexts } from './texts.js';

// Three concatenated SMS segments: enough for the heading, the window and the latest word.
const SMS_MAX_LENGTH = 459;

/** The text of one SMS: heading, when, status, the latest update and the id to ask about. */
export function composeNoticeSms(job: DeliveryJob, knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>, now: Date, language: Language = 'sv'): string {
  const summary = summarizeNotice(job.notice, knowledge, language, now);
  const t = noticeTexts[language];
  const latest = summary.updates.at(-1);
  const parts = [
    t.heading(summary, job.delivery.purpose, job.delivery.reminderHours),
    summary.window ? `${t.when}: ${t.window(summary.window)}.` : '',
    `${t.state}: ${summary.stateLabel}.`,
    latest && job.delivery.purpose !== 'publish' ? latest.text : summary.impact || summary.description,
    `(${summary.id})`,
  ].filter(Boolean);
  const text = parts.join(' ');
  return text.length <= SMS_MAX_LENGTH ? text : `${text.slice(0, SMS_MAX_LENGTH - 1)}…`;
}

/**
 * Notices by SMS through the municipality's gateway: POST `SMS_GATEWAY_URL` with JSON
 * `{ "to": "+46701234567", "message": "…", "reference": "<idempotency key>" }` (and
 * `Authorization: Bearer <SMS_GATEWAY_TOKEN>` when set). 2xx means accepted (a JSON body may give
 * `{ "id": "…" }`); 429 with Retry-After slows down; 5xx is retried; 404/410 means the number is
 * gone; other 4xx refuse the message. The reference is the same on a resend, so a gateway can drop
 * duplicates.
 */
export function createSmsTransport(options: { readonly url: string; readonly token?: string | undefined; readonly perSecond?: number | undefined; readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>; readonly now?: () => Date; readonly timeoutMs?: number; readonly languageOf?: (phone: string) => Language }): DeliveryTransport {
  const now = options.now ?? (() => new Date());
  return {
    channel: 'sms',
    rateKeys: () => [{ key: 'sms', limit: { perSecond: options.perSecond ?? DEFAULT_DELIVERY_LIMITS.smsPerSecond, burst: 2 } }],
    send: (job) => outcomeOf(async () => {
      const { address } = job.delivery;
      if (address.kind !== 'sms') throw new SendFailure('rejected', `${address.kind} är inget telefonnummer`);
      const body = JSON.stringify({ to: address.phone, message: composeNoticeSms(job, options.knowledge, now(), options.languageOf?.(address.phone) ?? 'sv'), reference: job.delivery.id });
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SendFailure('transient', `SMS-gatewayen svarade inte: ${(error as Error).message}`, { cause: error });
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        throw new SendFailure(failureKindForStatus(response.status), `SMS-gatewayen svarade HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`, {
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
        });
      }
      let id: string | undefined;
      try {
        const parsed = JSON.parse(text) as { id?: unknown };
        if (typeof parsed.id === 'string' || typeof parsed.id === 'number') id = String(parsed.id);
      } catch {
        // A gateway may answer with an empty or plain body; the reference identifies the message then.
      }
      return { conversationId: 'sms', messageId: id ?? job.delivery.id };
    }),
  };
}
