import type { Logger } from '../log/index.js';
import type { NoticesRepository } from './repository.js';
import { storeOutcomes, type SettledOutcome } from './settled-outcomes.js';

export interface DispatchSummary {
  sent: number;
  retrying: number;
  failed: number;
}

export interface OutcomeWriterOptions {
  readonly repository: NoticesRepository;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Outcomes stored per write at most (a write is also due after `flushMs`). */
  readonly batchSize: number;
  /** Outcomes are written together at most this long after the first of them. */
  readonly flushMs: number;
  /** Told which notices' deliveries moved on, after their outcomes are stored. */
  readonly onProgress?: ((noticeIds: ReadonlySet<string>) => void) | undefined;
}

/**
 * The dispatcher's outcomes on their way to the store: gathered and written in batches (one store
 * write for many sends), with the ids settled here but not stored yet, which must not be claimed
 * again meanwhile (the store still says pending, its claim may even have expired: it would go twice).
 */
export class OutcomeWriter {
  readonly summary: DispatchSummary = { sent: 0, retrying: 0, failed: 0 };
  private readonly settling = new Set<string>();
  private outcomes: SettledOutcome[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutcomeWriterOptions) {}

  /** Settled here, not stored yet. */
  get ids(): Iterable<string> {
    return this.settling;
  }

  /** Whether outcomes wait to be written. */
  get waiting(): boolean {
    return this.outcomes.length > 0;
  }

  add(outcome: SettledOutcome): void {
    this.settling.add(outcome.delivery.id);
    if (outcome.kind === 'sent') this.summary.sent += 1;
    else if (outcome.kind === 'retry') this.summary.retrying += 1;
    else if (outcome.kind === 'failed') this.summary.failed += 1;
    this.outcomes.push(outcome);
    if (this.outcomes.length >= this.options.batchSize) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  /** Stores the outcomes so far in one write. */
  flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.outcomes;
    this.outcomes = [];
    if (batch.length === 0) return this.flushing;
    const { repository, now, logger, onProgress } = this.options;
    this.flushing = this.flushing
      .then(async () => {
        await storeOutcomes(repository, batch, now, logger);
        onProgress?.(new Set(batch.map((outcome) => outcome.delivery.noticeId)));
      })
      .finally(() => {
        // Stored (or the write failed, and the claims expire as after a crash): claimable again.
        for (const outcome of batch) this.settling.delete(outcome.delivery.id);
      })
      .catch((error: unknown) => {
        // The claims expire and the deliveries go again: a duplicate is better than a loss.
        logger.error({ err: error, outcomes: batch.length }, 'notice outbox: could not store delivery outcomes');
      });
    return this.flushing;
  }
}
