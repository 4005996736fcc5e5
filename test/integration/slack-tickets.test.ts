import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackTicketTexts } from '../../adapters/slack/index.js';
import { texts, ticketTexts, type TicketSummary } from '../../src/bot/index.js';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { LowdbStore } from '../../src/store/index.js';
import type { Ticket } from '../../src/tickets/index.js';
import { runBin } from '../support/cli.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { FAKE_SLACK, blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, startFakeSlackApi, viewSubmission, type FakeSlackApi, type FakeSlackCall, type OpenedView, slackEnv } from '../support/fake-slack-api.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

type Block = { type: string; block_id?: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown>; element?: Record<string, unknown>; hint?: { text: string }; optional?: boolean; label?: { text: string } };

const k = ticketTexts.sv;
const s = slackTicketTexts.sv;
const TEAM = FAKE_SLACK.teamId;
const STAFF_CHANNEL = 'C0ORESTAFF';

let fake: FakeSlackApi;
let smtp: TestSmtpServer;
let server: TestServer;
let store: LowdbStore;
let tsCounter = 0;
const nextTs = (): string => `${1_780_000_000 + ++tsCounter}.000100`;

beforeAll(async () => {
  [fake, smtp] = await Promise.all([startFakeSlackApi(), startSmtpServer()]);
  server = await startTestServer({ ...slackEnv(fake.url), SMTP_URL: smtp.url });
  // A second handle on the server's DATA_DIR, as the CLI opens it: the server re-reads the file.
  store = await LowdbStore.open(server.dataDir);

  // The administrator registers Anna, Örebro IT-contact, with her Slack identity, as the README says.
  const added = await runBin(
    ['contacts', 'add', '--municipality', 'orebro', '--provider', 'Omsorg i Örebro AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', 'anna@omsorgorebro.se', '--phone', '070-123 45 67', '--slack-user', 'U0ANNA', '--slack-team', TEAM, '--json'],
    { env: { DATA_DIR: server.dataDir } },
  );
  expect(added.stderr).toBe('');
  expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, change: 'created' });
  const contacts = new ContactService(store.contacts, { now: () => new Date(), municipalities: ['goteborg', 'norrtalje', 'orebro', 'uppsala', 'vellinge'] });
  const staff = await contacts.addStaff(operatorPrincipal('test'), { role: 'staff', municipality: 'orebro', name: 'Olle Personal', email: null, identities: [{ platform: 'slack', tenantId: TEAM, userId: 'U0OLLE' }] });
  expect(staff.ok).toBe(true);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([fake?.close(), smtp?.close()]);
});

const blocksOf = (value: { args?: Record<string, unknown>; body?: Record<string, unknown> }): Block[] => ((value.args ?? value.body)?.blocks ?? []) as Block[];

/** Everything a person can read in a message: header, section (and its fields) and context texts. */
function readable(blocks: readonly Block[]): string {
  return blocks
    .flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text), ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])])
    .join('\n');
}

function buttons(blocks: readonly Block[]): Array<Record<string, unknown>> {
  return blocks.flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory?.type === 'button' ? [block.accessory] : [])]);
}

