import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.js';
import type { Destination } from '../../src/contacts/index.js';
import type { ChatChannel, NoticeSummary, Reply } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import type { SendOutcome, SentRef, TeamsAddress, TeamsConversation } from '../../src/outbound/index.js';
import {
  TEST_BOT,
  TEST_TENANT,
  cardTexts,
  groupChat,
  personalChat,
  startFakeBotConnector,
  storedDestination,
  teamChannel,
  teamsAddressOf,
  testUser,
  type FakeBotConnector,
  type Where,
} from '../support/fake-bot-connector.js';

/**
 * The Teams outbound channel, over real HTTP on loopback against the fake Bot Connector: where a
 * send lands (a new post, a reply in a channel thread, a chat message), a replacement in place,
 * and every connector refusal as the outcome its caller acts on, after exactly one request (the
 * caller's retry policy owns retries, so nothing may retry or wait underneath it).
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
let teams: ChatChannel<TeamsAddress>;
const user = testUser('Sara Svensson');
const stored: Destination[] = [];

/** The address of a conversation stored as the adapter saves it when the app is installed there. */
function addressFor(where: Where, serviceUrl = connector.serviceUrl): TeamsConversation {
  const destination = storedDestination(serviceUrl, where, user);
  stored.unshift(destination);
  return teamsAddressOf(destination);
}

/** Where a send went; fails the test when it was not sent. */
async function sentOf(outcome: Promise<SendOutcome>): Promise<SentRef> {
  const result = await outcome;
  if (result.kind !== 'sent') throw new Error(`not sent: ${JSON.stringify(result)}`);
  return result.ref;
}

beforeAll(async () => {
  connector = await startFakeBotConnector();
  const destinations = { get: async (key: string) => stored.find((destination) => destination.key === key) };
  teams = await createTeamsChannel({ config: loadConfig({ TEAMS_LOCAL: '1' }), logger: createLogger({ level: 'silent' }), destinations });
});
afterAll(async () => {
  await connector?.close();
});
afterEach(() => {
  connector.configure({ failures: [], perConversationPerSecond: undefined, perTenantPerSecond: undefined, gone: new Set(), now: () => performance.now() });
});

