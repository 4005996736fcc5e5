import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { loadKnowledgeBase, ticketRouting } from '../../src/knowledge/index.js';
import { runCliInProcess, startBin, withOperator } from '../support/cli.js';
import { temporaryDataDir } from '../support/data-dir.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';
import { eventually } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

const suite = TEST_DATABASE_URL ? describe : describe.skip;

// Two `itkontakt serve` processes on different ports, one PostgreSQL schema, one SMTP server on
// loopback: what is queued once is mailed once, whichever instance claims it.
suite('two serve processes on one database', () => {
  const base = TEST_DATABASE_URL!;
  const schema = freshSchema('itk_multi');
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  let smtp: TestSmtpServer;
  const servers: Array<Awaited<ReturnType<typeof startBin>>> = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    smtp = await startSmtpServer();
    const env = { DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt@kommun.se', OUTBOX_INTERVAL_SECONDS: '1' };
    // Started together: both bring the schema up under the advisory lock.
    servers.push(...(await Promise.all([startBin({ ...env, DATA_DIR: await temporaryDataDir() }), startBin({ ...env, DATA_DIR: await temporaryDataDir() })])));
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    await smtp?.close();
    await dropSchemas(base, [schema]);
  });

  it('mails each ticket filed while both run exactly once', { timeout: 60_000 }, async () => {
    expect(servers.map((server) => server.url)).toHaveLength(2);
    expect(new Set(servers.map((server) => server.url)).size).toBe(2);
    const loaded = await loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR);
    if (!loaded.ok) throw new Error('knowledge base invalid');
    const type = loaded.knowledge.ticketTypes.find((candidate) => ticketRouting(candidate) === 'routed' && candidate.fields.every((field) => !field.required || field.type === 'text' || field.type === 'multiline'))!;
    expect(type).toBeDefined();
    const env = await withOperator({ DATABASE_URL: url.toString(), DATA_DIR: await temporaryDataDir() });
    const ids: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const fields = type.fields.filter((field) => field.required).flatMap((field) => ['--field', `${field.key}=Exempel ${index}`]);
      const filed = await runCliInProcess(['tickets', 'file', '--municipality', type.municipalityId, '--type', type.id, ...fields, '--json'], env);
      const output = JSON.parse(filed.stdout) as { ok: boolean; id: string };
      expect(output.ok, filed.stdout + filed.stderr).toBe(true);
      ids.push(output.id);
    }
    await eventually(() => ids.every((id) => smtp.messages.some((mail) => mail.subject.includes(id))), 30_000);
    for (const id of ids) expect(smtp.messages.filter((mail) => mail.subject.includes(id)), id).toHaveLength(1);
    // Nothing more can come: each email row is settled as sent after one claim (a second copy would
    // need a second claim, counted as a second attempt).
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const rows = (await client.query<{ ticket_id: string; status: string; attempts: number }>("SELECT ticket_id, status, (doc ->> 'attempts')::int AS attempts FROM ticket_outbox WHERE channel = 'email' ORDER BY ticket_id")).rows;
      expect(rows).toEqual([...ids].sort().map((id) => ({ ticket_id: id, status: 'sent', attempts: 1 })));
    } finally {
      await client.end();
    }
    // Both instances are still up and reach the database.
    for (const server of servers) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

if (!TEST_DATABASE_URL) {
  describe.skip('two serve processes on one database (ITKONTAKT_TEST_DATABASE_URL is not set)', () => {
    it.skip('needs PostgreSQL', () => undefined);
  });
}
