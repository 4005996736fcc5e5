import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noticeTexts, texts, ticketTexts } from '../../src/bot/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  exchange as exchangeWith,
  installationActivity,
  messageActivity,
  messagesIn,
  personalChat,
  pressButton,
  startFakeBotConnector,
  submitActivity,
  testUser,
  type FakeBotConnector,
  type RecordedActivity,
  type Where,
} from '../support/fake-bot-connector.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Issue 16's done check, over real HTTP on loopback: an English-speaking Göteborg IT-contact in
 * Teams (an English client) asks a question, files a ticket, is told when staff take it, gets an
 * outage notice that staff wrote in Swedish and, after a restart, its reminder: every fixed part in
 * English, none in Swedish; what staff wrote as written.
 */

const OUTBOX_INTERVAL_SECONDS = '0.25';
const WAIT_MS = 10_000;
const HOUR = 3_600_000;

let connector: FakeBotConnector;
let smtp: TestSmtpServer;
let server: TestServer;
let dataDir: string;
let env: Record<string, string>;
const emma = testUser('Emma English');
const chat = personalChat(emma);

/** What Emma's Teams client sends: everything in English (en-US). */
const fromEmma = (activity: Record<string, unknown>): Record<string, unknown> => ({ ...activity, locale: 'en-US' });
const exchange = (where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server.url, where, activity);
const say = (text: string) => exchange(chat, fromEmma(messageActivity(connector.serviceUrl, emma, chat, text)));
const press = (value: Record<string, unknown>) => exchange(chat, fromEmma(submitActivity(connector.serviceUrl, emma, chat, value)));
/** What a recorded activity shows: its text, or every text of its card. */
const shown = (item: RecordedActivity): string[] => (item.activity.attachments ? cardTexts(cardOf(item)) : [item.activity.text ?? '']);

/** Every fixed text of a catalogue that is not the same in both languages (a function's text for a sample). */
function onlySwedish(sv: Record<string, unknown>, en: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(sv)) {
    const other = en[key];
    if (typeof value === 'string' && value !== other) found.push(value);
    else if (value && typeof value === 'object' && !Array.isArray(value) && other && typeof other === 'object') found.push(...onlySwedish(value as Record<string, unknown>, other as Record<string, unknown>));
  }
  return found;
}
const SWEDISH_FIXED = new Set([...onlySwedish(texts.sv, texts.en), ...onlySwedish(ticketTexts.sv, ticketTexts.en), ...onlySwedish(noticeTexts.sv, noticeTexts.en)]);

/** Fails on any text that is one of the bot's Swedish fixed parts, or starts like a Swedish notice heading. */
function expectNoSwedishFixedParts(lines: readonly string[]): void {
  expect(lines.filter((line) => SWEDISH_FIXED.has(line))).toEqual([]);
  expect(lines.filter((line) => /^(?:Planerat driftstopp|Driftstörning|Påminnelse|Uppdatering|Ärende |Svar för|Källa)\b/u.test(line))).toEqual([]);
}

