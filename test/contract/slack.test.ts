import { startSlack } from '../../adapters/slack/index.js';
import type { Bot, Reply } from '../../src/bot/index.js';
import type { Destination } from '../../src/contacts/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import type { SlackAddress } from '../../src/outbound/index.js';
import { FAKE_SLACK, slackEnv, startFakeSlackApi } from '../support/fake-slack-api.js';
import { describeOutboundContract } from './outbound.contract.js';

// Slack through the channel the adapter registers with the core (its Web API client that never
// retries) against the fake Slack Web API on loopback. Slack says "gone" in the body
// (channel_not_found) and refuses a message the same way (invalid_blocks); 429 comes with
// Retry-After, and Slack's edge failing is an HTTP 503.
describeOutboundContract<SlackAddress, Reply>('Slack (Web API)', async () => {
  const fake = await startFakeSlackApi({ strictUpdates: true });
  const stored = (channelId: string): Destination => ({
    key: `slack:${FAKE_SLACK.teamId}:${channelId}`,
    platform: 'slack',
    tenantId: FAKE_SLACK.teamId,
    conversationId: channelId,
    kind: 'channel',
    reference: { channel: channelId, team: FAKE_SLACK.teamId },
    installedBy: `slack:${FAKE_SLACK.teamId}:U0SARA`,
    installedAt: '2026-11-01T08:00:00.000Z',
  });
  const destinations = [stored('C0DRIFT'), stored('C0ARKIV')];
  const quiet = { get: async () => undefined, set: async () => undefined, upsert: async () => undefined, remove: async () => false, list: async () => [] };
  const endpoint = await startSlack({
    config: loadConfig(slackEnv(fake.url)),
    logger: createLogger({ level: 'silent' }),
    // Sending needs no conversation turns: a bot that is never asked.
    bot: {} as Bot,
    destinations: { ...quiet, get: async (key: string) => destinations.find((destination) => destination.key === key) },
    preferences: quiet,
  });
  if (endpoint.outbound?.platform !== 'slack') throw new Error('the Slack adapter registered no channel');
  return {
    channel: endpoint.outbound.channel,
    address: { kind: 'slack', teamId: FAKE_SLACK.teamId, channelId: 'C0DRIFT' },
    message: (n) => ({ kind: 'error', language: 'sv', message: `Driftinformation ${n}` }),
    accepted: () => fake.messagesIn('C0DRIFT').length,
    throttleNext: (seconds) => fake.rateLimit('chat.postMessage', seconds),
    failPassingNext: () => fake.httpErrorNext('chat.postMessage', 503),
    goneAddress: () => {
      fake.goneChannels.add('C0ARKIV');
      return { kind: 'slack', teamId: FAKE_SLACK.teamId, channelId: 'C0ARKIV' };
    },
    refuseNext: () => fake.failNext('chat.postMessage', 'invalid_blocks'),
    async close() {
      await endpoint.stop();
      await fake.close();
    },
  };
});
