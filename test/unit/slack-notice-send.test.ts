import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient, slackChannel, slackSendFailure, startSlack, type SlackEndpoint } from '../../adapters/slack/index.js';
import type { Destination, DestinationRepository } from '../../src/contacts/index.js';
import type { Bot, ChatChannel, Reply } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { SendFailure } from '../../src/errors/index.js';
import { createLogger } from '../../src/log/index.js';
import type { SendOutcome, SentRef, SlackAddress, SlackChannel, SlackUser } from '../../src/outbound/index.js';
import { FAKE_SLACK, startFakeSlackApi, type FakeSlackApi, type FakeSlackOptions, slackEnv } from '../support/fake-slack-api.js';
import { DISRUPTION, PLANNED } from './slack-notice-fixtures.js';

// The Slack outbound channel over real HTTP against the fake Slack Web API on loopback: where its
// messages land, and every failure as the outcome its caller acts on, at once, never retried or
// waited here.

const logger = createLogger({ level: 'silent' });
const notice: Reply = { kind: 'notice', language: 'sv', notice: PLANNED, purpose: 'publish', reminderHours: null };
const update: Reply = { kind: 'notice', language: 'sv', notice: DISRUPTION, purpose: 'update', reminderHours: null };

/** The conversations the bot was added to, as the adapter stores them. */
const stored = new Map<string, Destination>();
const destinations: DestinationRepository = {
  get: async (key) => stored.get(key),
  upsert: async (destination) => void stored.set(destination.key, destination),
  remove: async (key) => stored.delete(key),
  list: async () => [...stored.values()],
};

/** The address of a stored Slack channel (its reference as the adapter saves it, unless given). */
function channel(id: string, reference: unknown = { channel: id, team: FAKE_SLACK.teamId }): SlackChannel {
  const key = `slack:${FAKE_SLACK.teamId}:${id}`;
  stored.set(key, { key, platform: 'slack', tenantId: FAKE_SLACK.teamId, conversationId: id, kind: 'channel', reference, installedBy: 'slack:T:U0OLLE', installedAt: '2026-11-01T08:00:00.000Z' });
  return { kind: 'slack', teamId: FAKE_SLACK.teamId, channelId: id };
}
const person = (userId: string): SlackUser => ({ kind: 'slack-user', teamId: FAKE_SLACK.teamId, userId });

/** Where a send went; fails the test when it was not sent. */
async function sentOf(outcome: Promise<SendOutcome>): Promise<SentRef> {
  const result = await outcome;
  if (result.kind !== 'sent') throw new Error(`not sent: ${JSON.stringify(result)}`);
  return result.ref;
}

/** Why a send did not go; fails the test when it was sent. */
async function failureOf(outcome: Promise<SendOutcome>): Promise<Exclude<SendOutcome, { kind: 'sent' }>> {
  const result = await outcome;
  if (result.kind === 'sent') throw new Error(`sent after all: ${JSON.stringify(result)}`);
  return result;
}

/** A channel on its own client that never retries, as the adapter builds it. */
function channelOn(apiUrl: string): ChatChannel<SlackAddress> {
  return slackChannel(createSlackClient(FAKE_SLACK.botToken, { apiUrl, logger, retries: 0 }), { destinations });
}

