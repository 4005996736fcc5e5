import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_FILE_NAME } from '../../src/store/index.js';
import { runBin, runCliInProcess, withOperator } from '../support/cli.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';
import { startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

// What a command says about the messages it queued: the server sends them, so the command reads
// the server's heartbeat (a file beside the store) to say whether they go now or when it starts.

const ORE_FIELDS = ['provider=Omsorg AB', 'name=Berit Berg', 'function=Enhetschef', 'hsaId=SE2321000016-1003', 'treservaUsername=beritb'].flatMap((field) => ['--field', field]);
const DISRUPTION = ['--municipality', 'goteborg', '--kind', 'disruption', '--title', 'Treserva nås inte', '--systems', 'treserva', '--description', 'Inloggningen svarar inte.'];

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
});

async function fileTicket(env: Record<string, string>): Promise<string> {
  const filed = await runBin(['tickets', 'file', '--municipality', 'orebro', '--type', 'ore-ticket-lifecare-sp-user', ...ORE_FIELDS], { env });
  expect(filed.stderr).toBe('');
  return filed.stdout;
}

async function publishDisruption(env: Record<string, string>): Promise<string> {
  const created = await runCliInProcess(['notices', 'create', ...DISRUPTION, '--json'], env);
  const { notice } = JSON.parse(created.stdout) as { notice: { id: string } };
  const published = await runBin(['notices', 'publish', notice.id], { env });
  expect(published.stderr).toBe('');
  return published.stdout;
}

describe('what the CLI says about queued messages', () => {
  it('says they are sent when the server starts while none runs, that the server sends them while one does, and again when it has stopped', { timeout: 90_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const env = await withOperator({ DATA_DIR: dataDir });
    await runCliInProcess(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg AB', '--org-number', '556036-0793', '--name', 'Gun Göteborg', '--email', 'gun@omsorg.se', '--phone', '070-123 45 67'], env);

    // No server: the ticket's mail and staff post, and the notice's email and SMS, wait for one.
    expect(await fileTicket(env)).toMatch(/^Ärende ORE-\d{4}-0001 skapat\. Det ligger 2 meddelanden i utkorgen, som skickas när servern startar \(npm start\)\.$/mu);
    expect(await publishDisruption(env)).toMatch(/^[1-9]\d* meddelanden köade, som skickas när servern startar \(npm start\)\. Följ leveransen med: /mu);

    // The server starts on the same data: its heartbeat is there before it listens.
    server = await startTestServer({}, dataDir);
    const beat = JSON.parse(await readFile(join(dataDir, HEARTBEAT_FILE_NAME), 'utf8')) as Record<string, unknown>;
    expect(beat).toMatchObject({ pid: process.pid, at: expect.any(String) });
    expect(await fileTicket(env)).toMatch(/^Ärende ORE-\d{4}-0002 skapat\. Det ligger (ett meddelande|\d+ meddelanden) i utkorgen, som skickas av servern\.$/mu);
    expect(await publishDisruption(env)).toMatch(/^[1-9]\d* meddelanden köade, som skickas av servern\. Följ leveransen med: /mu);

    // Stopped cleanly, it takes its heartbeat with it: no waiting for the beat to go stale.
    await server.stop();
    server = undefined;
    await expect(readFile(join(dataDir, HEARTBEAT_FILE_NAME), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fileTicket(env)).toMatch(/som skickas när servern startar \(npm start\)\.$/mu);
  });
});

// With PostgreSQL the server's heartbeat is its row in the database: a command on another host (here:
// another data directory, which it shares nothing with) sees it.
(TEST_DATABASE_URL ? describe : describe.skip)('what the CLI says about queued messages, with PostgreSQL', () => {
  const base = TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/unset';
  const schema = freshSchema('itk_beat');
  afterAll(() => dropSchemas(base, [schema]));

  it('says the server sends them while a server on the same database runs, wherever its data directory is', { timeout: 90_000 }, async () => {
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const database = { DATABASE_URL: url.toString() };
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const env = await withOperator({ ...database, DATA_DIR: await temporaryDataDir() });
    expect(await fileTicket(env)).toMatch(/som skickas när servern startar \(npm start\)\.$/mu);
    server = await startTestServer(database);
    expect(await fileTicket(env)).toMatch(/^Ärende ORE-\d{4}-0002 skapat\. Det ligger (ett meddelande|\d+ meddelanden) i utkorgen, som skickas av servern\.$/mu);
    await server.stop();
    server = undefined;
    expect(await fileTicket(env)).toMatch(/som skickas när servern startar \(npm start\)\.$/mu);
  });
});
