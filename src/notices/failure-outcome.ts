import { storedConversationKey, type RetryPolicy, type SendOutcome } from '../outbound/index.js';
import type { NoticeDelivery } from './delivery.js';
import type { SettledOutcome } from './settled-outcomes.js';

/**
 * What a send that did not go becomes: a destination that is gone is a dead letter and deactivated,
 * a refusal or too many attempts a dead letter, a 429 a retry after its Retry-After that pauses the
 * delivery's narrowest key (`pause`; the one most likely over its limit, the conversation or
 * channel), any other passing failure a retry after the policy's backoff.
 */
export function failureOutcome(
  delivery: NoticeDelivery,
  outcome: Exclude<SendOutcome, { kind: 'sent' }>,
  context: { readonly retry: RetryPolicy; readonly now: number; readonly narrowestKey: string | undefined; pause(key: string, until: number): void },
): SettledOutcome {
  const { now } = context;
  if (outcome.kind === 'gone') return { kind: 'failed', delivery, error: `mottagaren finns inte längre: ${outcome.reason}`, deactivate: storedConversationKey(delivery.address) ?? null };
  if (outcome.kind === 'refused') return { kind: 'failed', delivery, error: `avvisat: ${outcome.reason}`, deactivate: null };
  const decision = context.retry.decide(outcome, delivery.attempts);
  if (decision.kind === 'give-up') return { kind: 'failed', delivery, error: decision.reason, deactivate: null };
  if (decision.throttled) {
    if (context.narrowestKey) context.pause(context.narrowestKey, now + decision.delayMs);
    return { kind: 'retry', delivery, notBefore: new Date(now + decision.delayMs).toISOString(), error: `begränsad (429), försöker igen om ${Math.ceil(decision.delayMs / 1000)} s`, throttled: true };
  }
  return { kind: 'retry', delivery, notBefore: new Date(now + decision.delayMs).toISOString(), error: outcome.reason, throttled: false };
}
