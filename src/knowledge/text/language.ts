import type { Language } from './stem.js';

/**
 * A catalogue of texts in Swedish and English. The Swedish one gives the shape and the English one
 * must have exactly the same texts: a text missing (or extra) in English is a compile error.
 */
export function bilingual<T>(sv: T, en: NoInfer<Widened<T>>): Readonly<Record<Language, Widened<T>>> {
  return { sv: sv as Widened<T>, en };
}

/** A catalogue's shape without the Swedish wording: each text a string, each function returning one. */
export type Widened<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widened<R>
    : T extends object
      ? { readonly [K in keyof T]: Widened<T[K]> }
      : T;
import { englishStopwords, foldedStopwords, swedishStopwords } from './stopwords.js';
import { tokenize } from './tokenize.js';

// Words that are common in English questions and never Swedish words (and the reverse), beyond the
// stopword lists: enough to tell a one-line question's language.
const ENGLISH_HINTS = new Set(['which', 'what', 'how', 'who', 'where', 'when', 'why', 'do', 'does', 'the', 'we', 'our', 'is', 'are', 'can', 'should', 'must', 'need', 'to', 'of', 'used', 'use']);
const SWEDISH_HINTS = new Set(['vad', 'hur', 'vem', 'var', 'när', 'vilken', 'vilket', 'vilka', 'vi', 'våra', 'är', 'kan', 'ska', 'måste', 'får', 'för', 'till', 'med', 'och', 'att', 'om', 'det', 'en', 'ett', 'gör', 'o']);
// "for" is English, and "för" typed without its ring ("rutin for sithskort"): it leans English only
// a little, so that one Swedish word typed without å-ä-ö outweighs it.
const AMBIGUOUS_ENGLISH = new Map([['for', 0.5]]);

/**
 * Guesses whether a question is Swedish or English. Swedish is the default: a question with no
 * telling words ("SITHS?") is answered in Swedish.
 */
export function detectLanguage(text: string): Language {
  return languageEvidence(text) ?? 'sv';
}

/**
 * The language a text shows, or undefined when it has no telling words either way ("SITHS?") or as
 * many of each: such a message says nothing about the language its writer prefers.
 */
export function languageEvidence(text: string): Language | undefined {
  let swedish = /[åäö]/iu.test(text) ? 2 : 0;
  let english = 0;
  for (const { text: word } of tokenize(text)) {
    const ambiguous = AMBIGUOUS_ENGLISH.get(word);
    if (ambiguous !== undefined) {
      english += ambiguous;
      continue;
    }
    // A Swedish stopword typed without å-ä-ö ("nar", "forsta") is as Swedish as the word itself.
    if (SWEDISH_HINTS.has(word) || ((swedishStopwords.has(word) || foldedStopwords.has(word)) && !englishStopwords.has(word))) swedish += 1;
    if (ENGLISH_HINTS.has(word) || (englishStopwords.has(word) && !swedishStopwords.has(word) && !foldedStopwords.has(word))) english += 1;
  }
  return english > swedish ? 'en' : swedish > english ? 'sv' : undefined;
}