describe('the Slack channel as the server wires it', () => {
  let fake: FakeSlackApi;
  let endpoint: SlackEndpoint;
  let slack: ChatChannel<SlackAddress>;
  /** While true, every message call gets a 500 or 503. */
  let serverDown = false;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ goneChannels: new Set(['C0ARKIV']), strictUpdates: true, failures: [{ rate: 0.5, kind: 'server-error' }], random: () => (serverDown ? 0 : 1) });
    const config = loadConfig(slackEnv(fake.url));
    const quiet = { get: async () => undefined, set: async () => undefined, upsert: async () => undefined, remove: async () => false, list: async () => [] };
    // Posting needs no core: a bot that is never asked.
    endpoint = await startSlack({ config, logger, bot: {} as Bot, destinations, preferences: quiet });
    if (endpoint.outbound?.platform !== 'slack') throw new Error('no Slack channel');
    slack = endpoint.outbound.channel;
  });
  afterAll(async () => {
    await endpoint?.stop();
    await fake?.close();
  });

  it('posts a notice to a destination’s channel and says where it went', async () => {
    const posted = await sentOf(slack.send(channel('C0DRIFT1'), notice));
    expect(posted).toEqual({ conversationId: 'C0DRIFT1', messageId: expect.stringMatching(/^\d+\.\d+$/u) });
    const [message] = fake.messagesIn('C0DRIFT1');
    expect(message).toMatchObject({ ts: posted.messageId, threadTs: undefined, text: 'Planerat driftstopp: Treserva uppgraderas' });
    const call = fake.callsTo('chat.postMessage').find((entry) => entry.args.channel === 'C0DRIFT1')!;
    expect(call.token).toBe(FAKE_SLACK.botToken);
    // Form-encoded, as the Web API client sends it: previews of links would bury the notice.
    expect(call.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });

  it('uses the conversation id when the stored reference is not a Slack channel', async () => {
    const posted = await sentOf(slack.send(channel('C0DRIFT2', 'något annat'), notice));
    expect(posted.conversationId).toBe('C0DRIFT2');
  });

  it('posts to a person by user id and returns the DM Slack opened, the same one each time', async () => {
    const first = await sentOf(slack.send(person('U0BERIT'), notice));
    const second = await sentOf(slack.send(person('U0BERIT'), update));
    expect(first.conversationId).toBe('D0BERIT');
    expect(second.conversationId).toBe('D0BERIT');
    expect(fake.messagesIn('D0BERIT').map((message) => message.requestedChannel)).toEqual(['U0BERIT', 'U0BERIT']);
  });

  it('posts an update in the notice’s thread: thread_ts, in the conversation of the thread', async () => {
    const first = await sentOf(slack.send(person('U0KARIN'), notice));
    const inThread = await sentOf(slack.send(person('U0KARIN'), update, { thread: first }));
    const reply = fake.messagesIn('D0KARIN').find((message) => message.ts === inThread.messageId)!;
    expect(reply.threadTs).toBe(first.messageId);
    const call = fake.callsTo('chat.postMessage').find((entry) => entry.args.thread_ts === first.messageId)!;
    // The DM's id, not the user id: a thread lives in a conversation.
    expect(call.args.channel).toBe('D0KARIN');
  });

  it('replaces a posted message in place with chat.update', async () => {
    const posted = await sentOf(slack.send(channel('C0DRIFT3'), notice));
    const corrected: Reply = { kind: 'notice', language: 'sv', notice: { ...PLANNED, title: 'Treserva och Lifecare uppgraderas' }, purpose: 'correction', reminderHours: null };
    await sentOf(slack.replace!(channel('C0DRIFT3'), posted, corrected));
    const [message] = fake.messagesIn('C0DRIFT3');
    expect(message).toMatchObject({ updates: 1, text: 'Rättelse – planerat driftstopp: Treserva och Lifecare uppgraderas' });
    expect(fake.updates.at(-1)).toMatchObject({ channel: 'C0DRIFT3', ts: posted.messageId });
  });

  it('a 429 comes out at once as retry after its Retry-After, tried once', async () => {
    fake.rateLimit('chat.postMessage', 7);
    const before = fake.callsTo('chat.postMessage').length;
    const started = Date.now();
    const failure = await failureOf(slack.send(channel('C0DRIFT5'), notice));
    expect(failure).toMatchObject({ kind: 'retry', afterSeconds: 7, reason: expect.stringContaining('429') });
    expect(fake.callsTo('chat.postMessage').length - before).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.messagesIn('C0DRIFT5')).toEqual([]);
  });

  it('a channel that is gone is "gone", for a post and a replace', async () => {
    expect((await failureOf(slack.send(channel('C0ARKIV'), notice))).kind).toBe('gone');
    expect((await failureOf(slack.replace!(channel('C0ARKIV'), { conversationId: 'C0ARKIV', messageId: '1760000000.000100' }, notice))).kind).toBe('gone');
    fake.failNext('chat.postMessage', 'not_in_channel');
    expect(await failureOf(slack.send(channel('C0UTANFOR'), notice))).toMatchObject({ kind: 'gone', reason: expect.stringContaining('not_in_channel') });
    // A channel the bot was removed from (or never stored) is gone before any call.
    const before = fake.calls.length;
    stored.set(`slack:${FAKE_SLACK.teamId}:C0BORTA`, { ...stored.get(`slack:${FAKE_SLACK.teamId}:C0UTANFOR`)!, key: `slack:${FAKE_SLACK.teamId}:C0BORTA`, conversationId: 'C0BORTA', inactiveSince: '2026-11-20T08:00:00.000Z' });
    expect(await failureOf(slack.send({ kind: 'slack', teamId: FAKE_SLACK.teamId, channelId: 'C0BORTA' }, notice))).toMatchObject({ kind: 'gone' });
    expect(await failureOf(slack.send({ kind: 'slack', teamId: FAKE_SLACK.teamId, channelId: 'C0ALDRIG' }, notice))).toMatchObject({ kind: 'gone' });
    expect(fake.calls.length).toBe(before);
  });

  it('replacing a message Slack does not have is refused, not retried', async () => {
    const failure = await failureOf(slack.replace!(channel('C0DRIFT6'), { conversationId: 'C0DRIFT6', messageId: '1.000001' }, notice));
    expect(failure).toMatchObject({ kind: 'refused', reason: expect.stringContaining('message_not_found') });
  });

  it('a server error is retry without a wait of its own, and the client does not retry it on its own', async () => {
    serverDown = true;
    try {
      const before = fake.callsTo('chat.postMessage').length;
      const failure = await failureOf(slack.send(channel('C0DRIFT7'), notice));
      expect(failure).toEqual({ kind: 'retry', reason: expect.stringContaining('HTTP 500') });
      expect(fake.callsTo('chat.postMessage').length - before).toBe(1);
      expect(await failureOf(slack.replace!(channel('C0DRIFT7'), { conversationId: 'C0DRIFT7', messageId: '1.000001' }, notice))).toEqual({ kind: 'retry', reason: expect.stringContaining('HTTP 503') });
    } finally {
      serverDown = false;
    }
  });
});

