import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** Any number: the lock all instances take while they bring the schema up to date. */
const MIGRATION_LOCK = 4_711_017;

/**
 * The migrations folder in the source tree. Found from here upwards (the project folder holds
 * package.json), so a build elsewhere (dist/) reads the same files.
 */
function migrationsDir(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'package.json'))) return join(directory, 'src', 'store', 'postgres', 'migrations');
    const parent = dirname(directory);
    if (parent === directory) throw new Error('itkontakt: the project folder (package.json) was not found above src/store/postgres');
    directory = parent;
  }
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The numbered migrations (`001-initial.sql`, …), in order. */
export async function migrations(): Promise<Migration[]> {
  const directory = migrationsDir();
  const files = (await readdir(directory)).filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/u.test(file)).sort();
  return Promise.all(files.map(async (file) => ({ version: Number(file.slice(0, 3)), name: file.slice(4, -4), sql: await readFile(join(directory, file), 'utf8') })));
}

/** What `db status` shows: each migration and whether it is applied. */
export async function migrationStatus(client: pg.ClientBase): Promise<Array<Migration & { appliedAt: string | null }>> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied = new Map((await client.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations')).rows.map((row) => [row.version, row.applied_at.toISOString()]));
  return (await migrations()).map((migration) => ({ ...migration, appliedAt: applied.get(migration.version) ?? null }));
}

/**
 * Applies the migrations not applied yet, all in one transaction that holds an advisory lock: two
 * instances starting at once both come up, the second finding the work done. Returns those applied.
 */
export async function migrate(client: pg.ClientBase): Promise<Migration[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const pending = (await migrationStatus(client)).filter((migration) => migration.appliedAt === null);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return pending;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
