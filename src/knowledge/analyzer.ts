import type { GlossaryEntry, SystemEntry } from './schema.js';
import type { KnowledgeRecord } from './model.js';
import { foldForMatching, isStopword, Lexicon, stem, tokenize, wordParts, type Language } from './text/index.js';

/** Index terms of one record: term → weighted frequency, and the record's weighted length. */
export interface RecordTerms {
  readonly terms: Map<string, number>;
  readonly length: number;
}

/**
 * One meaningful word of a question with the index terms that may stand for it: its Swedish and
 * English stems, the parts of a compound, spelling corrections, glossary translations and system
 * ids. A record earns a group's score once, through its best alternative.
 */
export interface QueryGroup {
  readonly word: string;
  readonly alternatives: Map<string, number>;
}

export interface AnalyzedQuery {
  readonly groups: readonly QueryGroup[];
  /** Municipality ids named in the question ("i Göteborg"). */
  readonly municipalities: readonly string[];
}

interface Phrase {
  readonly tokens: readonly string[];
  readonly expansion: ReadonlyMap<string, number>;
}

// How much each field counts. Headings, topics and keywords are chosen words, so they count more
// than a word that merely occurs in a quote.
const FIELD_WEIGHT = { heading: 1.5, topics: 1.5, keywords: 1.5, answer: 1, quote: 1, system: 2 } as const;
// Alternatives that are not the word itself count less, so an exact match wins over a guess.
const ALTERNATIVE_WEIGHT = { stem: 1, compoundPart: 0.7, correction: 0.7, glossary: 0.8, system: 1.2 } as const;
const INDEX_COMPOUND_PART_WEIGHT = 0.5;
const MAX_GLOSSARY_TERMS = 12;

export const SYSTEM_TERM_PREFIX = 'sys:';

function foldedTokens(text: string): string[] {
  return tokenize(foldForMatching(text)).map((token) => token.text);
}

/**
 * Turns records and questions into comparable index terms. Built once per knowledge base: it learns
 * the Swedish words the records use (to split compounds and correct spelling), the glossary, and the
 * names of systems and municipalities.
 */
export class Analyzer {
  private readonly lexicon = new Lexicon();
  private readonly knownTerms = new Set<string>();
  private readonly glossary = new Map<string, Map<string, number>>();
  private readonly phrases: Phrase[] = [];
  private readonly municipalityNames: Array<{ id: string; tokens: string[] }> = [];

