import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTexts, texts, ticketTexts } from '../../src/bot/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { FAKE_SLACK, blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, startFakeSlackApi, type FakeSlackApi, type FakeSlackCall, slackEnv } from '../support/fake-slack-api.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown> };

const sv = texts.sv;
const SITHS_QUESTION = 'Får en kollega låna mitt SITHS-kort?';
const ANTIVIRUS_QUESTION = 'Måste våra datorer ha antivirus?';

let fake: FakeSlackApi;
let server: TestServer;
let tsCounter = 0;
const nextTs = (): string => `${1_760_000_000 + ++tsCounter}.000100`;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  server = await startTestServer(slackEnv(fake.url));
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

function blocksOf(value: { args?: Record<string, unknown>; body?: Record<string, unknown> }): Block[] {
  return ((value.args ?? value.body)?.blocks ?? []) as Block[];
}

/** Everything a person can read in a message: section, header and context texts. */
function readable(blocks: Block[]): string {
  return blocks
    .flatMap((block) => [block.text?.text ?? '', ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])])
    .join('\n');
}

function buttons(blocks: Block[]): Array<Record<string, unknown>> {
  return blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
}

/** A cited answer: at least one context block that says "Källa: <municipality>, ..." and quotes «...». */
function expectCitedAnswer(blocks: Block[]): void {
  const contexts = blocks.filter((block) => block.type === 'context').map((block) => (block.elements ?? []).map((element) => String(element.text)).join(' '));
  expect(contexts.some((text) => /^Källa: [^,]+, [^,]+, .+«.+»$/su.test(text))).toBe(true);
  const actionIds = buttons(blocks).map((button) => button.action_id);
  expect(actionIds).toEqual(['feedback-yes', 'feedback-no', 'create-ticket']);
  expect(readable(blocks)).toContain(sv.helpful);
}

const postsTo = (channel: string): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);

describe('Slack endpoint security', () => {
  it('calls auth.test with the bot token at start', () => {
    expect(fake.callsTo('auth.test').some((call) => call.token === FAKE_SLACK.botToken)).toBe(true);
  });

  it('answers the url_verification challenge', async () => {
    const response = await postSlackEvent(server.url, { token: 'x', challenge: 'kommun-utmaning-42', type: 'url_verification' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'kommun-utmaning-42' });
  });

  it('refuses a bad signature, a stale or future timestamp and missing headers with 401, and answers none of them', async () => {
    // "hjälp" gets exactly one reply, so one post means exactly one request got through.
    const event = () => eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0FORGED', user: 'U0FORGED', text: 'hjälp', ts: nextTs() });
    const now = Math.floor(Date.now() / 1000);
    const wrongSecret = await postSlackEvent(server.url, event(), { secret: '00112233445566778899aabbccddeeff' });
    const stale = await postSlackEvent(server.url, event(), { timestamp: now - 6 * 60 });
    const future = await postSlackEvent(server.url, event(), { timestamp: now + 6 * 60 });
    const garbage = await postSlackEvent(server.url, event(), { signature: 'v0=not-a-signature' });
    const missing = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event()) });
    expect([wrongSecret.status, stale.status, future.status, garbage.status, missing.status]).toEqual([401, 401, 401, 401, 401]);
    // A request signed four minutes ago is inside the window.
    const recent = await postSlackEvent(server.url, event(), { timestamp: now - 4 * 60 });
    expect(recent.status).toBe(200);
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0FORGED');
    expect(postsTo('D0FORGED')).toHaveLength(1);
  });

  it('acknowledges a replayed event (X-Slack-Retry-Num, same event_id) with 200 and does not answer it twice', async () => {
    const body = eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0REPLAY', user: 'U0REPLAY', text: ANTIVIRUS_QUESTION, ts: nextTs() }, 'Ev0REPLAY1');
    const now = Math.floor(Date.now() / 1000);
    expect((await postSlackEvent(server.url, body, { timestamp: now })).status).toBe(200);
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0REPLAY');
    // Slack signs each retry anew (they come up to five minutes later); the same bytes sent again
    // are a replay, test/security/slack-replay.test.ts.
    const retry = await postSlackEvent(server.url, body, { retryNum: 1, timestamp: now - 1 });
    const replay = await postSlackEvent(server.url, body, { retryNum: 2, timestamp: now - 2 });
    expect([retry.status, replay.status]).toEqual([200, 200]);
    await eventually(() => server.logs.filter((line) => line.eventId === 'Ev0REPLAY1' && line.retryNum === 2).length === 1);
    const answers = postsTo('D0REPLAY').filter((call) => buttons(blocksOf(call)).length > 0);
    expect(answers).toHaveLength(1);
  });

  it('acknowledges before it answers: a slow Slack API does not hold the 200', async () => {
    fake.delay('chat.postMessage', 3_000);
    try {
      const started = Date.now();
      const response = await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0SLOW', user: 'U0SLOW', text: 'hjälp', ts: nextTs() }));
      const elapsed = Date.now() - started;
      expect(response.status).toBe(200);
      expect(elapsed).toBeLessThan(2_500);
      await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0SLOW');
    } finally {
      fake.delay('chat.postMessage', 0);
    }
  });

  it('logs and acknowledges an event type it does not handle', async () => {
    const response = await postSlackEvent(server.url, eventEnvelope({ type: 'reaction_added', user: 'U0ANNA', reaction: 'thumbsup', item: { type: 'message', channel: 'C0X', ts: '1.2' } }));
    expect(response.status).toBe(200);
    await eventually(() => server.logs.find((line) => line.type === 'reaction_added' && String(line.msg).includes('unsupported')));
  });
});

