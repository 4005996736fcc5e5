import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsSender, platformSender } from '../../adapters/teams/index.js';
import type { Destination } from '../../src/contacts/index.js';
import type { NoticeSummary, PlatformSender, PostedMessage, Reply } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { SendFailure } from '../../src/errors/index.js';
import { createLogger } from '../../src/log/index.js';
import {
  TEST_BOT,
  TEST_TENANT,
  cardTexts,
  groupChat,
  personalChat,
  startFakeBotConnector,
  storedDestination,
  teamChannel,
  testUser,
  type FakeBotConnector,
  type Where,
} from '../support/fake-bot-connector.js';

/**
 * The Teams sender of the notice outbox, over real HTTP on loopback against the fake Bot
 * Connector: where a post lands (a new post, a reply in a channel thread, a chat message), a
 * replacement in place, and every connector refusal as the SendFailure the outbox acts on, after
 * exactly one request (the outbox owns retries, so nothing may retry or wait underneath it).
 */

const goteborg = { id: 'goteborg', name: 'Göteborgs Stad' };
const notice: NoticeSummary = {
  id: 'GBG-DRIFT-2026-0007',
  municipality: goteborg,
  kind: 'planned',
  title: 'Uppgradering av Treserva',
  systems: ['Treserva'],
  state: 'scheduled',
  stateLabel: 'Planerat',
  window: { start: '2026-12-06T07:00:00.000Z', end: '2026-12-06T14:00:00.000Z' },
  description: 'Ny version.',
  impact: 'Ingen dokumentation.',
  updates: [],
  exceptionReason: null,
  closed: false,
};
const published: Reply = { kind: 'notice', language: 'sv', notice, purpose: 'publish', reminderHours: null };
const update: Reply = { kind: 'notice', language: 'sv', notice: { ...notice, updates: [{ at: '2026-12-06T08:30:00.000Z', stateLabel: 'Pågår', text: 'Går enligt plan.' }] }, purpose: 'update', reminderHours: null };

let connector: FakeBotConnector;
let sender: PlatformSender;
const user = testUser('Sara Svensson');

/** A stored destination as the adapter saves it when the app is installed there. */
function destinationFor(where: Where, serviceUrl = connector.serviceUrl): Destination {
  return storedDestination(serviceUrl, where, user);
}

async function failureOf(promise: Promise<unknown>): Promise<SendFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SendFailure);
  return error as SendFailure;
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  sender = platformSender(await createTeamsSender({ config: loadConfig({ TEAMS_LOCAL: '1' }), logger: createLogger({ level: 'silent' }) }));
});
afterAll(async () => {
  await connector?.close();
});
afterEach(() => {
  connector.configure({ failures: [], perConversationPerSecond: undefined, perTenantPerSecond: undefined, gone: new Set(), now: () => performance.now() });
});

