import type { PlatformAdapterOptions } from '../../src/bot/index.js';
import { createTeamsAdapter, type TeamsOverrides } from './adapter.js';
import { createProactiveSender, type TeamsSender } from './proactive.js';

export { startTeams, type TeamsEndpoint } from './endpoint.js';
export { isLoopbackAddress, isLoopbackUrl } from './service-url.js';
export { platformSender, type TeamsSender } from './proactive.js';
export { activityToEvent, stripBotMention, type InboundEvent } from './inbound.js';
export { decodeCardAction } from './action-data.js';
export { renderReply } from './render.js';
export { teamsTexts } from './texts.js';
export {
  adaptiveCard,
  cardActivity,
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCard,
  type CardElement,
} from './cards.js';

/**
 * A proactive sender of its own, for code that sends to Teams without serving /api/messages (a
 * notice job run from the command line). Inside the server, use the endpoint from startTeams.
 */
export function createTeamsSender(options: Pick<PlatformAdapterOptions, 'config' | 'logger'>, overrides: TeamsOverrides = {}): TeamsSender {
  const logger = options.logger.child({ platform: 'teams' });
  return createProactiveSender(createTeamsAdapter(options.config, overrides), options.config.teams?.appId, logger);
}
