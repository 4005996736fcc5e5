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
 * English stems, spelling corrections, glossary translations and system ids. A record earns a
 * group's score once, through its best alternative. A compound ("lösenordsregler") also lists its
 * parts, each with its own alternatives: a record that has the parts matches the word too.
 */
export interface QueryGroup {
  readonly word: string;
  readonly alternatives: Map<string, number>;
  /** The terms that are the word itself (its stems), as opposed to guesses and translations. */
  readonly own: ReadonlySet<string>;
  readonly parts: ReadonlyArray<Map<string, number>>;
}

export interface AnalyzedQuery {
  readonly groups: readonly QueryGroup[];
  /** Municipality ids named in the question ("i Göteborg"). */
  readonly municipalities: readonly string[];
}

interface PhraseToken {
  readonly folded: string;
  readonly stems: readonly string[];
}

interface Phrase {
  readonly tokens: readonly PhraseToken[];
  readonly expansion: ReadonlyMap<string, number>;
}

interface MunicipalityName {
  readonly id: string;
  readonly tokens: readonly string[];
}

// How much each field counts. Headings, topics and keywords are chosen words, so they count more
// than a word that merely occurs in a quote.
const FIELD_WEIGHT = { heading: 1.5, topics: 1.5, keywords: 1.5, answer: 1, quote: 1, system: 2 } as const;
// Alternatives that are not the word itself count less, so an exact match wins over a guess.
const ALTERNATIVE_WEIGHT = { stem: 1, particleVerb: 1, correction: 0.7, glossary: 0.8, system: 1.2 } as const;
const INDEX_COMPOUND_PART_WEIGHT = 0.5;
const MAX_GLOSSARY_TERMS = 12;
// Words shorter than this are not split into compound parts.
const MIN_COMPOUND_LENGTH = 7;

