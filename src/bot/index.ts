export { Bot, parseCommand, type BotDependencies } from './bot.js';
export type { Turn, Actor, ConversationRef, BotAction, Platform } from './turn.js';
export type { Reply, MunicipalityChoice } from './reply.js';
export {
  actorKey,
  destinationKey,
  type PreferenceRepository,
  type UserPreferences,
  type FeedbackRepository,
  type FeedbackEntry,
  type Destination,
  type DestinationRepository,
} from './repositories.js';
export { texts, textsFor } from './texts.js';
export type { PlatformAdapterOptions, PlatformEndpoint } from './platform.js';
