import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hostname } from 'node:os';
import { SERVER_BEAT_STALE_MS, type ServerBeat, type ServerPresence, type SharedLimits } from '../../outbound/index.js';
import { processExists } from '../server-lock.js';
import type { Sql } from './sql.js';
import { z } from 'zod';

export interface SharingOptions {
  /** How often the instance beats, counts the live instances and reads the pauses (1 s). */
  readonly refreshMs?: number;
  /** An instance not seen for this long is gone, and no longer counted (10 s). */
  readonly leaseMs?: number;
  /** How long a (re)joining instance waits, once every other one has counted it, before it sends (2 s). */
  readonly joinGraceMs?: number;
  /** This process's clock (ms), as the dispatcher reads it. */
  readonly now?: () => number;
  /** The first beat that failed after one that worked; the next is tried at the next interval. */
  readonly onError: (error: unknown) => void;
  /** This instance's part of the limits changed (0: it may not send now). */
  readonly onShare?: (share: number, instances: number) => void;
}

/** Shared limits that beat in the background until stopped. */
export interface RunningSharing extends SharedLimits {
  /** Beats now (it also beats every `refreshMs`). */
  beat(): Promise<void>;
  stop(): void;
}

/**
 * Once every other instance has counted a (re)joining one, it waits this long before it sends: the
 * others' sends at their old part still lie within the platforms' one-second windows and the
 * pacing's own (a second and a little); after it, no window holds both theirs and its.
 */
const JOIN_GRACE_MS = 2_000;
/** Where a 429's pause is told at once (NOTIFY), besides its row: a schema's instances listen. */
const PAUSES_CHANNEL = 'itkontakt_rate_pauses';
/** Instance rows not seen for this long are removed (a crashed host leaves its row behind). */
const FORGET_AFTER = '1 day';

/**
 * The servers on one database, in the `instances` table: the server heartbeat the commands read
 * (ServerPresence), and the platforms' limits shared between the live servers (SharedLimits).
 *
 * Why it holds: an instance sends at 1/N of each limit, N the live rows it counted at its last beat.
 * A joining instance sends only once every other live one has counted since its row became visible
 * (their counted_at ≥ its visible_since, set after the insert committed), plus a grace: so no one
 * still uses a part that leaves it out. An instance stops sending when its last successful beat is
 * nearly a lease old (the others stop counting it at a full lease, on the database's clock, from a
 * beat that began no earlier), and joins again after. An instance that died is counted until its
 * lease runs out: the others send less meanwhile, never more. Pauses are rows that every instance
 * reads at each beat, and each is also told at once with NOTIFY to the instances listening (a
 * Retry-After is often a second: read at the next beat, it would have ended before the others
 * heard of it); the clocks of the hosts never meet (only durations cross, on the database's clock).
 */
export class PgInstances {
  /** This process's row: new at each start, so a restarted server joins afresh. */
  readonly id = randomUUID();
  readonly presence: ServerPresence;

  /** `connect` opens a connection of its own (not the pool's) on which this instance listens for pauses. */
  constructor(
    private readonly sql: Sql,
    private readonly connect?: () => Promise<pg.Client>,
  ) {
    this.presence = {
      beat: async () => {
        await sql('INSERT INTO instances (id, hostname, pid) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET seen_at = now()', [this.id, hostname(), process.pid]);
      },
      current: async () => {
        const rows = await sql<{ hostname: string; pid: number; seen_at: Date }>('SELECT hostname, pid, seen_at FROM instances WHERE seen_at > now() - make_interval(secs => $1) ORDER BY seen_at DESC', [SERVER_BEAT_STALE_MS / 1000]);
        // On this host a server killed with kill -9 is known gone at once; elsewhere only the beat tells.
        const live = rows.find((row) => row.hostname !== hostname() || processExists(row.pid));
        return live && ({ pid: live.pid, hostname: live.hostname, at: live.seen_at.toISOString() } satisfies ServerBeat);
      },
      clear: async () => {
        await sql('DELETE FROM instances WHERE id = $1', [this.id]);
      },
    };
  }

