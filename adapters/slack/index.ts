// The Slack adapter: Slack payloads in, the core's Turns out; the core's Replies in, Block Kit out.
export { startSlack, SLACK_WORK_CONCURRENCY, type SlackAdapterOverrides, type SlackEndpoint } from './adapter.js';
export { SLACK_BOT_SCOPES, SLACK_EVENT_SCOPES, SLACK_EVENTS_PATH, SLACK_HANDLED_EVENTS, SLACK_SLASH_COMMAND, type SlackBotScope, type SlackHandledEvent } from './events.js';
export type { SlackInbound, HandledInbound, ActionOrigin } from './inbound-model.js';
export { readSlackPayload, eventIdOf } from './inbound.js';
export { renderReply, renderAnswer, renderHome, withFeedbackGiven, type SlackMessage, type RenderOptions } from './render.js';
export {
  sendSlackMessage,
  updateSlackMessage,
  withRetryAfter,
  retryAfterSeconds,
  createSlackClient,
  slackClientOptions,
  type SlackTarget,
  type SentMessage,
  type RateLimitOptions,
} from './send.js';
export { verifySlackSignature, SLACK_REPLAY_WINDOW_SECONDS, type SlackVerification, type SlackVerificationFailure } from './verify.js';
export { RecentEventIds } from './recent-events.js';
export { RecentRequests, type RecentRequestsOptions } from './recent-requests.js';
export { WorkQueue, type WorkQueueOptions, type WorkLane, type Job } from './work-queue.js';
export { plainTextFromSlack } from './mrkdwn.js';
export { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, registrationBlockId, ticketBlockId, encodeValue, decodeValue, ticketValueSchema } from './action-values.js';
export { registrationModal, registrationErrors, reviewMessage, reviewDecidedMessage, rejectModal, registrationFormMessage } from './registration-render.js';
export { staffTicketMessage, staffMessageAfter, ticketBlocksOf, ticketNoteModal } from './ticket-staff-render.js';
export {
  ticketTypeChoiceMessage,
  ticketFormMessage,
  ticketModal,
  ticketErrors,
  ticketUpdateMessage,
  ticketConversationMessage,
  ticketReplyModal,
  withRatingGiven,
  ticketListMessage,
  handledElsewhereMessage,
} from './ticket-render.js';
export { slackTicketTexts } from './ticket-texts.js';
export { handleSlackInbound, type SlackHandlerDependencies } from './handler.js';
export { slackNoticePoster, slackSendFailure, combineMessages } from './notice-send.js';
export {
  noticeMessage,
  noticeBlocks,
  noticeListMessage,
  noticeFormMessage,
  noticePreviewMessage,
  noticeChangeFormMessage,
  noticeReportMessage,
  noticeRecordedMessage,
  subscriptionsMessage,
  noticeChannelSetMessage,
} from './notice-render.js';
export { noticeFormModal, noticeFormErrors, noticeChangeModal, noticeChangeErrors, noticeReasonModal } from './notice-modals.js';
export { NOTICE_ACTION_IDS, NOTICE_BLOCK_IDS, NOTICE_CALLBACK_IDS, noticeFormBlockId, noticeChangeBlockId } from './notice-values.js';
export { slackNoticeTexts } from './notice-texts.js';
