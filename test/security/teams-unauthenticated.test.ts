import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel, isLoopbackUrl } from '../../adapters/teams/index.js';
import type { Reply } from '../../src/bot/index.js';
import { errorTexts } from '../../src/cli/error-texts.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { membersActivity, messageActivity, personalChat, postActivity, startFakeBotConnector, storedDestination, storedDestinations, teamsAddressOf, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi, slackEnv } from '../support/fake-slack-api.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Issue 14, item 1: with Slack configured and no MicrosoftAppId, the server listened on 0.0.0.0 while
// /api/messages took unauthenticated activities from any loopback peer, which a reverse proxy on
// the same host is. Unauthenticated Teams (the Bot Framework Emulator) is now a choice the
// configuration allows only while the server listens on loopback alone; otherwise /api/messages is
// off until Teams is configured. In local mode the bot sends only to a loopback serviceUrl.

const APP_ID = '6b1d4f3e-2c1a-4e5b-9f7d-0a1b2c3d4e5f';
/** TEST-NET-1 (RFC 5737): never a real host. The loopback guard would also stop any connection to it. */
const REMOTE_SERVICE_URL = 'http://192.0.2.10/';
const hello: Reply = { kind: 'feedback-recorded', language: 'sv', helpful: true };


function configIssues(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => ({ variable: issue.variable, message: errorTexts.sv.config(issue.problem) }));
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}


describe('Teams without authentication is an explicit choice, on loopback only', () => {
  const slack = slackEnv('http://127.0.0.1:1/api/');

  it('with Slack credentials and no MicrosoftAppId, Teams is off (and the server may listen on every interface)', () => {
    expect(loadConfig(slack)).toMatchObject({ host: '0.0.0.0', teams: undefined, teamsMode: 'off' });
    // HOST=127.0.0.1 does not turn it on: a reverse proxy on the same host is a loopback peer.
    expect(loadConfig({ ...slack, HOST: '127.0.0.1' })).toMatchObject({ teamsMode: 'off' });
  });

  it('TEAMS_LOCAL=1 turns the Emulator mode on, and keeps the whole server on loopback', () => {
    expect(loadConfig({ ...slack, TEAMS_LOCAL: '1' })).toMatchObject({ host: '127.0.0.1', teamsMode: 'local' });
    expect(loadConfig({ ...slack, TEAMS_LOCAL: '1', HOST: '::1' })).toMatchObject({ host: '::1', teamsMode: 'local' });
  });

  it('refuses to start with TEAMS_LOCAL=1 on a non-loopback HOST, or next to MicrosoftAppId, naming TEAMS_LOCAL', () => {
    for (const env of [
      { ...slack, TEAMS_LOCAL: '1', HOST: '0.0.0.0' },
      { TEAMS_LOCAL: '1', HOST: '10.0.0.5' },
      { ...slack, TEAMS_LOCAL: '1', HOST: '::' },
    ]) {
      const issues = configIssues(env);
      expect(issues.map((issue) => issue.variable), JSON.stringify(env)).toContain('TEAMS_LOCAL');
      expect(issues.find((issue) => issue.variable === 'TEAMS_LOCAL')!.message).toMatch(/127\.0\.0\.1/u);
    }
    expect(configIssues({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', TEAMS_LOCAL: '1' }).map((issue) => issue.variable)).toEqual(['TEAMS_LOCAL']);
    expect(configIssues({ TEAMS_LOCAL: 'yes' })[0]).toMatchObject({ variable: 'TEAMS_LOCAL', message: expect.stringMatching(/1.*0/u) });
  });

  it('without any credentials Teams is off (on loopback) until TEAMS_LOCAL=1 turns the Emulator mode on', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', teamsMode: 'off' });
    expect(loadConfig({ TEAMS_LOCAL: '0' })).toMatchObject({ host: '127.0.0.1', teamsMode: 'off' });
    expect(loadConfig({ TEAMS_LOCAL: '1' })).toMatchObject({ host: '127.0.0.1', teamsMode: 'local' });
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' })).toMatchObject({ teamsMode: 'bot-framework' });
  });
});

describe('Teams is off on a server with only Slack configured, even for a loopback peer', () => {
  let connector: FakeBotConnector;
  let fakeSlack: FakeSlackApi;
  let server: TestServer;
  beforeAll(async () => {
    connector = await startFakeBotConnector();
    fakeSlack = await startFakeSlackApi();
    // HOST=127.0.0.1 (startTestServer's): the request below comes from loopback, as through a proxy.
    server = await startTestServer(slackEnv(fakeSlack.url));
  });
  afterAll(async () => {
    await server?.stop();
    await fakeSlack?.close();
    await connector?.close();
  });

  it('answers 401 to an unauthenticated activity, says Teams is not configured and what to set, and nothing reaches the bot', async () => {
    const user = testUser();
    const where = personalChat(user);
    for (const activity of [messageActivity(connector.serviceUrl, user, where, 'hjälp'), membersActivity(connector.serviceUrl, user, where, 'added')]) {
      const response = await postActivity(server.url, activity, { 'x-forwarded-for': '203.0.113.7' });
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/inte konfigurerat.*MicrosoftAppId/su) });
    }
    expect(connector.received).toEqual([]);
    const stored = JSON.parse(await readFile(join(server.dataDir, 'itkontakt.json'), 'utf8')) as { destinations?: Record<string, unknown> };
    expect(Object.keys(stored.destinations ?? {})).toEqual([]);
    expect(server.logs.some((line) => line.platform === 'teams' && /Teams is off/u.test(String(line.msg)))).toBe(true);
  });

  it('sends nothing to Teams either: the channel refuses without credentials', async () => {
    const destination = storedDestination(connector.serviceUrl, personalChat(testUser()), testUser());
    const teams = await createTeamsChannel({ config: loadConfig(slackEnv(fakeSlack.url)), logger: createLogger({ level: 'silent' }), destinations: storedDestinations(destination) });
    expect(await teams.send(teamsAddressOf(destination), hello)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/MicrosoftAppId/u) });
    expect(connector.received).toEqual([]);
  });
});

