export { normalizeWhitespace, foldForMatching } from './normalize.js';
export { tokenize, wordParts, type Token } from './tokenize.js';
export { stem, type Language } from './stem.js';
export { isMisspeltStopword, isStopword, swedishStopwords, englishStopwords } from './stopwords.js';
export { bilingual, detectLanguage, languageEvidence } from './language.js';
export { Lexicon, boundedEditDistance } from './lexicon.js';
export { oneQuestionEach, weighSentences, type WeightedSentence } from './sentences.js';
