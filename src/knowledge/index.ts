export { loadKnowledgeBase, formatIssue, type KnowledgeIssue, type LoadResult } from './load.js';
export { AnswerEngine, citationLine, type Answer, type AnswerGroup, type AnswerSource, type AskOptions } from './answer.js';
export type { KnowledgeBase, KnowledgeRecord, Municipality, Citation, SourceDocument } from './model.js';
export type { Language } from './text/index.js';
export { detectLanguage, foldForMatching } from './text/index.js';
