export { normalizeWhitespace, foldForMatching } from './normalize.js';
export { tokenize, wordParts } from './tokenize.js';
export { stem, type Language } from './stem.js';
export { isMisspeltStopword, isStopword } from './stopwords.js';
export { bilingual, detectLanguage, languageEvidence } from './language.js';
export { Lexicon } from './lexicon.js';
export { oneQuestionEach, weighSentences } from './sentences.js';
