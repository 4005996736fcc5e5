/** Which waiting work goes first: a person who just pressed or typed, before events. */
export type WorkLane = 'interactive' | 'events';

/** A job's own failures are its business: the queue only keeps going when one throws. */
export type Job = () => Promise<void>;

/**
 * The bot's work on acknowledged Slack requests, at most `concurrency` jobs at a time. A burst is
 * acknowledged at once and waits here, instead of every request sharing the event loop with all the
 * others (which made each acknowledgement wait behind the whole burst's knowledge searches).
 * Interactive work (slash commands, button presses) is started before waiting events: a person is
 * watching, and a trigger_id to open a modal with lasts three seconds.
 */
export class WorkQueue {
  private readonly waiting: Record<WorkLane, Job[]> = { interactive: [], events: [] };
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly concurrency: number,
    private readonly onError: (error: unknown) => void,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  }

  /** Starts `job` when a slot is free; does not wait for it. */
  enqueue(job: Job, lane: WorkLane): void {
    this.waiting[lane].push(job);
    this.startWaiting();
  }

  /**
   * Runs `job` at once and resolves when it is done, even with every slot taken: for work that its
   * request's acknowledgement waits for (a modal submission answers in it). It holds a slot while it
   * runs, so waiting work does not start beside it.
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
    // Waiting jobs start on the next turn of the event loop (see startWaiting): until then none runs.
    const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.active > 0 || this.pending > 0) {
        const next = this.active > 0 ? Promise.race(this.running) : nextTurn();
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

  /**
   * Starts waiting jobs in the event loop's check phase, after the I/O that is already waiting has
   * been handled: a request that has arrived is acknowledged before another job's knowledge search
   * starts, however long the queue.
   */
  private startWaiting(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.running.size < this.concurrency) {
        const job = this.waiting.interactive.shift() ?? this.waiting.events.shift();
        if (!job) return;
        void this.start(job);
      }
    });
  }

  private start(job: Job): Promise<void> {
    const running: Promise<void> = Promise.resolve()
      .then(job)
      .catch(this.onError)
      .finally(() => {
        this.running.delete(running);
        this.startWaiting();
      });
    this.running.add(running);
    return running;
  }
}
