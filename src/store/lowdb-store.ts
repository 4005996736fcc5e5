import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import {
  actorKey,
  type Actor,
  type Destination,
  type DestinationRepository,
  type FeedbackEntry,
  type FeedbackRepository,
  type PreferenceRepository,
  type UserPreferences,
} from '../bot/index.js';
import { BotError } from '../errors/index.js';
import { emptyData, migrate, type StoreData } from './schema.js';

export const STORE_FILE_NAME = 'itkontakt.json';

/**
 * The embedded store: one JSON file in DATA_DIR, written atomically (lowdb writes a temporary file
 * and renames it over the old one, so a crash leaves either the old or the new file, never half of
 * one) and one write at a time (writes are queued, so concurrent requests never lose an update).
 */
export class LowdbStore {
  readonly kind = 'lowdb';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Low<StoreData>,
    readonly path: string,
  ) {}

  /** Opens (or creates) the store file. Refuses a corrupt or newer file rather than overwriting it. */
  static async open(dataDir: string): Promise<LowdbStore> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, STORE_FILE_NAME);
    let raw: string | undefined;
    try {
      raw = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    let data = emptyData();
    let needsWrite = raw === undefined;
    if (raw !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new BotError('STORE_CORRUPT', `Datafilen ${path} är inte giltig JSON. Den har inte ändrats; återställ den från backup eller flytta den åt sidan för att börja om.`);
      }
      const migration = migrate(parsed, path);
      data = migration.data;
      needsWrite = migration.migrated;
    }
    const db = new Low<StoreData>(new JSONFile<StoreData>(path), data);
    const store = new LowdbStore(db, path);
    if (needsWrite) await store.update(() => undefined);
    return store;
  }

  /** Reads the current data. Never mutate what this returns; use update(). */
  read(): Readonly<StoreData> {
    return this.db.data;
  }

  /** Applies a change and writes the file; changes are applied and written one at a time. */
  update<T>(change: (data: StoreData) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const result = change(this.db.data);
      await this.db.write();
      return result;
    });
    // A failed write must not block the writes after it; the caller still sees the failure.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for queued writes to finish (on shutdown). */
  async flush(): Promise<void> {
    await this.queue;
  }

  readonly preferences: PreferenceRepository = {
    get: async (actor: Actor) => this.db.data.preferences[actorKey(actor)],
    set: async (actor: Actor, preferences: UserPreferences) => {
      await this.update((data) => {
        data.preferences[actorKey(actor)] = preferences;
      });
    },
  };

  readonly feedback: FeedbackRepository = {
    add: async (entry: FeedbackEntry) => {
      await this.update((data) => {
        data.feedback.push(entry);
      });
    },
    list: async (filter = {}) =>
      this.db.data.feedback.filter((entry) => filter.municipality === undefined || entry.municipality === filter.municipality),
  };

  readonly destinations: DestinationRepository = {
    upsert: async (destination: Destination) => {
      await this.update((data) => {
        data.destinations[destination.key] = destination;
      });
    },
    remove: async (key: string) =>
      this.update((data) => {
        const existed = key in data.destinations;
        delete data.destinations[key];
        return existed;
      }),
    get: async (key: string) => this.db.data.destinations[key] as Destination | undefined,
    list: async (filter = {}) =>
      Object.values(this.db.data.destinations).filter((destination) => filter.platform === undefined || destination.platform === filter.platform) as Destination[],
  };
}
