import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registrationTexts, ticketTexts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardActions,
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
  type Card,
  type FakeBotConnector,
  type RecordedActivity,
  type TestUser,
  type Where,
} from '../support/fake-bot-connector.js';
import { registerOrebro } from '../support/registry.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Issue 7's done path in Teams, over real HTTP on loopback: an Örebro IT-contact files a Lifecare SP
 * user request from their personal chat, it arrives by SMTP (a real SMTP server on loopback) and as
 * a card in Örebro's staff channel, staff resolve it from the card, and the requester is told and
 * asked whether it was solved.
 */

/** The server's outbox runs every OUTBOX_INTERVAL_SECONDS (2 s by default; faster here). */
const OUTBOX_INTERVAL_SECONDS = '0.25';
const OUTBOX_WAIT_MS = 8_000;

let connector: FakeBotConnector;
let smtp: TestSmtpServer;
let server: TestServer;
let env: Record<string, string>;
const contact = testUser('Anna Andersson');
const staff = testUser('Sara Svensson');
const outsider = testUser('Olle Okänd');
const staffChannel: Where = teamChannel('orebro-support');
const chat = personalChat(contact);

beforeAll(async () => {
  [connector, smtp] = await Promise.all([startFakeBotConnector(), startSmtpServer()]);
  const dataDir = await temporaryDataDir();
  env = { DATA_DIR: dataDir };
  await registerOrebro(env, {
    contact: { name: 'Anna Andersson', identity: ['--teams-user', contact.aadObjectId, '--teams-tenant', TEST_TENANT] },
    staff: { name: 'Sara Svensson', identity: ['--teams-user', staff.aadObjectId, '--teams-tenant', TEST_TENANT] },
  });
  server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <itkontakt@kommun.test>', OUTBOX_INTERVAL_SECONDS }, dataDir);
});

afterEach(() => {
  // Every card the bot sent validated against Adaptive Cards 1.5.
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([connector?.close(), smtp?.close()]);
});

const messagesIn = (where: Where): RecordedActivity[] => recordedIn(connector, where);

/** Says something (or presses a button) and returns what the bot posted to the conversation in answer. */
const exchange = (_user: TestUser, where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server.url, where, activity);

const say = (user: TestUser, where: Where, text: string, mention = false) => exchange(user, where, messageActivity(connector.serviceUrl, user, where, text, { mention }));
const press = (user: TestUser, where: Where, value: Record<string, unknown>) => exchange(user, where, submitActivity(connector.serviceUrl, user, where, value));

async function ticketStatus(id: string): Promise<{ status: string; rating: { solved: boolean } | null; history: Array<{ status: string }> }> {
  const shown = await runCliInProcess(['tickets', 'show', id, '--json'], env);
  expect(shown.code, shown.stderr).toBe(0);
  return JSON.parse(shown.stdout) as never;
}

