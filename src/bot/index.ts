export { Bot } from './bot.js';
export { parseCommand } from './command.js';
export { PlatformMessenger } from './messenger.js';
export { storedConversation, type ChatChannel, type PlatformOutbound, type StoredConversation } from './chat-channel.js';
export type { Turn, ConversationRef, BotAction } from './turn.js';
export { statusOfReply, type InboundEmail, type InboundEmailOutcome } from './email-reply.js';
export {
  REGISTRATION_FIELDS,
  isFollowUp,
  NOTICE_FORM_FIELDS,
  type NoticeFormField,
  type NoticeSummary,
  type NoticePurpose,
  type NoticeChangeMode,
  type NoticeReportView,
  type SystemChoice,
  type Reply,
  type MunicipalityChoice,
  type FieldMessage,
  type AnswerContext,
  type RegistrationField,
  type RegistrationSummary,
  type TicketForm,
  type TicketFormField,
  type TicketSummary,
  type NoticeRulesView,
} from './reply.js';
export { ticketTexts } from './ticket-texts.js';
export { fieldErrorTexts, wordFieldErrors } from './field-error-texts.js';
export { refusalTexts } from './refusal-texts.js';
export { texts, textsFor, answerTitle } from './texts.js';
export type { PlatformAdapterOptions, PlatformEndpoint } from './platform.js';
export { registrationTexts } from './registration-texts.js';
export { knowledgeGaps, gapTerms, type KnowledgeGap } from './gaps.js';
export { askerScope } from './scope.js';
export { noticeTexts, describeNotice, formatWindow } from './notice-texts.js';
export { noticeFormTexts } from './notice-form-texts.js';
export { joinWhen, splitWhen, readWindow, type WhenProblem, type WhenOutcome } from './notice-when.js';
export { noticeRuleSections, noticeRulesTitle, type RuleLine, type RuleSection } from './notice-rule-texts.js';
export { createChatTransport, ReportCards } from './notice-chat.js';
