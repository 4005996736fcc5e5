export { loadKnowledgeBase, formatIssue } from './load.js';
export { loadKnowledgeBaseCached, answerEngineFor, type CachedLoad } from './cache.js';
export { AnswerEngine, citationLine, type Answer, type AskOptions } from './answer.js';
export type { KnowledgeBase, KnowledgeRecord, Municipality, Citation, TicketType, HandledElsewhereNote, NoticeRules } from './model.js';
export type { TicketFieldDefinition } from './schema.js';
export { municipalitySystems } from './municipality-systems.js';
export type { Language } from './text/index.js';
export { bilingual, detectLanguage, languageEvidence, foldForMatching } from './text/index.js';
