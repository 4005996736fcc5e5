import type { PlatformAdapterOptions } from '../../src/bot/index.js';
import type { TeamsOverrides } from './adapter.js';
import { createProactiveSender, type TeamsSender } from './proactive.js';
import { teamsOffEndpoint, type TeamsEndpoint } from './off-endpoint.js';

export type { TeamsEndpoint } from './off-endpoint.js';

/**
 * Starts the Teams adapter as `config.teamsMode` says. The Bot Framework SDK (seconds to load) is
 * loaded only when Teams is on: while it is off, /api/messages is refused without it.
 */
export async function startTeams(options: PlatformAdapterOptions, overrides: TeamsOverrides = {}): Promise<TeamsEndpoint> {
  if (options.config.teamsMode === 'off') return teamsOffEndpoint(options);
  return (await import('./endpoint.js')).startTeams(options, overrides);
}
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
export async function createTeamsSender(options: Pick<PlatformAdapterOptions, 'config' | 'logger'>, overrides: TeamsOverrides = {}): Promise<TeamsSender> {
  const { createTeamsAdapter } = await import('./adapter.js');
  const logger = options.logger.child({ platform: 'teams' });
  return createProactiveSender(createTeamsAdapter(options.config, overrides), options.config.teams?.appId, logger);
}
