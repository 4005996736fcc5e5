/** Collapses every run of whitespace (line breaks and blank lines too) to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Lowercases and folds the letters people often type without their diacritics, so that "Goteborg",
 * "Örebro" and "orebro" meet. Only used for matching names, never for the stemmed search terms, where
 * å, ä and ö carry meaning.
 */
export function foldForMatching(text: string): string {
  // Most words are plain ASCII: no need to decompose them.
  if (!/[^\x00-\x7f]/u.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
