import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStockholm } from '../../src/time/index.js';
import { runCliInProcess } from '../support/cli.js';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Notices by email and SMS through the running server, over a real SMTP server and an SMS gateway
 * on loopback: Göteborg's rules (planned outages by chat and email, disruptions by SMS and email),
 * each recipient once, updates threaded, and the report. Published from the CLI, as an operator
 * would while the server runs.
 */

let smtp: TestSmtpServer;
let sms: FakeSmsGateway;
let server: TestServer;
let env: Record<string, string>;
const WAIT_MS = 10_000;

const people = [
  { name: 'Anna Andersson', email: 'anna@omsorgivast.se', phone: '070-111 11 11', e164: '+46701111111' },
  { name: 'Bo Berg', email: 'bo@hemtjanstab.se', phone: '070-222 22 22', e164: '+46702222222' },
  { name: 'Cilla Carlsson', email: 'cilla@vardhem.se', phone: '070-333 33 33', e164: '+46703333333' },
];

async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const result = await runCliInProcess([...args, '--json'], env);
  return { code: result.code ?? -1, json: JSON.parse(result.stdout || '{}') as Record<string, unknown> };
}

/** The first Sunday at 08:00 (Stockholm) at least `days` days from now: inside Göteborg's preferred window. */
function sundayAtLeast(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  while (new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short' }).format(day) !== 'Sun') day.setTime(day.getTime() + 86_400_000);
  return `${formatStockholm(day).slice(0, 10)} 08:00`;
}

beforeAll(async () => {
  [smtp, sms] = await Promise.all([startSmtpServer(), startFakeSmsGateway()]);
  env = { DATA_DIR: await temporaryDataDir() };
  for (const [index, person] of people.entries()) {
    const added = await runCliInProcess(['contacts', 'add', '--municipality', 'goteborg', '--provider', `Utförare ${index} AB`, '--org-number', '556036-0793', '--name', person.name, '--email', person.email, '--phone', person.phone], env);
    expect(added.code, added.stderr).toBe(0);
  }
  server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <drift@goteborg.test>', SMS_GATEWAY_URL: `${sms.url}`, PUBLIC_URL: 'https://itkontakt.goteborg.test/', DATA_DIR: env.DATA_DIR! }, env.DATA_DIR);
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([smtp?.close(), sms?.close()]);
});

describe('notices by email and SMS', () => {
  let plannedId: string;

  it('refuses a planned outage with 9 days’ notice unless a reason is given', async () => {
    const start = new Date(Date.now() + 9 * 86_400_000);
    const day = formatStockholm(start).slice(0, 10);
    const created = await cli(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Brådskande Treserva-fix', '--systems', 'treserva', '--description', 'Säkerhetsrättning.', '--start', `${day} 08:00`, '--end', `${day} 09:00`]);
    expect(created.code).toBe(0);
    const id = (created.json.notice as { id: string }).id;
    const refused = await cli(['notices', 'publish', id]);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ ok: false, errors: [{ field: 'reason', message: expect.stringMatching(/10 dagar/u) }] });
    // Nothing went out for it.
    expect(smtp.messages.filter((mail) => mail.subject.includes('Brådskande'))).toEqual([]);
  });

  it('a planned Treserva outage with 12+ days’ notice reaches every IT-contact by email once', async () => {
    const start = sundayAtLeast(12);
    const created = await cli(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Treserva uppgraderas till version 5.', '--impact', 'Treserva går inte att nå.', '--start', start, '--end', `${start.slice(0, 10)} 12:00`]);
    plannedId = (created.json.notice as { id: string }).id;
    const published = await cli(['notices', 'publish', plannedId]);
    expect(published).toMatchObject({ code: 0, json: { ok: true, queued: 3 } });
    const mails = await eventually(() => {
      const found = smtp.messages.filter((mail) => mail.subject === 'Planerat driftstopp: Uppgradering av Treserva');
      return found.length >= 3 ? found : undefined;
    }, WAIT_MS);
    expect(mails.flatMap((mail) => mail.to).sort()).toEqual(people.map((person) => person.email).sort());
    expect(mails[0]!.body).toContain(`När: ${start}–12:00`);
    expect(mails[0]!.body).toContain(`Id: ${plannedId} (Göteborgs Stad)`);
    // Planned outages go by chat and email in Göteborg, not SMS.
    expect(sms.messages).toEqual([]);
  });

  it('an update goes to each of them in the same email thread', async () => {
    const firstIds = new Map(smtp.messages.filter((mail) => mail.subject.startsWith('Planerat driftstopp')).map((mail) => [mail.to[0], mail.headers['message-id']]));
    const updated = await cli(['notices', 'update', plannedId, '--text', 'Starten flyttas till 08.30.']);
    expect(updated).toMatchObject({ code: 0, json: { queued: 3 } });
    const updates = await eventually(() => {
      const found = smtp.messages.filter((mail) => mail.subject.startsWith('Uppdatering'));
      return found.length >= 3 ? found : undefined;
    }, WAIT_MS);
    for (const mail of updates) {
      expect(mail.headers['in-reply-to']).toBe(firstIds.get(mail.to[0]));
      expect(mail.headers.references).toContain(firstIds.get(mail.to[0])!);
      expect(mail.body).toContain('Starten flyttas till 08.30.');
    }
  });

  it('a disruption goes by SMS and email; a number that is gone is a dead letter in the report', async () => {
    sms.goneNumbers.add(people[2]!.e164);
    const created = await cli(['notices', 'create', '--municipality', 'goteborg', '--kind', 'disruption', '--title', 'Phoniro nås inte', '--systems', 'phoniro', '--description', 'Appen kan inte logga in.']);
    const id = (created.json.notice as { id: string }).id;
    expect((await cli(['notices', 'publish', id])).json).toMatchObject({ queued: 6 });
    await eventually(() => (sms.messages.length >= 2 && smtp.messages.filter((mail) => mail.subject.startsWith('Driftstörning')).length >= 3 ? true : undefined), WAIT_MS);
    expect(sms.messages.map((message) => message.to).sort()).toEqual([people[0]!.e164, people[1]!.e164]);
    expect(sms.messages[0]!.message).toMatch(/^Driftstörning: Phoniro nås inte/u);
    expect(sms.messages[0]!.reference).toMatch(new RegExp(`^${id}/publish-1/sms-[0-9a-f]{16}$`, 'u'));
    // Each ends with what helps where it lands: the SMS how to stop them, the email the feeds; no chat commands.
    expect(sms.messages[0]!.message.endsWith(' Inga fler SMS? Be Göteborgs Stad ta bort ditt mobilnummer ur itkontakt.')).toBe(true);
    const mail = smtp.messages.find((message) => message.subject.startsWith('Driftstörning'))!;
    expect(mail.body.trimEnd().split(/\r?\n/u).slice(-4)).toEqual([
      'Driftinformation för Göteborgs Stad: https://itkontakt.goteborg.test/notices/goteborg.json',
      'Planerade driftstopp som kalender att prenumerera på (i Outlook: Lägg till kalender, Från Internet): https://itkontakt.goteborg.test/notices/goteborg.ics',
      '',
      'Skickat av itkontakt för kommunens IT-kontakter.',
    ]);
    for (const text of [mail.body, ...sms.messages.map((message) => message.message)]) expect(text).not.toMatch(/driftinfo|sluta följa/u);
    const report = await eventually(async () => {
      const shown = await cli(['notices', 'report', id]);
      return (shown.json.report as { complete: boolean }).complete ? (shown.json.report as Record<string, unknown>) : undefined;
    }, WAIT_MS);
    expect(report.channels).toEqual([
      { channel: 'email', sent: 3, pending: 0, failed: 0, withdrawn: 0 },
      { channel: 'sms', sent: 2, pending: 0, failed: 1, withdrawn: 0 },
    ]);
    // The recipient is named with the number masked; the reason says what the gateway answered.
    expect(report.failures).toEqual([expect.objectContaining({ channel: 'sms', recipient: expect.stringMatching(/^Cilla Carlsson \(.*\*.*\)$/u), reason: expect.stringMatching(/HTTP 404/u) })]);
    expect(JSON.stringify(report)).not.toContain('333 33');
  });
});