describe('tickets in Teams: an Örebro IT-contact files a Lifecare SP user request', () => {
  let ticketId: string;
  let staffCard: Card;

  it('staff make a team channel Örebro’s staff channel by saying so there', async () => {
    await exchange(staff, staffChannel, membersActivity(connector.serviceUrl, staff, staffChannel, 'added'));
    // A new post in the channel: Teams names its thread, and the answer goes there.
    const [set] = await say(staff, channelThread(staffChannel, '1770000000001'), 'personalkanal Örebro', true);
    expect(set!.activity.text).toBe(registrationTexts.sv.staffChannelSet('Örebro kommun'));
  });

  it('the IT-contact installs the app, says "ärende" and gets the Lifecare SP form, prefilled', async () => {
    const [welcome] = await exchange(contact, chat, installationActivity(connector.serviceUrl, contact, chat, 'add'));
    expect(cardTexts(cardOf(welcome!))).toContain('Registrera dig');

    const [form] = await say(contact, chat, 'ärende');
    const card = cardOf(form!);
    expect(card.version).toBe('1.5');
    const shown = cardTexts(card);
    expect(shown[0]).toBe('Ny användare i Lifecare SP (Örebro kommun)');
    expect(shown).toEqual(expect.arrayContaining(['Namn på behörig', 'Funktion', 'HSA-id', 'Användarnamn i Treserva/TES']));
    // The SITHS prerequisite of the routine, and the help texts as placeholders.
    expect(shown.some((text) => /^Innan du skickar: .*SITHS-kort/u.test(text))).toBe(true);
    expect(card.body.find((element) => element.id === 'field.hsaId')).toMatchObject({ type: 'Input.Text', placeholder: 'Får ni i samband med leverans av SITHS-kortet.' });
    // Prefilled from the registry.
    expect(card.body.find((element) => element.id === 'field.provider')).toMatchObject({ value: 'Omsorg i Örebro AB' });
  });

  it('a bad HSA-id brings the card back with the error under the field and what was typed kept', async () => {
    const [form] = messagesIn(chat).slice(-1);
    const typed = { 'field.name': 'Bo Berg', 'field.function': 'Enhetschef', 'field.hsaId': 'SE-inte-ett-hsa-id', 'field.treservaUsername': 'bober01' };
    const [again] = await press(contact, chat, pressButton(cardOf(form!), 'Skicka ärendet', typed));
    const card = cardOf(again!);
    expect(cardTexts(card)).toContain(ticketTexts.sv.fixErrors);
    const index = card.body.findIndex((element) => element.id === 'field.hsaId');
    expect(card.body[index]).toMatchObject({ value: 'SE-inte-ett-hsa-id' });
    expect(card.body[index + 1]).toMatchObject({ type: 'TextBlock', color: 'attention', text: expect.stringMatching(/HSA-id/u) });
    for (const [id, value] of Object.entries(typed)) expect(card.body.find((element) => element.id === id)).toMatchObject({ value });
    expect(card.body.find((element) => element.id === 'field.provider')).toMatchObject({ value: 'Omsorg i Örebro AB' });
    // Only the HSA-id is wrong.
    expect(card.body.filter((element) => element.color === 'attention' && element.size === 'small')).toHaveLength(1);
  });

  it('corrected, it is filed: the requester gets the receipt', async () => {
    const [form] = messagesIn(chat).slice(-1);
    const [receipt] = await press(contact, chat, pressButton(cardOf(form!), 'Skicka ärendet', { 'field.hsaId': 'SE2321000016-1003' }));
    expect(receipt!.activity).toMatchObject({ type: 'message', textFormat: 'plain' });
    const match = /Ärende (ORE-\d{4}-\d{4}) \(Ny användare i Lifecare SP\) är registrerat och skickat till Örebro kommun/u.exec(receipt!.activity.text ?? '');
    expect(match, receipt!.activity.text).not.toBeNull();
    ticketId = match![1]!;
  });

  it('the email reaches vardochstod@orebro.se by SMTP with all four fields', async () => {
    const mail = await eventually(() => smtp.messages.find((message) => message.subject.includes(ticketId)), OUTBOX_WAIT_MS);
    expect(mail.to).toEqual(['vardochstod@orebro.se']);
    expect(mail.subject).toBe(`Anmälan av användare till Lifecare SP – ${ticketId}`);
    expect(mail.body).toMatch(/Namn på behörig:\s+Bo Berg/u);
    expect(mail.body).toMatch(/Funktion:\s+Enhetschef/u);
    expect(mail.body).toMatch(/HSA-id:\s+SE2321000016-1003/u);
    expect(mail.body).toMatch(/Användarnamn i Treserva\/TES:\s+bober01/u);
    expect(mail.body).toContain('Inskickat av: Anna Andersson, anna@omsorg.se');
    // Without the bot's ticket mailbox (IMAP), a reply goes straight to the requester, and the email says so.
    expect(mail.headers['reply-to']).toBe('anna@omsorg.se');
    expect(mail.body.trimEnd().split(/\r?\n/u).at(-1)).toBe('Svara på det här mejlet för att svara Anna Andersson, anna@omsorg.se direkt.');
  });

  it('the staff channel gets the ticket card with every field and the staff actions', async () => {
    const posted = await eventually(() => messagesIn(staffChannel).find((item) => item.activity.attachments && cardTexts(cardOf(item))[0] === `Nytt ärende ${ticketId}: Ny användare i Lifecare SP`), OUTBOX_WAIT_MS);
    // A new message in the channel, not a reply to anything.
    expect(posted.replyToId).toBeUndefined();
    staffCard = cardOf(posted);
    expect(cardTexts(staffCard)).toEqual(expect.arrayContaining(['Bo Berg', 'Enhetschef', 'SE2321000016-1003', 'bober01', 'Anna Andersson, anna@omsorg.se']));
    expect(staffCard.actions!.map((action) => action.title)).toEqual(['Ta ärendet', 'Begär komplettering', 'Markera som löst', 'Avvisa']);
    // Exactly once, even though the outbox went round more than once meanwhile.
    expect(smtp.messages.filter((message) => message.subject.includes(ticketId))).toHaveLength(1);
  });

  it('someone who is not Örebro staff pressing a staff button is refused, and nothing changes', async () => {
    const resolve = pressButton(staffCard, 'Markera som löst');
    const outsiderChat = personalChat(outsider);
    const [refusedOutsider] = await press(outsider, outsiderChat, resolve);
    // To someone with no business with it, the ticket does not exist.
    expect(refusedOutsider!.activity).toMatchObject({ type: 'message', textFormat: 'plain', text: `Inget ärende med id ${ticketId}.` });
    // The requester may not resolve their own ticket from a copy of the staff card either.
    const [refusedRequester] = await press(contact, chat, resolve);
    expect(refusedRequester!.activity).toMatchObject({ type: 'message', text: 'Bara kommunens personal kan ändra status på ärenden.' });
    const ticket = await ticketStatus(ticketId);
    expect(ticket.status).toBe('new');
    expect(ticket.history.map((step) => step.status)).toEqual(['new']);
  });

  it('staff press Markera som löst: the requester’s chat gets the update with "Blev det löst?"', async () => {
    const before = messagesIn(chat).length;
    // The button is on the card's post, so the press comes from that post's thread.
    const [recorded] = await press(staff, channelThread(staffChannel, '1770000000002'), pressButton(staffCard, 'Markera som löst'));
    expect(recorded!.activity.text).toBe(`${ticketId}: Löst. Den som skickade ärendet har fått besked.`);
    const [update] = (await connector.waitForMessages(chat.conversationId, before + 1)).filter((item) => item.activity.type !== 'typing').slice(before);
    // Posted to the chat as a new message, outside any turn of the requester's.
    expect(update!.replyToId).toBeUndefined();
    const card = cardOf(update!);
    expect(cardTexts(card)).toEqual([`Ärende ${ticketId} (Ny användare i Lifecare SP): Löst.`, 'Blev det löst?', 'Ja, löst', 'Nej, inte löst']);
    expect((await ticketStatus(ticketId)).status).toBe('resolved');
  });

  it('the requester answers Ja, and the rating is recorded', async () => {
    const [update] = messagesIn(chat).slice(-1);
    const [thanks] = await press(contact, chat, pressButton(cardOf(update!), 'Ja, löst'));
    expect(thanks!.activity.text).toBe(ticketTexts.sv.rated(true));
    expect((await ticketStatus(ticketId)).rating).toMatchObject({ solved: true });
  });

  it('a question that orders a change from a registered IT-contact comes with the matching form', async () => {
    const replies = await say(contact, chat, 'Vi behöver lägga upp en ny användare i Lifecare SP, hur gör vi?');
    const cards = replies.map((reply) => cardOf(reply));
    expect(cards.some((card) => cardTexts(card)[0] === 'Ny användare i Lifecare SP (Örebro kommun)')).toBe(true);
  });

  it('"mina ärenden" lists the ticket as resolved', async () => {
    const [list] = await say(contact, chat, 'mina ärenden');
    const shown = cardTexts(cardOf(list!));
    expect(shown[0]).toBe(ticketTexts.sv.listTitle);
    expect(shown).toContain(`${ticketId}: Ny användare i Lifecare SP`);
    expect(shown.some((text) => text.startsWith('Löst · Örebro kommun'))).toBe(true);
    expect(cardActions(cardOf(list!))).toEqual([]);
  });
});
