import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkQueue } from '../../adapters/slack/index.js';

/** A job that runs until released, recording when it started. */
function gate(started: string[], name: string): { job: () => Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    job: async () => {
      started.push(name);
      await done;
    },
    release: () => release(),
  };
}

/** Two turns of the event loop: one in which waiting jobs start, one in which they have run. */
const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('WorkQueue', () => {
  it('runs at most `concurrency` jobs at once and starts the next as one finishes', async () => {
    const started: string[] = [];
    const queue = new WorkQueue({ concurrency: 2, onError: () => undefined });
    const jobs = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    for (const { job } of jobs) queue.enqueue(job, 'events');
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect([queue.active, queue.pending]).toEqual([2, 2]);
    jobs[1]!.release();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const { release } of jobs) release();
    await queue.drain(1_000);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts waiting interactive work before waiting events', async () => {
    const started: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, onError: () => undefined });
    const first = gate(started, 'event-1');
    queue.enqueue(first.job, 'events');
    await settle();
    queue.enqueue(async () => void started.push('event-2'), 'events');
    queue.enqueue(async () => void started.push('command'), 'interactive');
    await settle();
    first.release();
    await queue.drain(1_000);
    expect(started).toEqual(['event-1', 'command', 'event-2']);
  });

  it('runs urgent work at once even when every slot is taken, and holds a slot while it runs', async () => {
    const started: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, onError: () => undefined });
    const busy = gate(started, 'busy');
    queue.enqueue(busy.job, 'events');
    await settle();
    const urgent = gate(started, 'submission');
    const submitted = queue.runNow(urgent.job);
    queue.enqueue(async () => void started.push('waiting'), 'events');
    await settle();
    expect(started).toEqual(['busy', 'submission']);
    busy.release();
    await settle();
    // The submission still holds a slot: the waiting event has not started beside it.
    expect(started).toEqual(['busy', 'submission']);
    urgent.release();
    await submitted;
    await settle();
    expect(started).toEqual(['busy', 'submission', 'waiting']);
  });

  it('reports a job that fails and goes on with the next', async () => {
    const failures: unknown[] = [];
    const ran: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, onError: (error) => failures.push(error) });
    queue.enqueue(async () => {
      throw new Error('store unavailable');
    }, 'events');
    queue.enqueue(async () => void ran.push('next'), 'events');
    await queue.drain(1_000);
    expect(failures).toEqual([new Error('store unavailable')]);
    expect(ran).toEqual(['next']);
  });

  it('drains everything queued, or says how much was left when it gave up', async () => {
    const started: string[] = [];
    const queue = new WorkQueue({ concurrency: 1, onError: () => undefined });
    const stuck = gate(started, 'stuck');
    queue.enqueue(stuck.job, 'events');
    queue.enqueue(async () => void started.push('never'), 'events');
    expect(await queue.drain(50)).toEqual({ unfinished: 2 });
    stuck.release();
    await settle();
    expect(started).toEqual(['stuck']);
    expect(await queue.drain(50)).toEqual({ unfinished: 0 });
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => new WorkQueue({ concurrency: 0, onError: () => undefined })).toThrow(RangeError);
    expect(() => new WorkQueue({ concurrency: 1.5, onError: () => undefined })).toThrow(RangeError);
  });

  describe('while a burst is arriving', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A queue on a clock the test moves, holding work back until 10 ms pass without news, for at most 50 ms. */
    function holdingQueue(started: string[]): { queue: WorkQueue; add: (name: string) => void } {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
      const queue = new WorkQueue({ concurrency: 4, onError: () => undefined, holdWhileArriving: { quietMs: 10, maxMs: 50 }, now: () => Date.now() });
      return { queue, add: (name) => queue.enqueue(async () => void started.push(name), 'events') };
    }

    it('starts nothing until requests stop arriving for the quiet time', async () => {
      const started: string[] = [];
      const { add } = holdingQueue(started);
      add('a');
      await vi.advanceTimersByTimeAsync(5);
      add('b');
      await vi.advanceTimersByTimeAsync(9);
      expect(started).toEqual([]);
      await vi.advanceTimersByTimeAsync(2);
      expect(started).toEqual(['a', 'b']);
    });

    it('holds back for at most the longest hold, however long the burst goes on', async () => {
      const started: string[] = [];
      const { add } = holdingQueue(started);
      for (let step = 0; step < 10; step += 1) {
        add(`r${step}`);
        await vi.advanceTimersByTimeAsync(5);
      }
      // 50 ms of arrivals 5 ms apart: never quiet, so the hold ends at its limit.
      expect(started).toEqual(['r0', 'r1', 'r2', 'r3']);
      // Once per burst: while the stream goes on, the queue keeps working at full speed.
      add('r10');
      // 5 ms, under the quiet time: without the once-per-burst rule r10 would still be held.
      for (let step = 0; step < 5; step += 1) await vi.advanceTimersByTimeAsync(1);
      expect(started).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10']);
      // After a pause the next burst is held back again.
      await vi.advanceTimersByTimeAsync(20);
      add('next');
      await vi.advanceTimersByTimeAsync(5);
      expect(started.at(-1)).toBe('r10');
      await vi.advanceTimersByTimeAsync(10);
      expect(started.at(-1)).toBe('next');
    });

    it('does not hold back work that must run now', async () => {
      const started: string[] = [];
      const { queue, add } = holdingQueue(started);
      add('event');
      await queue.runNow(async () => void started.push('submission'));
      expect(started).toEqual(['submission']);
      await vi.advanceTimersByTimeAsync(10);
      expect(started).toEqual(['submission', 'event']);
    });
  });
});
