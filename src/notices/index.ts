export { checkPlannedOutage, stockholmParts, type RuleViolation } from './rules.js';
export { currentState, DISRUPTION_STATE_LABELS, PLANNED_STATE_LABELS, type Notice, type NoticeKind, type NoticeState, type DisruptionState, type PlannedState } from './model.js';
export type { NoticesRepository, NoticesTransaction } from './repository.js';
export { NoticeService, type NoticeDraft } from './service.js';
export { noticesCalendar, noticeForFeed } from './feeds.js';
export { mountNoticeFeeds } from './feed-routes.js';