describe('questions in Slack', () => {
  it('answers "@itkontakt <question>" in a thread under the question, with the mention stripped, cited', async () => {
    const ts = nextTs();
    const response = await postSlackEvent(
      server.url,
      eventEnvelope({ type: 'app_mention', user: 'U0MENTION', text: `<@${FAKE_SLACK.botUserId}> ${SITHS_QUESTION}`, ts, channel: 'C0ITDRIFT', team: FAKE_SLACK.teamId }),
    );
    expect(response.status).toBe(200);
    const post = await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === ts);
    expect(post.args.channel).toBe('C0ITDRIFT');
    expect(post.token).toBe(FAKE_SLACK.botToken);
    const blocks = blocksOf(post);
    expectCitedAnswer(blocks);
    expect(readable(blocks)).toMatch(/SITHS/u);
    const feedback = JSON.parse(String(buttons(blocks)[0]!.value)) as { question: string };
    expect(feedback.question).toBe(SITHS_QUESTION);
    expect(String(post.args.text)).toContain('Källa:');
  });

  it('answers a direct message in the DM (not in a thread) and asks once for the municipality with a menu', async () => {
    const ts = nextTs();
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0DM', user: 'U0DM', text: ANTIVIRUS_QUESTION, ts }));
    const [answer, choose] = await eventually(() => {
      const posts = postsTo('D0DM');
      return posts.length >= 2 ? posts : undefined;
    });
    expect(answer!.args.thread_ts).toBeUndefined();
    expectCitedAnswer(blocksOf(answer!));
    const menu = blocksOf(choose!).find((block) => block.accessory?.type === 'static_select');
    expect(menu?.text?.text).toContain(sv.chooseMunicipality);
    expect((menu?.accessory?.options as unknown[]).length).toBeGreaterThanOrEqual(5);
  });

  it('ignores the bot’s own messages, other bots and edits in the DM', async () => {
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0OWN', user: FAKE_SLACK.botUserId, bot_id: FAKE_SLACK.botId, text: 'Svar', ts: nextTs() }));
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0OWN', user: 'U0OTHERBOT', bot_id: 'B0OTHER', text: 'Hej', ts: nextTs() }));
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0OWN', ts: nextTs(), message: { text: 'x' } }));
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0OWN', user: 'U0OWN', text: 'hjälp', ts: nextTs() }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0OWN');
    // Both were handled (as ignored) before we count: a late answer to them would show up here.
    await eventually(() => server.logs.some((line) => line.reason === 'message message_changed'));
    await eventually(() => server.logs.some((line) => line.reason === 'message from a bot'));
    expect(postsTo('D0OWN')).toHaveLength(1);
  });

  it('answers "/it <question>" ephemerally through the response_url, repeating the question, cited', async () => {
    const responseUrl = fake.responseUrl('it-question');
    const response = await postSlackCommand(server.url, slashCommand(SITHS_QUESTION, { userId: 'U0CMD', responseUrl }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const post = await fake.waitForResponse('it-question');
    expect(post.body.response_type).toBe('ephemeral');
    const blocks = blocksOf(post);
    expect(blocks[0]?.text?.text).toBe(`> ${SITHS_QUESTION}`);
    expectCitedAnswer(blocks);
  });

  it.each([
    ['', sv.helpTitle],
    ['hjälp', sv.helpTitle],
    // Tickets are for registered IT-contacts; a guest is told so (test/integration/slack-tickets.test.ts files one).
    ['ärende', ticketTexts.sv.onlyRegistered],
    ['mina ärenden', ticketTexts.sv.listEmpty],
    // Slack escapes the angle brackets of "kommun <namn>"; the rest of the sentence is as written.
    ['driftinfo', noticeTexts.sv.listNoMunicipality.split(')')[1]!.trim()],
    ['kommun Göteborg', 'Göteborgs Stad'],
    ['kommun Atlantis', sv.unknownMunicipality('Atlantis')],
  ])('"/it %s" says %s', async (text, expected) => {
    const name = `it-${text || 'empty'}`;
    await postSlackCommand(server.url, slashCommand(text, { userId: `U0SUB${text.length}`, responseUrl: fake.responseUrl(name) }));
    const post = await fake.waitForResponse(name);
    expect(readable(blocksOf(post))).toContain(expected);
  });

  it('says "no answer" briefly and offers a ticket for an out-of-scope question', async () => {
    await postSlackCommand(server.url, slashCommand('Vem vann fotbolls-VM 2018?', { userId: 'U0OOS', responseUrl: fake.responseUrl('oos') }));
    const blocks = blocksOf(await fake.waitForResponse('oos'));
    expect(readable(blocks)).toMatch(/hittar inget/u);
    expect(buttons(blocks).map((button) => button.action_id)).toEqual(['create-ticket']);
    expect(blocks.some((block) => block.type === 'context' && readable([block]).includes('Källa'))).toBe(false);
  });
});

