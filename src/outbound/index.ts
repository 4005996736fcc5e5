export {
  conversationAddress,
  conversationKey,
  isChatAddress,
  platformOf,
  recipientKey,
  storedConversationKey,
  userAddress,
  type Address,
  type ChatAddress,
  type EmailAddress,
  type SlackAddress,
  type SlackChannel,
  type SlackUser,
  type SmsNumber,
  type TeamsAddress,
  type TeamsConversation,
  type TeamsUser,
} from './address.js';
export type { RateKey, RateLimit } from './rate.js';
export { ALONE, shareOf, type SharedLimits } from './shared-limits.js';
export { outcomeOf, outcomeOfError, type EmailChannel, type EmailMessage, type OutboundChannel, type SendOutcome, type SentRef, type SmsChannel, type SmsMessage } from './outcome.js';
export { RetryPolicy, type RetryDecision, type RetryPolicyOptions } from './retry.js';
export { messageIdFor } from './message-id.js';
export { keepBeating, SERVER_BEAT_INTERVAL_MS, SERVER_BEAT_STALE_MS, type ServerBeat, type ServerPresence } from './server-presence.js';
