import type { GlossaryEntry, SystemEntry } from './schema.js';
import type { KnowledgeRecord } from './model.js';
import { ALTERNATIVE_WEIGHT, FIELD_WEIGHT, SYSTEM_TERM_PREFIX, GENERIC_IMPORTANCE, GENERIC_WORDS, INDEX_COMPOUND_PART_WEIGHT, MIN_COMPOUND_LENGTH, MIN_PARTICLE_PREFIX, NOUN_ENDING, NUMBER_IMPORTANCE, PARTICLES, RECENT_WORDS } from './analysis-weights.js';
import { emptyPhrasePositions, placeOrTime, subjectFollows } from './word-context.js';
import { foldedTokens, phraseAt, type Phrase, type PhraseToken } from './phrases.js';
import { MutableGroup, type AnalysedWord, type AnalyzedQuery } from './query-group.js';
import { foldForMatching, isMisspeltStopword, isStopword, stem, tokenize, wordParts, weighSentences, type Language } from './text/index.js';
import { Vocabulary } from './vocabulary.js';

export { SYSTEM_TERM_PREFIX };
export type { AnalyzedQuery, QueryGroup } from './query-group.js';

/** Index terms of one record: term → weighted frequency, and the record's weighted length. */
export interface RecordTerms {
  readonly terms: Map<string, number>;
  readonly length: number;
}

interface MunicipalityName {
  readonly id: string;
  readonly tokens: readonly string[];
}

/**
 * Turns records and questions into comparable index terms. Built once per knowledge base from its
 * vocabulary (the words the records use, the glossary, the systems' names) and the municipalities' names.
 */
export class Analyzer {
  private readonly words = new Vocabulary();
  /** Municipality names by their first word. */
  private readonly municipalityNames = new Map<string, MunicipalityName[]>();
  /**
   * Words analysed lately, as written, each with what `wordGroup` found for it (null: says nothing).
   * Words repeat from question to question, and analysing one (stems, glossary, spelling
   * corrections by edit distance) is most of what answering costs. Bounded, oldest out first.
   */
  private readonly recentWords = new Map<string, AnalysedWord | null>();
  /** Analysed texts and words, remembered while the records are indexed. */
  private indexing: { texts: Map<string, Array<string | number>>; parts: Map<string, Array<string | number>> } | undefined = { texts: new Map(), parts: new Map() };

