import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registrationTexts, textsFor, ticketTexts } from '../../src/bot/index.js';
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
  postActivity,
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
import { registerOrebro } from '../support/registry.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * The ticket conversation in Teams, over real HTTP on loopback: the ticket card the bot posts in
 * Örebro's staff channel starts a thread; staff @mention the bot in that thread to ask the
 * requester something, the requester answers with "Svara" in their personal chat, and the answer
 * is posted back into the same thread. Someone who is not Örebro staff writing there is not relayed.
 */

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
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await Promise.all([connector?.close(), smtp?.close()]);
});

const messagesIn = (where: Where): RecordedActivity[] => recordedIn(connector, where);

const exchange = (where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> => exchangeWith(connector, server.url, where, activity);

const say = (user: TestUser, where: Where, text: string, mention = false) => exchange(where, messageActivity(connector.serviceUrl, user, where, text, { mention }));
const press = (user: TestUser, where: Where, value: Record<string, unknown>) => exchange(where, submitActivity(connector.serviceUrl, user, where, value));

interface ShownTicket {
  readonly messages: Array<{ from: string; text: string }>;
  readonly staffThreads: Array<{ destinationKey: string; threadId: string }>;
}

async function ticket(id: string): Promise<ShownTicket> {
  const shown = await runCliInProcess(['tickets', 'show', id, '--json'], env);
  expect(shown.code, shown.stderr).toBe(0);
  return JSON.parse(shown.stdout) as ShownTicket;
}

const ticketMessages = async (id: string) => (await ticket(id)).messages;

/** Waits for the next message the bot posts to the conversation on its own (outside a turn there). */
async function nextPostIn(where: Where, before: number): Promise<RecordedActivity> {
  const [posted] = (await connector.waitForMessages(where.conversationId, before + 1)).filter((item) => item.activity.type !== 'typing').slice(before);
  return posted!;
}

describe('the ticket conversation in Teams: staff ask in the ticket’s thread, the requester answers with Svara', () => {
  let ticketId: string;
  let root: string;
  let thread: Where;

  it('a ticket filed from the personal chat is posted to the staff channel as a new post, the root of its thread', async () => {
    await exchange(staffChannel, membersActivity(connector.serviceUrl, staff, staffChannel, 'added'));
    const [set] = await say(staff, channelThread(staffChannel, '1770000000001'), 'personalkanal Örebro', true);
    expect(set!.activity.text).toBe(registrationTexts.sv.staffChannelSet('Örebro kommun'));

    await exchange(chat, installationActivity(connector.serviceUrl, contact, chat, 'add'));
    const [form] = await say(contact, chat, 'ärende');
    const typed = { 'field.name': 'Bo Berg', 'field.function': 'Enhetschef', 'field.hsaId': 'SE2321000016-1003', 'field.treservaUsername': 'bober01' };
    const [receipt] = await press(contact, chat, pressButton(cardOf(form!), 'Skicka ärendet', typed));
    const match = /Ärende (ORE-\d{4}-\d{4})/u.exec(receipt!.activity.text ?? '');
    expect(match, receipt!.activity.text).not.toBeNull();
    ticketId = match![1]!;

    const posted = await eventually(() => messagesIn(staffChannel).find((item) => item.activity.attachments && cardTexts(cardOf(item))[0] === `Nytt ärende ${ticketId}: Ny användare i Lifecare SP`), OUTBOX_WAIT_MS);
    expect(posted.replyToId).toBeUndefined();
    root = posted.id;
    thread = channelThread(staffChannel, root);
    // The core remembers the post as the ticket's staff thread once Teams has answered with its id.
    const threads = await eventually(async () => {
      const { staffThreads } = await ticket(ticketId);
      return staffThreads.length > 0 ? staffThreads : undefined;
    }, OUTBOX_WAIT_MS);
    expect(threads).toEqual([{ destinationKey: `teams:${TEST_TENANT}:${staffChannel.conversationId}`, threadId: root }]);
  });

  it('staff asking for more from the card: the requester’s update comes with Svara', async () => {
    const staffCard = cardOf(messagesIn(staffChannel).find((item) => item.id === root)!);
    const before = messagesIn(chat).length;
    const [recorded] = await press(staff, thread, pressButton(staffCard, 'Skicka', { 'note.ask': 'Vilket datum ska kontot gälla från?' }));
    expect(recorded!.activity.text).toMatch(new RegExp(`^${ticketId}: `, 'u'));
    const card = cardOf(await nextPostIn(chat, before));
    expect(cardTexts(card)[0]).toContain('Vilket datum ska kontot gälla från?');
    expect(cardActions(card).map((action) => `${action.type} ${action.title}`)).toEqual(['Action.ShowCard Svara']);
    expect(pressButton(card, 'Skicka', { 'reply.text': 'Från 1 mars.' })).toEqual({ verb: 'reply-ticket', ticketId, lang: 'sv', 'reply.text': 'Från 1 mars.' });
  });

  it('a staff member’s @mention reply in the thread reaches the requester’s chat as a message with Svara', async () => {
    const before = messagesIn(chat).length;
    const answered = await say(staff, thread, 'Vilken enhet arbetar Bo på?', true);
    // Nothing is said in the thread: the message went to the requester.
    expect(answered).toEqual([]);
    const message = await nextPostIn(chat, before);
    expect(message.replyToId).toBeUndefined();
    const card = cardOf(message);
    expect(card.version).toBe('1.5');
    expect(cardTexts(card).slice(0, 2)).toEqual([ticketTexts.sv.messageFromStaff(ticketId, 'Sara Svensson'), 'Vilken enhet arbetar Bo på?']);
    expect(cardActions(card).map((action) => action.title)).toEqual(['Svara']);
    expect(await ticketMessages(ticketId)).toMatchObject([{ from: 'staff', text: 'Vilken enhet arbetar Bo på?' }]);
  });

  it('the requester answers with Svara: the answer is posted into the staff thread', async () => {
    const [message] = messagesIn(chat).slice(-1);
    const card = cardOf(message!);
    // Teams would not send the form with the answer empty.
    expect(() => pressButton(card, 'Skicka')).toThrow(/required input reply\.text/u);
    const threadBefore = messagesIn(thread).length;
    const [sent] = await press(contact, chat, pressButton(card, 'Skicka', { 'reply.text': 'Hemtjänst Norr.' }));
    expect(sent!.activity).toMatchObject({ type: 'message', text: ticketTexts.sv.messageSent(ticketId, true) });

    const [inThread] = messagesIn(thread).slice(threadBefore);
    // Posted to the thread's conversation (<channel>;messageid=<root>), not as a new channel post.
    expect(inThread!.conversationId).toBe(`${staffChannel.conversationId};messageid=${root}`);
    const answer = cardOf(inThread!);
    expect(cardTexts(answer)).toEqual([ticketTexts.sv.messageFromRequester(ticketId, 'Anna Andersson, anna@omsorg.se'), 'Hemtjänst Norr.']);
    expect(cardActions(answer)).toEqual([]);
    expect((await ticketMessages(ticketId)).map((item) => item.from)).toEqual(['staff', 'requester']);
  });

  it('someone who is not Örebro staff writing in the thread is not relayed', async () => {
    const chatBefore = messagesIn(chat).length;
    await postActivity(server.url, messageActivity(connector.serviceUrl, outsider, thread, 'Jag vet vilken enhet!', { mention: true })).then((response) => expect(response.status).toBe(200));
    // The relay happens within the turn: had it been relayed, it would be in the chat by now.
    expect(messagesIn(chat).length).toBe(chatBefore);
    expect((await ticketMessages(ticketId)).map((item) => item.text)).toEqual(['Vilken enhet arbetar Bo på?', 'Hemtjänst Norr.']);
  });

  it('a new post in the channel that @mentions the bot is no thread reply: it gets an ordinary answer', async () => {
    const post = channelThread(staffChannel, '1770000000099');
    const activity = { ...messageActivity(connector.serviceUrl, staff, post, 'hjälp', { mention: true }), id: '1770000000099' };
    const [help] = await exchange(post, activity);
    expect(cardTexts(cardOf(help!))[0]).toBe(textsFor('sv').helpTitle);
  });
});