/** The coming Sunday at least `days` away, as YYYY-MM-DD in Stockholm. */
function dayAhead(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

async function cli(args: string[]): Promise<string> {
  const result = await runCliInProcess(args, env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  [connector, smtp] = await Promise.all([startFakeBotConnector(), startSmtpServer()]);
  dataDir = await temporaryDataDir();
  env = { DATA_DIR: dataDir };
  await cli(['staff', 'add', '--municipality', 'goteborg', '--name', 'Sara Svensson', '--teams-user', testUser('Sara Svensson').aadObjectId, '--teams-tenant', TEST_TENANT]);
  await cli(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Care West Ltd', '--org-number', '556036-0793', '--name', 'Emma English', '--email', 'emma@carewest.se', '--phone', '070-333 33 33', '--language', 'en', '--teams-user', emma.aadObjectId, '--teams-tenant', TEST_TENANT]);
  // A Swedish colleague at another provider, reached by email only: her notices stay Swedish.
  await cli(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg i Väst AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', 'anna@omsorgivast.se', '--phone', '070-111 11 11']);
  server = await startTestServer(serverEnv(), dataDir);
});

const serverEnv = (): Record<string, string> => ({ OUTBOX_INTERVAL_SECONDS, SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <drift@goteborg.test>' });

afterEach(() => {
  // Every card the bot sent validated against Adaptive Cards 1.5.
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([connector?.close(), smtp?.close()]);
});

describe('an English-speaking IT-contact in Teams gets everything in English', () => {
  let ticketId: string;
  let noticeId: string;

  it('installing the app from an English client: the welcome is in English', async () => {
    const [welcome] = await exchange(chat, fromEmma(installationActivity(connector.serviceUrl, emma, chat, 'add')));
    const lines = shown(welcome!);
    expect(lines).toEqual(expect.arrayContaining([texts.en.welcomeTitle, texts.en.welcome]));
    expectNoSwedishFixedParts(lines);
  });

  it('a question in English is answered in English, with the source', async () => {
    const replies = await say('What are the password rules?');
    const lines = replies.flatMap(shown);
    expect(lines[0]).toBe('Answer for Göteborgs Stad');
    expect(lines).toEqual(expect.arrayContaining([texts.en.helpful, texts.en.source, texts.en.quote, texts.en.createTicket]));
    expectNoSwedishFixedParts(lines);
  });

  it('"ticket": the types, the form and the receipt are in English', async () => {
    const [choice] = await say('ticket');
    expect(shown(choice!)[0]).toBe(ticketTexts.en.chooseType('Göteborgs Stad'));
    const [form] = await press(pressButton(cardOf(choice!), 'Security incident in information handling'));
    const formLines = shown(form!);
    expect(formLines).toEqual(expect.arrayContaining(['Date discovered', 'What happened?', 'Care provider']));
    expectNoSwedishFixedParts([...formLines, ...shown(choice!)]);
    const [receipt] = await press(pressButton(cardOf(form!), ticketTexts.en.submit, { 'field.discoveredOn': dayAhead(0), 'field.description': 'A laptop with care plans was left on the tram.' }));
    const match = /^Ticket (GBG-\d{4}-\d{4}) \(Security incident in information handling\) is registered and sent to Göteborgs Stad\./u.exec(receipt!.activity.text ?? '');
    expect(match, receipt!.activity.text).not.toBeNull();
    ticketId = match![1]!;
  });

  it('staff take the ticket (with the CLI): the status change reaches her in English', async () => {
    const before = messagesIn(connector, chat).length;
    await cli(['tickets', 'set-status', ticketId, 'in-progress', '--note', 'Vi tittar på det.']);
    const [update] = await eventually(() => (messagesIn(connector, chat).length > before ? messagesIn(connector, chat).slice(before) : undefined), WAIT_MS);
    const lines = shown(update!);
    // The fixed part in English; the note as staff wrote it.
    expect(lines[0]).toBe(`Ticket ${ticketId} (Security incident in information handling): In progress. Message: Vi tittar på det.`);
    expectNoSwedishFixedParts(lines);
  });

  it('an outage notice staff write in Swedish: English headings, labels and footer, their text as written', async () => {
    const start = new Date(Date.now() + 30 * HOUR);
    const when = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(date);
    const created = JSON.parse(
      await cli(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Treserva uppgraderas till version 5.', '--start', when(start), '--end', when(new Date(start.getTime() + 2 * HOUR)), '--json']),
    ) as { notice: { id: string } };
    noticeId = created.notice.id;
    await cli(['notices', 'publish', noticeId, '--reason', 'Säkerhetsuppdatering som inte kan vänta.']);
    const card = await eventually(() => messagesIn(connector, chat).find((item) => item.activity.attachments && shown(item)[0] === 'Planned outage: Uppgradering av Treserva'), WAIT_MS);
    const lines = shown(card);
    expect(lines).toEqual(expect.arrayContaining([noticeTexts.en.systems, noticeTexts.en.when, noticeTexts.en.description, 'Scheduled', 'Treserva uppgraderas till version 5.', noticeTexts.en.footer]));
    expectNoSwedishFixedParts(lines);
  });

  it('by email too: her language field makes it English, her Swedish colleague’s stays Swedish', async () => {
    const english = await eventually(() => smtp.messages.find((mail) => mail.to.includes('emma@carewest.se') && mail.subject === 'Planned outage: Uppgradering av Treserva'), WAIT_MS);
    expect(english.body).toContain(`${noticeTexts.en.systems}: Treserva`);
    expect(english.body).toContain(noticeTexts.en.emailSignature);
    expect(english.body).not.toContain(noticeTexts.sv.emailSignature);
    const swedish = await eventually(() => smtp.messages.find((mail) => mail.to.includes('anna@omsorgivast.se')), WAIT_MS);
    expect(swedish.subject).toBe('Planerat driftstopp: Uppgradering av Treserva');
    expect(swedish.body).toContain(noticeTexts.sv.emailSignature);
  });

  it('after a restart, the reminder is in English too (her language was kept)', async () => {
    await server.stop();
    // The outage moves to 23 hours away while the server is down: its 24-hour reminder is due at start.
    const store = await LowdbStore.open(dataDir);
    await store.notices.write(async (transaction) => {
      const notice = (await transaction.notice(noticeId))!;
      const start = new Date(Date.now() + 23 * HOUR);
      await transaction.putNotice({ ...notice, window: { start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString() } });
    });
    await store.close();
    server = await startTestServer(serverEnv(), dataDir);
    const reminder = await eventually(() => messagesIn(connector, chat).find((item) => item.activity.attachments && shown(item)[0]?.startsWith('Reminder:')), WAIT_MS);
    const lines = shown(reminder);
    expect(lines[0]).toBe('Reminder: planned outage in 24 hours: Uppgradering av Treserva');
    expect(lines).toEqual(expect.arrayContaining([noticeTexts.en.systems, noticeTexts.en.footer]));
    expectNoSwedishFixedParts(lines);
    // And what she asks now is still answered in English, though the message shows no language.
    const [answer] = await say('SITHS?');
    expectNoSwedishFixedParts(shown(answer!));
    expect(shown(answer!)[0]).toMatch(/^Answer for|^No answer/u);
  });
});
