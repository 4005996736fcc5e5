export { loadKnowledgeBase, formatIssue } from './load.js';
export type { KnowledgeNote } from './route-notes.js';
export { ticketRouting, type TicketRouting } from './routing.js';
export { loadKnowledgeBaseCached, answerEngineFor, type CachedLoad } from './cache.js';
export { AnswerEngine, citationLine, type Answer, type AskOptions } from './answer.js';
export type { KnowledgeBase, KnowledgeRecord, Municipality, Citation, TicketType, HandledElsewhereNote, NoticeRules, RuleOrigin } from './model.js';
export type { TicketFieldDefinition } from './schema.js';
export type { Language } from './text/index.js';
export { bilingual, detectLanguage, languageEvidence, foldForMatching } from './text/index.js';