  constructor(input: {
    records: readonly KnowledgeRecord[];
    systems: readonly SystemEntry[];
    glossary: readonly GlossaryEntry[];
    municipalities: ReadonlyArray<{ id: string; name: string; aliases: readonly string[] }>;
  }) {
    const swedishTexts = (record: KnowledgeRecord): string[] => [record.answer.sv, record.citation.quote, ...record.citation.headingPath, ...record.topics, ...record.keywords.sv];
    for (const record of input.records) {
      for (const text of swedishTexts(record)) this.learnWords(text);
    }
    for (const entry of input.glossary) for (const word of entry.sv) this.learnWords(word);

    for (const entry of input.glossary) this.addGlossaryEntry(entry);
    for (const system of input.systems) {
      const expansion = new Map([[SYSTEM_TERM_PREFIX + system.id, ALTERNATIVE_WEIGHT.system]]);
      for (const name of [system.name, ...system.aliases]) {
        const tokens = foldedTokens(name);
        if (tokens.length > 0) this.phrases.push({ tokens, expansion });
      }
    }
    for (const municipality of input.municipalities) {
      for (const name of [municipality.name, municipality.id, ...municipality.aliases]) {
        const tokens = foldedTokens(name);
        if (tokens.length > 0) this.municipalityNames.push({ id: municipality.id, tokens });
      }
    }
    // Longest names first, so "Göteborgs Stad" is taken before "Göteborg".
    this.municipalityNames.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  private learnWords(text: string): void {
    for (const token of tokenize(text)) {
      for (const part of wordParts(token.text)) {
        if (!isStopword(part) && /^\p{L}+$/u.test(part)) this.lexicon.add(part);
      }
    }
  }

  private addGlossaryEntry(entry: GlossaryEntry): void {
    const expansion = new Map<string, number>();
    // Only one-word synonyms stand in for a word: "support" may mean "helpdesk", but the words of
    // "user support" taken one by one would let "user" match every question about support.
    const add = (words: readonly string[], language: Language): void => {
      for (const word of words) {
        const tokens = tokenize(word);
        if (tokens.length !== 1 || expansion.size >= MAX_GLOSSARY_TERMS) continue;
        const [joined] = wordParts(tokens[0]!.text);
        if (joined && !isStopword(joined)) expansion.set(stem(joined, language), ALTERNATIVE_WEIGHT.glossary);
      }
    };
    add(entry.sv, 'sv');
    add(entry.en, 'en');
    for (const [words, language] of [
      [entry.sv, 'sv'],
      [entry.en, 'en'],
    ] as const) {
      for (const word of words) {
        const tokens = tokenize(word).map((token) => token.text);
        if (tokens.length === 1) {
          const key = `${language}:${stem(tokens[0]!, language)}`;
          const existing = this.glossary.get(key);
          if (existing) for (const [term, weight] of expansion) existing.set(term, weight);
          else this.glossary.set(key, new Map(expansion));
        } else if (tokens.length > 1) {
          this.phrases.push({ tokens: tokens.map((token) => foldForMatching(token)), expansion });
        }
      }
    }
  }

  /** Index terms for a record. Call once per record, after construction. */
  recordTerms(record: KnowledgeRecord): RecordTerms {
    const terms = new Map<string, number>();
    let length = 0;
    const add = (term: string, weight: number): void => {
      terms.set(term, (terms.get(term) ?? 0) + weight);
      length += weight;
    };
    const addText = (text: string, language: Language, weight: number): void => {
      for (const token of tokenize(text)) {
        for (const part of wordParts(token.text)) {
          if (isStopword(part) || part.length < 2) continue;
          add(stem(part, language), weight);
          if (language === 'sv' && part.length >= 7) {
            for (const piece of this.lexicon.splitCompound(part, 4) ?? []) add(stem(piece, 'sv'), weight * INDEX_COMPOUND_PART_WEIGHT);
          }
        }
      }
    };
    addText(record.answer.sv, 'sv', FIELD_WEIGHT.answer);
    addText(record.answer.en, 'en', FIELD_WEIGHT.answer);
    addText(record.citation.quote, 'sv', FIELD_WEIGHT.quote);
    addText(record.citation.headingPath.join(' '), 'sv', FIELD_WEIGHT.heading);
    addText(record.topics.join(' '), 'sv', FIELD_WEIGHT.topics);
    addText(record.keywords.sv.join(' '), 'sv', FIELD_WEIGHT.keywords);
    addText(record.keywords.en.join(' '), 'en', FIELD_WEIGHT.keywords);
    for (const system of record.systems) add(SYSTEM_TERM_PREFIX + system, FIELD_WEIGHT.system);
    for (const term of terms.keys()) this.knownTerms.add(term);
    return { terms, length };
  }

  /** Splits a question into word groups and finds the municipalities it names. */
  analyzeQuery(question: string): AnalyzedQuery {
    const tokens = tokenize(question).map((token) => token.text);
    const folded = tokens.map((token) => foldForMatching(token));

    const municipalities: string[] = [];
    const consumed = new Set<number>();
    for (const name of this.municipalityNames) {
      for (const start of findPhrase(folded, name.tokens)) {
        // "Göteborgs" names Göteborg too: the genitive is matched by its phrase below.
        if (!municipalities.includes(name.id)) municipalities.push(name.id);
        for (let offset = 0; offset < name.tokens.length; offset += 1) consumed.add(start + offset);
      }
      const genitive = name.tokens.length === 1 ? folded.findIndex((token) => token === `${name.tokens[0]}s`) : -1;
      if (genitive >= 0 && !consumed.has(genitive)) {
        if (!municipalities.includes(name.id)) municipalities.push(name.id);
        consumed.add(genitive);
      }
    }

    const groups: Array<{ word: string; alternatives: Map<string, number> } | undefined> = tokens.map((token, index) =>
      consumed.has(index) ? undefined : this.wordGroup(token),
    );

    // Phrases (system names, glossary expressions) lend their expansion to every word they span.
    for (const phrase of this.phrases) {
      for (const start of findPhrase(folded, phrase.tokens)) {
        for (let offset = 0; offset < phrase.tokens.length; offset += 1) {
          const group = groups[start + offset];
          if (!group) continue;
          for (const [term, weight] of phrase.expansion) {
            if ((group.alternatives.get(term) ?? 0) < weight) group.alternatives.set(term, weight);
          }
        }
      }
    }
    return { groups: groups.filter((group): group is QueryGroup => group !== undefined && group.alternatives.size > 0), municipalities };
  }

  private wordGroup(token: string): { word: string; alternatives: Map<string, number> } | undefined {
    const parts = wordParts(token).filter((part) => part.length >= 2 && !isStopword(part));
    if (parts.length === 0) return undefined;
    const alternatives = new Map<string, number>();
    const offer = (term: string, weight: number): void => {
      if ((alternatives.get(term) ?? 0) < weight) alternatives.set(term, weight);
    };
    for (const part of parts) {
      const swedish = stem(part, 'sv');
      const english = stem(part, 'en');
      offer(swedish, ALTERNATIVE_WEIGHT.stem);
      offer(english, ALTERNATIVE_WEIGHT.stem);
      for (const key of [`sv:${swedish}`, `en:${english}`]) {
        for (const [term, weight] of this.glossary.get(key) ?? []) offer(term, weight);
      }
      if (this.knownTerms.has(swedish) || this.knownTerms.has(english) || !/^\p{L}+$/u.test(part)) continue;
      // An unknown word: a compound of known words, or a misspelling of one.
      for (const piece of this.lexicon.splitCompound(part, 3) ?? []) offer(stem(piece, 'sv'), ALTERNATIVE_WEIGHT.compoundPart);
      for (const correction of this.lexicon.corrections(part)) {
        offer(stem(correction, 'sv'), ALTERNATIVE_WEIGHT.correction);
        for (const [term, weight] of this.glossary.get(`sv:${stem(correction, 'sv')}`) ?? []) offer(term, weight * ALTERNATIVE_WEIGHT.correction);
      }
    }
    return { word: token, alternatives };
  }
}

function* findPhrase(tokens: readonly string[], phrase: readonly string[]): Generator<number> {
  outer: for (let start = 0; start + phrase.length <= tokens.length; start += 1) {
    for (let offset = 0; offset < phrase.length; offset += 1) {
      if (tokens[start + offset] !== phrase[offset]) continue outer;
    }
    yield start;
  }
}
