import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationTexts, texts } from '../../src/bot/index.js';
import { ContactService, operatorPrincipal, type RegistrationRequest } from '../../src/contacts/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { runBin } from '../support/cli.js';
import { FAKE_SLACK, blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, startFakeSlackApi, viewSubmission, type FakeSlackApi, type FakeSlackCall, type OpenedView, slackEnv } from '../support/fake-slack-api.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

type Block = { type: string; block_id?: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown>; element?: Record<string, unknown> };

const r = registrationTexts.sv;
const MUNICIPALITIES = ['goteborg', 'norrtalje', 'orebro', 'uppsala', 'vellinge'];

let fake: FakeSlackApi;
let server: TestServer;
let store: LowdbStore;
let contacts: ContactService;
let tsCounter = 0;
const nextTs = (): string => `${1_770_000_000 + ++tsCounter}.000100`;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  server = await startTestServer(slackEnv(fake.url));
  // A second handle on the server's DATA_DIR, as the CLI would open it: the server re-reads the file.
  store = await LowdbStore.open(server.dataDir);
  contacts = new ContactService(store.contacts, { now: () => new Date(), municipalities: MUNICIPALITIES });
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

async function addStaff(municipality: string, name: string, userId: string): Promise<void> {
  const added = await contacts.addStaff(operatorPrincipal('test'), { role: 'staff', municipality, name, email: null, identities: [{ platform: 'slack', tenantId: FAKE_SLACK.teamId, userId }] });
  expect(added.ok).toBe(true);
}

async function registrations(): Promise<readonly RegistrationRequest[]> {
  const listed = await contacts.listRegistrations(operatorPrincipal('test'));
  if (!listed.ok) throw new Error(JSON.stringify(listed));
  return listed.value;
}

const blocksOf = (value: { args?: Record<string, unknown>; body?: Record<string, unknown> }): Block[] => ((value.args ?? value.body)?.blocks ?? []) as Block[];

/** Everything a person can read in a message: header, section (and its fields) and context texts. */
function readable(blocks: Block[]): string {
  return blocks
    .flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text), ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])])
    .join('\n');
}

function buttons(blocks: Block[]): Array<Record<string, unknown>> {
  return blocks.flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory?.type === 'button' ? [block.accessory] : [])]);
}