function button(blocks: readonly Block[], actionId: string): Record<string, unknown> {
  const found = buttons(blocks).find((candidate) => candidate.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks)}`);
  return found;
}

const postsTo = (channel: string): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
const viewOf = (call: FakeSlackCall): OpenedView & { type: string; title: { text: string }; submit?: { text: string } } => call.args.view as never;
const inputs = (view: OpenedView): Block[] => view.blocks.filter((block) => block.type === 'input') as Block[];

function ticketsInStore(): Ticket[] {
  return Object.values(store.read().tickets);
}

/** A press on a button of a message the bot posted, as Slack sends it. */
function press(actionId: string, from: Block[], options: { userId: string; channel: string; ts: string; response: string; blockId?: string }): Promise<Response> {
  const pressed = button(from, actionId);
  return postSlackInteraction(
    server.url,
    blockAction({ type: 'button', action_id: actionId, value: pressed.value, ...(options.blockId ? { block_id: options.blockId } : {}) }, { userId: options.userId, responseUrl: fake.responseUrl(options.response), message: { channel: options.channel, ts: options.ts, blocks: from } }),
  );
}

const ANNAS_USER = { 'ticket:name': 'Berit Berg', 'ticket:function': 'Enhetschef', 'ticket:hsaId': 'SE2321000016-1003', 'ticket:treservaUsername': 'berber01' };

describe('tickets from Slack', () => {
  it('takes an Örebro IT-contact from "/it ärende" through the modal to a resolved, rated ticket, by email and the staff channel', { timeout: 40_000 }, async () => {
    // The bot is added to the staff's channel and Olle makes it Örebro's staff channel.
    await postSlackEvent(server.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: STAFF_CHANNEL, channel_type: 'C', team: TEAM, inviter: 'U0OLLE' }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === STAFF_CHANNEL);
    const mentionTs = nextTs();
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U0OLLE', text: `<@${FAKE_SLACK.botUserId}> personalkanal Örebro`, ts: mentionTs, channel: STAFF_CHANNEL }));
    expect(readable(blocksOf(await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === mentionTs)))).toMatch(/Örebro/u);

    // "/it ärende": Örebro has one ticket type, so its modal opens at once with the command's trigger.
    await postSlackCommand(server.url, slashCommand('ärende', { userId: 'U0ANNA', responseUrl: fake.responseUrl('anna-command') }));
    const opened = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'ticket');
    expect(opened.args.trigger_id).toBe('1111.2222.abcd');
    const modal = viewOf(opened);
    expect(modal.title.text).toBe(s.modalTitle);
    expect(modal.submit?.text).toBe(s.send);
    expect(JSON.parse(String(modal.private_metadata))).toEqual({ typeId: 'ore-ticket-lifecare-sp-user', channel: 'U0ANNA', language: 'sv' });
    const fields = inputs(modal);
    expect(fields.map((block) => block.block_id)).toEqual(['ticket:provider', 'ticket:name', 'ticket:function', 'ticket:hsaId', 'ticket:treservaUsername']);
    expect(fields.map((block) => block.label?.text)).toEqual(['Utförare', 'Namn på behörig', 'Funktion', 'HSA-id', 'Användarnamn i Treserva/TES']);
    // Prefilled from the registry; the routine's help as hints; its prerequisite above the fields.
    expect(fields[0]!.element).toMatchObject({ type: 'plain_text_input', initial_value: 'Omsorg i Örebro AB' });
    expect(fields[3]!.hint?.text).toBe('Får ni i samband med leverans av SITHS-kortet.');
    expect(fields[3]!.element).toMatchObject({ placeholder: { text: s.examples['hsa-id'] } });
    expect(readable(modal.blocks as Block[])).toContain(k.prerequisite('Användaren har fått sitt SITHS-kort och har en kortläsare till sin dator.'));
    expect(fake.responses.filter((post) => post.name === 'anna-command')).toHaveLength(0);

    // A malformed HSA-id is answered in the modal itself, under that field; nothing is filed.
    const refused = await postSlackInteraction(server.url, viewSubmission(modal, { ...ANNAS_USER, 'ticket:hsaId': 'SE123' }, { userId: 'U0ANNA' }));
    expect(refused.status).toBe(200);
    const answer = (await refused.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['ticket:hsaId']);
    expect(answer.errors['ticket:hsaId']).toMatch(/^I HSA-id står organisationsnumret med tio siffror direkt efter SE/u);
    expect(ticketsInStore()).toHaveLength(0);

    // Corrected: the modal closes (empty 200) and Anna gets the receipt in her DM.
    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, ANNAS_USER, { userId: 'U0ANNA' }));
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe('');
    const receipt = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0ANNA');
    const [ticket] = ticketsInStore();
    expect(ticket).toMatchObject({ municipality: 'orebro', status: 'new', fields: { provider: 'Omsorg i Örebro AB', name: 'Berit Berg', function: 'Enhetschef', hsaId: 'SE2321000016-1003', treservaUsername: 'berber01' } });
    expect(ticket!.id).toMatch(/^ORE-\d{4}-0001$/u);
    const summary: TicketSummary = { id: ticket!.id, title: 'Ny användare i Lifecare SP', status: 'new', municipality: { id: 'orebro', name: 'Örebro kommun' }, deadline: null, updatedAt: ticket!.updatedAt };
    expect(readable(blocksOf(receipt))).toContain(`Ärende ${ticket!.id} (Ny användare i Lifecare SP) är registrerat`);

    // The routine's mailbox gets the email, with all four fields (the outbox runs every 2 s).
    const mail = await eventually(() => smtp.messages.find((message) => message.to.includes('vardochstod@orebro.se')), 10_000);
    expect(mail.subject).toBe(`Anmälan av användare till Lifecare SP – ${ticket!.id}`);
    for (const line of [/Namn på behörig:\s+Berit Berg/u, /Funktion:\s+Enhetschef/u, /HSA-id:\s+SE2321000016-1003/u, /Användarnamn i Treserva\/TES:\s+berber01/u]) expect(mail.body).toMatch(line);

    // ...and the staff channel the ticket with its fields and the four actions.
    const card = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === STAFF_CHANNEL && buttons(blocksOf(call)).some((candidate) => candidate.action_id === 'ticket-resolve'), 10_000);
    const cardBlocks = blocksOf(card);
    const shown = readable(cardBlocks);
    expect(shown).toContain(k.staffTitle(summary));
    for (const fact of ['*HSA-id*\nSE2321000016-1003', '*Namn på behörig*\nBerit Berg', '*Funktion*\nEnhetschef', '*Användarnamn i Treserva/TES*\nberber01']) expect(shown).toContain(fact);
    expect(shown).toContain(`*${k.requester}:* Anna Andersson, anna@omsorgorebro.se`);
    expect(shown).toContain(s.status(k.status.new));
    expect(buttons(cardBlocks).map((candidate) => [candidate.action_id, (candidate.text as { text: string }).text])).toEqual([
      ['ticket-take', k.take],
      ['ticket-ask', k.ask],
      ['ticket-resolve', k.resolve],
      ['ticket-reject', k.reject],
    ]);
    const cardTs = nextTs();
    const onCard = { channel: STAFF_CHANNEL, ts: cardTs };

    // Someone in the channel who is not staff presses "Markera som löst": told no, nothing changes.
    await press('ticket-resolve', cardBlocks, { ...onCard, userId: 'U0OUTSIDER', response: 'outsider-resolve', blockId: 'ticket-actions' });
    const no = await fake.waitForResponse('outsider-resolve');
    expect(no.body.response_type).toBe('ephemeral');
    // (The ticket service does not even confirm the ticket exists to someone it is not visible to.)
    expect(readable(blocksOf(no))).toBe(`Inget ärende med id ${ticket!.id}.`);
    expect(fake.callsTo('chat.update').filter((call) => call.args.ts === cardTs)).toHaveLength(0);
    expect(ticketsInStore()[0]!.status).toBe('new');
    expect(postsTo('U0ANNA')).toHaveLength(1);

    // Olle asks for more: a modal asks for the note (a blank one is refused there), showing the ticket.
    await press('ticket-ask', cardBlocks, { ...onCard, userId: 'U0OLLE', response: 'olle-ask' });
    const noteCall = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'ticket-note');
    const noteModal = viewOf(noteCall);
    expect(noteModal.title.text).toBe(k.ask);
    expect(readable(noteModal.blocks as Block[])).toContain('SE2321000016-1003');
    expect(inputs(noteModal)).toMatchObject([{ block_id: 'ticket-note', label: { text: k.noteLabel }, element: { type: 'plain_text_input', multiline: true, min_length: 1 } }]);
    const blank = await postSlackInteraction(server.url, viewSubmission(noteModal, { 'ticket-note': '  ' }, { userId: 'U0OLLE' }));
    expect(await blank.json()).toEqual({ response_action: 'errors', errors: { 'ticket-note': s.noteRequired } });
    expect(ticketsInStore()[0]!.status).toBe('new');
    const asked = await postSlackInteraction(server.url, viewSubmission(noteModal, { 'ticket-note': 'Vilken enhet arbetar Berit på?' }, { userId: 'U0OLLE' }));
    expect(await asked.text()).toBe('');
    const waiting = await fake.waitForCall('chat.update', (call) => call.args.ts === cardTs);
    expect(waiting.args.channel).toBe(STAFF_CHANNEL);
    const waitingBlocks = blocksOf(waiting);
    expect(readable(waitingBlocks)).toContain(k.staffTitle(summary));
    expect(readable(waitingBlocks)).toContain('*HSA-id*\nSE2321000016-1003');
    expect(readable(waitingBlocks)).toContain(`${k.actionRecorded({ ...summary, status: 'waiting-for-requester' }, true)} ${s.by('<@U0OLLE>')}`);
    expect(buttons(waitingBlocks).map((candidate) => candidate.action_id)).toEqual(['ticket-take', 'ticket-ask', 'ticket-resolve', 'ticket-reject']);
    const toldMore = await eventually(() => postsTo('U0ANNA')[1]);
    expect(readable(blocksOf(toldMore))).toContain(k.update({ ...summary, status: 'waiting-for-requester' }, 'Vilken enhet arbetar Berit på?'));
    // Asked for more, Anna can answer in the ticket's conversation: "Svara" (see slack-ticket-thread.test.ts).
    expect(buttons(blocksOf(toldMore)).map((candidate) => [candidate.action_id, (candidate.text as { text: string }).text, JSON.parse(String(candidate.value))])).toEqual([
      ['ticket-reply', k.replyAction, { ticketId: ticket!.id, language: 'sv' }],
    ]);

    // Olle marks it resolved (on the updated message): the buttons go, and Anna is asked "Blev det löst?".
    await press('ticket-resolve', waitingBlocks, { ...onCard, userId: 'U0OLLE', response: 'olle-resolve' });
    const resolved = await eventually(() => fake.callsTo('chat.update').filter((call) => call.args.ts === cardTs)[1]);
    expect(readable(blocksOf(resolved))).toContain(k.actionRecorded({ ...summary, status: 'resolved' }, true));
    expect(buttons(blocksOf(resolved))).toEqual([]);
    expect(fake.responses.filter((post) => post.name === 'olle-resolve')).toHaveLength(0);
    const update = await eventually(() => postsTo('U0ANNA')[2]);
    const updateBlocks = blocksOf(update);
    expect(readable(updateBlocks)).toContain(k.update({ ...summary, status: 'resolved' }, null));
    expect(readable(updateBlocks)).toContain(k.askRating);
    expect(buttons(updateBlocks).map((candidate) => [candidate.action_id, (candidate.text as { text: string }).text])).toEqual([
      ['ticket-solved-yes', k.solvedYes],
      ['ticket-solved-no', k.solvedNo],
    ]);
    expect(ticketsInStore()[0]!.status).toBe('resolved');

    // Anna presses "Ja, löst": recorded, and the question gives way to the thanks.
    const updateTs = nextTs();
    await press('ticket-solved-yes', updateBlocks, { channel: 'D0ANNA', ts: updateTs, userId: 'U0ANNA', response: 'anna-rating', blockId: 'ticket-rating' });
    const rated = await fake.waitForCall('chat.update', (call) => call.args.ts === updateTs);
    expect(rated.args.channel).toBe('D0ANNA');
    expect(readable(blocksOf(rated))).toContain(k.rated(true));
    expect(buttons(blocksOf(rated))).toEqual([]);
    await eventually(() => ticketsInStore()[0]!.rating?.solved === true);

    // "/it mina ärenden" lists it with its status.
    await postSlackCommand(server.url, slashCommand('mina ärenden', { userId: 'U0ANNA', responseUrl: fake.responseUrl('anna-list') }));
    const list = readable(blocksOf(await fake.waitForResponse('anna-list')));
    expect(list).toContain(k.listTitle);
    expect(list).toContain(`*${ticket!.id}* · ${k.status.resolved} · Ny användare i Lifecare SP`);
  });

  it('tells a guest that only registered IT-contacts file tickets, and opens no modal', async () => {
    const before = fake.callsTo('views.open').length;
    await postSlackCommand(server.url, slashCommand('ärende', { userId: 'U0GUEST', responseUrl: fake.responseUrl('guest-ticket') }));
    const post = await fake.waitForResponse('guest-ticket');
    expect(post.body.response_type).toBe('ephemeral');
    expect(readable(blocksOf(post))).toContain(k.onlyRegistered);
    expect(fake.callsTo('views.open')).toHaveLength(before);
  });

  it('"Skapa ärende" on an answer sends the question: the modal opens, with how Örebro wants SITHS cards ordered, cited', async () => {
    const question = 'Hur beställer vi SITHS-kort till en ny medarbetare?';
    await postSlackCommand(server.url, slashCommand(question, { userId: 'U0ANNA', responseUrl: fake.responseUrl('anna-question') }));
    const answerBlocks = blocksOf(await fake.waitForResponse('anna-question'));
    const create = button(answerBlocks, 'create-ticket');
    expect(JSON.parse(String(create.value))).toMatchObject({ question, language: 'sv' });
    const opens = fake.callsTo('views.open').length;

    await postSlackInteraction(
      server.url,
      blockAction({ type: 'button', block_id: 'answer-actions', action_id: 'create-ticket', value: create.value }, { userId: 'U0ANNA', responseUrl: fake.responseUrl('anna-create'), message: { channel: 'C0ITDRIFT', ts: nextTs(), ephemeral: true } }),
    );
    const opened = await eventually(() => fake.callsTo('views.open')[opens]);
    expect(viewOf(opened).callback_id).toBe('ticket');
    const elsewhere = blocksOf(await fake.waitForResponse('anna-create'));
    expect(readable(elsewhere)).toContain(k.handledElsewhereTitle);
    expect(readable(elsewhere)).toMatch(/SITHS-kort beställer ni som utförare själva/u);
    expect(readable(elsewhere)).toMatch(/^Källa: Örebro kommun, /mu);
  });

  it('names each of Uppsala’s ticket types on its button, not only "Välj"', async () => {
    const added = await runBin(
      ['contacts', 'add', '--municipality', 'uppsala', '--provider', 'Omsorg i Uppsala AB', '--org-number', '556036-0793', '--name', 'Ulla Uppsala', '--email', 'ulla@omsorguppsala.se', '--phone', '070-765 43 21', '--slack-user', 'U0ULLA', '--slack-team', TEAM, '--json'],
      { env: { DATA_DIR: server.dataDir } },
    );
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, change: 'created' });
    const uppsala = (await bundledKnowledge()).ticketTypes.filter((type) => type.municipalityId === 'uppsala');
    expect(uppsala.length).toBeGreaterThan(1);

    await postSlackCommand(server.url, slashCommand('ärende', { userId: 'U0ULLA', responseUrl: fake.responseUrl('ulla-ticket') }));
    const choice = blocksOf(await fake.waitForResponse('ulla-ticket'));
    const named = buttons(choice).filter((candidate) => candidate.action_id === 'ticket-type');
    expect(named.map((candidate) => [(candidate.text as { text: string }).text, JSON.parse(String(candidate.value)).typeId])).toEqual(uppsala.map((type) => [type.title.sv, type.id]));
  });

  it('answers a DM "ärende" with the form as a message whose button opens the modal', async () => {
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0ANNA', user: 'U0ANNA', text: 'ärende', ts: nextTs() }));
    const form = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0ANNA' && buttons(blocksOf(call)).some((candidate) => candidate.action_id === 'ticket-open-form'));
    const open = button(blocksOf(form), 'ticket-open-form');
    expect(open.text).toMatchObject({ text: s.openForm });
    // The button carries only the type: whoever presses it gets their own prefilled form.
    expect(JSON.parse(String(open.value))).toEqual({ typeId: 'ore-ticket-lifecare-sp-user', language: 'sv' });
    const opens = fake.callsTo('views.open').length;
    await press('ticket-open-form', blocksOf(form), { channel: 'D0ANNA', ts: nextTs(), userId: 'U0ANNA', response: 'anna-open' });
    const opened = await eventually(() => fake.callsTo('views.open')[opens]);
    expect(viewOf(opened).callback_id).toBe('ticket');
    expect(inputs(viewOf(opened))[0]!.element).toMatchObject({ initial_value: 'Omsorg i Örebro AB' });
  });
});

describe('Slack ticket labels', () => {
  it('keeps every modal label within Slack’s 24 characters and every button within 75, in both languages', () => {
    for (const language of ['sv', 'en'] as const) {
      const labels = slackTicketTexts[language];
      for (const label of [labels.modalTitle, labels.send, labels.cancel, ticketTexts[language].ask, ticketTexts[language].reject]) {
        expect(label.length, `${language}: ${label}`).toBeGreaterThan(0);
        expect(label.length, `${language}: ${label}`).toBeLessThanOrEqual(24);
      }
      for (const label of [labels.openForm, texts[language].createTicket, ticketTexts[language].take, ticketTexts[language].resolve, ticketTexts[language].solvedYes, ticketTexts[language].solvedNo]) {
        expect(label.length).toBeLessThanOrEqual(75);
      }
    }
  });
});