describe('buttons and the Home tab', () => {
  it('records "Ja" on an answer and replaces the Ja/Nej buttons with the thanks (chat.update), keeping "Skapa ärende"', async () => {
    const ts = nextTs();
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U0FEEDBACK', text: `<@${FAKE_SLACK.botUserId}> ${SITHS_QUESTION}`, ts, channel: 'C0FEEDBACK' }));
    const post = await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === ts);
    const blocks = blocksOf(post);
    const yes = buttons(blocks).find((button) => button.action_id === 'feedback-yes')!;
    const answerTs = nextTs();
    const response = await postSlackInteraction(
      server.url,
      blockAction({ type: 'button', block_id: 'answer-actions', action_id: 'feedback-yes', value: yes.value, text: { type: 'plain_text', text: 'Ja' } }, {
        userId: 'U0FEEDBACK',
        responseUrl: fake.responseUrl('feedback-yes'),
        message: { channel: 'C0FEEDBACK', ts: answerTs, thread_ts: ts, blocks, text: String(post.args.text) },
      }),
    );
    expect(response.status).toBe(200);
    const update = await fake.waitForCall('chat.update', (call) => call.args.ts === answerTs);
    expect(update.args.channel).toBe('C0FEEDBACK');
    const updated = blocksOf(update);
    expect(buttons(updated).map((button) => button.action_id)).toEqual(['create-ticket']);
    expect(readable(updated)).toContain(sv.feedbackThanks(true));
    expectCitedBlocksKept(blocks, updated);
  });

  it('thanks ephemerally for feedback on an ephemeral (/it) answer; "Skapa ärende" tells a guest who may file', async () => {
    await postSlackCommand(server.url, slashCommand(SITHS_QUESTION, { userId: 'U0EPH', responseUrl: fake.responseUrl('eph-answer') }));
    const blocks = blocksOf(await fake.waitForResponse('eph-answer'));
    const no = buttons(blocks).find((button) => button.action_id === 'feedback-no')!;
    const ticket = buttons(blocks).find((button) => button.action_id === 'create-ticket')!;
    const message = { channel: 'C0ITDRIFT', ts: nextTs(), ephemeral: true };
    await postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'answer-actions', action_id: 'feedback-no', value: no.value }, { userId: 'U0EPH', responseUrl: fake.responseUrl('eph-no'), message }));
    await postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'answer-actions', action_id: 'create-ticket', value: ticket.value }, { userId: 'U0EPH', responseUrl: fake.responseUrl('eph-ticket'), message }));
    const thanks = await fake.waitForResponse('eph-no');
    expect(thanks.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(readable(blocksOf(thanks))).toContain(sv.feedbackThanks(false));
    expect(readable(blocksOf(await fake.waitForResponse('eph-ticket')))).toContain(ticketTexts.sv.onlyRegistered);
  });

  it('refuses a forged button value (400) without recording anything', async () => {
    const response = await postSlackInteraction(
      server.url,
      blockAction({ type: 'button', block_id: 'answer-actions', action_id: 'feedback-yes', value: '{"answerId":42}' }, { userId: 'U0FORGE', responseUrl: fake.responseUrl('forged'), message: { channel: 'C0F', ts: nextTs(), ephemeral: true } }),
    );
    expect(response.status).toBe(400);
    await eventually(() => server.logs.find((line) => line.reason === 'invalid value for feedback-yes'));
    expect(fake.responses.filter((post) => post.name === 'forged')).toHaveLength(0);
  });

  it('sets the municipality from the menu under a first answer', async () => {
    await postSlackInteraction(
      server.url,
      blockAction(
        { type: 'static_select', block_id: 'municipality:sv', action_id: 'choose-municipality', selected_option: { text: { type: 'plain_text', text: 'Uppsala kommun' }, value: 'uppsala' } },
        { userId: 'U0MENU', responseUrl: fake.responseUrl('menu'), message: { channel: 'D0MENU', ts: nextTs(), blocks: [] } },
      ),
    );
    expect(readable(blocksOf(await fake.waitForResponse('menu')))).toMatch(/Klart! Jag svarar nu utifrån Uppsala/u);
  });

  it('publishes the Home tab with the user’s municipality, how to ask, their tickets and the service status; the menu there changes it', async () => {
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'home' }));
    const first = await fake.waitForCall('views.publish', (call) => call.args.user_id === 'U0HOME');
    const view = first.args.view as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    const shown = readable(view.blocks);
    for (const expected of [sv.currentMunicipality(null), sv.helpTitle, ticketTexts.sv.listTitle, noticeTexts.sv.listNoMunicipality.split(')')[1]!.trim()]) expect(shown).toContain(expected);

    await postSlackInteraction(
      server.url,
      blockAction({ type: 'static_select', block_id: 'municipality:sv', action_id: 'choose-municipality', selected_option: { text: { type: 'plain_text', text: 'Göteborgs Stad' }, value: 'goteborg' } }, { userId: 'U0HOME', home: true }),
    );
    const second = await eventually(() => fake.callsTo('views.publish').filter((call) => call.args.user_id === 'U0HOME')[1]);
    const updated = second.args.view as { blocks: Block[] };
    expect(readable(updated.blocks)).toContain('Din kommun: Göteborgs Stad.');
    const menu = updated.blocks.find((block) => block.accessory?.type === 'static_select');
    expect((menu?.accessory?.initial_option as { value: string }).value).toBe('goteborg');
  });

  it('tries again when Slack answers 429 with Retry-After, and the Home tab still arrives once', async () => {
    fake.rateLimit('views.publish', 0);
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_home_opened', user: 'U0LIMIT', channel: 'D0LIMIT', tab: 'home' }));
    const publishes = (): number => fake.callsTo('views.publish').filter((call) => call.args.user_id === 'U0LIMIT').length;
    await eventually(() => publishes() === 2);
    expect(await eventually(() => server.logs.find((line) => line.retryAfterSeconds === 0))).toMatchObject({ retryAfterSeconds: 0 });
    // The refused call and the one that went through: nothing more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(publishes()).toBe(2);
  });

  it('does not publish a Home tab when the Messages tab is opened', async () => {
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_home_opened', user: 'U0MSGTAB', channel: 'D0MSGTAB', tab: 'messages' }));
    await eventually(() => server.logs.find((line) => line.reason === 'messages tab'));
    expect(fake.callsTo('views.publish').filter((call) => call.args.user_id === 'U0MSGTAB')).toHaveLength(0);
  });
});

