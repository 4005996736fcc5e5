import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackTicketTexts } from '../../adapters/slack/index.js';
import { ticketTexts } from '../../src/bot/index.js';
import { LowdbStore } from '../../src/store/index.js';
import type { Ticket } from '../../src/tickets/index.js';
import { FAKE_SLACK, blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, startFakeSlackApi, viewSubmission, type FakeSlackApi, type FakeSlackCall, type OpenedView, slackEnv } from '../support/fake-slack-api.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { registerOrebro } from '../support/registry.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

// The ticket's conversation in Slack: staff answer in the thread of the ticket's message in their
// staff channel, the requester reads it in their DM and answers with "Svara", and the answer comes
// back into the thread. Over real HTTP against the fake Slack Web API, with signed events.

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown>; element?: Record<string, unknown>; label?: { text: string } };

const k = ticketTexts.sv;
const s = slackTicketTexts.sv;
const TEAM = FAKE_SLACK.teamId;
const BOT = FAKE_SLACK.botUserId;
const STAFF_CHANNEL = 'C0ORESTAFF';

let fake: FakeSlackApi;
let smtp: TestSmtpServer;
let server: TestServer;
let store: LowdbStore;
let tsCounter = 0;
const nextTs = (): string => `${1_790_000_000 + ++tsCounter}.000100`;

beforeAll(async () => {
  [fake, smtp] = await Promise.all([startFakeSlackApi(), startSmtpServer()]);
  server = await startTestServer({ ...slackEnv(fake.url), SMTP_URL: smtp.url });
  store = await LowdbStore.open(server.dataDir);
  await registerOrebro(
    { DATA_DIR: server.dataDir },
    { contact: { name: 'Anna Andersson', email: 'anna@omsorgorebro.se', identity: ['--slack-user', 'U0ANNA', '--slack-team', TEAM] }, staff: { name: 'Olle Personal', identity: ['--slack-user', 'U0OLLE', '--slack-team', TEAM] } },
  );
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([fake?.close(), smtp?.close()]);
});

const blocksOf = (call: FakeSlackCall): Block[] => (call.args.blocks ?? []) as Block[];
const readable = (blocks: readonly Block[]): string => blocks.map((block) => block.text?.text ?? '').join('\n');
const buttons = (blocks: readonly Block[]): Array<Record<string, unknown>> => blocks.flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory?.type === 'button' ? [block.accessory] : [])]);
const postsTo = (channel: string): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
const viewOf = (call: FakeSlackCall): OpenedView => call.args.view as OpenedView;
const ticketMessagesTo = (channel: string): FakeSlackCall[] => postsTo(channel).filter((call) => buttons(blocksOf(call)).some((button) => button.action_id === 'ticket-reply'));
const tickets = (): Ticket[] => Object.values(store.read().tickets);

/** A person's message in a channel, as message.channels delivers it (a reply when threadTs is given). */
function channelMessage(user: string, text: string, threadTs?: string): Record<string, unknown> {
  return eventEnvelope({ type: 'message', channel_type: 'channel', channel: STAFF_CHANNEL, user, text, ts: nextTs(), ...(threadTs ? { thread_ts: threadTs, parent_user_id: BOT } : {}) });
}

