import type { Address, RateKey, SendOutcome } from '../outbound/index.js';
import type { DeliveryChannel, NoticeDelivery } from './delivery.js';
import type { Notice } from './model.js';

/** What a transport is given to send one delivery. */
export interface DeliveryJob {
  readonly delivery: NoticeDelivery;
  /** The notice as it is now: messages say what is true when they go out. */
  readonly notice: Notice;
  /** What this recipient was already sent of the notice, oldest first (the first is the thread's root). */
  readonly earlier: readonly NoticeDelivery[];
}

/**
 * Sends deliveries of one channel over its outbound channel: `send` says what became of the
 * message (see SendOutcome; a throw counts as a passing failure) and never waits for rate limits
 * or retries, which the dispatcher owns.
 */
export interface DeliveryTransport {
  readonly channel: DeliveryChannel;
  /** What a send to the address counts against, widest first, with the limits the channel's adapter knows. */
  rateKeys(address: Address): readonly RateKey[];
  send(job: DeliveryJob): Promise<SendOutcome>;
  /**
   * Sends it can carry at once (an SMTP pool's connections). More would queue inside the transport
   * and leave it later in a burst, past the rate the dispatcher paced them at.
   */
  readonly maxInFlight?: number;
}
