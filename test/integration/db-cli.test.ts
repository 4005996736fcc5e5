import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runBin } from '../support/cli.js';
import { temporaryDataDir } from '../support/data-dir.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';

/** DATABASE_URL for a schema of this file's own (libpq's options parameter sets its search_path). */
function urlFor(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

const suite = TEST_DATABASE_URL ? describe : describe.skip;

suite('db migrate, status and copy (PostgreSQL)', () => {
  const base = TEST_DATABASE_URL ?? '';
  const schema = freshSchema('itk_cli');
  afterAll(() => dropSchemas(base, [schema]));

  it('migrates once, reports the schema current, and copies a data directory without doubling on a second run', async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const database = { DATABASE_URL: urlFor(base, schema) };
    expect(await runBin(['db', 'status'], { env: database })).toMatchObject({ code: 1, stdout: expect.stringMatching(/001-initial\tåterstår/u) });
    expect(await runBin(['db', 'migrate'], { env: database })).toMatchObject({ code: 0, stdout: expect.stringMatching(/Körde 001-initial/u) });
    expect(await runBin(['db', 'migrate'], { env: database })).toMatchObject({ code: 0, stdout: expect.stringMatching(/redan uppdaterad/u) });
    expect((await runBin(['db', 'status'], { env: database })).code).toBe(0);

    const dataDir = await temporaryDataDir();
    const lowdb = { DATA_DIR: dataDir };
    const contact = ['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', 'anna@omsorg.se', '--phone', '0701234567'];
    expect((await runBin(contact, { env: lowdb })).code).toBe(0);
    const counts = (stdout: string): Record<string, [number, number]> =>
      Object.fromEntries(stdout.trim().split('\n').slice(1).map((line) => line.split('\t')).map(([kind, read, copied]) => [kind!, [Number(read), Number(copied)] as [number, number]]));
    const first = await runBin(['db', 'copy', '--from-data-dir', dataDir], { env: database });
    expect(first.code).toBe(0);
    expect(counts(first.stdout)).toMatchObject({ contacts: [1, 1], audit: [1, 1], tickets: [0, 0] });
    const second = await runBin(['db', 'copy', '--from-data-dir', dataDir], { env: database });
    expect(counts(second.stdout)).toMatchObject({ contacts: [1, 0], audit: [1, 0] });

    // The copy is what the bot now runs on: the contact is listed from PostgreSQL, and the next audit entry follows the copied ones.
    const listed = await runBin(['contacts', 'list', '--json'], { env: { ...database, DATA_DIR: await temporaryDataDir() } });
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'Anna Andersson', municipality: 'goteborg' })]);
    expect((await runBin(['staff', 'add', '--municipality', 'goteborg', '--name', 'G', '--email', 'g@goteborg.se'], { env: database })).code).toBe(0);
    const audit = await runBin(['audit', 'list'], { env: database });
    expect(audit.stdout.trim().split('\n').map((line) => line.split('\t')[0])).toEqual(['1', '2']);
    // Ten CLI processes, each starting node: slow on a busy machine, not a hang.
  }, 120_000);
});
