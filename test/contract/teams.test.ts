import { createTeamsChannel } from '../../adapters/teams/index.js';
import type { Reply } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import type { TeamsAddress } from '../../src/outbound/index.js';
import { startFakeBotConnector, storedDestination, storedDestinations, teamChannel, teamsAddressOf, testUser } from '../support/fake-bot-connector.js';
import { describeOutboundContract } from './outbound.contract.js';

// Teams through the adapter's channel (the Bot Connector client without retries) against the fake
// Bot Connector on loopback: 429 with Retry-After, a 503, 403 for a conversation the bot was
// removed from, 400 for a message it refuses; a sent message is replaced in place.
describeOutboundContract<TeamsAddress, Reply>('Teams (Bot Connector)', async () => {
  const connector = await startFakeBotConnector();
  const user = testUser('Sara Svensson');
  const drift = storedDestination(connector.serviceUrl, teamChannel('drift'), user);
  const removed = storedDestination(connector.serviceUrl, teamChannel('borttagen'), user);
  const channel = await createTeamsChannel({ config: loadConfig({ TEAMS_LOCAL: '1' }), logger: createLogger({ level: 'silent' }), destinations: storedDestinations(drift, removed) });
  return {
    channel,
    address: teamsAddressOf(drift),
    message: (n) => ({ kind: 'error', language: 'sv', message: `Driftinformation ${n}` }),
    accepted: () => connector.activitiesIn(drift.conversationId).length,
    throttleNext: (seconds) => connector.failNext(drift.conversationId, 429, 1, seconds),
    failPassingNext: () => connector.failNext(drift.conversationId, 503),
    goneAddress: () => {
      connector.configure({ gone: new Set([removed.conversationId]) });
      return teamsAddressOf(removed);
    },
    refuseNext: () => connector.failNext(drift.conversationId, 400),
    close: () => connector.close(),
  };
});