  /** Joins the live instances and beats every `refreshMs` until stopped; resolves after the first beat. */
  async share(options: SharingOptions): Promise<RunningSharing> {
    const sharing = new Sharing(this.sql, this.id, options, this.connect);
    await sharing.beat();
    return sharing;
  }
}

class Sharing implements RunningSharing {
  private readonly leaseMs: number;
  /** The beat's part of a lease after which this instance no longer sends (the others count it a full lease). */
  private readonly fenceMs: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  /** When the last successful beat was sent (this process's clock); undefined: (re)join at the next. */
  private lastBeat: number | undefined;
  /** From when it may send, once every other instance has counted it. */
  private readyAt: number | undefined;
  private instances = 1;
  private paused: ReadonlyMap<string, number> = new Map();
  private beating = false;
  private failing = false;
  private stopped = false;
  private lastShare = 0;
  private readonly listener: PauseListener | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly id: string,
    private readonly options: SharingOptions,
    connect?: () => Promise<pg.Client>,
  ) {
    this.listener = connect && new PauseListener(connect, id, (key, ms) => this.told(key, ms));
    this.leaseMs = options.leaseMs ?? 10_000;
    this.fenceMs = this.leaseMs * 0.7;
    this.now = options.now ?? Date.now;
    const refreshMs = options.refreshMs ?? 1_000;
    this.timer = setInterval(() => void this.beat(), refreshMs);
    this.timer.unref();
  }

  share(): number {
    const now = this.now();
    if (this.readyAt === undefined || now < this.readyAt || this.lastBeat === undefined || now >= this.lastBeat + this.fenceMs) return 0;
    return 1 / this.instances;
  }

  pauses(): ReadonlyMap<string, number> {
    return this.paused;
  }

  async pause(key: string, until: number): Promise<void> {
    const seconds = Math.max(0, until - this.now()) / 1000;
    await this.sql(
      `WITH ended AS (DELETE FROM rate_pauses WHERE until < now() - interval '1 minute'),
            paused AS (INSERT INTO rate_pauses (key, until) VALUES ($1, now() + make_interval(secs => $2))
                       ON CONFLICT (key) DO UPDATE SET until = GREATEST(rate_pauses.until, EXCLUDED.until))
       SELECT pg_notify('${PAUSES_CHANNEL}', json_build_object('schema', current_schema(), 'key', $1::text, 'ms', $2::float8 * 1000, 'from', $3::text)::text)`,
      [key, seconds, this.id],
    );
  }

  /** Another instance was told to pause `key` for `ms` from now. */
  private told(key: string, ms: number): void {
    const until = this.now() + ms;
    if ((this.paused.get(key) ?? 0) >= until) return;
    this.paused = new Map(this.paused).set(key, until);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.listener?.stop();
  }

  /** One beat: says this instance is alive, counts the live ones, and reads the pauses; (re)joins first if it must. */
  async beat(): Promise<void> {
    if (this.beating || this.stopped) return;
    this.beating = true;
    // Listening again after the database was away; the beats read the pauses meanwhile.
    this.listener?.ensure();
    const sent = this.now();
    try {
      if (this.lastBeat === undefined || sent >= this.lastBeat + this.fenceMs) await this.join();
      const [row] = await this.sql<{ visible_since: Date | null; others: number; unaware: number; pauses: Array<[string, number]> }>(
        `WITH me AS (UPDATE instances SET seen_at = now(), counted_at = now() WHERE id = $1 RETURNING visible_since)
         SELECT (SELECT visible_since FROM me) AS visible_since,
                (count(*) FILTER (WHERE id <> $1))::int AS others,
                (count(*) FILTER (WHERE id <> $1 AND (counted_at IS NULL OR counted_at < (SELECT visible_since FROM me))))::int AS unaware,
                (SELECT coalesce(json_agg(json_build_array(key, ceil(extract(epoch FROM until - now()) * 1000))), '[]'::json) FROM rate_pauses WHERE until > now()) AS pauses
         FROM instances WHERE seen_at > now() - make_interval(secs => $2)`,
        [this.id, this.leaseMs / 1000],
      );
      const received = this.now();
      if (!row || row.visible_since === null) {
        // The row is gone (removed as long dead): join again at the next beat.
        this.lastBeat = undefined;
        this.readyAt = undefined;
      } else {
        this.lastBeat = sent;
        this.instances = row.others + 1;
        if (this.readyAt === undefined && row.unaware === 0) this.readyAt = received + (row.others > 0 ? (this.options.joinGraceMs ?? JOIN_GRACE_MS) : 0);
        this.paused = new Map(row.pauses.map(([key, ms]) => [key, received + Number(ms)]));
      }
      this.failing = false;
    } catch (error) {
      // Once per outage, not every second of it.
      if (!this.failing) this.options.onError(error);
      this.failing = true;
    } finally {
      this.beating = false;
    }
    this.tellShare();
  }

  /**
   * Makes this instance's row live, then marks from when the others can see it (a statement after
   * the insert committed): every count that starts later includes it. Sends wait until every other
   * live instance has counted since then.
   */
  private async join(): Promise<void> {
    this.readyAt = undefined;
    await this.sql(
      `WITH forgotten AS (DELETE FROM instances WHERE seen_at < now() - interval '${FORGET_AFTER}')
       INSERT INTO instances (id, hostname, pid) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET seen_at = now()`,
      [this.id, hostname(), process.pid],
    );
    await this.sql('UPDATE instances SET visible_since = now(), counted_at = NULL WHERE id = $1', [this.id]);
  }

  private tellShare(): void {
    const share = this.share();
    if (share === this.lastShare) return;
    this.lastShare = share;
    this.options.onShare?.(share, this.instances);
  }
}

