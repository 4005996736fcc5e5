import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsSender, adaptiveCard, cardActivity, platformSender, type TeamsSender } from '../../adapters/teams/index.js';
import type { Destination, FeedbackEntry } from '../../src/contacts/index.js';
import { registrationTexts, texts } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { BotError } from '../../src/errors/index.js';
import { createLogger } from '../../src/log/index.js';
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
  let sender: TeamsSender;
  const user = testUser('Bengt Berg');
  const chat = personalChat(user);
  const channel = teamChannel('drift');
  const question = 'Hur beställer vi behörihet till Lifecare för nyanställda i Uppsala?';
  let answerId: unknown;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    dataDir = await temporaryDataDir();
    sender = await createTeamsSender({ config: loadConfig({ DATA_DIR: dataDir, TEAMS_LOCAL: '1' }), logger: createLogger({ level: 'silent' }) });
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

  it('sends a notice card proactively to a stored channel, as a new message', async () => {
    connector.clear();
    const destination = (await storeFile(dataDir)).destinations[`teams:${TEST_TENANT}:${channel.conversationId}`]!;
    const notice = adaptiveCard({ body: [{ type: 'TextBlock', text: 'Planerat driftstopp i Lifecare söndag 08–15', wrap: true }], lang: 'sv' });
    const result = await sender.send(destination, cardActivity(notice, 'Planerat driftstopp'));

    const [posted] = connector.activitiesIn(channel.conversationId);
    expect(posted).toMatchObject({ method: 'POST', replyToId: undefined, path: `/v3/conversations/${encodeURIComponent(channel.conversationId)}/activities` });
    expect(posted!.activity).toMatchObject({ type: 'message', summary: 'Planerat driftstopp', conversation: { id: channel.conversationId } });
    expect(cardTexts(cardOf(posted!))).toEqual(['Planerat driftstopp i Lifecare söndag 08–15']);
    expect(posted!.cardProblems).toEqual([]);
    expect(result.activityId).toMatch(/^activity-\d+$/u);

    // A core Reply is rendered the way the conversation would show it.
    await sender.send(destination, { kind: 'municipality-set', language: 'sv', municipality: { id: 'uppsala', name: 'Uppsala kommun' } });
    expect(connector.activitiesIn(channel.conversationId)[1]!.activity).toMatchObject({ type: 'message', text: texts.sv.municipalitySet({ id: 'uppsala', name: 'Uppsala kommun' }) });
  });

  it('tells the caller when Teams no longer takes messages there, and refuses what is not a Teams reference', async () => {
    const destination = (await storeFile(dataDir)).destinations[`teams:${TEST_TENANT}:${channel.conversationId}`]!;
    connector.failNext(channel.conversationId, 403);
    const gone = await sender.send(destination, { kind: 'error', language: 'sv', message: 'Testmeddelande.' }).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(BotError);
    expect((gone as BotError).code).toBe('TEAMS_DESTINATION_GONE');

    const slack: Destination = { ...destination, platform: 'slack', key: 'slack:T1:C1' };
    await expect(sender.send(slack, { kind: 'error', language: 'sv', message: 'Testmeddelande.' })).rejects.toMatchObject({ code: 'TEAMS_BAD_DESTINATION' });
    const broken: Destination = { ...destination, reference: { conversation: {} } };
    await expect(sender.send(broken, { kind: 'error', language: 'sv', message: 'Testmeddelande.' })).rejects.toMatchObject({ code: 'TEAMS_BAD_DESTINATION' });
  });

  it('the core’s sender posts its replies in order as new messages; a refusal reaches the core as an error', async () => {
    connector.clear();
    const destination = (await storeFile(dataDir)).destinations[`teams:${TEST_TENANT}:${channel.conversationId}`]!;
    const core = platformSender(sender);
    expect(core.platform).toBe('teams');
    // Teams cannot open a chat with someone who has not installed the app: no direct messages.
    expect('sendToUser' in core).toBe(false);
    await core.send(destination, []);
    expect(connector.activitiesIn(channel.conversationId)).toEqual([]);

    await core.send(destination, [
      { kind: 'staff-channel-set', language: 'sv', municipality: { id: 'uppsala', name: 'Uppsala kommun' } },
      { kind: 'error', language: 'sv', message: 'Andra meddelandet.' },
    ]);
    const posted = connector.activitiesIn(channel.conversationId);
    expect(posted.map((item) => [item.replyToId, item.activity.text])).toEqual([
      [undefined, registrationTexts.sv.staffChannelSet('Uppsala kommun')],
      [undefined, 'Andra meddelandet.'],
    ]);
    connector.failNext(channel.conversationId, 404);
    await expect(core.send(destination, [{ kind: 'error', language: 'sv', message: 'x' }])).rejects.toMatchObject({ code: 'TEAMS_DESTINATION_GONE' });
  });
});