describe('Teams with TEAMS_LOCAL=1 next to Slack: the Emulator works, on loopback', () => {
  let connector: FakeBotConnector;
  let fakeSlack: FakeSlackApi;
  let server: TestServer;
  beforeAll(async () => {
    connector = await startFakeBotConnector();
    fakeSlack = await startFakeSlackApi();
    server = await startTestServer({ ...slackEnv(fakeSlack.url), TEAMS_LOCAL: '1' });
  });
  afterAll(async () => {
    await server?.stop();
    await fakeSlack?.close();
    await connector?.close();
  });

  it('answers an activity without a token and replies to the loopback serviceUrl', async () => {
    const user = testUser();
    const where = personalChat(user);
    expect((await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'hjälp'))).status).toBe(200);
    expect(connector.activitiesIn(where.conversationId).length).toBeGreaterThan(0);
  });
});

describe('Local mode sends only to a loopback serviceUrl', () => {
  let connector: FakeBotConnector;
  let server: TestServer;
  beforeAll(async () => {
    connector = await startFakeBotConnector();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
    await connector?.close();
  });

  it('counts only http(s) URLs on a loopback address or localhost as this machine', () => {
    for (const url of ['http://127.0.0.1:3978/', 'http://127.1/', 'http://0x7f000001/', 'https://[::1]:8443/v3', 'http://localhost:58712']) expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of [
      REMOTE_SERVICE_URL,
      'https://smba.trafficmanager.net/emea/',
      'http://127.0.0.1.nip.io/',
      'http://127.0.0.1@192.0.2.10/',
      'http://localhost.example/',
      'http://0.0.0.0:3978/',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });

  it('refuses an activity whose serviceUrl is elsewhere (403): no reply, nothing stored', async () => {
    const user = testUser();
    const where = personalChat(user);
    for (const serviceUrl of [REMOTE_SERVICE_URL, 'https://smba.trafficmanager.net/emea/', 'http://127.0.0.1.nip.io/', 'file:///etc/passwd']) {
      for (const activity of [messageActivity(serviceUrl, user, where, 'hjälp'), membersActivity(serviceUrl, user, where, 'added')]) {
        const response = await postActivity(server.url, activity);
        expect(response.status, serviceUrl).toBe(403);
        expect(response.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/serviceUrl/u) });
      }
    }
    const stored = JSON.parse(await readFile(join(server.dataDir, 'itkontakt.json'), 'utf8')) as { destinations?: Record<string, unknown> };
    expect(Object.keys(stored.destinations ?? {})).toEqual([]);
    expect(server.logs.some((line) => line.platform === 'teams' && /serviceUrl/u.test(String(line.msg)))).toBe(true);
  });

  it('refuses sends and replacements to a stored conversation whose serviceUrl is elsewhere, without connecting', async () => {
    const user = testUser();
    const destination = storedDestination(REMOTE_SERVICE_URL, personalChat(user), user);
    const nearby = storedDestination(connector.serviceUrl, personalChat(testUser()), user);
    const teams = await createTeamsChannel({ config: loadConfig({ TEAMS_LOCAL: '1' }), logger: createLogger({ level: 'silent' }), destinations: storedDestinations(destination, nearby) });
    expect(await teams.send(teamsAddressOf(destination), hello)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/serviceUrl/u) });
    expect(await teams.replace!(teamsAddressOf(destination), { conversationId: destination.conversationId, messageId: '1' }, hello)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/serviceUrl/u) });
    // The same channel still sends where local mode may: the fake connector on loopback.
    expect(await teams.send(teamsAddressOf(nearby), hello)).toMatchObject({ kind: 'sent' });
    expect(connector.activitiesIn(nearby.conversationId)).toHaveLength(1);
  });
});
