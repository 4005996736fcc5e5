import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the suites run against: ITKONTAKT_TEST_DATABASE_URL (`.ci/run` sets it to the
 * database at 127.0.0.1:5432). Unset, the PostgreSQL suites are skipped and the run says so once.
 */
export const TEST_DATABASE_URL = process.env.ITKONTAKT_TEST_DATABASE_URL || undefined;

/** A fresh schema name for one test: suites and tests never see each other's rows. */
export function freshSchema(prefix = 'itk_test'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** Drops schemas made for tests (after the test that made each). */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