function expectCitedBlocksKept(before: Block[], after: Block[]): void {
  const citations = (blocks: Block[]) => blocks.filter((block) => block.type === 'context' && readable([block]).startsWith('Källa'));
  expect(citations(after)).toEqual(citations(before));
}

describe('persistence across a restart', () => {
  it('keeps the municipality, feedback and channel destinations on the same DATA_DIR', async () => {
    const dataDir = await temporaryDataDir();
    let first: TestServer | undefined = await startTestServer(slackEnv(fake.url), dataDir);
    try {
      await postSlackCommand(first.url, slashCommand('kommun Göteborg', { userId: 'U0KEEP', responseUrl: fake.responseUrl('keep-set') }));
      expect(readable(blocksOf(await fake.waitForResponse('keep-set')))).toContain('Göteborgs Stad');

      await postSlackCommand(first.url, slashCommand(ANTIVIRUS_QUESTION, { userId: 'U0KEEP', responseUrl: fake.responseUrl('keep-answer') }));
      const yes = buttons(blocksOf(await fake.waitForResponse('keep-answer'))).find((button) => button.action_id === 'feedback-yes')!;
      await postSlackInteraction(first.url, blockAction({ type: 'button', block_id: 'answer-actions', action_id: 'feedback-yes', value: yes.value }, { userId: 'U0KEEP', responseUrl: fake.responseUrl('keep-thanks'), message: { channel: 'C0KEEP', ts: nextTs(), ephemeral: true } }));
      await fake.waitForResponse('keep-thanks');

      await postSlackEvent(first.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: 'C0NOTICES', channel_type: 'C', team: FAKE_SLACK.teamId, inviter: 'U0KEEP' }));
      await postSlackEvent(first.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: 'C0LEAVING', channel_type: 'C', team: FAKE_SLACK.teamId, inviter: 'U0KEEP' }));
      await postSlackEvent(first.url, eventEnvelope({ type: 'member_joined_channel', user: 'U0SOMEONE', channel: 'C0OTHER', channel_type: 'C', team: FAKE_SLACK.teamId }));
      const welcome = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0NOTICES');
      expect(readable(blocksOf(welcome))).toContain(sv.welcomeTitle);
      await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0LEAVING');
      await postSlackEvent(first.url, eventEnvelope({ type: 'channel_left', channel: 'C0LEAVING', actor_id: 'U0KEEP' }));
      await eventually(() => first!.logs.find((line) => line.channel === 'C0LEAVING' && String(line.msg).includes('removed')));
      await first.stop();
      first = undefined;

      const store = await LowdbStore.open(dataDir);
      const feedback = await store.feedback.list();
      expect(feedback).toEqual([expect.objectContaining({ platform: 'slack', helpful: true, question: ANTIVIRUS_QUESTION, municipality: 'goteborg' })]);
      const destinations = await store.destinations.list({ platform: 'slack' });
      expect(destinations).toEqual([
        expect.objectContaining({ conversationId: 'C0NOTICES', kind: 'channel', tenantId: FAKE_SLACK.teamId, reference: { channel: 'C0NOTICES', team: FAKE_SLACK.teamId }, installedBy: `slack:${FAKE_SLACK.teamId}:U0KEEP` }),
      ]);
      expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0OTHER')).toHaveLength(0);

      const second = await startTestServer(slackEnv(fake.url), dataDir);
      try {
        await postSlackEvent(second.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0KEEP', user: 'U0KEEP', text: 'Vilket telefonnummer har supporten?', ts: nextTs() }));
        const answer = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0KEEP');
        expect(readable(blocksOf(answer))).toContain(sv.answerFor('Göteborgs Stad'));
        await postSlackEvent(second.url, eventEnvelope({ type: 'app_home_opened', user: 'U0KEEP', channel: 'D0KEEP', tab: 'home' }));
        const home = await fake.waitForCall('views.publish', (call) => call.args.user_id === 'U0KEEP');
        expect(readable((home.args.view as { blocks: Block[] }).blocks)).toContain('Din kommun: Göteborgs Stad.');
        // The same user id in another workspace is another person.
        await postSlackCommand(second.url, { ...slashCommand('hjälp', { userId: 'U0KEEP', responseUrl: fake.responseUrl('other-team') }), team_id: 'T0ANNAN' });
        expect(readable(blocksOf(await fake.waitForResponse('other-team')))).toContain(sv.currentMunicipality(null));
        // No second "which municipality?" in the DM: the choice survived.
        expect(postsTo('D0KEEP')).toHaveLength(1);
      } finally {
        await second.stop();
      }
    } finally {
      await first?.stop();
    }
  });
});
