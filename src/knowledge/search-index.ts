import type { AnalyzedQuery, Analyzer } from './analyzer.js';
import type { KnowledgeRecord } from './model.js';

/** A record's score for a question, with how much of the question it covers (0–1). */
export interface ScoredRecord {
  readonly record: KnowledgeRecord;
  readonly score: number;
  readonly coverage: number;
  /**
   * Whether the record matches enough key words of the question (not only generic words and
   * numbers): one, or two when the question has a long word that no record knows.
   */
  readonly keyWord: boolean;
  /** How many key words of the question the record matches. */
  readonly keyWords: number;
  /**
   * Whether the record matches a key word that is not a system's name (or the question has none):
   * a record that only shares "Lifecare" with a question about passwords is about something else.
   */
  readonly topicWord: boolean;
  /** Whether the record matches a key word of the sentences that ask (or they have none). */
  readonly matchesAsking: boolean;
  /**
   * Whether the record matches a key word as written (its stem, without its diacritics, a typo
   * corrected), not only through the glossary or a compound's parts.
   */
  readonly matchesAsWritten: boolean;
}

// BM25 parameters: the usual ones; records are short and similar in length.
const K1 = 1.2;
const B = 0.75;
// A question word that no record of the municipality knows weighs nearly like the rarest word: it
// lowers the coverage (so "vädret" in "Hur blir vädret i helgen?" keeps an off-topic question from
// being answered) without letting one filler word sink an otherwise well-matched question.
const UNKNOWN_WORD_IDF_SHARE = 0.7;
// A record that has every part of a compound matches nearly as well as one that has the compound.
const COMPOUND_PARTS_WEIGHT = 0.9;
// An unknown word of up to four letters is more often a spoken filler ("sett", "ge", "fått") than
// the topic of the question, so it weighs less.
const SHORT_WORD = 4;
const SHORT_UNKNOWN_SHARE = 0.6;
// A word of six letters or more in a question that no record of any municipality knows
// ("föräldrapenning", "vädret") is often what the question is about: then one shared word
// ("ansöker", "helgen") cannot carry an answer, two must.
const LONG_WORD = 6;
// A match at this weight or more is the word as written: its stem, a hyphen part, the word without
// its diacritics or with a typo corrected; less is a guess at its meaning (the glossary, a
// compound's parts).
const AS_WRITTEN = 0.85;

/**
 * Per-record accumulators of one partition, reused by every search (searches run one at a time),
 * so that answering a question allocates next to nothing.
 */
class Accumulator {
  readonly value: Float64Array;
  readonly share: Float64Array;
  readonly touched: number[] = [];

  constructor(size: number) {
    this.value = new Float64Array(size);
    this.share = new Float64Array(size);
  }

  add(doc: number, value: number, share: number): void {
    if (this.value[doc] === 0 && this.share[doc] === 0) this.touched.push(doc);
    if (value > this.value[doc]!) this.value[doc] = value;
    if (share > this.share[doc]!) this.share[doc] = share;
  }

  /** Adds to the running sums rather than keeping the best. */
  sum(doc: number, value: number, share: number): void {
    if (this.value[doc] === 0 && this.share[doc] === 0) this.touched.push(doc);
    this.value[doc] = this.value[doc]! + value;
    this.share[doc] = this.share[doc]! + share;
  }

  reset(): void {
    for (const doc of this.touched) {
      this.value[doc] = 0;
      this.share[doc] = 0;
    }
    this.touched.length = 0;
  }
}

class Scratch {
  readonly group: Accumulator;
  readonly part: Accumulator;
  readonly parts: Accumulator;
  readonly total: Accumulator;
  /** Per record, how many key words it matched. */
  readonly key: Uint8Array;
  /** Per record, how many key words of the sentences that ask it matched. */
  readonly askingKey: Uint8Array;
  /** Per record, whether it matched a key word that is not a system's name. */
  readonly topicKey: Uint8Array;
  /** Per record, whether it matched a key word as written. */
  readonly writtenKey: Uint8Array;
  /** Marks the records an alternative reached, by search generation. */
  readonly reached: Int32Array;
  generation = 0;

  constructor(size: number) {
    this.group = new Accumulator(size);
    this.part = new Accumulator(size);
    this.parts = new Accumulator(size);
    this.total = new Accumulator(size);
    this.key = new Uint8Array(size);
    this.askingKey = new Uint8Array(size);
    this.topicKey = new Uint8Array(size);
    this.writtenKey = new Uint8Array(size);
    this.reached = new Int32Array(size);
  }
}

