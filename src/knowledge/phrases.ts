import { foldForMatching, tokenize } from './text/index.js';
import { SUBJECTS } from './analysis-weights.js';

/** A word of a phrase or question: folded, with the stems it may have in Swedish and English. */
export interface PhraseToken {
  readonly folded: string;
  readonly stems: readonly string[];
}

/** A multi-word expression (a system's name, a glossary phrase) and the terms it stands for. */
export interface Phrase {
  readonly tokens: readonly PhraseToken[];
  readonly expansion: ReadonlyMap<string, number>;
  /** Whether the phrase is a system's name (its expansion is a system term). */
  readonly systemName: boolean;
}

/** A text's words, folded for matching. */
export function foldedTokens(text: string): string[] {
  return tokenize(foldForMatching(text)).map((token) => token.text);
}

/**
 * The positions of a phrase's words in the question when it stands there from `start`. A subject
 * may stand inside a verb phrase ("loggar man in" for "loggar in"), as Swedish questions put it.
 */
export function phraseAt(tokens: readonly PhraseToken[], start: number, phrase: readonly PhraseToken[]): number[] | undefined {
  const positions: number[] = [];
  let at = start;
  for (const [offset, expected] of phrase.entries()) {
    if (offset > 0) while (at < tokens.length && SUBJECTS.has(tokens[at]!.folded) && !sameWord(tokens[at]!, expected)) at += 1;
    if (at >= tokens.length || !sameWord(tokens[at]!, expected)) return undefined;
    positions.push(at);
    at += 1;
  }
  return positions;
}

function sameWord(actual: PhraseToken, expected: PhraseToken): boolean {
  return actual.folded === expected.folded || expected.stems.some((term) => actual.stems.includes(term));
}
