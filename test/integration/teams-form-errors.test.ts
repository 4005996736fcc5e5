import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { texts, ticketTexts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardOf,
  cardTexts,
  exchange,
  messageActivity,
  personalChat,
  pressButton,
  startFakeBotConnector,
  submitActivity,
  testUser,
  type Card,
  type FakeBotConnector,
  type TestUser,
} from '../support/fake-bot-connector.js';
import { startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * A ticket form's field errors in Teams, over real HTTP on loopback: the service says what is wrong
 * as codes, and the bot words them in the user's language. Emma chose English ("language english"),
 * Sven writes Swedish; neither client sends a locale, so only the preference decides.
 */

let connector: FakeBotConnector;
let server: TestServer;
const emma = testUser('Emma English');
const sven = testUser('Sven Svensson');

/** Under each input the card shows what is wrong with it, in red. */
function errorsUnder(card: Card, inputId: string): string[] {
  const index = card.body.findIndex((element) => element.id === inputId);
  const errors: string[] = [];
  for (let at = index + 1; at < card.body.length && card.body[at]!.type === 'TextBlock' && card.body[at]!.color === 'attention'; at += 1) errors.push(String(card.body[at]!.text));
  return errors;
}

/** Opens Göteborg's security incident form and sends it with a phone number that is not one and an escape character pasted into the description. */
async function sendBadIncident(user: TestUser, ticketWord: string, typeTitle: string, submit: string): Promise<Card> {
  const chat = personalChat(user);
  const [choice] = await exchange(connector, server.url, chat, messageActivity(connector.serviceUrl, user, chat, ticketWord));
  const [form] = await exchange(connector, server.url, chat, submitActivity(connector.serviceUrl, user, chat, pressButton(cardOf(choice!), typeTitle)));
  const [again] = await exchange(connector, server.url, chat, submitActivity(connector.serviceUrl, user, chat, pressButton(cardOf(form!), submit, { 'field.discoveredOn': today(), 'field.description': 'Datorn visade\u001b[2J en varning.', 'field.contactPhone': '12345' })));
  return cardOf(again!);
}

/** Today in Stockholm, as a date input gives it. */
const today = (): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  connector = await startFakeBotConnector();
  const env = { DATA_DIR: await temporaryDataDir() };
  for (const [user, email] of [
    [emma, 'emma@carewest.se'],
    [sven, 'sven@omsorgivast.se'],
  ] as const) {
    const added = await runCliInProcess(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg i Väst AB', '--org-number', '556036-0793', '--name', user.name, '--email', email, '--phone', '070-333 33 33', '--teams-user', user.aadObjectId, '--teams-tenant', TEST_TENANT], env);
    expect(added.code, added.stderr).toBe(0);
  }
  server = await startTestServer({}, env.DATA_DIR);
}, 30_000);

afterEach(() => {
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await connector?.close();
});

describe('a ticket form’s field errors in Teams', () => {
  it('reach a user who chose English in English, naming the fields by their English labels', async () => {
    const chat = personalChat(emma);
    const [confirmed] = await exchange(connector, server.url, chat, messageActivity(connector.serviceUrl, emma, chat, 'language english'));
    expect(confirmed!.activity.text).toBe(texts.en.language(true));
    const card = await sendBadIncident(emma, 'ticket', 'Security incident in information handling', ticketTexts.en.submit);
    expect(cardTexts(card)).toContain(ticketTexts.en.fixErrors);
    expect(errorsUnder(card, 'field.contactPhone')).toEqual(['The phone number must be a Swedish number, e.g. 070-123 45 67']);
    expect(errorsUnder(card, 'field.description')).toEqual(['What happened? contains an invisible control character (U+001B). Remove it and send again.']);
    expect(cardTexts(card)).not.toContain(ticketTexts.sv.fixErrors);
  });

  it('reach a Swedish user in Swedish, as before', async () => {
    const card = await sendBadIncident(sven, 'ärende', 'Säkerhetsincident i informationshanteringen', ticketTexts.sv.submit);
    expect(cardTexts(card)).toContain(ticketTexts.sv.fixErrors);
    expect(errorsUnder(card, 'field.contactPhone')).toEqual(['Telefonnumret ska vara ett svenskt nummer, t.ex. 070-123 45 67']);
    expect(errorsUnder(card, 'field.description')).toEqual(['Vad har hänt? innehåller ett osynligt styrtecken (U+001B). Ta bort det och skicka igen.']);
  });
});
