import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOTICE_ACTION_IDS, NOTICE_BLOCK_IDS, NOTICE_CALLBACK_IDS, renderReply, startSlack, type SlackEndpoint } from '../../adapters/slack/index.js';
import type { Destination, DestinationRepository, PreferenceRepository } from '../../src/contacts/index.js';
import { noticeTexts, type Bot, type BotAction, type Reply, type Turn } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { createHttpApp, listen, type RunningServer } from '../../src/server/index.js';
import { FAKE_SLACK, blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, startFakeSlackApi, viewSubmission, type FakeSlackApi, type FakeSlackCall, type OpenedView, slackEnv } from '../support/fake-slack-api.js';
import { eventually } from '../support/server.js';
import { DISRUPTION, GBG, PLANNED, buttonsOf, changeReply, formReply, readable, type AnyBlock } from './slack-notice-fixtures.js';

// The Slack adapter as the server runs it (signed requests over loopback, Bolt, the fake Web API),
// with a scripted core: what the adapter makes of notice payloads, and where the answers go.

/** The core, scripted: records every turn and answers what the test says. */
class ScriptedCore {
  readonly turns: Turn[] = [];
  answer: (turn: Turn) => Reply[] = () => [];

  async handle(turn: Turn): Promise<Reply[]> {
    this.turns.push(turn);
    return this.answer(turn);
  }

  actions(): BotAction[] {
    return this.turns.flatMap((turn) => (turn.kind === 'action' ? [turn.action] : []));
  }
}

class MemoryDestinations implements DestinationRepository {
  private readonly byKey = new Map<string, Destination>();
  async upsert(destination: Destination): Promise<void> {
    this.byKey.set(destination.key, destination);
  }
  async remove(key: string): Promise<boolean> {
    return this.byKey.delete(key);
  }
  async get(key: string): Promise<Destination | undefined> {
    return this.byKey.get(key);
  }
  async list(): Promise<readonly Destination[]> {
    return [...this.byKey.values()];
  }
}

const noPreferences: PreferenceRepository = { get: async () => undefined, set: async () => undefined };

let fake: FakeSlackApi;
let core: ScriptedCore;
let endpoint: SlackEndpoint;
let server: RunningServer;
let tsCounter = 0;
const nextTs = (): string => `${1_760_100_000 + ++tsCounter}.000100`;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  core = new ScriptedCore();
  const config = loadConfig(slackEnv(fake.url));
  const logger = createLogger({ level: 'silent' });
  // The adapter calls only handle() (see SlackHandlerDependencies); the scripted core is that.
  endpoint = await startSlack({ config, logger, bot: core as unknown as Bot, destinations: new MemoryDestinations(), preferences: noPreferences });
  server = await listen(createHttpApp({ logger, health: () => ({ status: 'ok', knowledge: { records: 0, municipalities: 0 }, store: { kind: 'none', path: '' }, platforms: { teams: false, slack: true } }), mount: (app) => endpoint.mount(app) }), '127.0.0.1', 0);
});

afterAll(async () => {
  await endpoint?.stop();
  await server?.close();
  await fake?.close();
});

beforeEach(() => {
  core.turns.length = 0;
  core.answer = () => [];
});

const openedViews = (callbackId: string): OpenedView[] => fake.callsTo('views.open').map((call) => call.args.view as OpenedView).filter((view) => view.callback_id === callbackId);
const blocksOf = (call: FakeSlackCall): AnyBlock[] => (call.args.blocks ?? []) as AnyBlock[];

