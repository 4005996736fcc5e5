import type { Citation } from './model.js';
import type { Language } from './text/index.js';

/** A quoted source of an answer, as the JSON contract names its fields. */
export interface AnswerSource {
  readonly municipality: string;
  readonly file: string;
  readonly document: string;
  readonly heading: string;
  readonly quote: string;
}

/** The records that answer a question for one municipality. */
export interface AnswerGroup {
  readonly municipalityId: string;
  readonly municipalityName: string;
  readonly records: ReadonlyArray<{ readonly id: string; readonly text: string; readonly citation: Citation }>;
}

export interface Answer {
  readonly found: boolean;
  /** The municipality whose rules were applied, or null when several (or none) were. */
  readonly municipality: string | null;
  readonly language: Language;
  /** The full answer for a person: facts, then "Källa:" lines with quotes. */
  readonly answer: string;
  readonly sources: readonly AnswerSource[];
  /** The same answer, structured, for adapters that render cards. */
  readonly groups: readonly AnswerGroup[];
  /** Stable id of the best record, for feedback; null when nothing was found. */
  readonly answerId: string | null;
  /**
   * When nothing answered for sure but a few records came close: the likeliest topics, best first,
   * for a "Menar du …?" choice. Answer the one chosen with `AnswerEngine.answerRecord`.
   */
  readonly suggestions: readonly Suggestion[];
  /**
   * The index terms the question was understood by (its meaningful words, stemmed and spelled as the
   * knowledge base spells them), sorted: unanswered questions are grouped by these, not by wording.
   */
  readonly terms: readonly string[];
}

/** A topic offered when no record answered for sure. */
export interface Suggestion {
  readonly id: string;
  readonly municipalityId: string;
  /** The topic in the answer's language: the record's heading, shortened. */
  readonly label: string;
}

export interface AskOptions {
  /** The asker's municipality; a municipality named in the question overrides it. */
  readonly municipality?: string | undefined;
  /** Force the answer language; detected from the question when absent. */
  readonly language?: Language | undefined;
  /**
   * Answer from exactly these municipalities, each under its own name ("hur gör de andra
   * kommunerna?"); overrides both the context and a municipality named in the question.
   */
  readonly municipalities?: readonly string[] | undefined;
}

/** How a question was understood and how the best records scored (`AnswerEngine.explain`). */
export interface Explanation {
  readonly words: ReadonlyArray<{ readonly word: string; readonly terms: Readonly<Record<string, number>>; readonly parts: ReadonlyArray<readonly string[]> }>;
  readonly candidates: ReadonlyArray<{ readonly id: string; readonly municipality: string; readonly score: number; readonly coverage: number; readonly answers: boolean }>;
}
