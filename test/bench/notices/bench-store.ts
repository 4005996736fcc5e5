// The store the bench's servers share: the embedded one in the data directory (as `npm start`), or
// a fresh schema in PostgreSQL (--store postgres), made for the run and dropped after it.
import pg from 'pg';
import { dropSchemas, freshSchema } from '../../support/postgres.js';
import { itkontakt } from './operator.js';

/** A delivery row as the bench reads it back: enough to find its message at the fakes. */
export interface ClaimedRow {
  readonly channel: string;
  readonly noticeId: string;
  readonly address: Record<string, unknown>;
}

export interface BenchStore {
  readonly kind: 'lowdb' | 'postgres';
  /** What the servers and the CLI add to their environment for it: DATABASE_URL on PostgreSQL, nothing on lowdb (DATA_DIR). */
  readonly env: Readonly<Record<string, string>>;
  /** Several servers may share it (PostgreSQL); the embedded store's directory is one server's. */
  readonly shared: boolean;
  /** How many deliveries the store records as sent (read as the CLI would). */
  recordedSent(): Promise<number>;
  /** PostgreSQL: the rows pending under a claim that has not expired (claimed, not yet settled); lowdb: undefined (one server, not asked). */
  claimedRows(): Promise<readonly ClaimedRow[] | undefined>;
  /** Closes the bench's connection; drops the schema unless kept. */
  close(): Promise<void>;
}

/** The embedded store in `dataDir`, where the registry was seeded. */
export function lowdbBenchStore(dataDir: string): BenchStore {
  return {
    kind: 'lowdb',
    env: {},
    shared: false,
    async recordedSent() {
      const { LowdbStore } = await import('../../../src/store/index.js');
      const store = await LowdbStore.open(dataDir);
      return Object.values(store.read().noticeDeliveries).filter((delivery) => delivery.status === 'sent').length;
    },
    async claimedRows() {
      return undefined;
    },
    async close() {},
  };
}

/** The database the PostgreSQL test suites use (ITKONTAKT_TEST_DATABASE_URL), by default the local one. */
export const BENCH_DATABASE_URL = process.env.ITKONTAKT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh schema in the database at `baseUrl`, brought up to date with `itkontakt db migrate` and
 * filled with `itkontakt db copy --from-data-dir` from the seeded embedded store, as an operator
 * moving a deployment would. DATABASE_URL selects the schema through libpq's `options` parameter
 * (`-c search_path=…`), as the multi-instance tests do.
 */
export async function postgresBenchStore(baseUrl: string, seededDataDir: string, options: { keep: boolean }): Promise<BenchStore> {
  const schema = freshSchema('itk_bench');
  const admin = new pg.Client({ connectionString: baseUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    throw new Error(`PostgreSQL at ${new URL(baseUrl).host}${new URL(baseUrl).pathname} cannot be used (${(error as { code?: string }).code ?? (error as Error).message}): start it or set ITKONTAKT_TEST_DATABASE_URL`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = { DATABASE_URL: url.toString() };
  const drop = (): Promise<void> => dropSchemas(baseUrl, [schema]);
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    const migrated = (await itkontakt(['db', 'migrate'], { ...env, DATA_DIR: seededDataDir })).trim().split('\n');
    // Tab-separated: kind, read, copied.
    const copied = (await itkontakt(['db', 'copy', '--from-data-dir', seededDataDir], { ...env, DATA_DIR: seededDataDir }))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter(([, read]) => read !== '0')
      .map(([kind, read, count]) => `${kind} ${count}/${read}`);
    console.log(`PostgreSQL: schema ${schema} at ${url.host}${url.pathname} (${options.keep ? 'kept' : 'dropped'} at the end); db migrate: ${migrated.join('; ')}; db copy (copied/read): ${copied.join(', ')}`);
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    if (!options.keep) await drop();
    throw error;
  }
  return {
    kind: 'postgres',
    env,
    shared: true,
    async recordedSent() {
      return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM notice_deliveries WHERE status = 'sent'")).rows[0]!.n);
    },
    async claimedRows() {
      const now = Date.now();
      const rows = (await client.query<{ channel: string; notice_id: string; address: Record<string, unknown>; claimed_until: string }>("SELECT channel, notice_id, doc -> 'address' AS address, claimed_until FROM notice_deliveries WHERE status = 'pending' AND claimed_until IS NOT NULL")).rows;
      return rows.filter((row) => Date.parse(row.claimed_until) > now).map((row) => ({ channel: row.channel, noticeId: row.notice_id, address: row.address }));
    },
    async close() {
      await client.end().catch(() => undefined);
      if (!options.keep) await drop();
    },
  };
}
