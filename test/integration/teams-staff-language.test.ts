import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registrationTexts, ticketTexts } from '../../src/bot/index.js';
import { runCliInProcess, withOperator } from '../support/cli.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  channelThread,
  installationActivity,
  membersActivity,
  messageActivity,
  personalChat,
  pressButton,
  startFakeBotConnector,
  exchange as exchangeWith,
  messagesIn as recordedIn,
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
 * What goes to a municipality's staff in Teams, over real HTTP on loopback, in the staff's language:
 * two servers, one with STAFF_LANGUAGE=en and one without (Swedish), each with Örebro's staff
 * channel and a support mailbox (a real SMTP server on loopback). The application card, the filed
 * ticket's card and its email are in English on the one and in Swedish on the other; what the
 * ticket says stays as filed. A member of staff reached in their own chat gets the language they
 * chose there.
 */

const OUTBOX_INTERVAL_SECONDS = '0.25';

interface StaffSide {
  readonly server: TestServer;
  readonly smtp: TestSmtpServer;
  readonly env: Record<string, string>;
  readonly channel: Where;
}

let connector: FakeBotConnector;
let english: StaffSide;
let swedish: StaffSide;
const sara = testUser('Sara Svensson');
const greta = testUser('Greta Göteborg');

/** A server with Örebro's staff (Sara) and staff channel, Göteborg's staff (Greta, no channel), and an operator for the CLI. */
async function staffSide(env: Record<string, string>): Promise<StaffSide> {
  const smtp = await startSmtpServer();
  const dataDir = await temporaryDataDir();
  const cli = await withOperator({ DATA_DIR: dataDir });
  for (const [municipality, user] of [['orebro', sara], ['goteborg', greta]] as const) {
    const added = await runCliInProcess(['staff', 'add', '--municipality', municipality, '--name', user.name, '--teams-user', user.aadObjectId, '--teams-tenant', TEST_TENANT], cli);
    expect(added.code, added.stderr).toBe(0);
  }
  const server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <itkontakt@kommun.test>', OUTBOX_INTERVAL_SECONDS, ...env }, dataDir);
  const channel = teamChannel('orebro-personal');
  await exchangeWith(connector, server.url, channel, membersActivity(connector.serviceUrl, sara, channel, 'added'));
  const post = channelThread(channel, '1770000000001');
  const [set] = await exchangeWith(connector, server.url, post, messageActivity(connector.serviceUrl, sara, post, 'personalkanal Örebro', { mention: true }));
  expect(set!.activity.text).toBe(registrationTexts.sv.staffChannelSet('Örebro kommun'));
  return { server, smtp, env: cli, channel };
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  english = await staffSide({ STAFF_LANGUAGE: 'en' });
  swedish = await staffSide({});
}, 60_000);

afterEach(() => {
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await Promise.all([english, swedish].map(async (side) => Promise.all([side?.server.stop(), side?.smtp.close()])));
  await connector?.close();
});

const messagesIn = (where: Where): RecordedActivity[] => recordedIn(connector, where);

/** A guest applies in their personal chat, in Swedish, to become IT-contact in a municipality. */
async function apply(side: StaffSide, name: string, municipality: string): Promise<RecordedActivity[]> {
  const user: TestUser = testUser(name);
  const chat = personalChat(user);
  await exchangeWith(connector, side.server.url, chat, installationActivity(connector.serviceUrl, user, chat, 'add'));
  const [form] = await exchangeWith(connector, side.server.url, chat, messageActivity(connector.serviceUrl, user, chat, 'registrera'));
  const typed = {
    'registration.municipality': municipality,
    'registration.providerName': 'Omsorg i Örebro AB',
    'registration.orgNumber': '556036-0793',
    'registration.name': name,
    'registration.email': `${name.split(' ')[0]!.toLowerCase()}@omsorg.se`,
    'registration.phone': '070-123 45 67',
  };
  return exchangeWith(connector, side.server.url, chat, submitActivity(connector.serviceUrl, user, chat, pressButton(cardOf(form!), registrationTexts.sv.submit, typed)));
}

