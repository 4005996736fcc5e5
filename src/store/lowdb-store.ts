import { mkdir, open as openFile, stat } from 'node:fs/promises';
import { statSync, readFileSync, watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import lockfile from 'proper-lockfile';
import type { ContactsRepository, DestinationRepository, FeedbackRepository, PreferenceRepository, SeenInboundRepository, StaffChannelRepository } from '../contacts/index.js';
import { destinationRepository, feedbackRepository, preferenceRepository, staffChannelRepository } from './lowdb-settings.js';
import { BotError } from '../errors/index.js';
import { ContactsTransactionImpl, contactsReader } from './contacts-transaction.js';
import { TicketsTransactionImpl, ticketsReader } from './tickets-transaction.js';
import { NoticesTransactionImpl, noticesReader } from './notices-transaction.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { NoticesRepository } from '../notices/index.js';
import type { TicketsRepository } from '../tickets/index.js';
import { DeliveryJournal } from './delivery-journal.js';
import { noteStored } from './delivery-threads.js';
import { ServerLock } from './server-lock.js';
import { MemorySeenInbound } from './seen-inbound-memory.js';
import { emptyData, type StoreData, type StoredDelivery } from './schema.js';
import { parseStoreFile, sameVersion, versionOf, type FileVersion } from './lowdb-file.js';

export const STORE_FILE_NAME = 'itkontakt.json';
/** Outbox rows written since the store file was last written whole (see delivery-journal.ts). */
export const JOURNAL_FILE_NAME = 'itkontakt.deliveries.jsonl';
/** Past this size the next write folds the journal into the store file. */
const JOURNAL_MAX_BYTES = 32 * 1024 * 1024;

// How long another process may hold the store before we give up, and when a lock counts as stale
// (its holder died without releasing it).
const LOCK_OPTIONS = { realpath: false, stale: 10_000, retries: { retries: 200, minTimeout: 5, maxTimeout: 50 } } as const;

/** What a change did: its caller's value, and the outbox rows when those are all it changed. */
interface ChangeOutcome {
  readonly value: unknown;
  readonly journalRows?: readonly StoredDelivery[];
}

/**
 * The embedded store: one JSON file in DATA_DIR, and beside it the outbox journal.
 * - Atomic: lowdb writes a temporary file and renames it over the old one, so a crash leaves either
 *   the old or the new file, never half of one. A change of outbox rows only is appended to the
 *   journal instead (a line a crash cut short is ignored), and folded into the file by the next
 *   other write.
 * - Serialised: within the process, changes run one at a time; across processes (the server and a
 *   CLI command at the same time) a lock file is held for each change and the file is re-read first
 *   when another process changed it, so neither loses the other's update.
 */
export class LowdbStore {
  readonly kind = 'lowdb';
  private queue: Promise<unknown> = Promise.resolve();
  private version: FileVersion | undefined;
  /**
   * True while this process holds the file lock and is writing: then only our own write can change
   * the file, and the data in memory is what is being written, so a read need not re-read it.
   */
  private writing = false;
  /** Changes waiting for the next commit, in the order they were asked for. */
  private pending: Array<{ change: (data: StoreData) => ChangeOutcome | Promise<ChangeOutcome>; reload: boolean; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  private readonly journal: DeliveryJournal;

  private constructor(
    private readonly db: Low<StoreData>,
    readonly path: string,
    private readonly serverLock: ServerLock | undefined,
  ) {
    this.journal = new DeliveryJournal(join(dirname(path), JOURNAL_FILE_NAME));
  }

  /**
   * Opens (or creates) the store file. Refuses a corrupt or newer file rather than overwriting it.
   * `exclusive` (the server) holds the directory until close(), and is refused while another server
   * holds it; CLI commands open it without, beside the server.
   */
  static async open(dataDir: string, options: { exclusive?: boolean } = {}): Promise<LowdbStore> {
    await mkdir(dataDir, { recursive: true });
    const serverLock = options.exclusive ? await ServerLock.acquire(dataDir) : undefined;
    try {
      return await LowdbStore.load(dataDir, serverLock);
    } catch (error) {
      await serverLock?.release();
      throw error;
    }
  }

  private static async load(dataDir: string, serverLock: ServerLock | undefined): Promise<LowdbStore> {
    const path = join(dataDir, STORE_FILE_NAME);
    let raw: string | undefined;
    let version: FileVersion | undefined;
    try {
      // The version of the very file that is read: another process replaces the file (rename) when
      // it writes, and a version taken by a later stat would make a stale read look current, so
      // this process's next change would silently overwrite the other's.
      const handle = await openFile(path, 'r');
      try {
        version = versionOf(await handle.stat());
        raw = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { data, migrated } = raw === undefined ? { data: emptyData(), migrated: true } : parseStoreFile(raw, path);
    // Compact JSON: the notice outbox makes the file large, and indenting it costs a third of every write.
    const file = new DataFile<StoreData>(path, { parse: (text) => JSON.parse(text) as StoreData, stringify: (value) => JSON.stringify(value) });
    const store = new LowdbStore(new Low<StoreData>(file, data), path, serverLock);
    store.replayJournal({ fromStart: true });
    if (migrated) await store.update(() => undefined, { reload: raw !== undefined });
    else store.version = version;
    return store;
  }

  /** Re-reads the file if another process changed it since we last read or wrote it. */
  private refresh(): void {
    if (this.writing) return;
    const current = this.versionOnDisk();
    if (!current) return;
    if (sameVersion(current, this.version)) {
      if (!this.journal.isCurrent()) this.replayJournal({ fromStart: false });
      return;
    }
    this.db.data = parseStoreFile(readFileSync(this.path, 'utf8'), this.path).data;
    this.version = current;
    this.replayJournal({ fromStart: true });
  }

  /** The store file's version now; undefined when it cannot be read (not there yet). */
  private versionOnDisk(): FileVersion | undefined {
    try {
      return versionOf(statSync(this.path));
    } catch {
      return undefined;
    }
  }

  private replayJournal(options: { fromStart: boolean }): void {
    const deliveries = this.db.data.noticeDeliveries;
    this.journal.replay(
      this.db.data.journalSeq,
      (delivery) => {
        deliveries[delivery.id] = delivery;
        noteStored(deliveries, delivery);
      },
      options,
    );
  }

  /** Reads the current data. Never mutate what this returns; use update(). */
  read(): Readonly<StoreData> {
    this.refresh();
    return this.db.data;
  }

  /**
   * Applies a change and writes the file. Changes are applied one at a time, under the file lock,
   * on the latest data on disk. A change that throws is not written and its caller gets the error.
   *
   * Group commit: the changes that queue up while a write is under way are applied together, in
   * order, and written with one lock and one write. Each caller's promise still settles only once
   * its change is on disk (or with the error that kept it off). Under load this keeps the queue
   * short: one write per batch instead of a lock, a write and a stat per change, each waiting its
   * turn of a busy event loop.
   */
  update<T>(change: (data: StoreData) => T, options: { reload?: boolean } = {}): Promise<T> {
    return this.enqueue((data) => ({ value: change(data) }), options);
  }

  /** Queues a change for the next commit; its outcome says whether the journal can take it. */
  private enqueue<T>(change: (data: StoreData) => ChangeOutcome | Promise<ChangeOutcome>, options: { reload?: boolean } = {}): Promise<T> {
    const result = new Promise<T>((resolve, reject) => {
      this.pending.push({ change, reload: options.reload !== false, resolve: resolve as (value: unknown) => void, reject });
    });
    // The first change of a new batch schedules its commit, after the one under way.
    if (this.pending.length === 1) {
      const run = this.queue.then(() => this.commit());
      // A failed commit must not block the ones after it; its callers still see the failure.
      this.queue = run.catch(() => undefined);
    }
    return result;
  }

  private async commit(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    let release: () => Promise<void>;
    try {
      release = await this.lock();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    const outcomes: Array<({ ok: true } & ChangeOutcome) | { ok: false; error: unknown }> = [];
    try {
      if (batch.some((entry) => entry.reload)) this.refresh();
      this.writing = true;
      for (const entry of batch) {
        try {
          // One at a time: a unit of work that awaits its reads still sees no other change half-done.
          outcomes.push({ ok: true, ...(await entry.change(this.db.data)) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      await this.persist(outcomes.flatMap((outcome) => (outcome.ok ? [outcome] : [])));
    } catch (error) {
      // The write failed: no change of the batch is known to be on disk, and memory is ahead of it;
      // the next read takes the data from disk again.
      this.version = undefined;
      outcomes.length = 0;
      for (let index = 0; index < batch.length; index += 1) outcomes.push({ ok: false, error });
    } finally {
      this.writing = false;
    }
    try {
      await release();
    } catch (error) {
      // As before group commit: a lock that could not be released fails the change that held it.
      outcomes.length = 0;
      for (let index = 0; index < batch.length; index += 1) outcomes.push({ ok: false, error });
    }
    batch.forEach((entry, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }

  /** Appends the batch's outbox rows to the journal when that is all it changed, else writes the file. */
  private async persist(applied: readonly ChangeOutcome[]): Promise<void> {
    if (applied.length === 0) return;
    const wholeFile = applied.some((outcome) => outcome.journalRows === undefined) || this.journal.bytes >= JOURNAL_MAX_BYTES;
    if (!wholeFile) {
      await this.journal.append(applied.flatMap((outcome) => outcome.journalRows!));
      return;
    }
    this.db.data.journalSeq = this.journal.seq;
    await this.db.write();
    this.version = versionOf(await stat(this.path));
    await this.journal.clear();
  }

  private async lock(): Promise<() => Promise<void>> {
    try {
      return await lockfile.lock(this.path, LOCK_OPTIONS);
    } catch (error) {
      throw new BotError('STORE_LOCKED', `Datafilen ${this.path} är låst av en annan process och frigjordes inte i tid. Försök igen.`, { cause: error });
    }
  }

  /**
   * Calls `listener` soon after another process (the CLI publishing a notice) has written the store
   * file, so the server acts on it at once instead of at its next poll. Returns a function that
   * stops watching. Where the file system cannot be watched, nothing is called: polling still works.
   */
  onWrittenElsewhere(listener: () => void): () => void {
    let watcher: ReturnType<typeof watch>;
    try {
      watcher = watch(dirname(this.path), { persistent: false }, (_event, filename) => {
        if (filename !== STORE_FILE_NAME) return;
        const current = this.versionOnDisk();
        // Our own write shows up too; while it is under way the version is not updated yet.
        if (current && !this.writing && !sameVersion(current, this.version)) listener();
      });
    } catch {
      return () => undefined;
    }
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  }

  /** Why the store cannot be used now; the file is local, so never (for /healthz). */
  async problem(): Promise<string | undefined> {
    return undefined;
  }

  /** Waits for queued writes to finish (on shutdown). */
  async flush(): Promise<void> {
    await this.queue;
  }

  /** Waits for queued writes, then gives up the directory if this store holds it (on shutdown). */
  async close(): Promise<void> {
    await this.flush();
    await this.serverLock?.release();
  }

  readonly preferences: PreferenceRepository = preferenceRepository(this);
  readonly feedback: FeedbackRepository = feedbackRepository(this);
  readonly destinations: DestinationRepository = destinationRepository(this);

  /** In the process: one server owns the data directory. */
  readonly seenInbound: SeenInboundRepository = new MemorySeenInbound();

  readonly staffChannels: StaffChannelRepository = staffChannelRepository(this);

  /**
   * Runs a unit of work as one change. One that changed nothing (a poll that found nothing due)
   * writes nothing; one that changed only outbox rows goes to the journal.
   */
  private transact<U extends UnitOfWork, T>(UnitOfWorkClass: new (data: StoreData) => U, change: (transaction: U) => Promise<T>): Promise<T> {
    return this.enqueue(async (data) => {
      const transaction = new UnitOfWorkClass(data);
      const value = await change(transaction);
      transaction.commit();
      return { value, journalRows: transaction.isEmpty() ? [] : transaction.journalRows() };
    });
  }

  readonly contacts: ContactsRepository = {
    ...contactsReader(() => this.read()),
    write: (change) => this.transact(ContactsTransactionImpl, change),
  };

  readonly tickets: TicketsRepository = {
    ...ticketsReader(() => this.read()),
    write: (change) => this.transact(TicketsTransactionImpl, change),
  };

  readonly notices: NoticesRepository = {
    ...noticesReader(() => this.read()),
    write: (change) => this.transact(NoticesTransactionImpl, change),
  };
}
