import { DEFAULT_NOTICE_DELIVERY } from '../config/index.js';
import { ALONE, outcomeOfError, RetryPolicy } from '../outbound/index.js';
import type { DeliveryChannel, NoticeDelivery } from './delivery.js';
import { ClaimTiming } from './claim-timing.js';
import { claimDue, type ClaimContext } from './due-deliveries.js';
import type { DeliveryJob, DeliveryTransport } from './delivery-transport.js';
import type { DispatcherOptions } from './dispatcher-options.js';
import { failureOutcome } from './failure-outcome.js';
import { OutcomeWriter, type DispatchSummary } from './outcome-writer.js';
import { Pacer } from './pacing.js';
import { Semaphore } from './semaphore.js';
import type { SettledOutcome } from './settled-outcomes.js';

export type { DeliveryJob, DeliveryTransport, DispatcherOptions, DispatchSummary };


/**
 * Delivers the notice outbox. It claims due deliveries in batches under the store lock (a lease, so
 * a crash loses nothing: the claim expires and another run sends them), paces each by the rate
 * limits of the keys it uses, sends a bounded number at once, and stores outcomes in batches.
 * A recipient's messages go in order: a later one waits until the earlier one is out, so it can
 * thread under it.
 *
 * Failures: a 429 waits its Retry-After (and pauses that key, at every instance on the store); a
 * transient failure backs off exponentially with jitter; a refusal, or too many attempts, is a dead
 * letter with the reason; a destination that is gone (403/404) is deactivated instead of retried.
 *
 * Several instances on one store share each limit (`shared`): each paces by its part of it.
 */
export class NoticeDispatcher {
  private readonly pacer: Pacer;
  private readonly transports = new Map<DeliveryChannel, DeliveryTransport>();
  private readonly now: () => Date;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  /** Claimed and not yet settled, with its rate group. */
  private readonly held = new Map<string, { readonly delivery: NoticeDelivery; readonly group: string }>();
  private readonly timing: ClaimTiming;
  private readonly writer: OutcomeWriter;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Sends under way, over all channels (options.concurrency). */
  private readonly slots: Semaphore;
  /** Sends under way per transport that bounds them (maxInFlight). */
  private readonly transportSlots = new Map<DeliveryTransport, Semaphore>();
  private readonly sends = new Set<Promise<void>>();
  private readonly retry: RetryPolicy;

  constructor(private readonly options: DispatcherOptions) {
    this.pacer = new Pacer(options.shared ?? ALONE, (error) => options.logger.warn({ err: error }, 'notice outbox: a 429 pause could not be told to the other instances'));
    for (const transport of options.transports) {
      this.transports.set(transport.channel, transport);
      if (transport.maxInFlight !== undefined) this.transportSlots.set(transport, new Semaphore(transport.maxInFlight));
    }
    this.slots = new Semaphore(options.concurrency ?? DEFAULT_NOTICE_DELIVERY.concurrency);
    this.now = options.now ?? (() => new Date());
    this.timing = new ClaimTiming(options.pollMs ?? 1_000, () => this.wake());
    const { retryBaseMs = 500, retryMaxMs = 10 * 60_000, random = Math.random, maxAttempts = DEFAULT_NOTICE_DELIVERY.maxAttempts } = options;
    this.retry = new RetryPolicy({ baseMs: retryBaseMs, maxMs: retryMaxMs, maxAttempts, random });
    this.writer = new OutcomeWriter({ repository: options.repository, logger: options.logger, now: this.now, batchSize: options.batchSize ?? 200, flushMs: options.flushMs ?? 100, onProgress: options.onProgress });
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_NOTICE_DELIVERY.leaseSeconds * 1000;
  }

  /** Starts delivering in the background until stopped. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for due deliveries now (something was just queued). */
  wake(): void {
    this.timing.wake();
    this.woken = true;
    this.wakeUp?.();
  }


