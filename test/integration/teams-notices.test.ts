import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { noticeFormTexts } from '../../src/bot/index.js';
import { formatStockholm } from '../../src/time/index.js';
import { runCliInProcess } from '../support/cli.js';
import { bundledKnowledge } from '../support/knowledge.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  exchange as exchangeWith,
  installationActivity,
  membersActivity,
  messageActivity,
  personalChat,
  pressButton,
  startFakeBotConnector,
  submitActivity,
  teamChannel,
  testUser,
  type FakeBotConnector,
  type RecordedActivity,
  type TestUser,
  type Where,
} from '../support/fake-bot-connector.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Issue 8's done path in Teams, over real HTTP on loopback: Göteborg staff announce a planned
 * Treserva outage for the coming Sunday 08–12 from the chat form (short notice, so with a reason),
 * every Göteborg IT-contact gets it in their chat and by email and the provider's channel gets it,
 * each once; an update threads under it; the calendar feed shows it; the report shows every
 * delivery.
 */

let connector: FakeBotConnector;
let smtp: TestSmtpServer;
let server: TestServer;
let env: Record<string, string>;
const staff = testUser('Sara Svensson');
const anna = testUser('Anna Andersson');
const bo = testUser('Bo Berg');
const staffChat = personalChat(staff);
const annaChat = personalChat(anna);
const boChat = personalChat(bo);
const providerChannel: Where = teamChannel('omsorg-it');
const WAIT_MS = 10_000;

const exchange = (where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server.url, where, activity);
const say = (user: TestUser, where: Where, text: string) => exchange(where, messageActivity(connector.serviceUrl, user, where, text));
const press = (user: TestUser, where: Where, value: Record<string, unknown>) => exchange(where, submitActivity(connector.serviceUrl, user, where, value));
const noticeCards = (where: Where): RecordedActivity[] =>
  connector.received.filter((item) => item.conversationId.startsWith(where.conversationId) && item.activity.attachments && /^(Planerat driftstopp: |Uppdatering – )/u.test(cardTexts(cardOf(item))[0] ?? ''));

