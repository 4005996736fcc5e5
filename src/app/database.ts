import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import { BotError } from '../errors/index.js';
import type { CopyReport } from '../store/index.js';

/**
 * A database that cannot be reached, as a user error that says where (never the password), instead
 * of the driver's stack trace.
 */
export function databaseUnreachable(url: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|28P01|28000|3D000)$/u.test(code)) return error;
  let where: string | null = null;
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    // An unparsable URL is refused by the configuration before this.
  }
  return new BotError('DATABASE_UNREACHABLE', `PostgreSQL unreachable at ${where ?? '?'} (${code})`, { details: { code: 'DATABASE_UNREACHABLE', where, reason: code } });
}

/** Runs a database command, with an unreachable database told as such. */
async function withDatabase<T>(config: Config, run: (url: string) => Promise<T>): Promise<T> {
  const url = databaseUrl(config);
  try {
    return await run(url);
  } catch (error) {
    throw databaseUnreachable(url, error);
  }
}

function databaseUrl(config: Config): string {
  if (!config.databaseUrl) throw new BotError('DATABASE_URL_MISSING', 'DATABASE_URL is not set', { details: { code: 'DATABASE_URL_MISSING' } });
  return config.databaseUrl;
}

/** Applies the database migrations not applied yet; returns those applied. */
export async function migrateDatabase(config: Config): Promise<Array<{ version: number; name: string }>> {
  const { PgStore } = await import('../store/index.js');
  return withDatabase(config, (url) => PgStore.migrate(url));
}

/** Each database migration and when it was applied (null: not yet). */
export async function databaseStatus(config: Config): Promise<Array<{ version: number; name: string; appliedAt: string | null }>> {
  const { PgStore } = await import('../store/index.js');
  return withDatabase(config, (url) => PgStore.status(url));
}

/** Copies an embedded store's data directory into the database (again: nothing doubles). */
export async function copyDataDirToDatabase(config: Config, dataDir: string): Promise<CopyReport> {
  const { PgStore, STORE_FILE_NAME, copyFromDataDir } = await import('../store/index.js');
  // A mistyped path must not look like a copy already done (every count 0).
  if (!existsSync(join(dataDir, STORE_FILE_NAME))) throw new BotError('DATA_DIR_WITHOUT_STORE', `no ${STORE_FILE_NAME} in ${dataDir}`, { details: { code: 'DATA_DIR_WITHOUT_STORE', file: STORE_FILE_NAME, dataDir } });
  const store = await withDatabase(config, (url) => PgStore.open(url));
  try {
    return await copyFromDataDir(dataDir, store);
  } finally {
    await store.close();
  }
}
