/** Collapses every run of whitespace (line breaks and blank lines too) to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Lowercases and folds the letters people often type without their diacritics, so that "Goteborg",
 * "Örebro" and "orebro" meet. The stemmed search terms keep å, ä and ö, which carry meaning; a
 * word typed without them is matched to them through this fold, at a lower weight.
 */
export function foldForMatching(text: string): string {
  // Most words are plain ASCII: no need to decompose them.
  if (!/[^\x00-\x7f]/u.test(text)) return /[A-Z]/u.test(text) ? text.toLowerCase() : text;
  // The same words recur in every question: decomposing them once saves the garbage collector work.
  let folded = foldedCache.get(text);
  if (folded === undefined && text.length > FOLD_CACHE_WORD_LENGTH) return decompose(text);
  if (folded === undefined) {
    folded = decompose(text);
    if (foldedCache.size >= FOLD_CACHE_LIMIT) foldedCache.clear();
    foldedCache.set(text, folded);
  }
  return folded;
}

function decompose(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

// Words are cached, whole messages are not.
const FOLD_CACHE_WORD_LENGTH = 40;
const FOLD_CACHE_LIMIT = 50_000;
const foldedCache = new Map<string, string>();