/** The coming Sunday (at least a day away), as YYYY-MM-DD in Stockholm. */
function comingSunday(): string {
  const day = new Date(Date.now() + 86_400_000);
  while (new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short' }).format(day) !== 'Sun') day.setTime(day.getTime() + 86_400_000);
  return formatStockholm(day).slice(0, 10);
}

beforeAll(async () => {
  [connector, smtp] = await Promise.all([startFakeBotConnector(), startSmtpServer()]);
  env = { DATA_DIR: await temporaryDataDir() };
  const run = async (args: string[]) => {
    const result = await runCliInProcess(args, env);
    expect(result.code, result.stderr).toBe(0);
  };
  await run(['staff', 'add', '--municipality', 'goteborg', '--name', 'Sara Svensson', '--teams-user', staff.aadObjectId, '--teams-tenant', TEST_TENANT]);
  await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg i Väst AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', 'anna@omsorgivast.se', '--phone', '070-111 11 11', '--teams-user', anna.aadObjectId, '--teams-tenant', TEST_TENANT]);
  await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Hemtjänst Bo AB', '--org-number', '556036-0793', '--name', 'Bo Berg', '--email', 'bo@hemtjanstbo.se', '--phone', '070-222 22 22', '--teams-user', bo.aadObjectId, '--teams-tenant', TEST_TENANT]);
  server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <drift@goteborg.test>' }, env.DATA_DIR);
  // Everyone has the app; Anna adds it to her provider's team channel too.
  for (const [user, chat] of [[staff, staffChat], [anna, annaChat], [bo, boChat]] as const) await exchange(chat, installationActivity(connector.serviceUrl, user, chat, 'add'));
  await exchange(providerChannel, membersActivity(connector.serviceUrl, anna, providerChannel, 'added'));
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([connector?.close(), smtp?.close()]);
});

describe('notices in Teams: Göteborg staff announce a planned Treserva outage', () => {
  const sunday = comingSunday();
  let noticeId: string;

  it('staff open the form, preview the draft and see the rule it breaks', async () => {
    const [form] = await say(staff, staffChat, 'nytt driftstopp');
    const card = cardOf(form!);
    expect(cardTexts(card)[0]).toMatch(/Planerat driftstopp i Göteborgs Stad/u);
    const [preview] = await press(
      staff,
      staffChat,
      pressButton(card, 'Förhandsgranska', {
        'notice.title': 'Uppgradering av Treserva',
        'notice.systems': 'treserva',
        'notice.start-date': sunday,
        'notice.start-time': '08:00',
        'notice.end-date': sunday,
        'notice.end-time': '12:00',
        'notice.description': 'Treserva uppgraderas till version 5.',
        'notice.impact': 'Treserva går inte att nå.',
      }),
    );
    const shown = cardTexts(cardOf(preview!));
    // Shown only to the author, with the number of recipients: two chats, two emails, the channel.
    expect(shown.join('\n')).toMatch(/går till 5 mottagare/u);
    expect(shown.join('\n')).toMatch(/10 dagar/u);
    // The rules in force, each from the document (with its source) or the bot's default, said as such.
    const rules = shown.slice(shown.indexOf('Regler i kraft för Göteborgs Stad'));
    expect(rules.slice(0, 9)).toEqual([
      'Regler i kraft för Göteborgs Stad',
      '• Meddelas minst 10 dagar före start.',
      'Källa: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Planerade driftstopp',
      '• Läggs i första hand söndagar 08:00–15:00 (svensk tid).',
      'Källa: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Planerade driftstopp',
      '• Går till IT-kontaktpersonerna via chatt och e-post (inte sms).',
      'Botens standard, inte kommunens regel',
      '• Påminnelse 24 och 1 timmar före start.',
      'Botens standard, inte kommunens regel',
    ]);
    expect(noticeCards(annaChat)).toEqual([]);
  });

  it('publishing needs a reason; with one it goes out', async () => {
    const preview = connector.received.filter((item) => item.conversationId === staffChat.conversationId && item.activity.attachments).at(-1)!;
    // The reason is a required input: Teams does not send the form without it.
    expect(() => pressButton(cardOf(preview), 'Publicera', {})).toThrow(/publish\.reason/u);
    const replies = await press(staff, staffChat, pressButton(cardOf(preview), 'Publicera', { 'publish.reason': 'Säkerhetsuppdatering från leverantören som inte kan vänta.' }));
    const said = replies.map((reply) => reply.activity.text ?? (reply.activity.attachments ? cardTexts(cardOf(reply))[0] : '') ?? '');
    const match = said.map((text) => /^(GBG-DRIFT-\d{4}-\d{4}) är publicerad och går till 5 mottagare\.$/u.exec(text)).find(Boolean);
    expect(match, said.join(' | ')).toBeTruthy();
    noticeId = match![1]!;
    // The live delivery report, posted to the publisher's chat, with the reason staff gave.
    const report = await eventually(() => connector.received.find((item) => item.conversationId === staffChat.conversationId && item.activity.attachments && cardTexts(cardOf(item))[0] === `Leverans av ${noticeId}: Uppgradering av Treserva`), WAIT_MS);
    expect(cardTexts(cardOf(report))).toContain('Säkerhetsuppdatering från leverantören som inte kan vänta.');
  });

  it('every Göteborg IT-contact gets it in their chat and by email, and the channel gets it, each once', async () => {
    for (const where of [annaChat, boChat, providerChannel]) {
      const [card] = await eventually(() => (noticeCards(where).length > 0 ? noticeCards(where) : undefined), WAIT_MS);
      const shown = cardTexts(cardOf(card!));
      expect(shown[0]).toBe('Planerat driftstopp: Uppgradering av Treserva');
      expect(shown.join('\n')).toContain(`${sunday} 08:00–12:00`);
    }
    const mails = await eventually(() => {
      const found = smtp.messages.filter((mail) => mail.subject === 'Planerat driftstopp: Uppgradering av Treserva');
      return found.length >= 2 ? found : undefined;
    }, WAIT_MS);
    expect(mails.flatMap((mail) => mail.to).sort()).toEqual(['anna@omsorgivast.se', 'bo@hemtjanstbo.se']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const where of [annaChat, boChat, providerChannel]) expect(noticeCards(where)).toHaveLength(1);
    // Staff publish; they are not IT-contacts and do not get the notice themselves.
    expect(noticeCards(staffChat)).toEqual([]);
  });

  it('an update from the report card threads under the notice in the channel and follows it in the chats', async () => {
    const report = await eventually(() => connector.received.filter((item) => item.conversationId === staffChat.conversationId && item.activity.attachments && cardTexts(cardOf(item))[0]?.startsWith('Leverans av')).at(-1), WAIT_MS);
    const [form] = await press(staff, staffChat, pressButton(cardOf(report), 'Uppdatera'));
    await press(staff, staffChat, pressButton(cardOf(form!), 'Skicka', { 'change.text': 'Starten flyttas till 08.30.' }));
    const root = noticeCards(providerChannel)[0]!;
    const update = await eventually(() => noticeCards(providerChannel).find((item) => cardTexts(cardOf(item))[0]?.startsWith('Uppdatering')), WAIT_MS);
    // In the channel: a reply in the notice's own thread.
    expect(update.conversationId).toBe(`${providerChannel.conversationId};messageid=${root.id}`);
    expect(cardTexts(cardOf(update)).join('\n')).toContain('Starten flyttas till 08.30.');
    for (const where of [annaChat, boChat]) await eventually(() => (noticeCards(where).length === 2 ? true : undefined), WAIT_MS);
  });

  it('the calendar feed shows the outage and the report shows every delivery', async () => {
    const ics = await (await fetch(`${server.url}/notices/goteborg.ics`)).text();
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    const event = events.find((candidate) => candidate.uid === `${noticeId}@itkontakt`);
    expect(event?.summary).toBe('Planerat driftstopp: Uppgradering av Treserva');
    expect(event?.sequence).toBe(2);
    const report = await eventually(async () => {
      const shown = await runCliInProcess(['notices', 'report', noticeId, '--json'], env);
      const parsed = JSON.parse(shown.stdout) as { report: { complete: boolean; channels: unknown[]; failures: unknown[] } };
      return parsed.report.complete ? parsed.report : undefined;
    }, WAIT_MS);
    expect(report.channels).toEqual([
      { channel: 'chat', sent: 6, pending: 0, failed: 0, withdrawn: 0 },
      { channel: 'email', sent: 4, pending: 0, failed: 0, withdrawn: 0 },
    ]);
    expect(report.failures).toEqual([]);
    // The publisher's report card was updated in place as delivery went: it now says all was sent.
    const card = await eventually(() => {
      const posted = connector.received.find((item) => item.conversationId === staffChat.conversationId && item.activity.attachments && cardTexts(cardOf(item))[0] === `Leverans av ${noticeId}: Uppgradering av Treserva`);
      const latest = posted && connector.updatesOf(posted.id).at(-1);
      return latest && cardTexts(cardOf(latest)).includes('6 skickade, 0 väntar, 0 misslyckade') ? latest : undefined;
    }, WAIT_MS);
    expect(cardTexts(cardOf(card))).toContain('Klart: inget väntar.');
  });
});

describe('the Teams notice form: the municipality’s own systems, start and end picked in Swedish time', () => {
  /** The systems Göteborg's file names, read from the records themselves. */
  async function goteborgSystems(): Promise<Set<string>> {
    const knowledge = await bundledKnowledge();
    return new Set(knowledge.records.filter((record) => record.municipalityId === 'goteborg').flatMap((record) => record.systems));
  }

  const storedWindows = async (): Promise<Array<{ title: string; window: { start: string; end: string } | null }>> =>
    Object.values((JSON.parse(await readFile(join(env.DATA_DIR!, 'itkontakt.json'), 'utf8')) as { notices: Record<string, { title: string; window: { start: string; end: string } | null }> }).notices);

  it('lists only Göteborg’s systems, with a date and a time picker for start and end', async () => {
    const [form] = await say(staff, staffChat, 'nytt driftstopp');
    const card = cardOf(form!);
    const inputs = JSON.stringify(card.body);
    const menu = (card.body as Array<Record<string, unknown>>).find((element) => element.id === 'notice.systems') as { choices: Array<{ title: string; value: string }> };
    const own = await goteborgSystems();
    expect(menu.choices.map((choice) => choice.title)).toContain('Treserva');
    expect(menu.choices.every((choice) => own.has(choice.value))).toBe(true);
    expect(menu.choices).toHaveLength(own.size);
    // Uppsala's Phoniro and Vellinge's Procapita are not Göteborg's to announce.
    expect(menu.choices.map((choice) => choice.value)).not.toContain('phoniro');
    expect(menu.choices.map((choice) => choice.value)).not.toContain('procapita');
    for (const [type, id] of [['Input.Date', 'notice.start-date'], ['Input.Time', 'notice.start-time'], ['Input.Date', 'notice.end-date'], ['Input.Time', 'notice.end-time']]) expect(inputs).toContain(`"type":"${type}","id":"${id}"`);
  });

  it('reads a picked date and time on the day clocks go forward as the right instants, and refuses the hour that does not exist', async () => {
    const [form] = await say(staff, staffChat, 'nytt driftstopp');
    const typed = { 'notice.title': 'Sommartid i Treserva', 'notice.systems': 'treserva', 'notice.start-date': '2027-03-28', 'notice.end-date': '2027-03-28', 'notice.end-time': '03:30', 'notice.description': 'Omstart.' };
    // 02:30 does not exist in Sweden on 28 March 2027: the form comes back with why, under the start.
    const [again] = await press(staff, staffChat, pressButton(cardOf(form!), 'Förhandsgranska', { ...typed, 'notice.start-time': '02:30' }));
    const back = cardOf(again!);
    expect(cardTexts(back)).toContain(noticeFormTexts.sv.when('skipped-hour', 'start'));
    expect((await storedWindows()).some((notice) => notice.title === 'Sommartid i Treserva')).toBe(false);

    // 01:30 is still winter time (UTC+1), 03:30 already summer time (UTC+2): an hour apart.
    const [preview] = await press(staff, staffChat, pressButton(back, 'Förhandsgranska', { ...typed, 'notice.start-time': '01:30' }));
    expect(cardTexts(cardOf(preview!)).join('\n')).toMatch(/Förhandsgranskning/u);
    const saved = (await storedWindows()).find((notice) => notice.title === 'Sommartid i Treserva');
    expect(saved?.window).toEqual({ start: '2027-03-28T00:30:00.000Z', end: '2027-03-28T01:30:00.000Z' });
  });

  it('refuses a system of another municipality, saying which are Göteborg’s', async () => {
    const [form] = await say(staff, staffChat, 'ny driftstörning');
    // A client that sends what the menu does not offer (an old card, a forged press).
    const [back] = await press(staff, staffChat, { ...(pressButton(cardOf(form!), 'Förhandsgranska', { 'notice.title': 'Phoniro nere', 'notice.systems': 'treserva', 'notice.description': 'x' })), 'notice.systems': 'phoniro' });
    expect(cardTexts(cardOf(back!)).join('\n')).toMatch(/^Phoniro finns inte bland Göteborgs Stads system\. Välj bland: .*Treserva/mu);
    expect((await storedWindows()).some((notice) => notice.title === 'Phoniro nere')).toBe(false);
  });
});
