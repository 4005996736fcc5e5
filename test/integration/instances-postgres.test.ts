import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { PgStore, type RunningSharing } from '../../src/store/index.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';

const suite = TEST_DATABASE_URL ? describe : describe.skip;

// The instances table, driven beat by beat (no background beats: refreshMs is an hour), with a
// clock of the test's own for this process's side: what each instance may send, and when.
suite('instances on one database share the send limits and the server heartbeat (PostgreSQL)', () => {
  const url = TEST_DATABASE_URL ?? '';
  const opened: PgStore[] = [];
  const running: RunningSharing[] = [];
  let schema = '';
  let clock = 1_800_000_000_000;
  const now = (): number => clock;

  async function instance(): Promise<PgStore> {
    const store = await PgStore.open(url, { schema });
    opened.push(store);
    return store;
  }

  async function sharing(store: PgStore, options: { leaseMs?: number } = {}): Promise<RunningSharing> {
    const started = await store.instances.share({ refreshMs: 3_600_000, joinGraceMs: 0, now, onError: (error) => { throw error; }, ...options });
    running.push(started);
    return started;
  }

  /** Whether the instance listens for pauses now (its own connection is up). */
  const listening = (started: RunningSharing): boolean => Boolean((started as unknown as { listener?: { client?: unknown } }).listener?.client);

  async function waitFor(condition: () => boolean): Promise<void> {
    for (let tries = 0; tries < 200 && !condition(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  }

  afterEach(async () => {
    for (const started of running.splice(0)) started.stop();
    for (const store of opened.splice(0)) await store.close();
    await dropSchemas(url, [schema]);
  });

  it('a second instance sends nothing until the first has counted it; then each sends at half of each limit', async () => {
    schema = freshSchema();
    const [first, second] = [await instance(), await instance()];
    const a = await sharing(first);
    // Alone on the database: every limit is its own.
    expect(a.share()).toBe(1);
    const b = await sharing(second);
    // The first still sends at the whole limit until its next beat: the second must wait.
    expect(a.share()).toBe(1);
    expect(b.share()).toBe(0);
    await b.beat();
    expect(b.share()).toBe(0);
    await a.beat();
    expect(a.share()).toBe(1 / 2);
    await b.beat();
    expect(b.share()).toBe(1 / 2);
  });

  it('an instance stops sending when its beats fail for most of a lease, and then joins again as if new', async () => {
    schema = freshSchema();
    const [first, second] = [await instance(), await instance()];
    const a = await sharing(first, { leaseMs: 10_000 });
    const b = await sharing(second, { leaseMs: 10_000 });
    await a.beat();
    await b.beat();
    expect([a.share(), b.share()]).toEqual([1 / 2, 1 / 2]);
    // No beat of the second's for 7 of the lease's 10 seconds (on its own clock): the others may soon
    // stop counting it, so it stops sending now.
    clock += 7_000;
    expect(b.share()).toBe(0);
    await a.beat();
    await b.beat();
    // Back in touch, it is new to the others until they count it again.
    expect(b.share()).toBe(0);
    await a.beat();
    await b.beat();
    expect(b.share()).toBe(1 / 2);
  });

  it('a 429 pause told by one instance is seen by the other at its next beat, on its own clock', async () => {
    schema = freshSchema();
    const [first, second] = [await instance(), await instance()];
    const a = await sharing(first);
    const b = await sharing(second);
    await a.pause('slack:channel:C0DRIFT', clock + 30_000);
    await b.beat();
    const until = b.pauses().get('slack:channel:C0DRIFT');
    // Thirty seconds from the pause as the database measured them, on the second's clock.
    expect(until).toBeGreaterThan(clock + 25_000);
    expect(until).toBeLessThanOrEqual(clock + 31_000);
    // A later, shorter pause does not shorten it.
    await a.pause('slack:channel:C0DRIFT', clock + 1_000);
    await b.beat();
    expect(b.pauses().get('slack:channel:C0DRIFT')).toBeGreaterThan(clock + 25_000);
  });

  it('a 429 pause is told to the other instances of the schema at once, not a beat later; not to another schema\'s', async () => {
    schema = freshSchema();
    const [first, second] = [await instance(), await instance()];
    const a = await sharing(first);
    const b = await sharing(second);
    // Listening starts with the first beat, in the background.
    await waitFor(() => listening(b));
    const elsewhere = freshSchema();
    const other = await PgStore.open(url, { schema: elsewhere });
    opened.push(other);
    const c = await sharing(other);
    await waitFor(() => listening(c));
    await a.pause('sms', clock + 1_000);
    await waitFor(() => b.pauses().has('sms'));
    expect(b.pauses().get('sms')).toBeGreaterThan(clock + 500);
    expect(b.pauses().get('sms')).toBeLessThanOrEqual(clock + 1_000);
    // The pauser keeps its own in the dispatcher; another schema is another deployment.
    expect(a.pauses().has('sms')).toBe(false);
    expect(c.pauses().has('sms')).toBe(false);
    await dropSchemas(url, [elsewhere]);
  });

  it('the server heartbeat is a row a command on another host reads; a clean stop removes it', async () => {
    schema = freshSchema();
    const [server, command] = [await instance(), await instance()];
    expect(await command.instances.presence.current(new Date())).toBeUndefined();
    await server.instances.presence.beat(new Date());
    expect(await command.instances.presence.current(new Date())).toMatchObject({ pid: process.pid, hostname: hostname() });
    await server.instances.presence.clear();
    expect(await command.instances.presence.current(new Date())).toBeUndefined();
  });
});
