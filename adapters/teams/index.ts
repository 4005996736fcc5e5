import type { PlatformAdapterOptions } from '../../src/bot/index.js';
import type { TeamsOverrides } from './adapter.js';
import type { ChatChannel } from '../../src/bot/index.js';
import type { TeamsAddress } from '../../src/outbound/index.js';
import type { TeamsChannelOptions } from './proactive.js';
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
 * The Teams channel on an adapter of its own, for code that sends to Teams without serving
 * /api/messages (a notice job run from the command line). Inside the server, use the endpoint's.
 */
export async function createTeamsChannel(options: Pick<PlatformAdapterOptions, 'config' | 'logger'> & TeamsChannelOptions, overrides: TeamsOverrides = {}): Promise<ChatChannel<TeamsAddress>> {
  const [{ createTeamsAdapter }, { createOutboxSender }, { teamsChannel }] = await Promise.all([import('./adapter.js'), import('./outbox-sender.js'), import('./proactive.js')]);
  const logger = options.logger.child({ platform: 'teams' });
  const sender = createOutboxSender(createTeamsAdapter(options.config, overrides), options.config.teams?.appId, logger);
  return teamsChannel(sender, { destinations: options.destinations, limits: options.limits ?? options.config.notices.limits });
}