function button(blocks: Block[], actionId: string): Record<string, unknown> {
  const found = buttons(blocks).find((candidate) => candidate.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks)}`);
  return found;
}

const postsTo = (channel: string): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
const viewOf = (call: FakeSlackCall): OpenedView & { type: string; title: { text: string }; submit?: { text: string } } => call.args.view as never;

/** The modal's typed values, keyed by block id as Slack's state is. */
function typed(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [`registration:${field}`, value]));
}

const ANNA = { providerName: 'Omsorg i Väst AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'anna@omsorgivast.se', phone: '070-123 45 67' };

describe('registration from Slack', () => {
  it('takes a guest from a DM "registrera" through the modal to an approved IT-contact, via the staff channel', { timeout: 40_000 }, async () => {
    await addStaff('goteborg', 'Sara Personal', 'U0SARA');

    // The bot is added to the staff's channel and Sara makes it the staff channel for Göteborg.
    await postSlackEvent(server.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: 'C0STAFF', channel_type: 'C', team: FAKE_SLACK.teamId, inviter: 'U0SARA' }));
    const welcome = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0STAFF');
    expect(button(blocksOf(welcome), 'open-registration').text).toMatchObject({ text: r.register });
    const mentionTs = nextTs();
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U0SARA', text: `<@${FAKE_SLACK.botUserId}> personalkanal`, ts: mentionTs, channel: 'C0STAFF' }));
    const set = await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === mentionTs);
    expect(readable(blocksOf(set))).toContain(r.staffChannelSet('Göteborgs Stad'));

    // The guest has chosen Göteborg, then writes "registrera" in the DM: a message with the button.
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0GUEST', user: 'U0GUEST', text: 'kommun Göteborg', ts: nextTs() }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0GUEST');
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0GUEST', user: 'U0GUEST', text: 'registrera', ts: nextTs() }));
    const invitation = await eventually(() => postsTo('D0GUEST')[1]);
    expect(readable(blocksOf(invitation))).toContain(r.formTitle);
    const open = button(blocksOf(invitation), 'open-registration');
    expect(open.text).toMatchObject({ text: r.openForm });

    // Pressing it opens the modal with Slack's trigger_id: six inputs, Göteborg already chosen.
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: 'open-registration', value: open.value }, { userId: 'U0GUEST', message: { channel: 'D0GUEST', ts: nextTs(), blocks: blocksOf(invitation) }, responseUrl: fake.responseUrl('guest-open') }));
    const opened = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'registration');
    expect(opened.args.trigger_id).toBe('1111.2222.abcd');
    const modal = viewOf(opened);
    expect(modal.type).toBe('modal');
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    const inputs = modal.blocks.filter((block) => block.type === 'input') as Block[];
    expect(inputs.map((block) => block.block_id)).toEqual(['municipality', 'providerName', 'orgNumber', 'name', 'email', 'phone'].map((field) => `registration:${field}`));
    const menu = inputs[0]!.element as { type: string; initial_option?: { value: string }; options: Array<{ value: string }> };
    expect(menu.type).toBe('static_select');
    expect(menu.initial_option?.value).toBe('goteborg');
    expect(menu.options.map((option) => option.value)).toEqual(expect.arrayContaining(MUNICIPALITIES));
    expect(JSON.parse(String(modal.private_metadata))).toEqual({ channel: 'U0GUEST', language: 'sv' });

    // A wrong organisation number (Luhn) is answered in the modal itself, under that field.
    const refused = await postSlackInteraction(server.url, viewSubmission(modal, typed({ ...ANNA, orgNumber: '556036-0794' }), { userId: 'U0GUEST' }));
    expect(refused.status).toBe(200);
    const answer = (await refused.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['registration:orgNumber']);
    expect(answer.errors['registration:orgNumber']).toMatch(/\S/u);
    expect((await registrations())).toHaveLength(0);

    // Corrected: the modal closes (empty 200), the guest is told in the DM, the staff channel gets the application.
    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, typed(ANNA), { userId: 'U0GUEST' }));
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe('');
    const received = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0GUEST');
    const [request] = (await registrations());
    expect(request).toMatchObject({ status: 'pending', municipality: 'goteborg', name: 'Anna Andersson' });
    expect(readable(blocksOf(received))).toContain(`Tack Anna Andersson! Din ansökan (${request!.id})`);
    expect(readable(blocksOf(received))).toContain('Kommunens personal har fått den');

    const review = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0STAFF' && buttons(blocksOf(call)).some((candidate) => candidate.action_id === 'registration-approve'));
    const reviewBlocks = blocksOf(review);
    const shown = readable(reviewBlocks);
    expect(shown).toContain(r.reviewTitle({ name: 'Anna Andersson', providerName: 'Omsorg i Väst AB' } as never));
    expect(shown).toContain('070-123 ** **');
    expect(shown).toContain('556036-****');
    expect(JSON.stringify(review.args)).not.toMatch(/123 45 67|556036-0793|5560360793/u);
    expect(buttons(reviewBlocks).map((candidate) => [candidate.action_id, (candidate.text as { text: string }).text])).toEqual([
      ['registration-approve', r.approve],
      ['registration-reject', r.reject],
    ]);
    const reviewTs = nextTs();

    // Someone in the channel who is not staff presses Godkänn: told no, and nothing changes.
    const approve = button(reviewBlocks, 'registration-approve');
    await postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'registration-decision', action_id: 'registration-approve', value: approve.value }, { userId: 'U0OUTSIDER', message: { channel: 'C0STAFF', ts: reviewTs, blocks: reviewBlocks }, responseUrl: fake.responseUrl('outsider') }));
    const no = await fake.waitForResponse('outsider');
    expect(no.body.response_type).toBe('ephemeral');
    expect(readable(blocksOf(no))).toMatch(/Bara personal i goteborg/u);
    expect(fake.callsTo('chat.update').filter((call) => call.args.ts === reviewTs)).toHaveLength(0);
    expect(postsTo('U0GUEST')).toHaveLength(1);
    expect((await registrations())[0]!.status).toBe('pending');

    // Sara approves: the buttons give way to the decision, and Anna hears in her DM.
    await postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'registration-decision', action_id: 'registration-approve', value: approve.value }, { userId: 'U0SARA', message: { channel: 'C0STAFF', ts: reviewTs, blocks: reviewBlocks }, responseUrl: fake.responseUrl('sara-approve') }));
    const updated = await fake.waitForCall('chat.update', (call) => call.args.ts === reviewTs);
    expect(updated.args.channel).toBe('C0STAFF');
    expect(buttons(blocksOf(updated))).toEqual([]);
    const decidedRequest = { ...request!, municipality: { id: 'goteborg', name: 'Göteborgs Stad' }, providerName: 'Omsorg i Väst AB' } as never;
    expect(readable(blocksOf(updated))).toContain(r.decisionRecorded(decidedRequest, true, true));
    const told = await eventually(() => postsTo('U0GUEST')[1]);
    expect(readable(blocksOf(told))).toContain(r.decided(decidedRequest, true, null));

    // The contact exists, as the registry's own command shows it.
    const listed = await runBin(['contacts', 'list', '--json'], { env: { DATA_DIR: server.dataDir } });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ municipality: 'goteborg', name: 'Anna Andersson', email: 'anna@omsorgivast.se', role: 'it-contact', identities: [{ platform: 'slack', tenantId: FAKE_SLACK.teamId, userId: 'U0GUEST' }] }),
    ]);
  });

  it('sends the application to the staff member’s DM when no staff channel is set; Avslå asks for a reason, which the applicant is shown', { timeout: 20_000 }, async () => {
    await addStaff('uppsala', 'Ulf Personal', 'U0ULF');

    // "/it registrera" has its own trigger_id: the modal opens at once.
    await postSlackCommand(server.url, slashCommand('registrera', { userId: 'U0BERIT', responseUrl: fake.responseUrl('berit-command') }));
    const opened = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'registration' && String(viewOf(call).private_metadata).includes('U0BERIT'));
    const modal = viewOf(opened);
    expect(fake.responses.filter((post) => post.name === 'berit-command')).toHaveLength(0);
    const berit = { municipality: 'uppsala', providerName: 'Vård i Uppsala AB', orgNumber: '556036-0793', name: 'Berit Berg', email: 'berit@vardiuppsala.se', phone: '018-12 34 56' };
    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, typed(berit), { userId: 'U0BERIT' }));
    expect(await accepted.text()).toBe('');

    // No staff channel for Uppsala: the review goes to Ulf directly (a post to his user id is his DM).
    const review = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0ULF');
    const reviewBlocks = blocksOf(review);
    expect(readable(reviewBlocks)).toContain('018-12 ** **');
    const reject = button(reviewBlocks, 'registration-reject');
    // Slack answers a post to U0ULF from the DM's own id, D0ULF: there the buttons are pressed.
    const reviewTs = nextTs();
    const reviewChannel = 'D0ULF';
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0BERIT');

    // Avslå opens a small modal asking the reason.
    await postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'registration-decision', action_id: 'registration-reject', value: reject.value }, { userId: 'U0ULF', message: { channel: reviewChannel, ts: reviewTs, blocks: reviewBlocks }, responseUrl: fake.responseUrl('ulf-reject') }));
    const reasonCall = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'registration-reject-reason');
    const reasonModal = viewOf(reasonCall);
    expect(reasonModal.title.text).toBe(r.rejectTitle);
    expect(reasonModal.submit?.text).toBe(r.reject);
    const [reasonInput] = reasonModal.blocks.filter((block) => block.type === 'input') as Block[];
    expect(reasonInput?.block_id).toBe('reject-reason');
    expect(reasonInput?.element).toMatchObject({ type: 'plain_text_input', multiline: true, min_length: 1 });
    const [pending] = (await registrations()).filter((request) => request.municipality === 'uppsala');
    expect(pending?.status).toBe('pending');

    // A blank reason is refused in the modal; nothing is decided.
    const blank = await postSlackInteraction(server.url, viewSubmission(reasonModal, { 'reject-reason': '   ' }, { userId: 'U0ULF' }));
    expect(await blank.json()).toEqual({ response_action: 'errors', errors: { 'reject-reason': r.reasonRequired } });
    expect((await registrations()).find((request) => request.id === pending!.id)?.status).toBe('pending');

    const reason = 'Organisationsnumret hör till en annan utförare.';
    const sent = await postSlackInteraction(server.url, viewSubmission(reasonModal, { 'reject-reason': reason }, { userId: 'U0ULF' }));
    expect(await sent.text()).toBe('');
    const updated = await fake.waitForCall('chat.update', (call) => call.args.ts === reviewTs);
    expect(updated.args.channel).toBe(reviewChannel);
    expect(buttons(blocksOf(updated))).toEqual([]);
    expect(readable(blocksOf(updated))).toMatch(/^Avslagen: Berit Berg/mu);
    const told = await eventually(() => postsTo('U0BERIT')[1]);
    expect(readable(blocksOf(told))).toContain(`har avslagits: ${reason}`);
    expect((await registrations()).find((request) => request.id === pending!.id)).toMatchObject({ status: 'rejected', reason });
  });

  it('offers "Registrera dig" in the Home tab, whose press opens the modal without republishing the tab', async () => {
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_home_opened', user: 'U0HOMEREG', channel: 'D0HOMEREG', tab: 'home' }));
    const home = await fake.waitForCall('views.publish', (call) => call.args.user_id === 'U0HOMEREG');
    const register = button((home.args.view as { blocks: Block[] }).blocks, 'open-registration');
    expect(register.text).toMatchObject({ text: r.register });
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: 'open-registration', value: register.value }, { userId: 'U0HOMEREG', home: true }));
    const opened = await fake.waitForCall('views.open', (call) => String(viewOf(call).private_metadata).includes('U0HOMEREG'));
    expect(viewOf(opened).callback_id).toBe('registration');
    expect(fake.callsTo('views.publish').filter((call) => call.args.user_id === 'U0HOMEREG')).toHaveLength(1);
  });

  it('acknowledges a submission within Slack’s three seconds even when posting the application is slow, and answers after', { timeout: 20_000 }, async () => {
    await addStaff('vellinge', 'Vera Personal', 'U0VERA');
    await postSlackCommand(server.url, slashCommand('registrera', { userId: 'U0SLOW', responseUrl: fake.responseUrl('slow-command') }));
    const modal = viewOf(await fake.waitForCall('views.open', (call) => String(viewOf(call).private_metadata).includes('U0SLOW')));
    fake.delay('chat.postMessage', 3_500);
    try {
      const started = Date.now();
      const response = await postSlackInteraction(
        server.url,
        viewSubmission(modal, typed({ municipality: 'vellinge', providerName: 'Vård i Vellinge AB', orgNumber: '556036-0793', name: 'Cecilia Carlsson', email: 'cecilia@vard.se', phone: '040-12 34 56' }), { userId: 'U0SLOW' }),
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      expect(Date.now() - started).toBeLessThan(3_000);
      const received = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0SLOW', 10_000);
      expect(readable(blocksOf(received))).toContain('Tack Cecilia Carlsson!');
    } finally {
      fake.delay('chat.postMessage', 0);
    }
  });

  it('refuses a forged decision button and an unknown modal without deciding anything', async () => {
    await postSlackInteraction(
      server.url,
      blockAction({ type: 'button', block_id: 'registration-decision', action_id: 'registration-approve', value: JSON.stringify({ requestId: 'r-00000000', decision: 'reject', language: 'sv' }) }, { userId: 'U0SARA', message: { channel: 'C0STAFF', ts: nextTs(), blocks: [] }, responseUrl: fake.responseUrl('forged-decision') }),
    );
    await eventually(() => server.logs.find((line) => line.reason === 'invalid value for registration-approve'));
    const unknown = await postSlackInteraction(server.url, viewSubmission({ callback_id: 'something-else', blocks: [] }, {}, { userId: 'U0SARA' }));
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toBe('');
    await eventually(() => server.logs.find((line) => line.reason === 'unknown modal something-else'));
    expect(fake.responses.filter((post) => post.name === 'forged-decision')).toHaveLength(0);
  });
});

// The texts used above exist in both languages (a missing English text would be a type error, but
// a blank one would not).
describe('registration texts for Slack', () => {
  it('has every short label within Slack’s limits in both languages', () => {
    for (const language of ['sv', 'en'] as const) {
      const t = registrationTexts[language];
      for (const label of [t.formTitleShort, t.submit, t.cancel, t.rejectTitle, t.reject]) {
        expect(label.length, `${language}: ${label}`).toBeGreaterThan(0);
        expect(label.length, `${language}: ${label}`).toBeLessThanOrEqual(24);
      }
      for (const label of [t.register, t.openForm]) expect(label.length).toBeLessThanOrEqual(75);
      expect(texts[language].apology).toBeTruthy();
    }
  });
});
