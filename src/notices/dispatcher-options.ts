import type { Logger } from '../log/index.js';
import type { SharedLimits } from '../outbound/index.js';
import type { DeliveryTransport } from './delivery-transport.js';
import type { NoticesRepository } from './repository.js';

/** How a NoticeDispatcher is set up: its store, transports and the knobs of claiming, pacing and retrying. */
export interface DispatcherOptions {
  readonly repository: NoticesRepository;
  readonly transports: readonly DeliveryTransport[];
  readonly logger: Logger;
  readonly now?: () => Date;
  /** A claim is the claimer's until this long has passed; a crashed sender's claim then expires. */
  readonly leaseMs?: number;
  /**
   * Failed attempts before a delivery goes to the dead-letter list (a 429 is not one). With the
   * default backoff, 16 (the default) spans about 35 to 65 minutes: a mail server or gateway that is
   * down for half an hour loses nothing.
   */
  readonly maxAttempts?: number;
  /** The first retry of a transient failure waits about this long (half to all of it), doubling after. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Sends under way at once, whatever the rate limits allow. */
  readonly concurrency?: number;
  /**
   * SettledOutcomes stored per write at most (a write is also due after `flushMs`). What is claimed is
   * bounded per rate group instead: a few seconds of its sends.
   */
  readonly batchSize?: number;
  /** How often to look for due deliveries when nothing wakes the dispatcher. */
  readonly pollMs?: number;
  /**
   * SettledOutcomes are written together at most this long after the first of them (one store write,
   * an append to the journal; 100 ms by default): also how much a kill -9 can make go twice.
   */
  readonly flushMs?: number;
  readonly random?: () => number;
  /** Told which notices' deliveries moved on, after their outcomes are stored (live report cards). */
  readonly onProgress?: ((noticeIds: ReadonlySet<string>) => void) | undefined;
  /**
   * The limits and 429 pauses shared with the other instances on the store (PostgreSQL); by
   * default this dispatcher is alone with them (the embedded store: one server per data directory).
   */
  readonly shared?: SharedLimits | undefined;
}
