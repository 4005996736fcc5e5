import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelClaims, rejectionReason, signToken, startSignedTeamsServer, TEST_APP_ID, type SignedTeamsServer } from '../support/bot-framework-auth.js';
import { cardOf, cardTexts, messageActivity, personalChat, postActivity, startFakeBotConnector, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startTestServer, type TestServer } from '../support/server.js';

const APP_ID = TEST_APP_ID;
const TENANT_ID = '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c';

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
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let server: SignedTeamsServer;

    beforeAll(async () => {
      // "typing…" before every answer, not only slow ones, so the test sees it.
      server = await startSignedTeamsServer({ typingDelayMs: 0 });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('accepts a token signed by the channel key and replies with its own token: typing, then the answer', async () => {
      const user = testUser();
      const where = personalChat(user);
      const token = server.sign(channelClaims(connector.serviceUrl));
      const response = await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'hjälp'), { authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      const [typing, help] = connector.activitiesIn(where.conversationId);
      expect(typing!.activity.type).toBe('typing');
      expect(cardTexts(cardOf(help!))[0]).toBe('Det här kan jag');
      expect([typing!.authorization, help!.authorization]).toEqual(['Bearer outbound-test-token', 'Bearer outbound-test-token']);
      expect(server.metadata.requests).toContain('/v1/.well-known/keys');
    });

    it('rejects forged, expired, misaddressed and replayed-elsewhere tokens with 401', async () => {
      const user = testUser();
      const where = personalChat(user);
      const activity = messageActivity(connector.serviceUrl, user, where, 'hjälp');
      const now = Math.floor(Date.now() / 1000);
      // Each token is refused for its own reason (not, say, because the keys could not be fetched).
      const tokens: Array<[string, string, RegExp]> = [
        ['forged', signToken(forger.privateKey, server.kid, channelClaims(connector.serviceUrl)), /invalid signature/u],
        ['unknown key', signToken(server.privateKey, 'some-other-kid', channelClaims(connector.serviceUrl)), /Signing Key could not be retrieved/u],
        ['expired', server.sign(channelClaims(connector.serviceUrl, { nbf: now - 7200, iat: now - 7200, exp: now - 3600 })), /expired/u],
        ['for another bot', server.sign(channelClaims(connector.serviceUrl, { aud: '00000000-0000-0000-0000-000000000001' })), /Invalid AppId/u],
        ['another issuer', server.sign(channelClaims(connector.serviceUrl, { iss: 'https://evil.example' })), /No valid identity/u],
        ['another service URL', server.sign(channelClaims('http://127.0.0.1:1/')), /ServiceUrl claim/u],
      ];
      for (const [name, token, reason] of tokens) {
        server.logs.length = 0;
        const response = await postActivity(server.url, activity, { authorization: `Bearer ${token}` });
        expect(response.status, name).toBe(401);
        expect(rejectionReason(server.logs), name).toMatch(reason);
      }
      expect(connector.activitiesIn(where.conversationId)).toEqual([]);
    });
  });
});