describe('"/it driftinfo"', () => {
  it('reaches the core as "driftinfo" and the list comes back to the one who asked, with the staff buttons', async () => {
    core.answer = (turn) => (turn.kind === 'message' ? [{ kind: 'notice-list', language: 'sv', municipality: GBG, notices: [PLANNED], canPublish: true }] : []);
    const response = await postSlackCommand(server.url, slashCommand('driftinfo', { userId: 'U0OLLE', responseUrl: fake.responseUrl('driftinfo') }));
    expect(response.status).toBe(200);
    const answered = await fake.waitForResponse('driftinfo');
    expect(core.turns[0]).toMatchObject({ kind: 'message', text: 'driftinfo', actor: { platform: 'slack', userId: 'U0OLLE', tenantId: FAKE_SLACK.teamId }, conversation: { id: 'C0ITDRIFT', kind: 'channel' } });
    expect(answered.body.response_type).toBe('ephemeral');
    const blocks = answered.body.blocks as AnyBlock[];
    expect(readable(blocks)).toContain(noticeTexts.sv.listTitle('Göteborgs Stad'));
    expect(buttonsOf(blocks).map((button) => button.action_id)).toEqual([NOTICE_ACTION_IDS.report, NOTICE_ACTION_IDS.newPlanned, NOTICE_ACTION_IDS.newDisruption]);
  });
});

describe('a new notice, from the button to the preview', () => {
  it('opens the form as a modal, keeps field errors in it, and previews in the DM once it is right', async () => {
    core.answer = (turn) => (turn.kind === 'action' && turn.action.type === 'open-notice-form' ? [formReply()] : []);
    const list = renderReply({ kind: 'notice-list', language: 'sv', municipality: GBG, notices: [], canPublish: true });
    const newPlanned = buttonsOf(list.blocks).find((button) => button.action_id === NOTICE_ACTION_IDS.newPlanned)!;
    const before = openedViews(NOTICE_CALLBACK_IDS.form).length;
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: newPlanned.action_id, value: newPlanned.value }, { userId: 'U0OLLE', responseUrl: fake.responseUrl('new-planned'), message: { channel: 'C0ITDRIFT', ts: nextTs(), ephemeral: true } }));
    const modal = await eventually(() => openedViews(NOTICE_CALLBACK_IDS.form)[before]);
    expect(core.actions()).toEqual([{ type: 'open-notice-form', noticeKind: 'planned' }]);
    // Answers to the modal go to Olle's DM (his user id), wherever the button was.
    expect(JSON.parse(modal.private_metadata!)).toEqual({ noticeKind: 'planned', channel: 'U0OLLE', language: 'sv' });
    expect(fake.responses.filter((post) => post.name === 'new-planned')).toHaveLength(0);

    // A start date without a time (Slack lets an empty picker through): the bot sends the form back, shown under the start.
    core.answer = (turn) =>
      turn.kind === 'action' && turn.action.type === 'preview-notice' && turn.action.values.start === '2026-12-06'
        ? [formReply({ values: { ...turn.action.values } as never, errors: [{ field: 'start', message: 'Välj en tid för starten.' }] })]
        : [{ kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: [], needsReason: false, recipients: 14, rules: { title: 'Regler i kraft', lines: [] } }];
    const typed = { 'notice:title': 'Treserva uppgraderas', 'notice:systems': 'treserva,lifecare', 'notice:startDate': '2026-12-06', 'notice:endDate': '2026-12-06', 'notice:endTime': '12:00', 'notice:description': 'Version 7.2.' };
    const refused = await postSlackInteraction(server.url, viewSubmission(modal, typed, { userId: 'U0OLLE' }));
    expect(await refused.json()).toEqual({ response_action: 'errors', errors: { 'notice:startDate': 'Välj en tid för starten.' } });
    const asked = core.actions().at(-1)!;
    expect(asked).toEqual({ type: 'preview-notice', noticeKind: 'planned', values: { title: 'Treserva uppgraderas', systems: 'treserva,lifecare', start: '2026-12-06', end: '2026-12-06 12:00', description: 'Version 7.2.', impact: '' } });

    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, { ...typed, 'notice:startTime': '08:00' }, { userId: 'U0OLLE' }));
    expect(await accepted.text()).toBe('');
    expect(core.actions().at(-1)).toMatchObject({ type: 'preview-notice', values: { start: '2026-12-06 08:00', end: '2026-12-06 12:00' } });
    const preview = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0OLLE' && String(call.args.text) === noticeTexts.sv.previewTitle(14));
    expect(blocksOf(preview).some((block) => block.block_id === NOTICE_BLOCK_IDS.previewActions)).toBe(true);
    expect(fake.messagesIn('D0OLLE').map((message) => message.text)).toContain(noticeTexts.sv.previewTitle(14));
  });

  it('sends the form as a message where no modal can be opened (a DM has no trigger), and its button opens the modal as typed', async () => {
    const typed = { title: 'Phoniro', systems: 'phoniro', start: '', end: '', description: '', impact: '' };
    core.answer = (turn) =>
      turn.kind === 'message'
        ? [formReply({ noticeKind: 'disruption', values: typed, errors: [{ field: 'description', message: 'Beskriv felet.' }] })]
        : turn.kind === 'action' && turn.action.type === 'open-notice-form'
          ? [formReply({ noticeKind: 'disruption' })]
          : [];
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0OLLE', user: 'U0OLLE', text: 'ny driftstörning', ts: nextTs() }));
    const message = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0OLLE' && String(call.args.text) === noticeTexts.sv.formTitle('disruption', 'Göteborgs Stad'));
    const [open] = buttonsOf(blocksOf(message));
    expect(open!.action_id).toBe(NOTICE_ACTION_IDS.openForm);

    const before = openedViews(NOTICE_CALLBACK_IDS.form).length;
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: open!.action_id, value: open!.value }, { userId: 'U0OLLE', message: { channel: 'D0OLLE', ts: String(message.result!.ts), blocks: blocksOf(message) } }));
    const modal = await eventually(() => openedViews(NOTICE_CALLBACK_IDS.form)[before]);
    const inputs = modal.blocks.filter((block) => block.type === 'input');
    // What the message carried wins over the bot's empty prefill.
    expect(inputs.find((block) => block.block_id === 'notice:title')!.element).toMatchObject({ initial_value: 'Phoniro' });
    expect(inputs.find((block) => block.block_id === 'notice:systems')!.element).toMatchObject({ initial_options: [{ value: 'phoniro' }] });
  });
});

