import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeams, type TeamsEndpoint } from '../../adapters/teams/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { openItkontakt, type Itkontakt } from '../../src/main.js';
import { createApp, listen, type RunningServer } from '../../src/server/index.js';
import { cardOf, cardTexts, messageActivity, personalChat, postActivity, startFakeBotConnector, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

const APP_ID = '6b1d4f3e-2c1a-4e5b-9f7d-0a1b2c3d4e5f';
const TENANT_ID = '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c';
const CHANNEL_ISSUER = 'https://api.botframework.com';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A JWT as the Bot Connector signs them (RS256, kid in the header). */
function signToken(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${base64url(sign('sha256', Buffer.from(`${header}.${payload}`), key))}`;
}

function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

/** A local stand-in for login.botframework.com's OpenID metadata and signing keys. */
async function startOpenIdMetadata(publicJwk: Record<string, unknown>): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    if (request.url === '/v1/.well-known/openidconfiguration') {
      response.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (request.url === '/v1/.well-known/keys') {
      response.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/v1/.well-known/openidconfiguration`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Outbound calls with a fixed token instead of asking Entra ID (which is on the internet); app id
 * checks are the real ones.
 */
class LoopbackCredentials extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(): Promise<never> {
    return { signRequest: async (request: { headers: { set(name: string, value: string): void } }) => (request.headers.set('authorization', 'Bearer outbound-test-token'), request) } as never;
  }
}

describe('Teams with credentials: every request needs a valid Bot Framework token', () => {
  let connector: FakeBotConnector;
  beforeAll(async () => {
    connector = await startFakeBotConnector();
  });
  afterAll(async () => {
    await connector?.close();
  });

  for (const [label, env] of [
    ['MultiTenant', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }],
    ['SingleTenant', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID }],
  ] as const) {
    describe(label, () => {
      let server: TestServer;
      beforeAll(async () => {
        server = await startTestServer({ ...env });
      });
      afterAll(async () => {
        await server?.stop();
      });

      it('answers 401 to a request without a token, or with a garbage one, and nothing reaches the core', async () => {
        const user = testUser();
        const where = personalChat(user);
        const activity = messageActivity(connector.serviceUrl, user, where, 'hjälp');
        for (const headers of [{} as Record<string, string>, { authorization: 'Bearer garbage' }, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer ' }]) {
          const response = await postActivity(server.url, activity, headers);
          expect(response.status, JSON.stringify(headers)).toBe(401);
          expect(response.json()).toMatchObject({ error: 'unauthorized' });
        }
        expect(connector.activitiesIn(where.conversationId)).toEqual([]);
        expect(server.logs.some((line) => line.platform === 'teams' && line.msg === 'Teams: Bot Framework authentication on')).toBe(true);
        expect(server.logs.some((line) => /local mode for the Bot Framework Emulator/u.test(String(line.msg)))).toBe(false);
      });

      it('still answers 400 to malformed JSON', async () => {
        expect((await postActivity(server.url, '{"type":', { authorization: 'Bearer garbage' })).status).toBe(400);
      });
    });
  }

  describe('signed tokens, checked against a local OpenID metadata endpoint', () => {
    const kid = 'itkontakt-test-key';
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let metadata: Awaited<ReturnType<typeof startOpenIdMetadata>>;
    let itkontakt: Itkontakt;
    let teams: TeamsEndpoint;
    let server: RunningServer;
    const logs: Array<Record<string, unknown>> = [];

    beforeAll(async () => {
      metadata = await startOpenIdMetadata({ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] });
      const config = loadConfig({ DATA_DIR: await temporaryDataDir(), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', HOST: '127.0.0.1' });
      const logger = createLogger({
        level: 'warn',
        destination: new Writable({
          write(chunk: Buffer, _encoding, done) {
            for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
            done();
          },
        }),
      });
      itkontakt = await openItkontakt(config, logger);
      teams = await startTeams(
        { config, logger, bot: itkontakt.bot, destinations: itkontakt.store.destinations, preferences: itkontakt.store.preferences },
        {
          botFrameworkAuthentication: { ToBotFromChannelOpenIdMetadataUrl: metadata.url, ToBotFromEmulatorOpenIdMetadataUrl: metadata.url },
          credentialsFactory: new LoopbackCredentials({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }),
          // "typing…" before every answer, not only slow ones, so the test sees it.
          typingDelayMs: 0,
        },
      );
      const app = createApp({
        logger,
        health: () => ({ status: 'ok', knowledge: { records: 0, municipalities: 0 }, store: { kind: 'lowdb', path: '' }, platforms: { teams: true, slack: false } }),
        mount: (express) => teams.mount(express),
      });
      server = await listen(app, '127.0.0.1', 0);
    });
    afterAll(async () => {
      await server?.close();
      await teams?.stop();
      await itkontakt?.store.flush();
      await metadata?.close();
    });

    it('accepts a token signed by the channel key and replies with its own token: typing, then the answer', async () => {
      const user = testUser();
      const where = personalChat(user);
      const token = signToken(privateKey, kid, channelClaims(connector.serviceUrl));
      const response = await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'hjälp'), { authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      const [typing, help] = connector.activitiesIn(where.conversationId);
      expect(typing!.activity.type).toBe('typing');
      expect(cardTexts(cardOf(help!))[0]).toBe('Det här kan jag');
      expect([typing!.authorization, help!.authorization]).toEqual(['Bearer outbound-test-token', 'Bearer outbound-test-token']);
      expect(metadata.requests).toContain('/v1/.well-known/keys');
    });

    it('rejects forged, expired, misaddressed and replayed-elsewhere tokens with 401', async () => {
      const user = testUser();
      const where = personalChat(user);
      const activity = messageActivity(connector.serviceUrl, user, where, 'hjälp');
      const now = Math.floor(Date.now() / 1000);
      // Each token is refused for its own reason (not, say, because the keys could not be fetched).
      const tokens: Array<[string, string, RegExp]> = [
        ['forged', signToken(forger.privateKey, kid, channelClaims(connector.serviceUrl)), /invalid signature/u],
        ['unknown key', signToken(privateKey, 'some-other-kid', channelClaims(connector.serviceUrl)), /Signing Key could not be retrieved/u],
        ['expired', signToken(privateKey, kid, channelClaims(connector.serviceUrl, { nbf: now - 7200, iat: now - 7200, exp: now - 3600 })), /expired/u],
        ['for another bot', signToken(privateKey, kid, channelClaims(connector.serviceUrl, { aud: '00000000-0000-0000-0000-000000000001' })), /Invalid AppId/u],
        ['another issuer', signToken(privateKey, kid, channelClaims(connector.serviceUrl, { iss: 'https://evil.example' })), /No valid identity/u],
        ['another service URL', signToken(privateKey, kid, channelClaims('http://127.0.0.1:1/')), /ServiceUrl claim/u],
      ];
      for (const [name, token, reason] of tokens) {
        logs.length = 0;
        const response = await postActivity(server.url, activity, { authorization: `Bearer ${token}` });
        expect(response.status, name).toBe(401);
        const rejection = logs.find((line) => line.msg === 'Teams request rejected: invalid Bot Framework token');
        expect((rejection?.err as { message?: string } | undefined)?.message, name).toMatch(reason);
      }
      expect(connector.activitiesIn(where.conversationId)).toEqual([]);
    });
  });
});
