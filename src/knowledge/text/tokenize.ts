/** A word as it stood in the text, lowercased, with its position among the text's words. */
export interface Token {
  /** Lowercased surface form ("siths-kortet"). */
  readonly text: string;
  /** Index of the token in the text. */
  readonly position: number;
}

// Letters, digits, and the joiners that keep words like "e-tjänst", "it.support@uppsala.se" and
// "010-4739499" whole; trailing joiners are trimmed below.
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}]|[-.@'’](?=[\p{L}\p{N}]))*/gu;

/** Splits text into lowercased word tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lower = text.normalize('NFC').toLowerCase();
  for (const match of lower.matchAll(WORD)) {
    tokens.push({ text: match[0], position: tokens.length });
  }
  return tokens;
}

/**
 * The searchable parts of a token: a hyphenated or dotted word gives its joined form and each part
 * ("siths-kort" → "sithskort", "siths", "kort"), an email address gives itself and its parts.
 */
export function wordParts(token: string): string[] {
  if (!/[-.@'’]/u.test(token)) return [token];
  const parts = token.split(/[-.@'’]+/u).filter((part) => part.length > 0);
  const joined = parts.join('');
  return [...new Set([joined, ...parts])];
}