/**
 * A connection of its own that LISTENs for the pauses the other instances of its schema tell
 * (NOTIFY is per database, so each names its schema). When it cannot connect or is dropped, the
 * beats still read every pause within a second; the next beat tries to listen again.
 */
class PauseListener {
  private client: pg.Client | undefined;
  private connecting = false;
  private stopped = false;

  constructor(
    private readonly connect: () => Promise<pg.Client>,
    private readonly id: string,
    private readonly onPause: (key: string, ms: number) => void,
  ) {}

  ensure(): void {
    if (this.client || this.connecting || this.stopped) return;
    this.connecting = true;
    void this.listen().finally(() => {
      this.connecting = false;
    });
  }

  stop(): void {
    this.stopped = true;
    void this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async listen(): Promise<void> {
    let client: pg.Client | undefined;
    try {
      client = await this.connect();
      const connected = client;
      connected.on('error', () => this.drop(connected));
      connected.on('end', () => this.drop(connected));
      const [row] = (await connected.query<{ schema: string }>('SELECT current_schema() AS schema')).rows;
      const schema = row?.schema;
      connected.on('notification', (message) => {
        const told = parsePause(message.payload);
        if (told && told.schema === schema && told.from !== this.id) this.onPause(told.key, told.ms);
      });
      await connected.query(`LISTEN ${PAUSES_CHANNEL}`);
      if (this.stopped) await connected.end();
      else this.client = connected;
    } catch {
      if (client) this.drop(client);
    }
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = undefined;
    void client.end().catch(() => undefined);
  }
}

/** What an instance tells the others of its schema when a platform asks it to pause a key. */
const toldPause = z.object({ schema: z.string(), key: z.string().min(1), ms: z.number().finite().nonnegative(), from: z.string() });

function parsePause(payload: string | undefined): z.infer<typeof toldPause> | undefined {
  try {
    const told = toldPause.safeParse(JSON.parse(payload ?? ''));
    return told.success ? told.data : undefined;
  } catch {
    // Not JSON: not ours.
    return undefined;
  }
}
