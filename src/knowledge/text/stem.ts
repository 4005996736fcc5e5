import { createRequire } from 'node:module';
import type snowballStemmers from 'snowball-stemmers';

// Loaded with require, not import: the package is one CommonJS file of 850 kB, and an ESM import
// makes Node scan all of it for named exports first (about 35 ms of every `itkontakt ask`).
const snowball = createRequire(import.meta.url)('snowball-stemmers') as typeof snowballStemmers;

export type Language = 'sv' | 'en';

const stemmers = {
  sv: snowball.newStemmer('swedish'),
  en: snowball.newStemmer('english'),
};

const cache: Record<Language, Map<string, string>> = { sv: new Map(), en: new Map() };
const CACHE_LIMIT = 50_000;

/**
 * The Swedish stem, with the forms that Snowball leaves whole although people use them all the time:
 * the definite neuter "-et"/"-t" ("lösenordet", "kortet", "kontot"), the definite "-n" after r
 * ("datorn"), the neuter adjective "-t" after m ("gemensamt") and the doubled m before an ending
 * ("gemensamma"). The ending is taken off the word and the rest stemmed again, so that every form of
 * a word ends on the same term in records and in questions alike.
 */
function swedishStem(word: string): string {
  // Singular nouns in "-tor" ("dator", "faktor") are not plurals in "-or" ("programvaror").
  if (word.endsWith('tor')) return word;
  const result = stemmers.sv.stem(word);
  if (result.length >= 5) {
    if (/ets?$/u.test(word) && result.endsWith('et') && !/(?:[aegr]net|itet)$/u.test(result)) {
      // "kortet" is "kort" + "et", but "arbetet" is "arbete" + "t".
      const base = swedishStem(word.replace(/ets?$/u, ''));
      return base.length >= 4 ? base : swedishStem(word.replace(/ts?$/u, ''));
    }
    if (/(?:ots?|rns?|mt)$/u.test(word) && /(?:ot|rn|mt)$/u.test(result)) return swedishStem(word.replace(/s$/u, '').slice(0, -1));
    if (result.endsWith('mm')) return result.slice(0, -1);
  }
  return result;
}

/** The stem of a lowercased word, cached because the same words recur in every question. */
export function stem(word: string, language: Language): string {
  const memo = cache[language];
  let result = memo.get(word);
  if (result === undefined) {
    // Numbers and codes are kept whole: "010-4739499" or "2018" must not lose a digit.
    if (/\d/u.test(word)) result = word;
    else {
      // English agent nouns in "-ider"/"-ager" keep their ending, so a provider is not "provide".
      if (language === 'en' && /(?:id|ag)ers?$/u.test(word)) result = word.replace(/s$/u, '');
      else result = language === 'sv' ? swedishStem(word) : stemmers.en.stem(word);
    }
    if (memo.size >= CACHE_LIMIT) memo.clear();
    memo.set(word, result);
  }
  return result;
}
