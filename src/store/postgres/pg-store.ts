import type pg from 'pg';
import type { ContactsRepository, DestinationRepository, FeedbackRepository, PreferenceRepository, SeenInboundRepository, StaffChannelRepository } from '../../contacts/index.js';
import type { NoticesRepository } from '../../notices/index.js';
import type { TicketsRepository } from '../../tickets/index.js';
import { pgChatRepositories } from './chat.js';
import { PgContacts } from './contacts.js';
import { PgInstances } from './instances.js';
import { migrate, migrationStatus } from './migrate.js';
import { PgNotices } from './notices.js';
import type { Sql } from './sql.js';
import { PgSeenInbound } from './seen-inbound.js';
import { PgTickets } from './tickets.js';

export interface PgStoreOptions {
  /** The schema to work in (tests: one each, so suites run side by side); created when missing. */
  readonly schema?: string | undefined;
  /** Connections at most (pg's pool). */
  readonly maxConnections?: number | undefined;
}

/** The driver, loaded by the first connection: a store on lowdb (the server's default) never needs it. */
const driver = async (): Promise<typeof pg> => (await import('pg')).default;

const sqlOf =
  (client: pg.Pool | pg.PoolClient): Sql =>
  async (text, values) =>
    (await client.query(text, values as unknown[] | undefined)).rows as never;

/**
 * The store on PostgreSQL: the same repositories as the embedded store, over the `pg` driver and
 * plain SQL. A unit of work is a transaction on one connection: it commits whole or rolls back.
 */
export class PgStore {
  readonly kind = 'postgres';
  /** Where the data is, as /healthz and the logs show it: the database URL without its password. */
  readonly path: string;
  readonly contacts: ContactsRepository;
  readonly tickets: TicketsRepository;
  readonly notices: NoticesRepository;
  readonly preferences: PreferenceRepository;
  readonly feedback: FeedbackRepository;
  readonly destinations: DestinationRepository;
  readonly staffChannels: StaffChannelRepository;
  /** Shared by every instance on the database. */
  readonly seenInbound: SeenInboundRepository;
  /** The servers on the database: their heartbeat (for the commands) and their shared send limits. */
  readonly instances: PgInstances;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
    connect: () => Promise<pg.Client>,
  ) {
    const shown = new URL(url);
    shown.password = '';
    this.path = shown.toString();
    const sql = sqlOf(pool);
    const chat = pgChatRepositories(sql);
    this.preferences = chat.preferences;
    this.feedback = chat.feedback;
    this.destinations = chat.destinations;
    this.staffChannels = chat.staffChannels;
    this.seenInbound = new PgSeenInbound(sql);
    this.instances = new PgInstances(sql, connect);
    // Each repository answers its questions over the pool, and runs a unit of work on one connection.
    const contacts = new PgContacts(sql);
    this.contacts = Object.assign(Object.create(contacts) as PgContacts, { write: <T>(change: (transaction: PgContacts) => Promise<T>) => this.transaction((tx) => change(new PgContacts(tx))) });
    const tickets = new PgTickets(sql);
    this.tickets = Object.assign(Object.create(tickets) as PgTickets, { write: <T>(change: (transaction: PgTickets) => Promise<T>) => this.transaction((tx) => change(new PgTickets(tx))) });
    const notices = new PgNotices(sql);
    this.notices = Object.assign(Object.create(notices) as PgNotices, { write: <T>(change: (transaction: PgNotices) => Promise<T>) => this.transaction((tx) => change(new PgNotices(tx))) });
  }

  /** Applies the migrations not applied yet; returns those it applied (`itkontakt db migrate`). */
  static async migrate(url: string): Promise<Array<{ version: number; name: string }>> {
    const client = new (await driver()).Client({ connectionString: url });
    await client.connect();
    try {
      return (await migrate(client)).map(({ version, name }) => ({ version, name }));
    } finally {
      await client.end();
    }
  }

  /** Whether and when each migration was applied, without applying any (`itkontakt db status`). */
  static async status(url: string): Promise<Array<{ version: number; name: string; appliedAt: string | null }>> {
    const client = new (await driver()).Client({ connectionString: url });
    await client.connect();
    try {
      return (await migrationStatus(client)).map(({ version, name, appliedAt }) => ({ version, name, appliedAt }));
    } finally {
      await client.end();
    }
  }

  /** Connects, and brings the schema up to date (under an advisory lock, so instances may start together). */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/u.test(schema)) throw new Error(`itkontakt: invalid schema name "${schema}"`);
    if (schema !== undefined) {
      const setup = new (await driver()).Client({ connectionString: url });
      await setup.connect();
      try {
        await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await setup.end();
      }
    }
    // A connection that cannot be made fails after a while instead of hanging the request that waits for it.
    const settings = { connectionString: url, connectionTimeoutMillis: 5_000, ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}) };
    const { Pool, Client } = await driver();
    const pool = new Pool({ ...settings, max: options.maxConnections ?? 10 });
    try {
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    // A connection the server dropped (a restart, a failover) is replaced by the pool; its error must not end the process.
    pool.on('error', () => undefined);
    // A connection of its own, outside the pool, for listening (held as long as the instance runs).
    const connect = async (): Promise<pg.Client> => {
      const client = new Client(settings);
      await client.connect();
      return client;
    };
    return new PgStore(pool, url, connect);
  }

  /** Runs a unit of work in one transaction: committed when it resolves, rolled back when it throws. */
  private async transaction<T>(change: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await change(sqlOf(client));
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Another process's writes are not watched here (the dispatcher polls); notifying other
   * instances through the database comes with the cross-instance work.
   */
  onWrittenElsewhere(_listener: () => void): () => void {
    return () => undefined;
  }

  /**
   * Why the database cannot be used now, for /healthz; undefined when a query goes through. The
   * pool makes new connections by itself, so the answer turns back once the database is there.
   */
  async problem(): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('PostgreSQL svarar inte (ingen kontakt inom 3 sekunder)'), 3_000)));
    try {
      return await Promise.race([this.pool.query('SELECT 1').then(() => undefined, (error: Error) => `PostgreSQL kan inte nås: ${error.message}`), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every write is awaited by its caller: nothing is queued to wait for. */
  async flush(): Promise<void> {}

  /** Runs `work` in one transaction on one connection (db copy). */
  run<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  /** Closes the pool (on shutdown). */
  async close(): Promise<void> {
    await this.pool.end();
  }
}
