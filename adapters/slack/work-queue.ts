/** Which waiting work goes first: a person who just pressed or typed, before events. */
export type WorkLane = 'interactive' | 'events';

/** A job's own failures are its business: the queue only keeps going when one throws. */
export type Job = () => Promise<void>;

export interface WorkQueueOptions {
  /** How many jobs run at once. */
  readonly concurrency: number;
  /** Told of a job that threw (jobs are expected to handle their own failures). */
  readonly onError: (error: unknown) => void;
  /**
   * While work keeps arriving, hold waiting work back until nothing new has come for `quietMs`, or
   * for at most `maxMs`, once per burst (a burst ends when arrivals pause for `quietMs`). Off (0)
   * by default.
   */
  readonly holdWhileArriving?: { readonly quietMs: number; readonly maxMs: number } | undefined;
  /** Milliseconds on a monotonic clock (performance.now by default); tests pass their own. */
  readonly now?: (() => number) | undefined;
}

/**
 * The bot's work on acknowledged Slack requests, at most `concurrency` jobs at a time. A burst is
 * acknowledged at once and waits here, instead of every request sharing the event loop with all the
 * others (which made each acknowledgement wait behind the whole burst's knowledge searches).
 * Interactive work (slash commands, button presses) is started before waiting events: a person is
 * watching, and a trigger_id to open a modal with lasts three seconds.
 *
 * Acknowledgements go first in two more ways. Waiting jobs start on the next turn of the event
 * loop, after the I/O that is already waiting, so a request that has arrived is acknowledged before
 * another job's knowledge search begins. And while a burst is still arriving (`holdWhileArriving`),
 * no new job starts at all until it pauses, for at most a bounded time, so the burst's
 * acknowledgements do not share the event loop with its answers.
 */
export class WorkQueue {
  private readonly waiting: Record<WorkLane, Job[]> = { interactive: [], events: [] };
  private readonly running = new Set<Promise<void>>();
  private readonly concurrency: number;
  private readonly onError: (error: unknown) => void;
  private readonly quietMs: number;
  private readonly maxHoldMs: number;
  private readonly now: () => number;
  private scheduled = false;
  private lastEnqueuedAt = Number.NEGATIVE_INFINITY;
  /** When the current hold began; undefined while nothing is held back. */
  private heldSince: number | undefined;
  /** The current burst was held back as long as allowed; cleared once arrivals pause. */
  private holdSpent = false;

  constructor(options: WorkQueueOptions) {
    const { concurrency } = options;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
    this.concurrency = concurrency;
    this.onError = options.onError;
    this.quietMs = options.holdWhileArriving?.quietMs ?? 0;
    this.maxHoldMs = options.holdWhileArriving?.maxMs ?? 0;
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts `job` when a slot is free; does not wait for it. */
  enqueue(job: Job, lane: WorkLane): void {
    const now = this.now();
    // After a pause a new burst begins, with a hold of its own.
    if (now - this.lastEnqueuedAt >= this.quietMs) this.holdSpent = false;
    this.lastEnqueuedAt = now;
    this.waiting[lane].push(job);
    this.scheduleStart();
  }

  /**
   * Runs `job` at once and resolves when it is done, even with every slot taken and while a burst
   * is held back: for work that its request's acknowledgement waits for (a modal submission
   * answers in it). It holds a slot while it runs, so waiting work does not start beside it.
   */
  runNow(job: Job): Promise<void> {
    return this.start(job);
  }

  /** Jobs not yet started. */
  get pending(): number {
    return this.waiting.interactive.length + this.waiting.events.length;
  }

  /** Jobs running now. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Resolves once every job, waiting ones included, has finished, or after `timeoutMs` with how many
   * had not (those that never started are dropped then).
   */
  async drain(timeoutMs: number): Promise<{ readonly unfinished: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    // Waiting jobs start on a later turn of the event loop (see scheduleStart): until then none runs.
    const shortly = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(1, this.quietMs)));
    try {
      while (this.active > 0 || this.pending > 0) {
        const next = this.active > 0 ? Promise.race(this.running) : shortly();
        if ((await Promise.race([next, timedOut])) === 'timeout') break;
      }
    } finally {
      clearTimeout(timer);
    }
    const unfinished = this.active + this.pending;
    this.waiting.interactive.length = 0;
    this.waiting.events.length = 0;
    return { unfinished };
  }

  private scheduleStart(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.startWaiting();
    };
    // setImmediate runs after the I/O already waiting in this turn of the event loop.
    if (delayMs > 0) setTimeout(run, delayMs);
    else setImmediate(run);
  }

  private startWaiting(): void {
    if (this.pending === 0 || this.running.size >= this.concurrency) return;
    const now = this.now();
    const sinceLast = now - this.lastEnqueuedAt;
    if (!this.holdSpent && sinceLast < this.quietMs) {
      this.heldSince ??= now;
      const held = now - this.heldSince;
      if (held < this.maxHoldMs) {
        this.scheduleStart(Math.min(this.quietMs - sinceLast, this.maxHoldMs - held));
        return;
      }
      // One hold per burst: under a steady stream the queue works at full speed after it.
      this.holdSpent = true;
    }
    this.heldSince = undefined;
    while (this.running.size < this.concurrency) {
      const job = this.waiting.interactive.shift() ?? this.waiting.events.shift();
      if (!job) return;
      void this.start(job);
    }
  }

  private start(job: Job): Promise<void> {
    const running: Promise<void> = Promise.resolve()
      .then(job)
      .catch(this.onError)
      .finally(() => {
        this.running.delete(running);
        this.scheduleStart();
      });
    this.running.add(running);
    return running;
  }
}
