import { DETERMINERS, EMPTY_PHRASES, PARTICLES, PLACE_OR_TIME_PREPOSITIONS, SUBJECTS } from './analysis-weights.js';

// What a question's word means by the words around it. All take the question's words folded for
// matching (and the particles, as typed).

// Question words that put the verb before its subject ("hur loggar personalen in?").
const QUESTION_WORDS: ReadonlySet<string> = new Set(['hur', 'nar', 'var', 'vart', 'varfor', 'vad', 'vem']);

/** Whether the word at `index` follows a preposition of place or time, with at most one determiner between. */
export function placeOrTime(folded: readonly string[], index: number): boolean {
  const before = folded[index - 1];
  if (before === undefined) return false;
  if (PLACE_OR_TIME_PREPOSITIONS.has(before)) return true;
  return DETERMINERS.has(before) && PLACE_OR_TIME_PREPOSITIONS.has(folded[index - 2] ?? '');
}

/**
 * Whether the verb at `index` has its subject right after it, before its particle: "loggar man
 * in", and after a question word any subject, "hur loggar personalen in".
 */
export function subjectFollows(folded: readonly string[], tokens: readonly string[], index: number): boolean {
  if (SUBJECTS.has(folded[index + 1]!)) return true;
  return index > 0 && QUESTION_WORDS.has(folded[index - 1]!) && index + 2 < tokens.length && PARTICLES.has(tokens[index + 2]!);
}

/** The positions of fixed phrases that say when, not what ("under tiden"): left out of the question. */
export function emptyPhrasePositions(folded: readonly string[]): number[] {
  const positions: number[] = [];
  for (let start = 0; start < folded.length; start += 1) {
    for (const phrase of EMPTY_PHRASES) {
      if (phrase.every((word, offset) => folded[start + offset] === word)) for (let offset = 0; offset < phrase.length; offset += 1) positions.push(start + offset);
    }
  }
  return positions;
}
