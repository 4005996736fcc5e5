export { loadKnowledgeBase, formatIssue, type KnowledgeIssue, type LoadResult } from './load.js';
export { loadKnowledgeBaseCached, answerEngineFor, type CachedLoad } from './cache.js';
export { AnswerEngine, citationLine, type Answer, type AnswerGroup, type AnswerSource, type AskOptions, type Suggestion } from './answer.js';
export type { KnowledgeBase, KnowledgeRecord, Municipality, Citation, SourceDocument, TicketType, HandledElsewhereNote, NoticeRules } from './model.js';
export { TICKET_FIELD_TYPES, PREFILL_SOURCES, type TicketFieldDefinition } from './schema.js';
export type { Language } from './text/index.js';
export { detectLanguage, foldForMatching } from './text/index.js';