/**
 * The records of one municipality, indexed on their own. Each municipality is a partition with its
 * own term statistics, so loading more municipalities never changes the answers for another one, and
 * a question with a municipality context only ever looks at that municipality's records. Postings
 * are packed in typed arrays: a term's records and frequencies stand from `start[term]` to
 * `start[term + 1]`.
 */
export class Partition {
  private readonly termIndex = new Map<string, number>();
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly frequencies: Float32Array;
  /** K1 · (1 − B + B · length / average length), per record. */
  private readonly norms: Float64Array;
  private readonly unknownWeight: number;
  private scratch: Scratch | undefined;

  constructor(
    readonly records: readonly KnowledgeRecord[],
    analyzer: Analyzer,
  ) {
    const lists: Array<number[]> = [];
    const lengths = new Float64Array(records.length);
    let postings = 0;
    for (const [doc, record] of records.entries()) {
      const { terms, length } = analyzer.recordTerms(record);
      lengths[doc] = length;
      for (const [term, frequency] of terms) {
        let index = this.termIndex.get(term);
        if (index === undefined) {
          index = lists.length;
          this.termIndex.set(term, index);
          lists.push([]);
        }
        lists[index]!.push(doc, frequency);
        postings += 1;
      }
    }
    this.start = new Int32Array(lists.length + 1);
    this.docs = new Int32Array(postings);
    this.frequencies = new Float32Array(postings);
    let at = 0;
    for (const [index, list] of lists.entries()) {
      this.start[index] = at;
      for (let offset = 0; offset < list.length; offset += 2) {
        this.docs[at] = list[offset]!;
        this.frequencies[at] = list[offset + 1]!;
        at += 1;
      }
    }
    this.start[lists.length] = at;
    const average = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, records.length);
    this.norms = lengths.map((length) => K1 * (1 - B + (B * length) / Math.max(average, 1e-9)));
    this.unknownWeight = this.idf(0) * UNKNOWN_WORD_IDF_SHARE;
  }

  private idf(documentFrequency: number): number {
    const count = this.records.length;
    return Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /**
   * Adds every record's best match among `alternatives` to `target` and returns the idf of the
   * word they stand for. Like a synonym query, all alternatives share one idf, that of the records
   * any of them reaches: a rare synonym must not make a common word count as rare.
   */
  private match(alternatives: ReadonlyMap<string, number>, target: Accumulator, scratch: Scratch): number {
    scratch.generation += 1;
    const generation = scratch.generation;
    let reached = 0;
    for (const term of alternatives.keys()) {
      const index = this.termIndex.get(term);
      if (index === undefined) continue;
      for (let at = this.start[index]!; at < this.start[index + 1]!; at += 1) {
        const doc = this.docs[at]!;
        if (scratch.reached[doc] !== generation) {
          scratch.reached[doc] = generation;
          reached += 1;
        }
      }
    }
    if (reached === 0) return 0;
    const idf = this.idf(reached);
    // forEach, not for…of: this runs for every word of every question, and a Map's entries
    // iterator allocates a pair per entry.
    alternatives.forEach((weight, term) => {
      const index = this.termIndex.get(term);
      if (index === undefined) return;
      for (let at = this.start[index]!; at < this.start[index + 1]!; at += 1) {
        const doc = this.docs[at]!;
        const frequency = this.frequencies[at]!;
        target.add(doc, (weight * idf * frequency * (K1 + 1)) / (frequency + this.norms[doc]!), weight);
      }
    });
    return idf;
  }

  /** Scores every record that matches at least one word group, best first. */
  search(question: AnalyzedQuery): ScoredRecord[] {
    const { groups } = question;
    const scratch = (this.scratch ??= new Scratch(this.records.length));
    const { group, part, parts, total, key, askingKey, topicKey, writtenKey } = scratch;
    let totalWeight = 0;
    let keyWordsNeeded = 1;
    // When the sentences that ask have key words of their own, a record must match one of them:
    // matching only the background ("ny medarbetare som börjar") does not answer the question
    // ("hur många semesterdagar får hon?").
    let askingKeyWords = 0;
    // Whether a record matches a key word besides system names, when the question has one.
    let topicKeyWords = 0;
    for (const word of groups) {
      if (word.importance < 1) continue;
      if (question.background && word.emphasis >= 1) askingKeyWords += 1;
      if (!word.systemName) topicKeyWords += 1;
    }

    for (const query of groups) {
      // A word weighs as much as it is selective here: the idf of the records that any of its
      // alternatives reaches, so "personalen" (with "anställda", "staff") weighs less than a rare
      // term. A compound unknown as a whole weighs what its parts weigh on average; a word unknown
      // here weighs like a rare word.
      let weight = this.match(query.alternatives, group, scratch);
      if (query.parts.length > 1) {
        let partsWeight = 0;
        for (const alternatives of query.parts) {
          partsWeight += (this.match(alternatives, part, scratch) || this.unknownWeight) / query.parts.length;
          for (const doc of part.touched) parts.sum(doc, part.value[doc]!, part.share[doc]!);
          part.reset();
        }
        const factor = COMPOUND_PARTS_WEIGHT / query.parts.length;
        for (const doc of parts.touched) group.add(doc, parts.value[doc]! * factor, parts.share[doc]! * factor);
        parts.reset();
        if (weight === 0) weight = partsWeight;
      }
      // A word no record of any municipality knows, in a sentence that does not ask ("Vi hade
      // tillsyn förra veckan"), says nothing about IT requirements and must not dilute the match.
      const unknownWeight = !query.known && query.emphasis < 1 ? 0 : query.word.length <= SHORT_WORD || /\d/u.test(query.word) || (question.background && query.parts.length === 0) ? this.unknownWeight * SHORT_UNKNOWN_SHARE : this.unknownWeight;
      if (weight === 0 && !query.known && query.emphasis >= 1 && query.word.length >= LONG_WORD) keyWordsNeeded = 2;
      const groupWeight = (weight > 0 ? weight : unknownWeight) * query.importance * query.emphasis;
      totalWeight += groupWeight;
      for (const doc of group.touched) {
        total.sum(doc, group.value[doc]! * query.emphasis, groupWeight * Math.min(1, group.share[doc]!));
        if (query.importance >= 1) key[doc] = key[doc]! + 1;
        if (query.importance >= 1 && query.emphasis >= 1) askingKey[doc] = askingKey[doc]! + 1;
        if (query.importance >= 1 && !query.systemName) topicKey[doc] = 1;
        if (query.importance >= 1 && group.share[doc]! >= AS_WRITTEN) writtenKey[doc] = 1;
      }
      group.reset();
    }

    const results: ScoredRecord[] = [];
    if (totalWeight > 0) {
      for (const doc of total.touched) results.push({ record: this.records[doc]!, score: total.value[doc]!, coverage: total.share[doc]! / totalWeight, keyWord: key[doc]! >= keyWordsNeeded, topicWord: topicKeyWords === 0 || topicKey[doc] === 1, keyWords: key[doc]!, matchesAsking: askingKeyWords === 0 || askingKey[doc]! > 0, matchesAsWritten: writtenKey[doc] === 1 });
    }
    for (const doc of total.touched) {
      key[doc] = 0;
      askingKey[doc] = 0;
      topicKey[doc] = 0;
      writtenKey[doc] = 0;
    }
    total.reset();
    return results.sort((a, b) => b.score - a.score || a.record.id.localeCompare(b.record.id));
  }
}

/** The searchable knowledge base: one partition per municipality, sharing one analyzer. */
export class SearchIndex {
  private readonly partitions = new Map<string, Partition>();

  constructor(
    records: readonly KnowledgeRecord[],
    readonly analyzer: Analyzer,
  ) {
    const byMunicipality = new Map<string, KnowledgeRecord[]>();
    for (const record of records) {
      const list = byMunicipality.get(record.municipalityId);
      if (list) list.push(record);
      else byMunicipality.set(record.municipalityId, [record]);
    }
    for (const [municipalityId, list] of byMunicipality) this.partitions.set(municipalityId, new Partition(list, analyzer));
    analyzer.indexingDone();
  }

  get municipalityIds(): string[] {
    return [...this.partitions.keys()];
  }

  /** Ranked records of one municipality for an analysed question. */
  search(municipalityId: string, query: AnalyzedQuery): ScoredRecord[] {
    return this.partitions.get(municipalityId)?.search(query) ?? [];
  }
}
