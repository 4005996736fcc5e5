import type { AnalyzedQuery, Analyzer, QueryGroup } from './analyzer.js';
import type { KnowledgeRecord } from './model.js';

/** A record's score for a question, with how much of the question it covers (0–1). */
export interface ScoredRecord {
  readonly record: KnowledgeRecord;
  readonly score: number;
  readonly coverage: number;
}

interface Posting {
  readonly doc: number;
  readonly frequency: number;
}

// BM25 parameters: the usual ones; records are short and similar in length.
const K1 = 1.2;
const B = 0.75;
// A question word that no record of the municipality knows weighs like a middling-rare word: it
// lowers the coverage (so an off-topic question is not answered) without letting one filler word
// sink an otherwise well-matched question.
const UNKNOWN_WORD_IDF_SHARE = 0.6;

/**
 * The records of one municipality, indexed on their own. Each municipality is a partition with its
 * own term statistics, so loading more municipalities never changes the answers for another one, and
 * a question with a municipality context only ever looks at that municipality's records.
 */
class Partition {
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengths: number[] = [];
  private averageLength = 1;
  private maxIdf = 0;

  constructor(readonly records: readonly KnowledgeRecord[], analyzer: Analyzer) {
    for (const [doc, record] of records.entries()) {
      const { terms, length } = analyzer.recordTerms(record);
      this.lengths.push(length);
      for (const [term, frequency] of terms) {
        const list = this.postings.get(term);
        if (list) list.push({ doc, frequency });
        else this.postings.set(term, [{ doc, frequency }]);
      }
    }
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, this.lengths.length);
    this.maxIdf = this.idf(0);
  }

  private idf(documentFrequency: number): number {
    const count = this.records.length;
    return Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** Scores every record that matches at least one word group, best first. */
  search(groups: readonly QueryGroup[]): ScoredRecord[] {
    const count = this.records.length;
    const scores = new Float64Array(count);
    const covered = new Float64Array(count);
    const groupBest = new Float64Array(count);
    const groupShare = new Float64Array(count);
    const touched: number[] = [];
    let totalWeight = 0;

    for (const group of groups) {
      groupBest.fill(0);
      groupShare.fill(0);
      let groupIdf = 0;
      for (const [term, weight] of group.alternatives) {
        const list = this.postings.get(term);
        if (!list) continue;
        const idf = this.idf(list.length);
        groupIdf = Math.max(groupIdf, idf);
        for (const { doc, frequency } of list) {
          const norm = frequency + K1 * (1 - B + (B * this.lengths[doc]!) / this.averageLength);
          const value = weight * idf * ((frequency * (K1 + 1)) / norm);
          if (value > groupBest[doc]!) groupBest[doc] = value;
          if (weight > groupShare[doc]!) groupShare[doc] = weight;
        }
      }
      const groupWeight = groupIdf > 0 ? groupIdf : this.maxIdf * UNKNOWN_WORD_IDF_SHARE;
      totalWeight += groupWeight;
      for (let doc = 0; doc < count; doc += 1) {
        if (groupBest[doc] === 0) continue;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += groupBest[doc]!;
        covered[doc] += groupWeight * Math.min(1, groupShare[doc]!);
      }
    }

    if (totalWeight === 0) return [];
    return touched
      .map((doc) => ({ record: this.records[doc]!, score: scores[doc]!, coverage: covered[doc]! / totalWeight }))
      .sort((a, b) => b.score - a.score || a.record.id.localeCompare(b.record.id));
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
  }

  get municipalityIds(): string[] {
    return [...this.partitions.keys()];
  }

  /** Ranked records of one municipality for an analysed question. */
  search(municipalityId: string, query: AnalyzedQuery): ScoredRecord[] {
    return this.partitions.get(municipalityId)?.search(query.groups) ?? [];
  }
}