describe('Slack errors as outcomes', () => {
  let fake: FakeSlackApi;
  let slack: ChatChannel<SlackAddress>;
  beforeAll(async () => {
    fake = await startFakeSlackApi();
    slack = channelOn(fake.url);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it.each([
    ['channel_not_found', 'gone'],
    ['is_archived', 'gone'],
    ['account_inactive', 'gone'],
    ['user_not_found', 'gone'],
    ['team_access_not_granted', 'gone'],
    // The app's own token or scopes: not one conversation's problem, fixed once for all.
    ['invalid_auth', 'retry'],
    ['token_revoked', 'retry'],
    ['missing_scope', 'retry'],
    ['internal_error', 'retry'],
    ['fatal_error', 'retry'],
    ['ratelimited', 'retry'],
    ['invalid_blocks', 'refused'],
    ['msg_too_long', 'refused'],
    ['some_new_error', 'refused'],
  ] as const)('%s is %s', async (error, kind) => {
    fake.failNext('chat.postMessage', error);
    const failure = await failureOf(slack.send(channel('C0FEL'), notice));
    expect(failure.kind).toBe(kind);
    expect(failure.reason).toContain(error);
  });

  it('an unreachable Slack is retry', async () => {
    const nowhere = channelOn('http://127.0.0.1:9/api/');
    expect((await failureOf(nowhere.send(channel('C0FEL'), notice))).kind).toBe('retry');
  });

  it('a 429 whose Retry-After the client cannot read is transient (no wait to honour)', () => {
    expect(slackSendFailure(new Error('Retry header did not contain a valid timeout (url: x, retry-after header: soon)')).kind).toBe('transient');
    const failure = new SendFailure('gone', 'redan avgjort');
    expect(slackSendFailure(failure)).toBe(failure);
  });
});

describe('the fake Slack’s limits and faults (for the outbox’s tests and benchmark)', () => {
  let fake: FakeSlackApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function posterOn(options: FakeSlackOptions): Promise<ChatChannel<SlackAddress>> {
    fake = await startFakeSlackApi(options);
    return channelOn(fake.url);
  }

  it('answers 429 with Retry-After beyond a channel’s messages per second, until the second has passed', async () => {
    let now = 1_000_000;
    const poster = await posterOn({ perChannelPerSecond: 1, now: () => now });
    await sentOf(poster.send(channel('C0A'), notice));
    expect(await failureOf(poster.send(channel('C0A'), notice))).toMatchObject({ kind: 'retry', afterSeconds: 1 });
    // Another channel has its own budget; updates are not posts.
    await sentOf(poster.send(channel('C0B'), notice));
    await sentOf(poster.replace!(channel('C0A'), { conversationId: 'C0A', messageId: fake!.messagesIn('C0A')[0]!.ts }, update));
    now += 1_000;
    await sentOf(poster.send(channel('C0A'), notice));
    expect(fake!.messagesIn('C0A')).toHaveLength(2);
  });

  it('answers 429 beyond the workspace’s calls per second, posts and updates together', async () => {
    let now = 5_000_000;
    const poster = await posterOn({ perWorkspacePerSecond: 2, now: () => now });
    const first = await sentOf(poster.send(channel('C0A'), notice));
    await sentOf(poster.replace!(channel('C0A'), first, update));
    expect(await failureOf(poster.send(channel('C0B'), notice))).toMatchObject({ kind: 'retry', afterSeconds: expect.any(Number) });
    now += 400;
    expect(await failureOf(poster.send(channel('C0C'), notice))).toMatchObject({ afterSeconds: 1 });
    now += 600;
    await sentOf(poster.send(channel('C0B'), notice));
    expect(fake!.messages.map((message) => message.channel)).toEqual(['C0A', 'C0B']);
  });

  it('injects server errors (500, then 503) and rate limits at the configured rate, with its own randomness', async () => {
    const draws = [0.1, 0.9, 0.9, 0.2, 0.9, 0.9, 0.9, 0.05];
    let index = 0;
    const poster = await posterOn({
      failures: [
        { rate: 0.3, kind: 'server-error' },
        { rate: 0.1, kind: 'ratelimited', retryAfterSeconds: 3 },
      ],
      random: () => draws[index++ % draws.length]!,
    });
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      outcomes.push(
        await poster.send(person('U0ANNA'), notice).then((outcome) => (outcome.kind === 'sent' ? 'ok' : `${outcome.kind}:${/HTTP (\d+)|\((\d+)\)/u.exec(outcome.reason)?.slice(1).find(Boolean) ?? ''}:${outcome.kind === 'retry' ? (outcome.afterSeconds ?? '') : ''}`)),
      );
    }
    // Draw by draw: 0.1 < 0.3 (500); 0.9, 0.9 (ok); 0.2 < 0.3 (503); 0.9, 0.9 (ok); 0.9, then 0.05 < 0.1 (429 after 3 s); …
    expect(outcomes).toEqual(['retry:500:', 'ok', 'retry:503:', 'ok', 'retry:429:3']);
    expect(fake!.messagesIn('D0ANNA')).toHaveLength(2);
  });

  it('changes nothing by default: no limits, no faults', async () => {
    const poster = await posterOn({});
    for (let attempt = 0; attempt < 20; attempt += 1) await sentOf(poster.send(channel('C0A'), notice));
    expect(fake!.messagesIn('C0A')).toHaveLength(20);
  });
});
