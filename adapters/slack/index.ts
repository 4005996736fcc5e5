// The Slack adapter: Slack payloads in, the core's Turns out; the core's Replies in, Block Kit out.
export { startSlack, SLACK_WORK_CONCURRENCY, type SlackEndpoint } from './adapter.js';
export { SLACK_BOT_SCOPES, SLACK_EVENT_SCOPES, SLACK_EVENTS_PATH, SLACK_HANDLED_EVENTS, SLACK_SLASH_COMMAND } from './events.js';
export { readSlackPayload, eventIdOf } from './inbound.js';
export { renderReply, renderAnswer, renderHome, withFeedbackGiven } from './render.js';
export {
  sendSlackMessage,
  updateSlackMessage,
  retryAfterSeconds,
  createSlackClient,
} from './send.js';
export { verifySlackSignature, SLACK_REPLAY_WINDOW_SECONDS } from './verify.js';
export { RecentEventIds } from './recent-events.js';
export { RecentRequests } from './recent-requests.js';
export { WorkQueue } from './work-queue.js';
export { plainTextFromSlack } from './mrkdwn.js';
export { ACTION_IDS, BLOCK_IDS, encodeValue, decodeValue, ticketValueSchema } from './action-values.js';
export { registrationModal, registrationErrors, rejectModal, registrationFormMessage } from './registration-render.js';
export { staffMessageAfter, ticketBlocksOf, ticketNoteModal } from './ticket-staff-render.js';
export { ticketModal, ticketErrors } from './ticket-form-render.js';
export { ticketReplyModal, withRatingGiven } from './ticket-follow-up-render.js';
export { slackTicketTexts } from './ticket-texts.js';
export type { SlackHandlerDependencies } from './handler.js';
export { slackChannel, slackSendFailure, type SlackChannelOptions } from './outbound-channel.js';
export { noticeFormModal, noticeFormErrors, noticeChangeModal, noticeChangeErrors, noticeReasonModal } from './notice-modals.js';
export { NOTICE_ACTION_IDS, NOTICE_BLOCK_IDS, NOTICE_CALLBACK_IDS } from './notice-values.js';
export { slackNoticeTexts } from './notice-texts.js';