  constructor(input: {
    records: readonly KnowledgeRecord[];
    systems: readonly SystemEntry[];
    glossary: readonly GlossaryEntry[];
    municipalities: ReadonlyArray<{ id: string; name: string; aliases: readonly string[] }>;
  }) {
    const swedishTexts = (record: KnowledgeRecord): string[] => [record.answer.sv, record.citation.quote, ...record.citation.headingPath, ...record.topics, ...record.keywords.sv];
    const learned = new Set<string>();
    for (const record of input.records) {
      for (const text of swedishTexts(record)) {
        if (learned.has(text)) continue;
        learned.add(text);
        this.words.learnWords(text);
      }
    }
    for (const entry of input.glossary) for (const word of entry.sv) this.words.learnWords(word);

    for (const entry of input.glossary) this.words.addGlossaryEntry(entry);
    for (const system of input.systems) this.words.addSystem(system);
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

  /** Index terms for a record. Call once per record, after construction. */
  recordTerms(record: KnowledgeRecord): RecordTerms {
    const terms = new Map<string, number>();
    let length = 0;
    const add = (term: string, weight: number): void => {
      terms.set(term, (terms.get(term) ?? 0) + weight);
      length += weight;
    };
    const addText = (text: string, language: Language, weight: number, shared = true): void => {
      const analysed = this.textTerms(text, language, shared);
      for (let at = 0; at < analysed.length; at += 2) add(analysed[at] as string, weight * (analysed[at + 1] as number));
    };
    addText(record.answer.sv, 'sv', FIELD_WEIGHT.answer, false);
    addText(record.answer.en, 'en', FIELD_WEIGHT.answer, false);
    addText(record.citation.quote, 'sv', FIELD_WEIGHT.quote);
    addText(record.citation.headingPath.join(' '), 'sv', FIELD_WEIGHT.heading);
    addText(record.topics.join(' '), 'sv', FIELD_WEIGHT.topics);
    addText(record.keywords.sv.join(' '), 'sv', FIELD_WEIGHT.keywords);
    addText(record.keywords.en.join(' '), 'en', FIELD_WEIGHT.keywords);
    for (const system of record.systems) add(SYSTEM_TERM_PREFIX + system, FIELD_WEIGHT.system);
    for (const term of terms.keys()) this.words.knownTerms.add(term);
    return { terms, length };
  }

  /**
   * A text's index terms, each followed by its weight factor (1, or less for a compound's parts).
   * Records repeat their words a great deal, and their quotes, headings, topics and keywords
   * (`shared` texts) too, so these are remembered while indexing.
   */
  private textTerms(text: string, language: Language, shared: boolean): ReadonlyArray<string | number> {
    const key = `${language}\u0000${text}`;
    const cached = shared ? this.indexing?.texts.get(key) : undefined;
    if (cached) return cached;
    const analysed: Array<string | number> = [];
    for (const token of tokenize(text)) {
      for (const part of wordParts(token.text)) analysed.push(...this.partTerms(part, language));
    }
    if (shared) this.indexing?.texts.set(key, analysed);
    return analysed;
  }

  private partTerms(part: string, language: Language): ReadonlyArray<string | number> {
    const key = `${language}\u0000${part}`;
    const cached = this.indexing?.parts.get(key);
    if (cached) return cached;
    const analysed: Array<string | number> = [];
    if (!isStopword(part) && part.length >= 2) {
      analysed.push(this.words.stemOf(part, language), 1);
      if (language === 'sv' && part.length >= MIN_COMPOUND_LENGTH) {
        for (const piece of this.words.lexicon.splitCompound(part, 4) ?? []) analysed.push(this.words.stemOf(piece, 'sv'), INDEX_COMPOUND_PART_WEIGHT);
      }
    }
    this.indexing?.parts.set(key, analysed);
    return analysed;
  }

  /** Drops what was only needed while the records were indexed. */
  indexingDone(): void {
    this.indexing = undefined;
    this.words.prepare();
  }

  /** Splits a question into word groups and finds the municipalities it names. */
  analyzeQuery(question: string): AnalyzedQuery {
    const emphases: number[] = [];
    const tokens: string[] = [];
    for (const sentence of weighSentences(question)) {
      for (const token of tokenize(sentence.text)) {
        tokens.push(token.text);
        emphases.push(sentence.emphasis);
      }
    }
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

    for (const position of emptyPhrasePositions(folded)) consumed.add(position);

    const groups: Array<MutableGroup | undefined> = tokens.map((token, index) => (consumed.has(index) ? undefined : this.wordGroup(token, emphases[index]!, placeOrTime(folded, index))));

    // A verb and its particle ("lämnar över", "loggar man in") may stand for the noun written in
    // one word; then the verb alone ("logg") is a weaker guess than the noun ("inloggning").
    for (let index = 0; index + 1 < tokens.length; index += 1) {
      const group = groups[index];
      const next = subjectFollows(folded, tokens, index) ? index + 2 : index + 1;
      const particles = next < tokens.length ? PARTICLES.get(tokens[next]!) : undefined;
      if (!particles || !group || consumed.has(next)) continue;
      const terms = this.particleVerbTerms(tokens[index]!, particles);
      if (terms.length === 0) continue;
      for (const own of [this.words.stemOf(tokens[index]!, 'sv'), stem(tokens[index]!, 'en')]) {
        if (group.alternatives.get(own) === ALTERNATIVE_WEIGHT.stem) group.alternatives.set(own, ALTERNATIVE_WEIGHT.verbWithoutParticle);
      }
      for (const term of terms) group.offer(term, ALTERNATIVE_WEIGHT.particleVerb);
    }

    // Phrases (system names, glossary expressions) lend their expansion to every word they span.
    // Built by push rather than map(): map's result can take another array map than the one the
    // optimised loop below was compiled for, and V8 then deoptimises it on every question.
    const queryTokens: PhraseToken[] = [];
    for (const token of folded) queryTokens.push(this.words.phraseToken(token));
    for (let start = 0; start < queryTokens.length; start += 1) {
      // Phrases by each key the word may have; one found under two keys counts once.
      const token = queryTokens[start]!;
      let seen: Set<Phrase> | undefined;
      for (const key of token.stems.includes(token.folded) ? token.stems : [token.folded, ...token.stems]) {
        for (const phrase of this.words.phrasesFrom(key)) {
          const positions = seen?.has(phrase) ? undefined : phraseAt(queryTokens, start, phrase.tokens);
          if (!positions) continue;
          (seen ??= new Set()).add(phrase);
          // A phrase made only of words that say nothing alone ("få in", "fått tag i") is a word
          // of its own.
          if (positions.every((position) => groups[position] === undefined && !consumed.has(position))) {
            const group = new MutableGroup(positions.map((position) => tokens[position]!).join(' '), 1, emphases[positions[0]!]!);
            group.known = true;
            groups[positions[0]!] = group;
          }
          for (const position of positions) {
            const group = groups[position];
            if (!group) continue;
            for (const [term, weight] of phrase.expansion) group.offer(term, weight);
            if (phrase.systemName) group.systemName = true;
          }
        }
      }
    }
    // A word said twice counts once, where it counts most.
    const byWord = new Map<string, MutableGroup>();
    for (const group of groups) {
      if (!group || (group.alternatives.size === 0 && group.parts.length === 0)) continue;
      const key = foldForMatching(group.word);
      const seen = byWord.get(key);
      if (!seen || seen.emphasis < group.emphasis) byWord.set(key, group);
    }
    return { groups: [...byWord.values()], municipalities, background: emphases.some((emphasis) => emphasis < 1) };
  }

  /** Index terms of the noun that a verb with a particle is written as ("lämnar över" → "överlämn"). */
  private particleVerbTerms(verb: string, particles: readonly string[]): string[] {
    if (isStopword(verb) || NOUN_ENDING.test(verb) || !/^\p{L}+$/u.test(verb)) return [];
    const bases = new Set([this.words.stemOf(verb, 'sv'), verb.replace(/r$/u, '')]);
    const terms = new Set<string>();
    for (const particle of particles) {
      for (const base of bases) {
        const prefix = particle + base;
        if (prefix.length < MIN_PARTICLE_PREFIX) continue;
        // The lexicon looks words up without their diacritics; a verb typed with them keeps them:
        // "ställer in" is "inställning", not "installera".
        const typedWithDiacritics = prefix !== foldForMatching(prefix);
        const words = this.words.lexicon.withPrefix(prefix, 4).filter((word) => !typedWithDiacritics || word.toLowerCase().startsWith(prefix));
        for (const word of words.slice(0, 2)) terms.add(this.words.stemOf(word, 'sv'));
      }
    }
    return [...terms];
  }

  /**
   * A word that no record knows in a phrase of place or time ("på bussen", "i fredags", "at our
   * office") says where or when, not what is asked about: it counts like a generic word. A known
   * word there keeps its weight, since "vad ska stå i ämnesraden?" asks about the subject line.
   */
  private wordGroup(token: string, emphasis: number, aside: boolean): MutableGroup | undefined {
    let analysed = this.recentWords.get(token);
    if (analysed === undefined) {
      const group = this.analyseWord(token);
      analysed = group ? { importance: group.importance, known: group.known, systemName: group.systemName, alternatives: [...group.alternatives], parts: group.parts.map((part) => [...part]) } : null;
      if (this.recentWords.size >= RECENT_WORDS) this.recentWords.delete(this.recentWords.keys().next().value!);
      this.recentWords.set(token, analysed);
    }
    if (analysed === null) return undefined;
    // A fresh group each time: the question's phrases and particle verbs add to it.
    const group = new MutableGroup(token, aside && !analysed.known ? Math.min(analysed.importance, GENERIC_IMPORTANCE) : analysed.importance, emphasis);
    for (const [term, weight] of analysed.alternatives) group.alternatives.set(term, weight);
    for (const part of analysed.parts) group.parts.push(new Map(part));
    group.known = analysed.known;
    group.systemName = analysed.systemName;
    return group;
  }

  /** What one word stands for, whatever sentence it is in (the emphasis is the caller's). */
  private analyseWord(token: string): MutableGroup | undefined {
    // "siths-kortet" is searched as "sithskortet"; its parts are a compound's parts.
    const [joined, ...pieces] = wordParts(token);
    if (!joined || joined.length < 2 || isStopword(joined)) return undefined;
    const folded = foldForMatching(joined);
    const group = new MutableGroup(token, /^\d{1,4}$/u.test(joined) ? NUMBER_IMPORTANCE : GENERIC_WORDS.has(folded) ? GENERIC_IMPORTANCE : 1, 1);
    const known = this.words.offerWord(group.alternatives, joined);
    if (!known && pieces.length === 0 && isMisspeltStopword(joined)) return undefined;
    group.known = known;
    group.systemName = this.words.systemWords.has(folded);
    const meaningful = pieces.filter((piece) => piece.length >= 2 && !isStopword(piece));
    if (meaningful.length >= 2) {
      for (const piece of meaningful) {
        const alternatives = new Map<string, number>();
        group.known = this.words.offerWord(alternatives, piece) || group.known;
        group.parts.push(alternatives);
      }
    } else if (meaningful.length === 1) {
      // "e-tjänsten": the one meaningful part stands for the word, nearly as well.
      const alternatives = new Map<string, number>();
      group.known = this.words.offerWord(alternatives, meaningful[0]!) || group.known;
      for (const [term, weight] of alternatives) group.offer(term, weight * ALTERNATIVE_WEIGHT.hyphenPart);
    } else if (pieces.length === 0 && joined.length >= MIN_COMPOUND_LENGTH && /^\p{L}+$/u.test(joined)) {
      // A compound is also its parts: "mobiltelefonmodell" is a "mobiltelefon" and a "modell".
      for (const piece of this.words.lexicon.splitCompound(joined, known ? 4 : 3) ?? []) {
        const alternatives = new Map<string, number>();
        this.words.offerWord(alternatives, piece);
        group.parts.push(alternatives);
        group.known = true;
      }
    }
    return group;
  }
}
