import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Destination, FeedbackEntry } from '../../src/contacts/index.js';
import { texts, ticketTexts } from '../../src/bot/index.js';
import {
  TEST_BOT,
  TEST_TENANT,
  cardActions,
  cardOf,
  cardTexts,
  executeActivity,
  installationActivity,
  membersActivity,
  messageActivity,
  personalChat,
  postActivity,
  startFakeBotConnector,
  submitActivity,
  teamChannel,
  teamsActivity,
  testUser,
  type FakeBotConnector,
  type RecordedActivity,
} from '../support/fake-bot-connector.js';
import { bundledEngine, questionFixture } from '../support/knowledge.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** What the server has stored, read from its data file as a restarted server would. */
async function stored(server: TestServer): Promise<{ feedback: FeedbackEntry[]; destinations: Record<string, Destination>; preferences: Record<string, { municipality: string | null }> }> {
  return JSON.parse(await readFile(join(server.dataDir, 'itkontakt.json'), 'utf8')) as never;
}

function messagesOnly(activities: RecordedActivity[]): RecordedActivity[] {
  return activities.filter((item) => item.activity.type !== 'typing');
}

describe('Teams over real HTTP, local (Emulator) mode, against a fake Bot Connector', () => {
  let connector: FakeBotConnector;
  let server: TestServer;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    server = await startTestServer();
  });
  afterEach(() => {
    // Every card the bot sent in the test validated against Adaptive Cards 1.5.
    expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
    connector.clear();
  });
  afterAll(async () => {
    await server?.stop();
    await connector?.close();
  });

  it('answers a question in a personal chat with a cited Adaptive Card 1.5, in reply to it', async () => {
    const user = testUser();
    const where = personalChat(user);
    const question = 'Vilken mobiltelefonmodell ska personalen ha i tjänsten i Göteborg?';
    const activity = messageActivity(connector.serviceUrl, user, where, question);
    const response = await postActivity(server.url, activity);
    expect(response.status).toBe(200);

    const sent = connector.activitiesIn(where.conversationId);
    // An answer this quick needs no "typing…" (it is shown when an answer takes longer; see the
    // signed-token test for the indicator itself).
    expect(sent.map((item) => item.activity.type)).toEqual(['message', 'message']);
    const [answer, choose] = messagesOnly(sent);
    // Replies go to /v3/conversations/:id/activities/:replyToId, as the connector expects.
    expect(answer!.replyToId).toBe(activity.id);
    expect(answer!.path).toBe(`/v3/conversations/${encodeURIComponent(where.conversationId)}/activities/${String(activity.id)}`);
    const card = cardOf(answer!);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });

    const expected = (await bundledEngine()).ask(question, { language: 'sv' });
    const citation = expected.groups[0]!.records[0]!.citation;
    const shown = cardTexts(card);
    expect(shown[0]).toBe('Svar för Göteborgs Stad');
    expect(shown).toEqual(expect.arrayContaining(['Källa', `${citation.document.sv}, ${citation.heading}`, `«${citation.quote}»`, 'Hjälpte svaret?']));
    expect(shown.join(' ')).toMatch(/iPhone SE/u);
    expect(cardActions(card).map((action) => action.title)).toEqual(['Ja', 'Nej', 'Skapa ärende']);
    expect(cardActions(card)[0]!.data).toEqual({ verb: 'feedback', helpful: true, question, municipality: 'goteborg', answerId: expected.answerId, lang: 'sv' });

    // First contact: the bot asks once which municipality is theirs.
    expect(cardOf(choose!).body.some((element) => element.type === 'Input.ChoiceSet')).toBe(true);
  });

  it('records "Hjälpte svaret?" feedback with the question, municipality and answer id', async () => {
    const user = testUser();
    const where = personalChat(user);
    const question = 'Måste telefonerna ha pinkod i Göteborg?';
    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, question));
    const [answer] = messagesOnly(connector.activitiesIn(where.conversationId));
    const no = cardActions(cardOf(answer!)).find((action) => action.title === 'Nej')!;
    connector.clear();

    const response = await postActivity(server.url, submitActivity(connector.serviceUrl, user, where, no.data));
    expect(response.status).toBe(200);
    const [thanks] = messagesOnly(connector.activitiesIn(where.conversationId));
    expect(thanks!.activity).toMatchObject({ type: 'message', text: texts.sv.feedbackThanks(false) });
    const feedback = (await stored(server)).feedback.filter((entry) => entry.question === question);
    expect(feedback).toEqual([{ kind: 'vote', at: expect.any(String), platform: 'teams', helpful: false, question, municipality: 'goteborg', answerId: no.data.answerId }]);
    expect(no.data.answerId).toEqual(expect.any(String));
  });

  it('answers an Action.Execute invoke with an invoke response and posts the reply', async () => {
    const user = testUser();
    const where = personalChat(user);
    const data = { helpful: true, question: 'Vad gäller för lösenord?', municipality: 'vellinge', answerId: 'vellinge-x', lang: 'en' };
    const response = await postActivity(server.url, executeActivity(connector.serviceUrl, user, where, 'feedback', data));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: texts.en.feedbackThanks(true) });
    expect(messagesOnly(connector.activitiesIn(where.conversationId)).map((item) => item.activity.text)).toEqual([texts.en.feedbackThanks(true)]);
    expect((await stored(server)).feedback).toContainEqual(expect.objectContaining({ answerId: 'vellinge-x', helpful: true, municipality: 'vellinge' }));
  });

  it('stores the municipality chosen on the card and answers from it; "kommun Göteborg" changes it', async () => {
    const user = testUser();
    const where = personalChat(user);
    const chosen = await postActivity(server.url, submitActivity(connector.serviceUrl, user, where, { verb: 'choose-municipality', lang: 'sv', municipality: 'uppsala' }));
    expect(chosen.status).toBe(200);
    expect(messagesOnly(connector.activitiesIn(where.conversationId))[0]!.activity.text).toMatch(/^Klart! Jag svarar nu utifrån Uppsala kommuns IT-krav/u);
    connector.clear();

    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'Vilket telefonnummer har IT-supporten?'));
    const answers = messagesOnly(connector.activitiesIn(where.conversationId));
    // A known municipality: no menu any more, and the answer is Uppsala's.
    expect(answers).toHaveLength(1);
    expect(cardTexts(cardOf(answers[0]!))[0]).toBe('Svar för Uppsala kommun');
    expect(cardActions(cardOf(answers[0]!))[0]!.data).toMatchObject({ municipality: 'uppsala' });
    connector.clear();

    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'kommun Göteborg'));
    expect(messagesOnly(connector.activitiesIn(where.conversationId))[0]!.activity.text).toBe(texts.sv.municipalitySet({ id: 'goteborg', name: 'Göteborgs Stad' }));
    expect((await stored(server)).preferences[`teams:${TEST_TENANT}:${user.aadObjectId}`]).toMatchObject({ municipality: 'goteborg' });
  });

  it('in a channel answers only when @mentioned, with the mention stripped', async () => {
    const user = testUser();
    const channel = teamChannel();
    const unmentioned = await postActivity(server.url, messageActivity(connector.serviceUrl, user, channel, 'hjälp'));
    expect(unmentioned.status).toBe(200);
    // The response comes after the turn is done, so nothing more can arrive for it.
    expect(connector.activitiesIn(channel.conversationId)).toEqual([]);

    await postActivity(server.url, messageActivity(connector.serviceUrl, user, channel, 'hjälp', { mention: true }));
    const [help] = messagesOnly(connector.activitiesIn(channel.conversationId));
    expect(cardTexts(cardOf(help!))[0]).toBe(texts.sv.helpTitle);
  });

  it('answers "help" in English and an English question in English', async () => {
    const user = testUser();
    const where = personalChat(user);
    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'help'));
    expect(cardTexts(cardOf(messagesOnly(connector.activitiesIn(where.conversationId))[0]!))[0]).toBe(texts.en.helpTitle);
    connector.clear();
    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, "How will we be told when the city's systems are down in Göteborg?"));
    const card = cardOf(messagesOnly(connector.activitiesIn(where.conversationId))[0]!);
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Answer for Göteborgs Stad', 'Source', 'Did this help?']));
  });

  it('an out-of-scope question gets the short card; its "Skapa ärende" starts a ticket (for a guest: how to register first)', async () => {
    const user = testUser();
    const where = personalChat(user);
    const item = (await questionFixture('dev-questions.json')).find((candidate) => !candidate.found)!;
    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, `${item.question}`));
    const card = cardOf(messagesOnly(connector.activitiesIn(where.conversationId))[0]!);
    expect(cardTexts(card)[0]).toBe(texts.sv.notFoundTitle);
    const ticket = cardActions(card).find((action) => action.title === 'Skapa ärende')!;
    expect(ticket.data).toEqual({ verb: 'create-ticket', question: item.question, lang: 'sv' });
    connector.clear();
    await postActivity(server.url, submitActivity(connector.serviceUrl, user, where, ticket.data));
    // Tickets are for registered IT-contacts; this user is a guest.
    expect(messagesOnly(connector.activitiesIn(where.conversationId)).map((item) => item.activity.text)).toEqual([ticketTexts.sv.onlyRegistered]);
  });

  it('installation: a welcome card with the municipality menu, the reference stored once, removed on uninstall', async () => {
    const user = testUser();
    const where = personalChat(user);
    const key = `teams:${TEST_TENANT}:${where.conversationId}`;
    expect((await postActivity(server.url, installationActivity(connector.serviceUrl, user, where, 'add'))).status).toBe(200);
    // Teams announces the same installation a second time as a conversationUpdate.
    expect((await postActivity(server.url, membersActivity(connector.serviceUrl, user, where, 'added'))).status).toBe(200);

    const welcomes = messagesOnly(connector.activitiesIn(where.conversationId));
    expect(welcomes).toHaveLength(1);
    const welcome = cardOf(welcomes[0]!);
    expect(cardTexts(welcome)[0]).toBe(texts.sv.welcomeTitle);
    expect(welcome.body.find((element) => element.type === 'Input.ChoiceSet')).toMatchObject({ id: 'municipality' });
    expect(cardActions(welcome)[0]!.data).toEqual({ verb: 'choose-municipality', lang: 'sv' });

    const destination = (await stored(server)).destinations[key];
    expect(destination).toMatchObject({ platform: 'teams', tenantId: TEST_TENANT, conversationId: where.conversationId, kind: 'personal', installedBy: `teams:${TEST_TENANT}:${user.aadObjectId}` });
    expect(destination!.reference).toEqual({
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: where.conversationId, conversationType: 'personal', tenantId: TEST_TENANT },
      bot: { ...TEST_BOT },
      user: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      locale: 'sv-SE',
    });

    expect((await postActivity(server.url, installationActivity(connector.serviceUrl, user, where, 'remove'))).status).toBe(200);
    expect((await stored(server)).destinations[key]).toBeUndefined();
  });

  it('the bot added to a team stores the channel and welcomes it there; removed, it forgets it', async () => {
    const user = testUser();
    const channel = teamChannel();
    await postActivity(server.url, membersActivity(connector.serviceUrl, user, channel, 'added'));
    expect(cardTexts(cardOf(messagesOnly(connector.activitiesIn(channel.conversationId))[0]!))[0]).toBe(texts.sv.welcomeTitle);
    const key = `teams:${TEST_TENANT}:${channel.conversationId}`;
    expect((await stored(server)).destinations[key]).toMatchObject({ kind: 'channel' });
    await postActivity(server.url, membersActivity(connector.serviceUrl, user, channel, 'removed'));
    expect((await stored(server)).destinations[key]).toBeUndefined();
  });

  it('rejects a malformed body with 400 and keeps serving', async () => {
    const broken = await postActivity(server.url, '{"type": "message", ');
    expect(broken.status).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'bad_request' });
    const notAnActivity = await postActivity(server.url, { hello: 'world' });
    expect(notAnActivity.status).toBe(400);
    expect(notAnActivity.json<{ message: string }>().message).toMatch(/type/u);
    const wrongMethod = await fetch(`${server.url}/api/messages`);
    expect(wrongMethod.status).toBe(405);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('acknowledges activities it does not handle, and answers unknown invokes', async () => {
    const user = testUser();
    const where = personalChat(user);
    const reaction = await postActivity(server.url, teamsActivity(connector.serviceUrl, user, where, { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }));
    expect(reaction.status).toBe(200);
    const invoke = await postActivity(server.url, teamsActivity(connector.serviceUrl, user, where, { type: 'invoke', name: 'task/fetch', value: {} }));
    expect(invoke.status).toBe(200);
    expect(connector.activitiesIn(where.conversationId)).toEqual([]);
    expect(server.logs.some((line) => line.msg === 'unsupported teams activity acknowledged' && line.type === 'messageReaction')).toBe(true);
  });

  it('a failure while answering is logged, the user gets an apology, and the server keeps answering', async () => {
    const user = testUser();
    const where = personalChat(user);
    // The connector rejects the answer card with a status botbuilder does not retry: the handler
    // throws.
    connector.failNext(where.conversationId, 400);
    const response = await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'Vilken mobiltelefonmodell gäller i Göteborg?'));
    expect(response.status).toBe(200);
    expect(messagesOnly(connector.activitiesIn(where.conversationId)).map((item) => item.activity.text)).toEqual([texts.sv.apology]);
    expect(server.logs.some((line) => line.level === 'error' && line.msg === 'teams turn failed')).toBe(true);
    connector.clear();

    await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'Vilken mobiltelefonmodell gäller i Göteborg?'));
    expect(cardTexts(cardOf(messagesOnly(connector.activitiesIn(where.conversationId))[0]!))[0]).toBe('Svar för Göteborgs Stad');
  });

  it('works with the Bot Framework Emulator: opening a chat welcomes, a question gets a cited card', async () => {
    const conversationId = `emulator-${Date.now()}|livechat`;
    const emulator = (fields: Record<string, unknown>): Record<string, unknown> => ({
      channelId: 'emulator',
      serviceUrl: connector.serviceUrl,
      from: { id: 'r_emulator-user', name: 'User', role: 'user' },
      recipient: { id: 'emulator-bot', name: 'Bot', role: 'bot' },
      conversation: { id: conversationId },
      locale: 'sv-SE',
      timestamp: new Date().toISOString(),
      ...fields,
    });
    const opened = await postActivity(server.url, emulator({ type: 'conversationUpdate', id: 'e1', membersAdded: [{ id: 'emulator-bot', name: 'Bot' }, { id: 'r_emulator-user', name: 'User' }] }));
    expect(opened.status).toBe(200);
    expect(cardTexts(cardOf(messagesOnly(connector.activitiesIn(conversationId))[0]!))[0]).toBe(texts.sv.welcomeTitle);
    connector.clear();

    await postActivity(server.url, emulator({ type: 'message', id: 'e2', text: 'Hur beställer vi behörihet till Lifecare för nyanställda i Uppsala?' }));
    const card = cardOf(messagesOnly(connector.activitiesIn(conversationId))[0]!);
    expect(cardTexts(card)[0]).toBe('Svar för Uppsala kommun');
    expect(cardTexts(card)).toContain('Källa');
    expect((await stored(server)).destinations[`teams:-:${conversationId}`]).toMatchObject({ kind: 'personal' });
  });
});
