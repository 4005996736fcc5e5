import type { PlatformAdapterOptions } from '../../src/bot/index.js';
import { createTeamsAdapter, type TeamsOverrides } from './adapter.js';
import { createProactiveSender, type TeamsSender } from './proactive.js';

export { startTeams, TEAMS_ROUTE, type TeamsEndpoint } from './endpoint.js';
export { isLoopbackAddress, isLoopbackUrl } from './service-url.js';
export { MAX_TOKEN_LIFETIME_SECONDS } from './token-lifetime.js';
export { DEFAULT_TYPING_DELAY_MS } from './turn-handler.js';
export type { TeamsOverrides } from './adapter.js';
export { platformSender, type TeamsSender, type TeamsMessage, type ProactiveSendResult } from './proactive.js';
export { activityToEvent, stripBotMention, type InboundEvent, type StoredConversationReference } from './inbound.js';
export {
  decodeCardAction,
  MUNICIPALITY_INPUT_ID,
  NOTE_INPUT_IDS,
  REASON_INPUT_ID,
  REPLY_INPUT_ID,
  REGISTRATION_INPUT_PREFIX,
  TICKET_FIELD_PREFIX,
  NOTICE_FIELD_PREFIX,
  NOTICE_CHANGE_PREFIX,
  NOTICE_CHANGE_FIELDS,
  NOTICE_REASON_INPUT_ID,
  type CardActionData,
} from './action-data.js';
export { renderReply, answerCard, notFoundCard, welcomeCard, helpCard, chooseMunicipalityCard } from './render.js';
export { registrationFormCard, registrationReviewCard } from './registration-cards.js';
export { noticeCard, noticeListCard, noticePreviewCard, noticeReportCard, subscriptionsCard } from './notice-cards.js';
export { noticeFormCard, noticeChangeFormCard } from './notice-form-cards.js';
export { ticketTypeChoiceCard, ticketFormCard, ticketStaffCard, ticketRatingCard, ticketListCard, ticketMessageCard, ticketQuestionCard, handledElsewhereCard } from './ticket-cards.js';
export { teamsTexts } from './texts.js';
export {
  adaptiveCard,
  cardActivity,
  textActivity,
  ADAPTIVE_CARD_CONTENT_TYPE,
  ADAPTIVE_CARD_VERSION,
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