describe('the Teams channel: send and replace', () => {
  it('a post to a channel is a new post, the root of its own thread, with the notice card', async () => {
    const channel = teamChannel('drift');
    const posted = await sentOf(teams.send(addressFor(channel), published));
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
    const address = addressFor(channel);
    const root = await sentOf(teams.send(address, published));
    const reply = await sentOf(teams.send(address, update, { thread: root }));
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
      const address = addressFor(chat);
      const root = await sentOf(teams.send(address, published));
      const next = await sentOf(teams.send(address, update, { thread: root }));
      expect(next.conversationId).toBe(chat.conversationId);
      expect(connector.activitiesIn(chat.conversationId).map((item) => [item.thread, item.replyToId])).toEqual([
        [undefined, undefined],
        [undefined, undefined],
      ]);
    }
  });

  it('replace updates the posted message in place, in a thread too', async () => {
    const channel = teamChannel('drift');
    const address = addressFor(channel);
    const root = await sentOf(teams.send(address, published));
    const corrected: Reply = { kind: 'notice', language: 'sv', notice: { ...notice, title: 'Uppgradering av Treserva 7' }, purpose: 'correction', reminderHours: null };
    await sentOf(teams.replace!(address, root, corrected));
    const [replaced, ...more] = connector.updatesOf(root.messageId);
    expect(more).toEqual([]);
    expect(replaced).toMatchObject({ method: 'PUT', conversationId: channel.conversationId, path: `/v3/conversations/${encodeURIComponent(channel.conversationId)}/activities/${root.messageId}` });
    expect(replaced!.activity).toMatchObject({ type: 'message', id: root.messageId, conversation: { id: channel.conversationId } });
    expect(cardTexts(replaced!.card)[0]).toBe('Rättelse – planerat driftstopp: Uppgradering av Treserva 7');
    expect(replaced!.cardProblems).toEqual([]);
    // No new message was posted for it.
    expect(connector.activitiesIn(channel.conversationId)).toHaveLength(1);

    const reply = await sentOf(teams.send(address, update, { thread: root }));
    await sentOf(teams.replace!(address, reply, { kind: 'error', language: 'sv', message: 'Ersatt.' }));
    expect(connector.updatesOf(reply.messageId).map((item) => [item.conversationId, item.text])).toEqual([[reply.conversationId, 'Ersatt.']]);
  });

  it('a person without a chat with the bot is out of reach (gone), and what cannot be sent is refused without a request', async () => {
    const before = connector.received.length + connector.refused.length;
    const person = await teams.send({ kind: 'teams-user', tenantId: TEST_TENANT, userId: user.aadObjectId }, published);
    expect(person).toMatchObject({ kind: 'gone', reason: expect.stringMatching(/Teams kan inte skriva till en person/u) });
    // A conversation the bot was never installed in (or was removed from) is gone before any request.
    expect(await teams.send({ kind: 'teams', tenantId: TEST_TENANT, conversationId: teamChannel('okänd').conversationId }, published)).toMatchObject({ kind: 'gone' });

    const channel = teamChannel('drift');
    const address = addressFor(channel);
    const elsewhere: SentRef = { conversationId: teamChannel('annan').conversationId, messageId: 'activity-1' };
    expect((await teams.replace!(address, elsewhere, published)).kind).toBe('refused');
    expect((await teams.send(address, update, { thread: elsewhere })).kind).toBe('refused');
    const broken = storedDestination(connector.serviceUrl, teamChannel('trasig'), user);
    stored.unshift({ ...broken, reference: { conversation: {} } });
    expect(await teams.send(teamsAddressOf(broken), published)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('konversationsreferens') });
    expect(connector.received.length + connector.refused.length).toBe(before);
  });

  it('403 (the bot was removed there) is gone', async () => {
    const channel = teamChannel('drift');
    connector.configure({ gone: new Set([channel.conversationId]) });
    const failure = await teams.send(addressFor(channel), published);
    expect(failure).toMatchObject({ kind: 'gone', reason: expect.stringContaining('HTTP 403') });
    expect(failure.kind !== 'sent' && failure.reason).toContain(channel.conversationId);
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId)).toHaveLength(1);
  });

  it('429 with Retry-After is retry after those seconds, after exactly one request', async () => {
    const channel = teamChannel('drift');
    connector.configure({ failures: { rate: 1, status: 429, retryAfterSeconds: 7 }, random: () => 0 });
    const started = performance.now();
    const failure = await teams.send(addressFor(channel), published);
    expect(failure).toMatchObject({ kind: 'retry', afterSeconds: 7, reason: expect.stringContaining('HTTP 429') });
    // No retry and no sleep inside: one request, answered at once.
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(connector.activitiesIn(channel.conversationId)).toEqual([]);
  });

  it('500 is retry without a wait of its own, 503 too, each after exactly one request', async () => {
    const channel = teamChannel('drift');
    const address = addressFor(channel);
    connector.configure({ failures: { rate: 1, status: 500 }, random: () => 0 });
    expect(await teams.send(address, published)).toEqual({ kind: 'retry', reason: expect.stringContaining('HTTP 500') });
    connector.configure({ failures: { rate: 1, status: 503, retryAfterSeconds: 2 } });
    // A 503's Retry-After is the connector's hint, not a limit: the retry policy's backoff decides.
    expect(await teams.send(address, published)).toEqual({ kind: 'retry', reason: expect.stringContaining('HTTP 503') });
    expect(connector.refused.filter((item) => item.conversationId === channel.conversationId).map((item) => item.status)).toEqual([500, 503]);
  });

  it('a replacement fails like a send: 429 is retry after its Retry-After, an unknown message is gone', async () => {
    const channel = teamChannel('drift');
    const address = addressFor(channel);
    const root = await sentOf(teams.send(address, published));
    connector.configure({ failures: { rate: 1, status: 429, retryAfterSeconds: 3 }, random: () => 0 });
    expect(await teams.replace!(address, root, update)).toMatchObject({ kind: 'retry', afterSeconds: 3 });
    connector.configure({ failures: [] });
    expect(await teams.replace!(address, { ...root, messageId: 'activity-999999' }, update)).toMatchObject({ kind: 'gone', reason: expect.stringContaining('HTTP 404') });
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
    const address = addressFor(channel);
    await sentOf(teams.send(address, published));
    await sentOf(teams.send(address, published));
    expect(await teams.send(address, published)).toMatchObject({ kind: 'retry', afterSeconds: 1 });
    // Another conversation has its own limit.
    await sentOf(teams.send(addressFor(teamChannel('annan')), published));
    now += 1_001;
    await sentOf(teams.send(address, published));
    expect(connector.deliveryCounts().get(channel.conversationId)).toBe(3);

    connector.configure({ perConversationPerSecond: undefined, perTenantPerSecond: 3 });
    for (let index = 0; index < 3; index += 1) await sentOf(teams.send(addressFor(teamChannel(`c${index}`)), published));
    const failure = await teams.send(addressFor(teamChannel('c4')), published);
    expect(failure).toMatchObject({ kind: 'retry', afterSeconds: 1 });
    expect(connector.refused.at(-1)).toMatchObject({ status: 429, reason: 'tenant-limit', retryAfterSeconds: 1 });
  });

  it('a connector that cannot be reached is retry, without a wait of its own', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await teams.send(addressFor(teamChannel('drift'), `http://127.0.0.1:${port}/`), published);
    expect(failure).toEqual({ kind: 'retry', reason: expect.stringContaining('Kunde inte nå Teams') });
  });
});
