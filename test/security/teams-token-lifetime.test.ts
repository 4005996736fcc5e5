import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelClaims, rejectionReason, startSignedTeamsServer, type SignedTeamsServer } from '../support/bot-framework-auth.js';
import { messageActivity, personalChat, postActivity, startFakeBotConnector, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';

// Issue 14, item 7: botbuilder (jsonwebtoken underneath) only checks `exp` when a token has one, so a
// correctly signed token without it, or one that lives for years, was accepted. Bot Framework tokens
// live about an hour; the bot now refuses any token without `exp` or meant to live beyond a day.

const HOUR = 3600;

describe('Teams: a Bot Framework token must expire, within what the Bot Framework issues', () => {
  let connector: FakeBotConnector;
  let server: SignedTeamsServer;
  beforeAll(async () => {
    connector = await startFakeBotConnector();
    server = await startSignedTeamsServer();
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  /** Posts `hjälp` from a new user with a token of these claims; the status and what reached the user. */
  async function send(claims: Record<string, unknown>): Promise<{ status: number; replies: number; reason: string | undefined }> {
    const user = testUser();
    const where = personalChat(user);
    server.logs.length = 0;
    const response = await postActivity(server.url, messageActivity(connector.serviceUrl, user, where, 'hjälp'), { authorization: `Bearer ${server.sign(claims)}` });
    return { status: response.status, replies: connector.activitiesIn(where.conversationId).length, reason: rejectionReason(server.logs) };
  }

  function withoutClaims(claims: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(claims).filter(([name]) => !names.includes(name)));
  }

  it('accepts a token as the Bot Connector issues it (an hour), and one at the bound of a day', async () => {
    expect(await send(channelClaims(connector.serviceUrl))).toMatchObject({ status: 200, replies: 1 });
    const now = Math.floor(Date.now() / 1000);
    expect(await send(channelClaims(connector.serviceUrl, { nbf: now - 60, iat: now - 60, exp: now - 60 + 24 * HOUR }))).toMatchObject({ status: 200, replies: 1 });
  });

  it('refuses a correctly signed token without exp: 401, and nothing reaches the bot', async () => {
    const result = await send(withoutClaims(channelClaims(connector.serviceUrl), 'exp'));
    expect(result).toMatchObject({ status: 401, replies: 0 });
    expect(result.reason).toMatch(/no exp/u);
  });

  it('refuses a token that lives longer than a day, counted from nbf or iat', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [
      channelClaims(connector.serviceUrl, { nbf: now - 60, iat: now - 60, exp: now + 25 * HOUR }),
      channelClaims(connector.serviceUrl, { nbf: now - 60, iat: now - 60, exp: now + 10 * 365 * 24 * HOUR }),
      withoutClaims(channelClaims(connector.serviceUrl, { iat: now - 60, exp: now + 48 * HOUR }), 'nbf'),
    ]) {
      const result = await send(claims);
      expect(result, JSON.stringify(claims)).toMatchObject({ status: 401, replies: 0 });
      expect(result.reason).toMatch(/lifetime/u);
    }
  });

  it('refuses a long-lived token that hides its age: no nbf or iat, or an iat in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const farAhead = now + 365 * 24 * HOUR;
    for (const claims of [
      withoutClaims(channelClaims(connector.serviceUrl, { exp: farAhead }), 'nbf', 'iat'),
      withoutClaims(channelClaims(connector.serviceUrl, { iat: farAhead - HOUR, exp: farAhead }), 'nbf'),
    ]) {
      const result = await send(claims);
      expect(result, JSON.stringify(claims)).toMatchObject({ status: 401, replies: 0 });
      expect(result.reason).toMatch(/lifetime/u);
    }
  });
});
