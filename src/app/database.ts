import type { Config } from '../config/index.js';
import { BotError } from '../errors/index.js';
import type { CopyReport } from '../store/index.js';

function databaseUrl(config: Config): string {
  if (!config.databaseUrl) throw new BotError('DATABASE_URL_MISSING', 'DATABASE_URL är inte satt: ange PostgreSQL-databasen, t.ex. DATABASE_URL=postgres://itkontakt@127.0.0.1:5432/itkontakt.');
  return config.databaseUrl;
}

/** Applies the database migrations not applied yet; returns those applied. */
export async function migrateDatabase(config: Config): Promise<Array<{ version: number; name: string }>> {
  const { PgStore } = await import('../store/index.js');
  return PgStore.migrate(databaseUrl(config));
}

/** Each database migration and when it was applied (null: not yet). */
export async function databaseStatus(config: Config): Promise<Array<{ version: number; name: string; appliedAt: string | null }>> {
  const { PgStore } = await import('../store/index.js');
  return PgStore.status(databaseUrl(config));
}

/** Copies an embedded store's data directory into the database (again: nothing doubles). */
export async function copyDataDirToDatabase(config: Config, dataDir: string): Promise<CopyReport> {
  const { PgStore, copyFromDataDir } = await import('../store/index.js');
  const store = await PgStore.open(databaseUrl(config));
  try {
    return await copyFromDataDir(dataDir, store);
  } finally {
    await store.close();
  }
}
