import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.js';
import type { ChatChannel } from '../../src/bot/index.js';
import type { Destination, FeedbackEntry } from '../../src/contacts/index.js';
import { registrationTexts, texts } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import type { TeamsAddress, TeamsConversation } from '../../src/outbound/index.js';
import {
  TEST_TENANT,
  cardActions,
  cardOf,
  cardTexts,
  membersActivity,
  messageActivity,
  personalChat,
  postActivity,
  startFakeBotConnector,
  submitActivity,
  teamChannel,
  testUser,
  type FakeBotConnector,
} from '../support/fake-bot-connector.js';
import { startTestServer, temporaryDataDir } from '../support/server.js';

interface StoreFile {
  feedback: FeedbackEntry[];
  destinations: Record<string, Destination>;
}

async function storeFile(dataDir: string): Promise<StoreFile> {
  return JSON.parse(await readFile(join(dataDir, 'itkontakt.json'), 'utf8')) as StoreFile;
}

describe('Teams: what the bot learns survives a restart, and notices reach stored conversations', () => {
  let connector: FakeBotConnector;
  let dataDir: string;
  let teams: ChatChannel<TeamsAddress>;
  // The conversations the bot stored, read from the store file as the server left it; `broken` stands in for one whose reference is damaged.
  let broken: Destination | undefined;
  const user = testUser('Bengt Berg');
  const chat = personalChat(user);
  const channel = teamChannel('drift');
  const question = 'Hur beställer vi behörihet till Lifecare för nyanställda i Uppsala?';
  let answerId: unknown;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    dataDir = await temporaryDataDir();
    const destinations = { get: async (key: string) => (broken?.key === key ? broken : (await storeFile(dataDir)).destinations[key]) };
    teams = await createTeamsChannel({ config: loadConfig({ DATA_DIR: dataDir, TEAMS_LOCAL: '1' }), logger: createLogger({ level: 'silent' }), destinations });
  });
  afterAll(async () => {
    await connector?.close();
  });

  it('keeps the municipality choice, the feedback and the installations across a restart on the same DATA_DIR', async () => {
    const first = await startTestServer({}, dataDir);
    try {
      await postActivity(first.url, membersActivity(connector.serviceUrl, user, channel, 'added'));
      await postActivity(first.url, submitActivity(connector.serviceUrl, user, chat, { verb: 'choose-municipality', lang: 'sv', municipality: 'uppsala' }));
      await postActivity(first.url, messageActivity(connector.serviceUrl, user, chat, question));
      const answer = connector.activitiesIn(chat.conversationId).filter((item) => item.activity.attachments)[0]!;
      const yes = cardActions(cardOf(answer)).find((action) => action.title === 'Ja')!;
      expect(yes.data).toMatchObject({ municipality: 'uppsala', answerId: expect.any(String) });
      answerId = yes.data.answerId;
      await postActivity(first.url, submitActivity(connector.serviceUrl, user, chat, yes.data));
    } finally {
      await first.stop();
    }
    connector.clear();

    const second = await startTestServer({}, dataDir);
    try {
      await postActivity(second.url, messageActivity(connector.serviceUrl, user, chat, 'Vilket telefonnummer har IT-supporten?'));
      const replies = connector.activitiesIn(chat.conversationId).filter((item) => item.activity.type !== 'typing');
      // Still Uppsala, and not asked again which municipality.
      expect(replies).toHaveLength(1);
      expect(cardTexts(cardOf(replies[0]!))[0]).toBe('Svar för Uppsala kommun');
    } finally {
      await second.stop();
    }

    const stored = await storeFile(dataDir);
    expect(stored.feedback).toEqual([
      { kind: 'vote', at: expect.any(String), platform: 'teams', helpful: true, question, municipality: 'uppsala', answerId },
    ]);
    expect(Object.values(stored.destinations).map((destination) => destination.conversationId)).toEqual([channel.conversationId]);
  });

  const channelAddress = (): TeamsConversation => ({ kind: 'teams', tenantId: TEST_TENANT, conversationId: channel.conversationId });

  it('sends to a stored channel through the Teams channel, as a new message rendered as the conversation shows it', async () => {
    connector.clear();
    const outcome = await teams.send(channelAddress(), { kind: 'municipality-set', language: 'sv', municipality: { id: 'uppsala', name: 'Uppsala kommun' } });

    const [posted] = connector.activitiesIn(channel.conversationId);
    expect(posted).toMatchObject({ method: 'POST', replyToId: undefined, path: `/v3/conversations/${encodeURIComponent(channel.conversationId)}/activities` });
    expect(posted!.activity).toMatchObject({ type: 'message', text: texts.sv.municipalitySet({ id: 'uppsala', name: 'Uppsala kommun' }), conversation: { id: channel.conversationId } });
    expect(outcome).toEqual({ kind: 'sent', ref: { conversationId: channel.conversationId, messageId: expect.stringMatching(/^activity-\d+$/u) } });

    await teams.send(channelAddress(), { kind: 'staff-channel-set', language: 'sv', municipality: { id: 'uppsala', name: 'Uppsala kommun' } });
    expect(connector.activitiesIn(channel.conversationId).map((item) => [item.replyToId, item.activity.text])).toEqual([
      [undefined, texts.sv.municipalitySet({ id: 'uppsala', name: 'Uppsala kommun' })],
      [undefined, registrationTexts.sv.staffChannelSet('Uppsala kommun')],
    ]);
  });

  it('says a conversation is gone when Teams no longer takes messages there, and refuses a reference it cannot use', async () => {
    const message = { kind: 'error', language: 'sv', message: 'Testmeddelande.' } as const;
    connector.failNext(channel.conversationId, 403);
    expect(await teams.send(channelAddress(), message)).toMatchObject({ kind: 'gone', reason: expect.stringContaining('HTTP 403') });
    connector.failNext(channel.conversationId, 404);
    expect(await teams.send(channelAddress(), message)).toMatchObject({ kind: 'gone', reason: expect.stringContaining('HTTP 404') });

    // A conversation the bot never stored, and a person without a personal chat: Teams cannot open one.
    expect(await teams.send({ kind: 'teams', tenantId: TEST_TENANT, conversationId: '19:okand@thread.tacv2' }, message)).toMatchObject({ kind: 'gone' });
    expect(await teams.send({ kind: 'teams-user', tenantId: TEST_TENANT, userId: user.id }, message)).toMatchObject({ kind: 'gone', reason: expect.stringContaining('personlig chatt') });

    const stored = (await storeFile(dataDir)).destinations[`teams:${TEST_TENANT}:${channel.conversationId}`]!;
    broken = { ...stored, key: `teams:${TEST_TENANT}:19:trasig@thread.tacv2`, conversationId: '19:trasig@thread.tacv2', reference: { conversation: {} } };
    connector.clear();
    expect(await teams.send({ kind: 'teams', tenantId: TEST_TENANT, conversationId: broken.conversationId }, message)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('konversationsreferens') });
    expect(connector.activitiesIn(channel.conversationId)).toEqual([]);
  });
});
