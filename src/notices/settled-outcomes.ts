import type { Logger } from '../log/index.js';
import type { NoticeDelivery, PostedRef } from './delivery.js';
import type { NoticesRepository } from './repository.js';

/** What became of a claimed delivery, as the dispatcher stores it. */
export type SettledOutcome =
  | { readonly kind: 'sent'; readonly delivery: NoticeDelivery; readonly posted: PostedRef | null; readonly at: string }
  /** `throttled`: a 429, which is the platform pacing us, not a failure: it uses up no attempt. */
  | { readonly kind: 'retry'; readonly delivery: NoticeDelivery; readonly notBefore: string; readonly error: string; readonly throttled: boolean }
  | { readonly kind: 'failed'; readonly delivery: NoticeDelivery; readonly error: string; readonly deactivate: string | null }
  /** Claimed but not sent (stopping, or its slot is too far off): back to the queue as it was. */
  | { readonly kind: 'released'; readonly delivery: NoticeDelivery; readonly notBefore: string };

/** The row a settled outcome leaves behind, with its claim given up. */
function next(outcome: SettledOutcome): NoticeDelivery {
  const delivery = outcome.delivery;
  switch (outcome.kind) {
    case 'sent':
      return { ...delivery, status: 'sent', sentAt: outcome.at, posted: outcome.posted, claimedUntil: null, lastError: null };
    case 'retry':
      return { ...delivery, attempts: outcome.throttled ? Math.max(0, delivery.attempts - 1) : delivery.attempts, notBefore: outcome.notBefore, claimedUntil: null, lastError: outcome.error };
    case 'failed':
      return { ...delivery, status: 'failed', claimedUntil: null, lastError: outcome.error };
    case 'released':
      return { ...delivery, attempts: Math.max(0, delivery.attempts - 1), notBefore: outcome.notBefore, claimedUntil: null };
  }
}

/**
 * Stores a batch of outcomes in one write and logs the failures: a sent row records where it went,
 * a retry its time and reason (a throttled one gives its attempt back), a dead letter its reason
 * (and deactivates a conversation that is gone), a released one goes back as it was.
 */
export async function storeOutcomes(repository: NoticesRepository, batch: readonly SettledOutcome[], now: () => Date, logger: Logger): Promise<void> {
  await repository.write(async (transaction) => {
    const at = now().toISOString();
    // A notice archived while its message was under way keeps its report; its row is not brought back.
    const archived = new Set<string>();
    for (const noticeId of new Set(batch.map((outcome) => outcome.delivery.noticeId))) if ((await transaction.notice(noticeId))?.archivedReport) archived.add(noticeId);
    // Only while each claim is still ours: one that expired and was taken by another dispatcher is theirs to settle.
    await transaction.settleDeliveries(
      batch.filter((outcome) => !archived.has(outcome.delivery.noticeId)).map((outcome) => ({ claimed: outcome.delivery, next: next(outcome) })),
    );
    for (const outcome of batch) if (outcome.kind === 'failed' && outcome.deactivate) await transaction.deactivateDestination(outcome.deactivate, at);
  });
  for (const outcome of batch) {
    if (outcome.kind === 'failed') logger.warn({ delivery: outcome.delivery.id, channel: outcome.delivery.channel, reason: outcome.error }, 'notice delivery failed for good (dead letter)');
    else if (outcome.kind === 'retry') logger.info({ delivery: outcome.delivery.id, channel: outcome.delivery.channel, attempts: outcome.delivery.attempts, retryAt: outcome.notBefore, reason: outcome.error }, 'notice delivery will be retried');
  }
  const sent = batch.filter((outcome) => outcome.kind === 'sent').length;
  if (sent > 0) logger.debug({ sent }, 'notice deliveries stored');
}