describe('Teams post and replace for the notice outbox', () => {
  it('a post to a channel is a new post, the root of its own thread, with the notice card', async () => {
    const channel = teamChannel('drift');
    const posted = await sender.post!({ destination: destinationFor(channel) }, [published]);
    const [recorded, ...more] = connector.activitiesIn(channel.conversationId);
    expect(more).toEqual([]);
    expect(posted).toEqual({ conversationId: channel.conversationId, messageId: recorded!.id });
    expect(recorded).toMatchObject({ method: 'POST', replyToId: undefined, thread: undefined, channelConversationId: channel.conversationId });
    expect(recorded!.activity).toMatchObject({ type: 'message', from: { id: TEST_BOT.id }, conversation: { id: channel.conversationId }, summary: 'Planerat driftstopp: Uppgradering av Treserva' });
    expect(recorded!.cardProblems).toEqual([]);
    expect(cardTexts(recorded!.card)[0]).toBe('Planerat driftstopp: Uppgradering av Treserva');
  });

  it('a post with a thread lands as a reply in that thread of the channel', async () => {
    const channel = teamChannel('drift');
    const destination = destinationFor(channel);
    const root = await sender.post!({ destination }, [published]);
    const reply = await sender.post!({ destination }, [update], { thread: root });
    const threadId = `${channel.conversationId};messageid=${root.messageId}`;
    expect(reply.conversationId).toBe(threadId);
    const [recorded] = connector.activitiesIn(threadId);
    expect(recorded).toMatchObject({ id: reply.messageId, thread: root.messageId, channelConversationId: channel.conversationId, path: `/v3/conversations/${encodeURIComponent(threadId)}/activities` });
    expect(cardTexts(recorded!.card)[0]).toBe('Uppdatering – planerat driftstopp: Uppgradering av Treserva');
    // Both count as deliveries to the one channel.
    expect(connector.deliveryCounts().get(channel.conversationId)).toBe(2);
  });

  it('in a personal or group chat there are no threads: an update is a new message in the conversation', async () => {
    for (const chat of [personalChat(testUser()), groupChat()]) {
      const destination = destinationFor(chat);
      const root = await sender.post!({ destination }, [published]);
      const next = await sender.post!({ destination }, [update], { thread: root });
      expect(next.conversationId).toBe(chat.conversationId);
      expect(connector.activitiesIn(chat.conversationId).map((item) => [item.thread, item.replyToId])).toEqual([
        [undefined, undefined],
        [undefined, undefined],
      ]);
    }
  });

  it('replace updates the posted message in place, in a thread too', async () => {
    const channel = teamChannel('drift');
    const destination = destinationFor(channel);
    const root = await sender.post!({ destination }, [published]);
    const corrected: Reply = { kind: 'notice', language: 'sv', notice: { ...notice, title: 'Uppgradering av Treserva 7' }, purpose: 'correction', reminderHours: null };
    await sender.replace!({ destination }, root, [corrected]);
    const [replaced, ...more] = connector.updatesOf(root.messageId);
    expect(more).toEqual([]);
    expect(replaced).toMatchObject({ method: 'PUT', conversationId: channel.conversationId, path: `/v3/conversations/${encodeURIComponent(channel.conversationId)}/activities/${root.messageId}` });
    expect(replaced!.activity).toMatchObject({ type: 'message', id: root.messageId, conversation: { id: channel.conversationId } });
    expect(cardTexts(replaced!.card)[0]).toBe('Rättelse – planerat driftstopp: Uppgradering av Treserva 7');
    expect(replaced!.cardProblems).toEqual([]);
    // No new message was posted for it.
    expect(connector.activitiesIn(channel.conversationId)).toHaveLength(1);

    const reply = await sender.post!({ destination }, [update], { thread: root });
    await sender.replace!({ destination }, reply, [{ kind: 'error', language: 'sv', message: 'Ersatt.' }]);
    expect(connector.updatesOf(reply.messageId).map((item) => [item.conversationId, item.text])).toEqual([[reply.conversationId, 'Ersatt.']]);
  });

  it('a person without a chat with the bot is out of reach (gone), and what cannot be sent is refused without a request', async () => {
    const before = connector.received.length + connector.refused.length;
    const person = await failureOf(sender.post!({ identity: { platform: 'teams', tenantId: TEST_TENANT, userId: user.aadObjectId } }, [published]));
    expect(person.kind).toBe('gone');
    expect(person.message).toMatch(/Teams kan inte skriva till en person/u);

    const channel = teamChannel('drift');
    const destination = destinationFor(channel);
    const elsewhere: PostedMessage = { conversationId: teamChannel('annan').conversationId, messageId: 'activity-1' };
    expect((await failureOf(sender.replace!({ destination }, elsewhere, [published]))).kind).toBe('rejected');
    expect((await failureOf(sender.post!({ destination }, [update], { thread: elsewhere }))).kind).toBe('rejected');
    expect((await failureOf(sender.replace!({ destination }, { conversationId: channel.conversationId, messageId: 'x' }, [published, update]))).kind).toBe('rejected');
    expect((await failureOf(sender.post!({ destination: { ...destination, reference: { conversation: {} } } }, [published]))).kind).toBe('rejected');
    expect(connector.received.length + connector.refused.length).toBe(before);
  });

  it('403 (the bot was removed there) is gone', async () => {
    const channel = teamChannel('drift');
    connector.configure({ gone: new Set([channel.conversationId]) });
    const failure = await failureOf(sender.post!({ destination: destinationFor(channel) }, [published]));
    expect(failure).toMatchObject({ kind: 'gone', details: { status: 403 } });
    expect(failure.message).toContain(channel.conversationId);
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId)).toHaveLength(1);
  });

  it('429 with Retry-After is rate-limited with retryAfterMs, after exactly one request', async () => {
    const channel = teamChannel('drift');
    connector.configure({ failures: { rate: 1, status: 429, retryAfterSeconds: 7 }, random: () => 0 });
    const started = performance.now();
    const failure = await failureOf(sender.post!({ destination: destinationFor(channel) }, [published]));
    expect(failure).toMatchObject({ kind: 'rate-limited', details: { status: 429, retryAfterMs: 7_000 } });
    // No retry and no sleep inside: one request, answered at once.
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(connector.activitiesIn(channel.conversationId)).toEqual([]);
  });

  it('500 is transient, 503 too (with its Retry-After), each after exactly one request', async () => {
    const channel = teamChannel('drift');
    const destination = destinationFor(channel);
    connector.configure({ failures: { rate: 1, status: 500 }, random: () => 0 });
    expect(await failureOf(sender.post!({ destination }, [published]))).toMatchObject({ kind: 'transient', details: { status: 500, retryAfterMs: undefined } });
    connector.configure({ failures: { rate: 1, status: 503, retryAfterSeconds: 2 } });
    expect(await failureOf(sender.post!({ destination }, [published]))).toMatchObject({ kind: 'transient', details: { status: 503, retryAfterMs: 2_000 } });
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId).map((item) => item.status)).toEqual([500, 503]);
  });

  it('a replacement fails like a post: 429 is rate-limited, an unknown message is gone', async () => {
    const channel = teamChannel('drift');
    const destination = destinationFor(channel);
    const root = await sender.post!({ destination }, [published]);
    connector.configure({ failures: { rate: 1, status: 429, retryAfterSeconds: 3 }, random: () => 0 });
    expect(await failureOf(sender.replace!({ destination }, root, [update]))).toMatchObject({ kind: 'rate-limited', details: { retryAfterMs: 3_000 } });
    connector.configure({ failures: [] });
    expect(await failureOf(sender.replace!({ destination }, { ...root, messageId: 'activity-999999' }, [update]))).toMatchObject({ kind: 'gone', details: { status: 404 } });
    expect(connector.updatesOf(root.messageId)).toEqual([]);
    // One request each: nothing retried underneath.
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId).map((item) => [item.method, item.status])).toEqual([
      ['PUT', 429],
      ['PUT', 404],
    ]);
  });

  it('the connector’s limits per conversation and per tenant answer 429 with a Retry-After until the second is over', async () => {
    let now = 10_000;
    connector.configure({ perConversationPerSecond: 2, now: () => now });
    const channel = teamChannel('drift');
    const destination = destinationFor(channel);
    await sender.post!({ destination }, [published]);
    await sender.post!({ destination }, [published]);
    expect(await failureOf(sender.post!({ destination }, [published]))).toMatchObject({ kind: 'rate-limited', details: { retryAfterMs: 1_000 } });
    // Another conversation has its own limit.
    await sender.post!({ destination: destinationFor(teamChannel('annan')) }, [published]);
    now += 1_001;
    await sender.post!({ destination }, [published]);
    expect(connector.deliveryCounts().get(channel.conversationId)).toBe(3);

    connector.configure({ perConversationPerSecond: undefined, perTenantPerSecond: 3 });
    for (let index = 0; index < 3; index += 1) await sender.post!({ destination: destinationFor(teamChannel(`c${index}`)) }, [published]);
    const failure = await failureOf(sender.post!({ destination: destinationFor(teamChannel('c4')) }, [published]));
    expect(failure.kind).toBe('rate-limited');
    expect(connector.refused.at(-1)).toMatchObject({ status: 429, reason: 'tenant-limit', retryAfterSeconds: 1 });
  });

  it('a connector that cannot be reached is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await failureOf(sender.post!({ destination: destinationFor(teamChannel('drift'), `http://127.0.0.1:${port}/`) }, [published]));
    expect(failure.kind).toBe('transient');
    expect(failure.details.status).toBeUndefined();
  });
});