describe('the ticket conversation in Slack', () => {
  it('relays staff replies in the ticket thread to the requester, and her answer ("Svara") back into the thread', { timeout: 40_000 }, async () => {
    // Örebro's staff channel, set up as the README says.
    await postSlackEvent(server.url, eventEnvelope({ type: 'member_joined_channel', user: BOT, channel: STAFF_CHANNEL, channel_type: 'C', team: TEAM, inviter: 'U0OLLE' }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === STAFF_CHANNEL);
    const mentionTs = nextTs();
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U0OLLE', text: `<@${BOT}> personalkanal Örebro`, ts: mentionTs, channel: STAFF_CHANNEL }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === mentionTs);

    // Anna files a ticket; its message reaches the staff channel, and its ts is the staff thread.
    await postSlackCommand(server.url, slashCommand('ärende', { userId: 'U0ANNA', responseUrl: fake.responseUrl('anna-command') }));
    const modal = viewOf(await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'ticket'));
    const filed = await postSlackInteraction(server.url, viewSubmission(modal, { 'ticket:name': 'Berit Berg', 'ticket:function': 'Enhetschef', 'ticket:hsaId': 'SE2321000016-1003', 'ticket:treservaUsername': 'berber01' }, { userId: 'U0ANNA' }));
    expect(await filed.text()).toBe('');
    const card = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === STAFF_CHANNEL && buttons(blocksOf(call)).some((button) => button.action_id === 'ticket-resolve'), 10_000);
    const cardTs = String(card.result?.ts);
    expect(cardTs).toMatch(/^\d+\.\d+$/u);
    expect(card.args.thread_ts).toBeUndefined();
    const ticket = await eventually(() => tickets().find((candidate) => candidate.staffThreads.length > 0));
    expect(ticket.staffThreads).toEqual([{ destinationKey: `slack:${TEAM}:${STAFF_CHANNEL}`, threadId: cardTs }]);
    const channelPostsBefore = postsTo(STAFF_CHANNEL).length;
    const annaPostsBefore = postsTo('U0ANNA').length;

    // Channel chatter is not the bot's: a top-level message gets no answer, and someone who is not
    // Örebro's staff writing in the ticket's thread is not relayed to Anna.
    await postSlackEvent(server.url, channelMessage('U0OLLE', 'Någon som vet om Treserva är nere?'));
    await postSlackEvent(server.url, channelMessage('U0OUTSIDER', 'Jag kan ta den!', cardTs));

    // Olle answers in the thread: Anna reads it in her DM, with "Svara".
    await postSlackEvent(server.url, channelMessage('U0OLLE', 'Vilken enhet arbetar Berit på?', cardTs));
    const relayed = await eventually(() => ticketMessagesTo('U0ANNA')[0]);
    const relayedBlocks = blocksOf(relayed);
    expect(readable(relayedBlocks)).toContain(k.messageFromStaff(ticket.id, 'Örebro kommun'));
    expect(readable(relayedBlocks)).toContain('Vilken enhet arbetar Berit på?');
    const svara = buttons(relayedBlocks).find((button) => button.action_id === 'ticket-reply')!;
    expect(svara.text).toMatchObject({ text: k.replyAction });
    expect(JSON.parse(String(svara.value))).toEqual({ ticketId: ticket.id, language: 'sv' });

    // A reply that also @mentions the bot arrives twice (app_mention and message.channels): relayed once.
    const both = nextTs();
    const mentionText = `<@${BOT}> Och vilket datum ska hen börja?`;
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U0OLLE', text: mentionText, ts: both, thread_ts: cardTs, channel: STAFF_CHANNEL }));
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'channel', channel: STAFF_CHANNEL, user: 'U0OLLE', text: mentionText, ts: both, thread_ts: cardTs, parent_user_id: BOT }));
    const second = await eventually(() => ticketMessagesTo('U0ANNA')[1]);
    expect(readable(blocksOf(second))).toContain('Och vilket datum ska hen börja?');

    // Anna presses "Svara": a modal with one required multiline input. A blank answer is refused there.
    await postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'ticket-reply', action_id: 'ticket-reply', value: svara.value }, { userId: 'U0ANNA', message: { channel: 'D0ANNA', ts: nextTs(), blocks: relayedBlocks } }));
    const replyModal = viewOf(await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'ticket-reply'));
    expect((replyModal as OpenedView & { title: { text: string } }).title.text).toBe(s.replyTitle);
    expect(replyModal.blocks.filter((block) => block.type === 'input')).toMatchObject([{ block_id: 'ticket-reply', element: { type: 'plain_text_input', multiline: true, min_length: 1 } }]);
    const blank = await postSlackInteraction(server.url, viewSubmission(replyModal, { 'ticket-reply': '   ' }, { userId: 'U0ANNA' }));
    expect(await blank.json()).toEqual({ response_action: 'errors', errors: { 'ticket-reply': s.replyRequired } });

    // Her answer goes into the ticket's thread in the staff channel, and she is told so.
    const sent = await postSlackInteraction(server.url, viewSubmission(replyModal, { 'ticket-reply': 'Hemtjänst Norr, från 1 mars.' }, { userId: 'U0ANNA' }));
    expect(await sent.text()).toBe('');
    const inThread = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === STAFF_CHANNEL && call.args.thread_ts === cardTs);
    expect(readable(blocksOf(inThread))).toContain(k.messageFromRequester(ticket.id, 'Anna Andersson, anna@omsorgorebro.se'));
    expect(readable(blocksOf(inThread))).toContain('Hemtjänst Norr, från 1 mars.');
    expect(buttons(blocksOf(inThread))).toEqual([]);
    const told = await eventually(() => postsTo('U0ANNA').find((call) => readable(blocksOf(call)).includes(k.messageSent(ticket.id, true))));
    expect(told).toBeDefined();

    // Recorded in order; the outsider's message and the top-level chatter were neither relayed nor answered.
    expect(tickets()[0]!.messages.map((message) => [message.from, message.text])).toEqual([
      ['staff', 'Vilken enhet arbetar Berit på?'],
      ['staff', 'Och vilket datum ska hen börja?'],
      ['requester', 'Hemtjänst Norr, från 1 mars.'],
    ]);
    expect(ticketMessagesTo('U0ANNA')).toHaveLength(2);
    expect(postsTo(STAFF_CHANNEL).slice(channelPostsBefore)).toEqual([inThread]);
    expect(postsTo('U0ANNA').length - annaPostsBefore).toBe(3);
  });
});