  /**
   * Stops claiming, waits for sends under way, gives back what was claimed but not sent (so a
   * restart sends it at once instead of after the lease), and stores every outcome.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.timing.stop();
    await Promise.allSettled([...this.sends]);
    const at = this.now().toISOString();
    for (const { delivery } of this.held.values()) this.settle({ kind: 'released', delivery, notBefore: at });
    await this.writer.flush();
  }

  /**
   * Sends everything due now and waits until it is settled (a retry due later is left for later).
   * For the CLI and tests; a server runs `start` instead.
   */
  async drain(): Promise<DispatchSummary> {
    const { summary } = this.writer;
    const before = { ...summary };
    for (;;) {
      const claimed = await this.claimAndSchedule(true);
      if (claimed === 0 && this.held.size === 0) break;
      if (claimed === 0) await this.nextSettled();
    }
    await this.writer.flush();
    return { sent: summary.sent - before.sent, retrying: summary.retrying - before.retrying, failed: summary.failed - before.failed };
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1_000;
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.claimAndSchedule();
      } catch (error) {
        this.options.logger.error({ err: error }, 'notice outbox: claiming failed; trying again shortly');
      }
      if (!this.running) break;
      // While sends are under way capacity frees up soon: look again shortly (a claim takes a
      // few seconds of each group, so this keeps every group busy with a store write or two a second).
      await this.sleep(claimed > 0 || this.held.size > 0 ? 250 : pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.woken = false;
        this.wakeUp = undefined;
        done();
      };
    });
  }

  private nextSettled(): Promise<void> {
    return new Promise((resolve) => {
      const check = setInterval(() => {
        if (this.held.size === 0 || this.writer.waiting) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
  }

  /**
   * Claims what each rate group has room for (see capacity) and schedules each in its rate-limit
   * slot; returns how many. The claim is bounded by the groups' capacities, not by a total: a total
   * filled by the first notice's channels leaves another notice's channels idle. Nothing is claimed
   * while this instance has no part of the limits (not yet counted by the others on the store).
   */
  private async claimAndSchedule(always = false): Promise<number> {
    if (!this.pacer.mayRun()) return 0;
    const capacity = (group: string): number => this.capacity(group);
    const lookedAt = Date.now();
    if (!always && !this.timing.shouldLook(lookedAt, capacity, (group) => this.pacer.pausedUntil([group], this.now().getTime()) !== undefined)) return 0;
    // claimDue writes the store only when something is due.
    const jobs = await claimDue(this.options.repository, this.claimContext());
    const nowMs = this.now().getTime();
    for (const job of jobs) {
      const transport = this.transports.get(job.delivery.channel)!;
      const keys = this.keysOf(job.delivery);
      const group = keys[0] ?? job.delivery.channel;
      this.held.set(job.delivery.id, { delivery: job.delivery, group });
      this.timing.hold(group, job.delivery.channel);
      // A slot beyond half the lease would outlive the claim: give the delivery back with that
      // time, without reserving the slot (an unused reservation would push every later send back).
      const at = this.pacer.reserve(keys, nowMs, nowMs + this.leaseMs / 2);
      if (at === undefined) {
        this.settle({ kind: 'released', delivery: job.delivery, notBefore: new Date(this.pacer.peek(keys, nowMs)).toISOString() });
        continue;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const send = this.send(job, transport).finally(() => this.sends.delete(send));
        this.sends.add(send);
      }, Math.max(0, at - nowMs));
      this.timers.add(timer);
    }
    if (jobs.length > 0) this.pacer.prune(nowMs);
    this.timing.looked(lookedAt, capacity);
    return jobs.length;
  }

  /**
   * How many of a rate group may be claimed at once: about three seconds of its sends (at this
   * instance's part of the limit), and never more than half a lease of them (a slot beyond that is
   * given back).
   */
  private capacity(group: string): number {
    const limit = this.pacer.limitOf(group);
    const seconds = Math.min(3, this.leaseMs / 2000);
    return limit ? Math.max(3, Math.ceil(limit.perSecond * seconds)) : (this.options.batchSize ?? 200);
  }

  /** What choosing and claiming due deliveries needs to know of this dispatcher, now. */
  private claimContext(): ClaimContext {
    return {
      now: this.now(),
      leaseMs: this.leaseMs,
      channels: [...this.transports.keys()],
      excluding: new Set([...this.held.keys(), ...this.writer.ids]),
      heldOf: (group) => this.timing.heldOf(group),
      channelLimits: this.timing.channelLimits((group) => this.capacity(group)),
      groupOf: (delivery) => this.keysOf(delivery)[0] ?? delivery.channel,
      capacity: (group) => this.capacity(group),
    };
  }

  /** A delivery's rate-limit keys, as its transport names them, widest first. */
  private keysOf(delivery: NoticeDelivery): string[] {
    return this.pacer.keys(this.transports.get(delivery.channel)!.rateKeys(delivery.address));
  }

  private async send(job: DeliveryJob, transport: DeliveryTransport): Promise<void> {
    const { delivery } = job;
    const keys = this.keysOf(delivery);
    // Paused meanwhile (a 429 here or at another instance): back to the queue until the pause ends,
    // without taking a place or an attempt.
    if (this.givenBackWhilePaused(delivery, keys)) return;
    // The transport's place first: a send waiting for it must not hold one of the shared places
    // that the other channels need meanwhile.
    const transportSlots = this.transportSlots.get(transport);
    await transportSlots?.acquire();
    await this.slots.acquire();
    try {
      // Paced at the moment it goes on the wire, not while it waits for a place.
      const passed = await this.pacer.pass(keys, () => this.running);
      if (passed && this.givenBackWhilePaused(delivery, keys)) return;
      // Stopping while this instance may not send, or held so long (it lost its part of the limits
      // for a while) that the claim ran out: another instance may have it now, so not this one.
      if (!passed || (delivery.claimedUntil !== null && Date.parse(delivery.claimedUntil) <= this.now().getTime())) {
        this.settle({ kind: 'released', delivery, notBefore: this.now().toISOString() });
        return;
      }
      const outcome = await transport.send(job).catch(outcomeOfError);
      if (outcome.kind === 'sent') {
        this.settle({ kind: 'sent', delivery, posted: outcome.ref, at: this.now().toISOString() });
        return;
      }
      const pause = (key: string, until: number): void => this.pacer.pause(key, until);
      this.settle(failureOutcome(delivery, outcome, { retry: this.retry, now: this.now().getTime(), narrowestKey: keys.at(-1), pause }));
    } finally {
      this.slots.release();
      transportSlots?.release();
    }
  }

  /** Gives a delivery back until its keys' pause ends, if one of them is paused now. */
  private givenBackWhilePaused(delivery: NoticeDelivery, keys: readonly string[]): boolean {
    const until = this.pacer.pausedUntil(keys, this.now().getTime());
    if (until === undefined) return false;
    this.settle({ kind: 'released', delivery, notBefore: new Date(until).toISOString() });
    return true;
  }

  private settle(outcome: SettledOutcome): void {
    const held = this.held.get(outcome.delivery.id);
    if (held) {
      this.held.delete(outcome.delivery.id);
      this.timing.release(held.group);
    }
    // Given back until a time (a 429's pause ends, its slot comes): look for it again then. A
    // retry after a failure backs off with jitter anyway: the next look or poll finds it.
    if (this.running && (outcome.kind === 'released' || (outcome.kind === 'retry' && outcome.throttled))) {
      const now = this.now().getTime();
      this.timing.wakeIn(Date.parse(outcome.notBefore) - now, now);
    }
    this.writer.add(outcome);
  }
}