describe('staff texts in Teams follow the staff language', () => {
  it('the application card in the staff channel: English under STAFF_LANGUAGE=en, Swedish by default; the applicant keeps their own', async () => {
    const cards: Record<string, string[]> = {};
    for (const [language, side] of [['en', english], ['sv', swedish]] as const) {
      const before = messagesIn(side.channel).length;
      const [received] = await apply(side, 'Anna Andersson', 'orebro');
      // The applicant wrote Swedish and is answered in Swedish whatever staff read.
      expect(received!.activity.text).toMatch(/^Tack Anna Andersson! Din ansökan/u);
      const [posted] = messagesIn(side.channel).slice(before);
      const card = cardOf(posted!);
      expect(card.lang).toBe(language);
      cards[language] = cardTexts(card);
    }
    const request = { name: 'Anna Andersson', providerName: 'Omsorg i Örebro AB' } as Parameters<typeof registrationTexts.sv.reviewTitle>[0];
    expect(cards.en![0]).toBe(registrationTexts.en.reviewTitle(request));
    expect(cards.en).toEqual(expect.arrayContaining([registrationTexts.en.approve, registrationTexts.en.reject, 'Örebro kommun', 'anna@omsorg.se']));
    expect(cards.en).not.toContain(registrationTexts.sv.approve);
    expect(cards.sv![0]).toBe(registrationTexts.sv.reviewTitle(request));
    expect(cards.sv).toEqual(expect.arrayContaining([registrationTexts.sv.approve, registrationTexts.sv.reject]));
  });

  it('a member of staff reached in their own chat gets the language they chose there', async () => {
    // Göteborg has no staff channel: Greta is reached in her personal chat, where she chose English.
    const chat = personalChat(greta);
    await exchangeWith(connector, swedish.server.url, chat, installationActivity(connector.serviceUrl, greta, chat, 'add'));
    await exchangeWith(connector, swedish.server.url, chat, messageActivity(connector.serviceUrl, greta, chat, 'language english'));
    const before = messagesIn(chat).length;
    await apply(swedish, 'Gustav Gren', 'goteborg');
    const [posted] = messagesIn(chat).slice(before);
    const card = cardOf(posted!);
    expect(card.lang).toBe('en');
    expect(cardTexts(card)[0]).toBe(registrationTexts.en.reviewTitle({ name: 'Gustav Gren', providerName: 'Omsorg i Örebro AB' } as Parameters<typeof registrationTexts.en.reviewTitle>[0]));
  });

  it('a filed ticket: its staff-channel card and its email to the support mailbox in English under STAFF_LANGUAGE=en, Swedish by default, the values as filed', async () => {
    const fields = { provider: 'Omsorg i Örebro AB', name: 'Bo Berg', function: 'Enhetschef', hsaId: 'SE2321000016-1003', treservaUsername: 'bober01' };
    const filed: Record<string, { card: string[]; mail: string }> = {};
    for (const [language, side] of [['en', english], ['sv', swedish]] as const) {
      const before = messagesIn(side.channel).length;
      const result = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', 'ore-ticket-lifecare-sp-user', ...Object.entries(fields).flatMap(([key, value]) => ['--field', `${key}=${value}`]), '--json'], side.env);
      expect(result.code, result.stderr).toBe(0);
      const { id } = JSON.parse(result.stdout) as { id: string };
      const posted = await eventually(() => messagesIn(side.channel).slice(before).find((item) => item.activity.attachments?.length), 8_000);
      const card = cardOf(posted);
      expect(card.lang).toBe(language);
      const mail = await eventually(() => side.smtp.messages.find((message) => message.subject.includes(id)), 8_000);
      // The routine's subject line is the routine's, in every language.
      expect(mail.subject).toBe(`Anmälan av användare till Lifecare SP – ${id}`);
      filed[language] = { card: cardTexts(card), mail: mail.body };
      expect(filed[language]!.card[0]).toBe(ticketTexts[language].staffTitle({ id, title: language === 'en' ? 'New user in Lifecare SP' : 'Ny användare i Lifecare SP' } as Parameters<typeof ticketTexts.sv.staffTitle>[0]));
      // What the ticket says, as filed.
      for (const value of Object.values(fields)) {
        expect(filed[language]!.card).toContain(value);
        expect(filed[language]!.mail).toContain(value);
      }
    }
    const { card: en, mail: enMail } = filed.en!;
    expect(en).toEqual(expect.arrayContaining(['Name of the authorised person', 'Username in Treserva/TES', ticketTexts.en.requester, ticketTexts.en.take, ticketTexts.en.resolve]));
    expect(en).not.toContain('Namn på behörig');
    expect(enMail).toMatch(/^New user in Lifecare SP \(ORE-\d{4}-\d{4}\)$/mu);
    expect(enMail).toMatch(/^Name of the authorised person: +Bo Berg$/mu);
    expect(enMail).toMatch(/^Submitted by: Ada Admin, ada\.admin@kommun\.se$/mu);
    expect(enMail).toContain('Reply to this email to answer Ada Admin, ada.admin@kommun.se directly.');
    expect(enMail).not.toMatch(/Inskickat|Namn på behörig/u);

    const { card: sv, mail: svMail } = filed.sv!;
    expect(sv).toEqual(expect.arrayContaining(['Namn på behörig', 'Användarnamn i Treserva/TES', ticketTexts.sv.requester, ticketTexts.sv.take]));
    expect(svMail).toMatch(/^Ny användare i Lifecare SP \(ORE-\d{4}-\d{4}\)$/mu);
    expect(svMail).toMatch(/^Namn på behörig: +Bo Berg$/mu);
    expect(svMail).toMatch(/^Inskickat av: Ada Admin, ada\.admin@kommun\.se$/mu);
    expect(svMail).not.toMatch(/Submitted by|Name of the authorised person/u);
  });
});