describe('publishing from the preview', () => {
  /** A preview as the bot posted it in Olle's DM, as Slack echoes it with a press. */
  function postedPreview(needsReason: boolean): { ts: string; blocks: AnyBlock[] } {
    const reply: Reply = { kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: needsReason ? ['Minst 10 dagars framförhållning.'] : [], needsReason, recipients: 14, rules: { title: 'Regler i kraft', lines: [] } };
    return { ts: nextTs(), blocks: renderReply(reply).blocks as AnyBlock[] };
  }

  it('Publicera publishes and the preview shows so, without its buttons', async () => {
    const preview = postedPreview(false);
    core.answer = (turn) => (turn.kind === 'action' && turn.action.type === 'publish-notice' ? [{ kind: 'notice-action-recorded', language: 'sv', notice: PLANNED, action: 'published', recipients: 14 }] : []);
    const [publish] = buttonsOf(preview.blocks);
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: publish!.action_id, value: publish!.value }, { userId: 'U0OLLE', responseUrl: fake.responseUrl('publish'), message: { channel: 'D0OLLE', ts: preview.ts, blocks: preview.blocks } }));
    const update = await fake.waitForCall('chat.update', (call) => call.args.ts === preview.ts);
    expect(core.actions()).toEqual([{ type: 'publish-notice', noticeId: PLANNED.id }]);
    expect(update.args.channel).toBe('D0OLLE');
    expect(update.args.text).toBe(noticeTexts.sv.recorded('published', PLANNED, 14));
    expect(buttonsOf(blocksOf(update)).map((button) => button.action_id)).toEqual([NOTICE_ACTION_IDS.report]);
  });

  it('against the rules, Publicera asks the reason first: a blank one stays in the modal, a refusal too, then it publishes', async () => {
    const preview = postedPreview(true);
    const [publish] = buttonsOf(preview.blocks);
    const before = openedViews(NOTICE_CALLBACK_IDS.reason).length;
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: publish!.action_id, value: publish!.value }, { userId: 'U0OLLE', responseUrl: fake.responseUrl('publish-reason'), message: { channel: 'D0OLLE', ts: preview.ts, blocks: preview.blocks } }));
    const modal = await eventually(() => openedViews(NOTICE_CALLBACK_IDS.reason)[before]);
    // Asking is not publishing: the core has heard nothing yet.
    expect(core.turns).toEqual([]);

    const blank = await postSlackInteraction(server.url, viewSubmission(modal, { [NOTICE_BLOCK_IDS.reason]: '   ' }, { userId: 'U0OLLE' }));
    expect(await blank.json()).toEqual({ response_action: 'errors', errors: { [NOTICE_BLOCK_IDS.reason]: noticeTexts.sv.needsReason } });
    expect(core.turns).toEqual([]);

    core.answer = () => [{ kind: 'error', language: 'sv', message: 'Bara kommunens personal kan publicera.' }];
    const refused = await postSlackInteraction(server.url, viewSubmission(modal, { [NOTICE_BLOCK_IDS.reason]: 'Akut' }, { userId: 'U0OLLE' }));
    expect(await refused.json()).toEqual({ response_action: 'errors', errors: { [NOTICE_BLOCK_IDS.reason]: 'Bara kommunens personal kan publicera.' } });

    core.answer = () => [{ kind: 'notice-action-recorded', language: 'sv', notice: PLANNED, action: 'published', recipients: 14 }];
    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, { [NOTICE_BLOCK_IDS.reason]: 'Akut säkerhetsuppdatering.' }, { userId: 'U0OLLE' }));
    expect(await accepted.text()).toBe('');
    expect(core.actions().at(-1)).toEqual({ type: 'publish-notice', noticeId: PLANNED.id, reason: 'Akut säkerhetsuppdatering.' });
    const update = await fake.waitForCall('chat.update', (call) => call.args.ts === preview.ts);
    expect(update.args.text).toBe(noticeTexts.sv.recorded('published', PLANNED, 14));
  });
});

