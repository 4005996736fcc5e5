/**
 * One meaningful word of a question with the index terms that may stand for it: its Swedish and
 * English stems, spelling corrections, glossary translations and system ids. A record earns a
 * group's score once, through its best alternative. A compound ("lösenordsregler") also lists its
 * parts, each with its own alternatives: a record that has the parts matches the word too.
 */
export interface QueryGroup {
  readonly word: string;
  readonly alternatives: Map<string, number>;
  readonly parts: ReadonlyArray<Map<string, number>>;
  /**
   * How much the word counts towards the question's coverage: 1 for a key word, less for a short
   * number or a word that every municipality's requirements are about.
   */
  readonly importance: number;
  /** How much the sentence the word stands in counts: less for background than for the question. */
  readonly emphasis: number;
  /** Whether any record of any municipality has the word (or a spelling, part or synonym of it). */
  readonly known: boolean;
  /** Whether the word is (part of) a system's name ("Lifecare", "SITHS"): it names a system, not a topic. */
  readonly systemName: boolean;
}

export interface AnalyzedQuery {
  readonly groups: readonly QueryGroup[];
  /** Municipality ids named in the question ("i Göteborg"). */
  readonly municipalities: readonly string[];
  /** Whether the message has sentences of background beside the ones that ask. */
  readonly background: boolean;
}

/** One word's analysis, as kept for the next question that has the word. */
export interface AnalysedWord {
  readonly importance: number;
  readonly known: boolean;
  readonly systemName: boolean;
  readonly alternatives: ReadonlyArray<readonly [string, number]>;
  readonly parts: ReadonlyArray<ReadonlyArray<readonly [string, number]>>;
}

/** A question's word group while the question is analysed (its phrases and particle verbs add to it). */
export class MutableGroup implements QueryGroup {
  readonly alternatives = new Map<string, number>();
  readonly parts: Array<Map<string, number>> = [];
  known = false;
  systemName = false;

  constructor(
    readonly word: string,
    readonly importance: number,
    readonly emphasis: number,
  ) {}

  offer(term: string, weight: number): void {
    if ((this.alternatives.get(term) ?? 0) < weight) this.alternatives.set(term, weight);
  }
}
