import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { loadKnowledgeBase, ticketRouting } from '../../src/knowledge/index.js';
import { runCliInProcess, startBin, withOperator } from '../support/cli.js';
import { temporaryDataDir } from '../support/data-dir.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';
import { eventually } from '../support/server.js';
import { formatStockholm } from '../../src/time/index.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

const suite = TEST_DATABASE_URL ? describe : describe.skip;

// Two `itkontakt serve` processes on different ports, one PostgreSQL schema, one SMTP server on
// loopback: what is queued once is mailed once, whichever instance claims it.
suite('two serve processes on one database', () => {
  // Skipped without a database; the run says so in one line (test/vitest.config.ts).
  const base = TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/unset';
  const schema = freshSchema('itk_multi');
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  let smtp: TestSmtpServer;
  const servers: Array<Awaited<ReturnType<typeof startBin>>> = [];
  let serverEnv: Record<string, string> = {};

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    smtp = await startSmtpServer();
    serverEnv = { DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt@kommun.se', OUTBOX_INTERVAL_SECONDS: '1', NOTICE_LEASE_SECONDS: '2', NOTICE_EMAIL_PER_SECOND: '100', NOTICE_CONCURRENCY: '8' };
    // Started together: both bring the schema up under the advisory lock.
    servers.push(...(await Promise.all([startBin({ ...serverEnv, DATA_DIR: await temporaryDataDir() }), startBin({ ...serverEnv, DATA_DIR: await temporaryDataDir() })])));
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

  it('sends a notice to 300 IT-contacts once each while one server is killed with kill -9 mid fan-out, but for the sends in flight at the kill', { timeout: 120_000 }, async () => {
    const people = Array.from({ length: 300 }, (_, index) => `kontakt${index}@utforare${index}.se`);
    const dataDir = await temporaryDataDir();
    const csv = join(dataDir, 'kontakter.csv');
    await writeFile(csv, ['kommun,utförare,organisationsnummer,namn,e-post,telefon', ...people.map((email, index) => `goteborg,Utförare ${index} AB,556036-0793,Kontakt ${index},${email},070-${String(1_000_000 + index).slice(1)}`)].join('\n'));
    const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
    const imported = await runCliInProcess(['contacts', 'import', csv, '--json'], env);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const day = new Date(Date.now() + 12 * 86_400_000);
    while (new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short' }).format(day) !== 'Sun') day.setTime(day.getTime() + 86_400_000);
    const date = formatStockholm(day).slice(0, 10);
    const created = JSON.parse((await runCliInProcess(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Uppgradering av Lifecare', '--systems', 'treserva', '--description', 'Uppgradering.', '--impact', 'Går inte att nå.', '--start', `${date} 08:00`, '--end', `${date} 12:00`, '--json'], env)).stdout) as { notice: { id: string } };
    const mails = () => smtp.messages.filter((mail) => mail.subject === 'Planerat driftstopp: Uppgradering av Lifecare');
    const published = await runCliInProcess(['notices', 'publish', created.notice.id, '--json'], env);
    expect(published.code, published.stdout + published.stderr).toBe(0);
    // Mid fan-out: some sent, most not.
    await eventually(() => mails().length >= 20, 30_000);
    const victim = servers.shift()!;
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => victim.child.once('exit', resolve));
    expect(mails().length).toBeLessThan(people.length);
    await eventually(() => new Set(mails().flatMap((mail) => mail.to)).size === people.length, 90_000);
    let retaken = new Set<string>();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await eventually(async () => (await client.query("SELECT 1 FROM notice_deliveries WHERE channel = 'email' AND status = 'pending'")).rowCount === 0, 30_000);
      const statuses = (await client.query<{ status: string; count: string }>("SELECT status, count(*) FROM notice_deliveries WHERE channel = 'email' GROUP BY status")).rows;
      expect(statuses).toEqual([{ status: 'sent', count: String(people.length) }]);
      // A row claimed again is one the killed server held at the kill (its lease ran out).
      retaken = new Set((await client.query<{ email: string }>("SELECT doc -> 'address' ->> 'email' AS email FROM notice_deliveries WHERE channel = 'email' AND (doc ->> 'attempts')::int > 1")).rows.map((row) => row.email));
    } finally {
      await client.end();
    }
    const counts = new Map<string, number>();
    for (const to of mails().flatMap((mail) => mail.to)) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...people].sort());
    // Twice only for the sends the killed server had in flight: claimed by it, sent, not yet settled.
    const twice = [...counts].filter(([, count]) => count > 1).map(([to]) => to);
    expect(twice.filter((to) => !retaken.has(to))).toEqual([]);
    expect([...counts.values()].every((count) => count <= 2)).toBe(true);
    expect(retaken.size).toBeLessThan(people.length / 2);
    const report = JSON.parse((await runCliInProcess(['notices', 'report', created.notice.id, '--json'], env)).stdout) as { report: { channels: Array<{ channel: string; sent: number; pending: number }> } };
    expect(report.report.channels.find((line) => line.channel === 'email')).toMatchObject({ sent: people.length, pending: 0 });
  });

  it('sends a reminder that falls due while two servers run once to each IT-contact', { timeout: 240_000 }, async () => {
    // Two servers started now, on the database the tests before filled (the 300 contacts are there),
    // each with a lease longer than a send takes on a busy machine: the kill above needed a short
    // one, but here a lease that ran out mid-send would be a second attempt, not what is tested.
    for (const server of servers.splice(0)) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    const lasting = { ...serverEnv, NOTICE_LEASE_SECONDS: '10' };
    servers.push(...(await Promise.all([startBin({ ...lasting, DATA_DIR: await temporaryDataDir() }), startBin({ ...lasting, DATA_DIR: await temporaryDataDir() })])));
    expect(servers).toHaveLength(2);
    const env = { DATABASE_URL: url.toString(), DATA_DIR: await temporaryDataDir() };
    // The 1-hour reminder (Göteborg's rules: 24 and 1 hours before) falls due about a minute from now;
    // the 24-hour one has passed at publishing, which is the news itself.
    const start = formatStockholm(new Date(Date.now() + 62 * 60_000)).slice(0, 16).replace('T', ' ');
    const end = formatStockholm(new Date(Date.now() + 122 * 60_000)).slice(0, 16).replace('T', ' ');
    const created = JSON.parse((await runCliInProcess(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Byte av server', '--systems', 'treserva', '--description', 'Servern byts.', '--impact', 'Går inte att nå.', '--start', start, '--end', end, '--json'], env)).stdout) as { notice: { id: string } };
    const published = await runCliInProcess(['notices', 'publish', created.notice.id, '--reason', 'Hårdvarufel', '--json'], env);
    expect(published.code, published.stdout + published.stderr).toBe(0);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const reminders = async () => (await client.query<{ status: string; attempts: number }>("SELECT status, (doc ->> 'attempts')::int AS attempts FROM notice_deliveries WHERE notice_id = $1 AND channel = 'email' AND doc ->> 'purpose' = 'reminder'", [created.notice.id])).rows;
      await eventually(async () => {
        const rows = await reminders();
        return rows.length === 300 && rows.every((row) => row.status === 'sent');
      }, 200_000);
      expect((await reminders()).every((row) => row.attempts === 1)).toBe(true);
      const notice = (await client.query<{ done: number[] }>("SELECT doc -> 'remindersDone' AS done FROM notices WHERE id = $1", [created.notice.id])).rows[0]!;
      expect([...notice.done].sort((a, b) => a - b)).toEqual([1, 24]);
    } finally {
      await client.end();
    }
    const mails = smtp.messages.filter((mail) => mail.subject.includes('Byte av server'));
    const perRecipient = new Map<string, number>();
    for (const to of mails.flatMap((mail) => mail.to)) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    // The announcement and one reminder each.
    expect(perRecipient.size).toBe(300);
    expect([...perRecipient.values()].every((count) => count === 2)).toBe(true);
  });
});