describe('changing a published notice', () => {
  it('the report’s Uppdatera opens the change modal; a refusal stays in it, the update goes through', async () => {
    core.answer = (turn) => (turn.kind === 'action' && turn.action.type === 'open-notice-change' ? [changeReply()] : []);
    const report = renderReply({ kind: 'notice-report', language: 'sv', notice: DISRUPTION, report: { channels: [], failures: [], complete: true } });
    const [update] = buttonsOf(report.blocks);
    const before = openedViews(NOTICE_CALLBACK_IDS.change).length;
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: update!.action_id, value: update!.value }, { userId: 'U0OLLE', responseUrl: fake.responseUrl('report'), message: { channel: 'C0STAFF', ts: nextTs(), blocks: report.blocks } }));
    const modal = await eventually(() => openedViews(NOTICE_CALLBACK_IDS.change)[before]);
    expect(core.actions()).toEqual([{ type: 'open-notice-change', noticeId: DISRUPTION.id, mode: 'update' }]);
    expect(JSON.parse(modal.private_metadata!)).toEqual({ noticeId: DISRUPTION.id, mode: 'update', channel: 'U0OLLE', language: 'sv' });

    core.answer = () => [{ kind: 'error', language: 'sv', message: 'Meddelandet är redan åtgärdat.' }];
    const refused = await postSlackInteraction(server.url, viewSubmission(modal, { 'notice-change:text': 'Bevakas.', 'notice-change:state': 'monitoring' }, { userId: 'U0OLLE' }));
    expect(await refused.json()).toEqual({ response_action: 'errors', errors: { 'notice-change:text': 'Meddelandet är redan åtgärdat.' } });

    core.answer = () => [{ kind: 'notice-action-recorded', language: 'sv', notice: DISRUPTION, action: 'updated', recipients: 9 }];
    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, { 'notice-change:text': 'Bevakas.', 'notice-change:state': 'monitoring' }, { userId: 'U0OLLE' }));
    expect(await accepted.text()).toBe('');
    expect(core.actions().at(-1)).toEqual({ type: 'change-notice', noticeId: DISRUPTION.id, mode: 'update', values: { text: 'Bevakas.', state: 'monitoring' } });
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0OLLE' && call.args.text === noticeTexts.sv.recorded('updated', DISRUPTION, 9));
  });
});
