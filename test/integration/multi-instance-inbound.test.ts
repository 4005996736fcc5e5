import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, postSlackEvent, slackEnv, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { messageActivity, personalChat, postActivity, startFakeBotConnector, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

/** The database URL with a schema of this suite's own as its search path. */
function urlFor(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

const suite = TEST_DATABASE_URL ? describe : describe.skip;

// Two servers on one PostgreSQL schema, in front of the fake Slack Web API and the fake Bot
// Connector: an event that reaches both (a retry sent to the other instance) is answered once.
suite('two instances on one database answer an event delivered to both once', () => {
  // Skipped without a database; the run says so in one line (test/vitest.config.ts).
  const base = TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/unset';
  const schema = freshSchema();
  let slack: FakeSlackApi;
  let connector: FakeBotConnector;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    connector = await startFakeBotConnector();
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const env = { ...slackEnv(slack.url), TEAMS_LOCAL: '1', DATABASE_URL: urlFor(base, schema) };
    // One after the other: the first creates the schema's tables, the second finds them current.
    servers.push(await startTestServer(env));
    servers.push(await startTestServer(env));
  });

  afterAll(async () => {
    for (const server of servers) await server.stop();
    await slack?.close();
    await connector?.close();
    await dropSchemas(base, [schema]);
  });

  it('answers a Slack event once when Slack retries it to the other instance', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const body = eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0MULTI', user: 'U0MULTI', text: 'Måste våra datorer ha antivirus?', ts: '1760000001.000100' }, 'Ev0MULTI1');
    const now = Math.floor(Date.now() / 1000);
    const posts = () => slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'D0MULTI');
    expect((await postSlackEvent(first.url, body, { timestamp: now })).status).toBe(200);
    // The answer, then the question which municipality they are in.
    await eventually(() => posts().length >= 2);
    const answered = posts().length;
    expect((await postSlackEvent(second.url, body, { retryNum: 1, timestamp: now - 1 })).status).toBe(200);
    await eventually(() => second.logs.some((line) => line.eventId === 'Ev0MULTI1' && line.msg === 'slack: event already handled, retry acknowledged and skipped'));
    expect(posts()).toHaveLength(answered);
  });

  it('answers a Teams activity once when the Bot Connector delivers it to both instances', async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const chat = personalChat(testUser('Cecilia Carlsson'));
    const activity = messageActivity(connector.serviceUrl, testUser('Cecilia Carlsson'), chat, 'Vilket telefonnummer har IT-supporten?');
    expect((await postActivity(first.url, activity)).status).toBeLessThan(300);
    const answered = connector.activitiesIn(chat.conversationId).filter((item) => item.activity.type !== 'typing').length;
    expect(answered).toBeGreaterThan(0);
    expect((await postActivity(second.url, activity)).status).toBeLessThan(300);
    expect(second.logs.some((line) => line.msg === 'teams: activity already answered, delivered again and skipped')).toBe(true);
    expect(connector.activitiesIn(chat.conversationId).filter((item) => item.activity.type !== 'typing')).toHaveLength(answered);
  });
});