// Verb particles that Swedish writes apart in a verb and together in its noun: "lämna över" is
// "överlämnande", "logga in" is "inloggning", "montera ner" is "nedmontering".
const PARTICLES: ReadonlyMap<string, readonly string[]> = new Map([
  ['över', ['över']],
  ['upp', ['upp']],
  ['ner', ['ned', 'ner']],
  ['ned', ['ned', 'ner']],
  ['ut', ['ut']],
  ['in', ['in']],
  ['bort', ['bort']],
  ['fram', ['fram']],
  ['av', ['av']],
]);
const MIN_PARTICLE_PREFIX = 6;

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
  /** Phrases (system names, glossary expressions) by every key their first word may have. */
  private readonly phrases = new Map<string, Phrase[]>();
  /** Municipality names by their first word. */
  private readonly municipalityNames = new Map<string, MunicipalityName[]>();

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
      for (const name of [system.name, ...system.aliases]) this.addPhrase(name, 'sv', expansion);
    }
    for (const municipality of input.municipalities) {
      for (const name of new Set([municipality.name, municipality.id, ...municipality.aliases])) {
        const tokens = foldedTokens(name);
        if (tokens.length === 0) continue;
        const list = this.municipalityNames.get(tokens[0]!);
        const entry = { id: municipality.id, tokens };
        if (list) list.push(entry);
        else this.municipalityNames.set(tokens[0]!, [entry]);
      }
    }
    // Longest names first, so "Göteborgs Stad" is taken before "Göteborg".
    for (const list of this.municipalityNames.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  private learnWords(text: string): void {
    for (const token of tokenize(text)) {
      for (const part of wordParts(token.text)) {
        if (!isStopword(part) && /^\p{L}+$/u.test(part)) this.lexicon.add(part);
      }
    }
  }

  /**
   * The stem of a word in a language. Swedish agent nouns keep their "-ar" ("användare",
   * "användarna" → "användar"), so that a user is not the verb "använda" and a purchaser
   * ("beställare") is not an order ("beställa"); "-arna" counts only when the knowledge base knows
   * the word in "-are", so "helgdagarna" still becomes "helgdag".
   */
  private stemOf(word: string, language: Language): string {
    if (language === 'sv') {
      const agent = /^(\p{L}{3,}ar)(?:e|en|es|ens|na|nas)$/u.exec(word);
      if (agent && this.lexicon.has(`${agent[1]!}e`)) return agent[1]!;
    }
    return stem(word, language);
  }

  private phraseToken(folded: string): PhraseToken {
    return { folded, stems: [...new Set([this.stemOf(folded, 'sv'), stem(folded, 'en')])] };
  }

  private addPhrase(text: string, _language: Language, expansion: ReadonlyMap<string, number>): void {
    const tokens = foldedTokens(text).map((token) => this.phraseToken(token));
    if (tokens.length === 0) return;
    const phrase = { tokens, expansion };
    for (const key of new Set([tokens[0]!.folded, ...tokens[0]!.stems])) {
      const list = this.phrases.get(key);
      if (list) list.push(phrase);
      else this.phrases.set(key, [phrase]);
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
        if (joined && !isStopword(joined)) expansion.set(this.stemOf(joined, language), ALTERNATIVE_WEIGHT.glossary);
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
          // Keyed like a question's word: "e-tjänstekort" is looked up as "etjänstekort".
          const [joined] = wordParts(tokens[0]!);
          const key = `${language}:${this.stemOf(joined!, language)}`;
          const existing = this.glossary.get(key);
          if (existing) for (const [term, weight] of expansion) existing.set(term, Math.max(weight, existing.get(term) ?? 0));
          else this.glossary.set(key, new Map(expansion));
        } else if (tokens.length > 1) {
          this.addPhrase(word, language, expansion);
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
          add(this.stemOf(part, language), weight);
          if (language === 'sv' && part.length >= MIN_COMPOUND_LENGTH) {
            for (const piece of this.lexicon.splitCompound(part, 4) ?? []) add(this.stemOf(piece, 'sv'), weight * INDEX_COMPOUND_PART_WEIGHT);
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
    for (let start = 0; start < folded.length; start += 1) {
      if (consumed.has(start)) continue;
      const word = folded[start]!;
      // "Göteborgs" names Göteborg too.
      const candidates = [...(this.municipalityNames.get(word) ?? []), ...(word.endsWith('s') ? (this.municipalityNames.get(word.slice(0, -1)) ?? []).filter((name) => name.tokens.length === 1) : [])];
      for (const name of candidates) {
        const length = name.tokens.length;
        if (length > 1 && !name.tokens.every((token, offset) => folded[start + offset] === token)) continue;
        if (!municipalities.includes(name.id)) municipalities.push(name.id);
        for (let offset = 0; offset < length; offset += 1) consumed.add(start + offset);
        break;
      }
    }

    const groups: Array<MutableGroup | undefined> = tokens.map((token, index) => (consumed.has(index) ? undefined : this.wordGroup(token)));

    // A verb and its particle ("lämnar över") may stand for the noun written in one word.
    for (let index = 0; index + 1 < tokens.length; index += 1) {
      const particles = PARTICLES.get(tokens[index + 1]!);
      const group = groups[index];
      if (!particles || !group || consumed.has(index + 1)) continue;
      for (const term of this.particleVerbTerms(tokens[index]!, particles)) group.offer(term, ALTERNATIVE_WEIGHT.particleVerb);
    }

    // Phrases (system names, glossary expressions) lend their expansion to every word they span.
    const queryTokens = folded.map((token) => this.phraseToken(token));
    for (let start = 0; start < queryTokens.length; start += 1) {
      const seen = new Set<Phrase>();
      for (const key of new Set([queryTokens[start]!.folded, ...queryTokens[start]!.stems])) {
        for (const phrase of this.phrases.get(key) ?? []) {
          if (seen.has(phrase) || !phraseAt(queryTokens, start, phrase.tokens)) continue;
          seen.add(phrase);
          for (let offset = 0; offset < phrase.tokens.length; offset += 1) {
            const group = groups[start + offset];
            if (group) for (const [term, weight] of phrase.expansion) group.offer(term, weight);
          }
        }
      }
    }
    const result: QueryGroup[] = [];
    for (const group of groups) if (group && (group.alternatives.size > 0 || group.parts.length > 0)) result.push(group);
    return { groups: result, municipalities };
  }

  /** Index terms of the noun that a verb with a particle is written as ("lämnar över" → "överlämn"). */
  private particleVerbTerms(verb: string, particles: readonly string[]): string[] {
    if (isStopword(verb) || !/^\p{L}+$/u.test(verb)) return [];
    const bases = new Set([this.stemOf(verb, 'sv'), verb.replace(/r$/u, '')]);
    const terms = new Set<string>();
    for (const particle of particles) {
      for (const base of bases) {
        const prefix = particle + base;
        if (prefix.length < MIN_PARTICLE_PREFIX) continue;
        for (const word of this.lexicon.withPrefix(prefix, 2)) terms.add(this.stemOf(word, 'sv'));
      }
    }
    return [...terms];
  }

  private wordGroup(token: string): MutableGroup | undefined {
    const parts = wordParts(token).filter((part) => part.length >= 2 && !isStopword(part));
    if (parts.length === 0) return undefined;
    const group = new MutableGroup(token);
    for (const part of parts) {
      const swedish = this.stemOf(part, 'sv');
      const english = stem(part, 'en');
      group.own.add(swedish);
      group.own.add(english);
      group.offer(swedish, ALTERNATIVE_WEIGHT.stem);
      group.offer(english, ALTERNATIVE_WEIGHT.stem);
      this.offerGlossary(group.alternatives, swedish, english, 1);
      if (!/^\p{L}+$/u.test(part)) continue;
      const known = this.knownTerms.has(swedish) || this.knownTerms.has(english);
      // A compound is also its parts: "mobiltelefonmodell" is a "mobiltelefon" and a "modell".
      if (group.parts.length === 0 && part.length >= MIN_COMPOUND_LENGTH) {
        const pieces = this.lexicon.splitCompound(part, known ? 4 : 3);
        if (pieces) {
          for (const piece of pieces) {
            const alternatives = new Map<string, number>();
            const pieceStem = this.stemOf(piece, 'sv');
            alternatives.set(pieceStem, ALTERNATIVE_WEIGHT.stem);
            this.offerGlossary(alternatives, pieceStem, undefined, 1);
            group.parts.push(alternatives);
          }
        }
      }
      if (known) continue;
      // An unknown word: perhaps a misspelling of a known one.
      for (const correction of this.lexicon.corrections(part)) {
        const corrected = this.stemOf(correction, 'sv');
        group.offer(corrected, ALTERNATIVE_WEIGHT.correction);
        this.offerGlossary(group.alternatives, corrected, undefined, ALTERNATIVE_WEIGHT.correction);
      }
    }
    return group;
  }

  private offerGlossary(alternatives: Map<string, number>, swedish: string, english: string | undefined, factor: number): void {
    const keys = english === undefined ? [`sv:${swedish}`] : [`sv:${swedish}`, `en:${english}`];
    for (const key of keys) {
      for (const [term, weight] of this.glossary.get(key) ?? []) {
        if ((alternatives.get(term) ?? 0) < weight * factor) alternatives.set(term, weight * factor);
      }
    }
  }
}

class MutableGroup implements QueryGroup {
  readonly alternatives = new Map<string, number>();
  readonly own = new Set<string>();
  readonly parts: Array<Map<string, number>> = [];

  constructor(readonly word: string) {}

  offer(term: string, weight: number): void {
    if ((this.alternatives.get(term) ?? 0) < weight) this.alternatives.set(term, weight);
  }
}

function phraseAt(tokens: readonly PhraseToken[], start: number, phrase: readonly PhraseToken[]): boolean {
  if (start + phrase.length > tokens.length) return false;
  return phrase.every((expected, offset) => {
    const actual = tokens[start + offset]!;
    return actual.folded === expected.folded || expected.stems.some((term) => actual.stems.includes(term));
  });
}
