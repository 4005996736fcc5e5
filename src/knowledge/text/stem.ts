import snowball from 'snowball-stemmers';

export type Language = 'sv' | 'en';

const stemmers = {
  sv: snowball.newStemmer('swedish'),
  en: snowball.newStemmer('english'),
};

const cache: Record<Language, Map<string, string>> = { sv: new Map(), en: new Map() };
const CACHE_LIMIT = 50_000;

/** The Snowball stem of a lowercased word, cached because the same words recur in every question. */
export function stem(word: string, language: Language): string {
  const memo = cache[language];
  let result = memo.get(word);
  if (result === undefined) {
    // Numbers and codes are kept whole: "010-4739499" or "2018" must not lose a digit.
    result = /\d/u.test(word) ? word : stemmers[language].stem(word);
    if (memo.size >= CACHE_LIMIT) memo.clear();
    memo.set(word, result);
  }
  return result;
}
