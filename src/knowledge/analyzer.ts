import type { GlossaryEntry, SystemEntry } from './schema.js';
import type { KnowledgeRecord } from './model.js';
import { foldForMatching, isMisspeltStopword, isStopword, Lexicon, stem, tokenize, weighSentences, wordParts, type Language } from './text/index.js';

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

interface PhraseToken {
  readonly folded: string;
  readonly stems: readonly string[];
}

interface Phrase {
  readonly tokens: readonly PhraseToken[];
  readonly expansion: ReadonlyMap<string, number>;
  /** Whether the phrase is a system's name (its expansion is a system term). */
  readonly systemName: boolean;
}

interface MunicipalityName {
  readonly id: string;
  readonly tokens: readonly string[];
}

// How much each field counts. Headings, topics and keywords are chosen words, so they count more
// than a word that merely occurs in a quote.
const FIELD_WEIGHT = { heading: 1.5, topics: 1.5, keywords: 1.5, answer: 1, quote: 1, system: 2 } as const;
// Alternatives that are not the word itself count less, so an exact match wins over a guess.
const ALTERNATIVE_WEIGHT = { stem: 1, particleVerb: 1, verbWithoutParticle: 0.5, hyphenPart: 0.9, withoutDiacritics: 0.95, correction: 0.85, compoundHead: 0.7, glossary: 0.8, system: 1.2 } as const;
// An unknown word this long may be the first part of a known compound.
const MIN_PREFIX_WORD = 5;
// An unknown word may be a known word of at least this many letters with a misspelt ending of at
// most so many.
const MIN_KNOWN_BEGINNING = 7;
const MAX_UNKNOWN_ENDING = 4;
// A short bare number ("2018") says little about which requirement is meant, even when a record has it.
const NUMBER_IMPORTANCE = 0.5;
// Words that every municipality's requirements are about (the staff, the municipality, the provider,
// the systems) say little about *which* requirement is meant, even where a municipality happens to
// use them rarely: they count half towards the coverage. A fixed list, so that one municipality's
// answers never depend on what the others wrote.
const GENERIC_WORDS: ReadonlySet<string> = new Set(
  ['personal', 'personalen', 'medarbetare', 'medarbetarna', 'kollega', 'kollegan', 'kollegor', 'kollegorna', 'colleague', 'colleagues', 'coworker', 'coworkers', 'anställd', 'anställda', 'användare', 'användarna', 'kommun', 'kommunen', 'staden', 'utförare', 'utföraren', 'verksamhet', 'verksamheten', 'system', 'systemen', 'systemet', 'information', 'informationen', 'uppgifter', 'företag', 'företaget', 'organisation', 'organisationen', 'staff', 'employee', 'employees', 'user', 'users', 'municipality', 'city', 'provider', 'providers', 'system', 'systems', 'information', 'company', 'organisation', 'organization'].map((word) => foldForMatching(word)),
);
const GENERIC_IMPORTANCE = 0.5;
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
]);
// Words with these endings are nouns, not verbs with a particle: "beställning av" is no "avbeställning".
const NOUN_ENDING = /(?:ning|ing|het|else|tion|skap|ande|ende)$/u;
const MIN_PARTICLE_PREFIX = 6;
// Subjects that a question puts between a verb and its particle ("loggar man in", "tar vi över").
const SUBJECTS: ReadonlySet<string> = new Set(['man', 'vi', 'jag', 'du', 'ni', 'de', 'dom', 'hon', 'han', 'hen', 'den', 'det', 'nagon']);

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
  /** Known terms by their form without diacritics ("behorig" → "behörig"), once indexing is done. */
  private readonly termsWithoutDiacritics = new Map<string, string[]>();
  private readonly glossary = new Map<string, Map<string, number>>();
  /** Phrases (system names, glossary expressions) by every key their first word may have. */
  private readonly phrases = new Map<string, Phrase[]>();
  /** One-word system names and aliases ("siths", "treserva") by their folded form: a compound's part may be one. */
  private readonly systemWords = new Map<string, string>();
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
        this.learnWords(text);
      }
    }
    for (const entry of input.glossary) for (const word of entry.sv) this.learnWords(word);

    for (const entry of input.glossary) this.addGlossaryEntry(entry);
    for (const system of input.systems) {
      const expansion = new Map([[SYSTEM_TERM_PREFIX + system.id, ALTERNATIVE_WEIGHT.system]]);
      for (const name of [system.name, ...system.aliases]) {
        this.addPhrase(name, expansion);
        const tokens = foldedTokens(name);
        if (tokens.length === 1 && tokens[0]!.length >= 4) this.systemWords.set(tokens[0]!, SYSTEM_TERM_PREFIX + system.id);
      }
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
    const swedish = this.stemOf(folded, 'sv');
    const english = stem(folded, 'en');
    return { folded, stems: swedish === english ? [swedish] : [swedish, english] };
  }

  private addPhrase(text: string, expansion: ReadonlyMap<string, number>): void {
    const tokens = foldedTokens(text).map((token) => this.phraseToken(token));
    if (tokens.length === 0) return;
    const phrase = { tokens, expansion, systemName: [...expansion.keys()].some((term) => term.startsWith(SYSTEM_TERM_PREFIX)) };
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
          // Keyed by the word as written and by its stem: a question's word is looked up as written
          // first, so that "provide" finds "tillhandahålla" and not also "provider", its stem-mate.
          const [joined] = wordParts(tokens[0]!);
          for (const key of [`${language}=${joined!}`, `${language}:${this.stemOf(joined!, language)}`]) {
            const existing = this.glossary.get(key);
            if (existing) for (const [term, weight] of expansion) existing.set(term, Math.max(weight, existing.get(term) ?? 0));
            else this.glossary.set(key, new Map(expansion));
          }
        } else if (tokens.length > 1) {
          this.addPhrase(word, expansion);
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
    for (const term of terms.keys()) this.knownTerms.add(term);
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
      analysed.push(this.stemOf(part, language), 1);
      if (language === 'sv' && part.length >= MIN_COMPOUND_LENGTH) {
        for (const piece of this.lexicon.splitCompound(part, 4) ?? []) analysed.push(this.stemOf(piece, 'sv'), INDEX_COMPOUND_PART_WEIGHT);
      }
    }
    this.indexing?.parts.set(key, analysed);
    return analysed;
  }

  /** Drops what was only needed while the records were indexed. */
  indexingDone(): void {
    this.indexing = undefined;
    this.lexicon.prepare();
    for (const term of this.knownTerms) {
      const folded = foldForMatching(term);
      if (folded === term) continue;
      const list = this.termsWithoutDiacritics.get(folded);
      if (list) list.push(term);
      else this.termsWithoutDiacritics.set(folded, [term]);
    }
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

    const groups: Array<MutableGroup | undefined> = tokens.map((token, index) => (consumed.has(index) ? undefined : this.wordGroup(token, emphases[index]!)));

    // A verb and its particle ("lämnar över", "loggar man in") may stand for the noun written in
    // one word; then the verb alone ("logg") is a weaker guess than the noun ("inloggning").
    for (let index = 0; index + 1 < tokens.length; index += 1) {
      const group = groups[index];
      const next = SUBJECTS.has(folded[index + 1]!) ? index + 2 : index + 1;
      const particles = next < tokens.length ? PARTICLES.get(tokens[next]!) : undefined;
      if (!particles || !group || consumed.has(next)) continue;
      const terms = this.particleVerbTerms(tokens[index]!, particles);
      if (terms.length === 0) continue;
      for (const own of [this.stemOf(tokens[index]!, 'sv'), stem(tokens[index]!, 'en')]) {
        if (group.alternatives.get(own) === ALTERNATIVE_WEIGHT.stem) group.alternatives.set(own, ALTERNATIVE_WEIGHT.verbWithoutParticle);
      }
      for (const term of terms) group.offer(term, ALTERNATIVE_WEIGHT.particleVerb);
    }

    // Phrases (system names, glossary expressions) lend their expansion to every word they span.
    // Built by push rather than map(): map's result can take another array map than the one the
    // optimised loop below was compiled for, and V8 then deoptimises it on every question.
    const queryTokens: PhraseToken[] = [];
    for (const token of folded) queryTokens.push(this.phraseToken(token));
    for (let start = 0; start < queryTokens.length; start += 1) {
      // Phrases by each key the word may have; one found under two keys counts once.
      const token = queryTokens[start]!;
      let seen: Set<Phrase> | undefined;
      for (const key of token.stems.includes(token.folded) ? token.stems : [token.folded, ...token.stems]) {
        for (const phrase of this.phrases.get(key) ?? []) {
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

  private wordGroup(token: string, emphasis: number): MutableGroup | undefined {
    let analysed = this.recentWords.get(token);
    if (analysed === undefined) {
      const group = this.analyseWord(token);
      analysed = group ? { importance: group.importance, known: group.known, systemName: group.systemName, alternatives: [...group.alternatives], parts: group.parts.map((part) => [...part]) } : null;
      if (this.recentWords.size >= RECENT_WORDS) this.recentWords.delete(this.recentWords.keys().next().value!);
      this.recentWords.set(token, analysed);
    }
    if (analysed === null) return undefined;
    // A fresh group each time: the question's phrases and particle verbs add to it.
    const group = new MutableGroup(token, analysed.importance, emphasis);
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
    const known = this.offerWord(group.alternatives, joined);
    if (!known && pieces.length === 0 && isMisspeltStopword(joined)) return undefined;
    group.known = known;
    group.systemName = this.systemWords.has(folded);
    const meaningful = pieces.filter((piece) => piece.length >= 2 && !isStopword(piece));
    if (meaningful.length >= 2) {
      for (const piece of meaningful) {
        const alternatives = new Map<string, number>();
        group.known = this.offerWord(alternatives, piece) || group.known;
        group.parts.push(alternatives);
      }
    } else if (meaningful.length === 1) {
      // "e-tjänsten": the one meaningful part stands for the word, nearly as well.
      const alternatives = new Map<string, number>();
      group.known = this.offerWord(alternatives, meaningful[0]!) || group.known;
      for (const [term, weight] of alternatives) group.offer(term, weight * ALTERNATIVE_WEIGHT.hyphenPart);
    } else if (pieces.length === 0 && joined.length >= MIN_COMPOUND_LENGTH && /^\p{L}+$/u.test(joined)) {
      // A compound is also its parts: "mobiltelefonmodell" is a "mobiltelefon" and a "modell".
      for (const piece of this.lexicon.splitCompound(joined, known ? 4 : 3) ?? []) {
        const alternatives = new Map<string, number>();
        this.offerWord(alternatives, piece);
        group.parts.push(alternatives);
        group.known = true;
      }
    }
    return group;
  }

  /**
   * Offers the terms that may stand for one word: its Swedish and English stems, their glossary
   * synonyms and, for a word the knowledge base does not know, the known words it may be a
   * misspelling of. Returns whether the word is known.
   */
  private offerWord(alternatives: Map<string, number>, word: string): boolean {
    const offer = (term: string, weight: number): void => {
      if ((alternatives.get(term) ?? 0) < weight) alternatives.set(term, weight);
    };
    const swedish = this.stemOf(word, 'sv');
    const english = stem(word, 'en');
    offer(swedish, ALTERNATIVE_WEIGHT.stem);
    offer(english, ALTERNATIVE_WEIGHT.stem);
    this.offerGlossary(alternatives, word, swedish, english, 1);
    const folded = foldForMatching(word);
    const system = this.systemWords.get(folded);
    if (system) offer(system, ALTERNATIVE_WEIGHT.system);
    let known = this.knownTerms.has(swedish) || this.knownTerms.has(english);
    // Typed without å, ä and ö ("bestalla"): the terms the knowledge base spells with them
    // ("beställ"), nearly as good as the word itself. Its stem is taken from the knowledge base's
    // spelling where the lexicon knows the word, since the stemmer's endings may need the letters.
    if (word === folded) {
      const spelled = this.lexicon.spelling(word);
      const spelledStem = spelled && spelled !== word ? this.stemOf(spelled, 'sv') : undefined;
      for (const stemmed of spelledStem === undefined ? [swedish] : [swedish, spelledStem]) {
        for (const term of this.termsWithoutDiacritics.get(foldForMatching(stemmed)) ?? []) {
          offer(term, ALTERNATIVE_WEIGHT.withoutDiacritics);
          this.offerGlossary(alternatives, spelled ?? term, term, undefined, ALTERNATIVE_WEIGHT.withoutDiacritics);
          known = true;
        }
      }
    }
    if (!known && /^\p{L}+$/u.test(word)) {
      for (const correction of this.lexicon.corrections(word)) {
        const corrected = this.stemOf(correction, 'sv');
        offer(corrected, ALTERNATIVE_WEIGHT.correction);
        this.offerGlossary(alternatives, correction, corrected, undefined, ALTERNATIVE_WEIGHT.correction);
      }
      // The first part of a known compound ("bakåt" of "bakåtkompatibilitet").
      if (word.length >= MIN_PREFIX_WORD) {
        for (const longer of this.lexicon.withPrefix(word, 2)) {
          if (longer.length >= word.length + 3) offer(this.stemOf(longer, 'sv'), ALTERNATIVE_WEIGHT.compoundHead);
        }
      }
      // A long word whose beginning is a known word, and whose end is a typo in its ending
      // ("verkstalligheterana" for "verkställigheterna"): the known word, as a correction.
      const beginning = word.length >= MIN_KNOWN_BEGINNING + 3 ? this.lexicon.knownBeginning(word, MIN_KNOWN_BEGINNING, MAX_UNKNOWN_ENDING) : undefined;
      if (beginning) offer(this.stemOf(beginning, 'sv'), ALTERNATIVE_WEIGHT.correction);
    }
    return known;
  }

  /** Offers the glossary synonyms of a word (as written if the glossary lists it so, else by stem). */
  private offerGlossary(alternatives: Map<string, number>, word: string, swedish: string, english: string | undefined, factor: number): void {
    const keys = [this.glossary.has(`sv=${word}`) ? `sv=${word}` : `sv:${swedish}`];
    if (english !== undefined) keys.push(this.glossary.has(`en=${word}`) ? `en=${word}` : `en:${english}`);
    for (const key of keys) {
      for (const [term, weight] of this.glossary.get(key) ?? []) {
        if ((alternatives.get(term) ?? 0) < weight * factor) alternatives.set(term, weight * factor);
      }
    }
  }
}

/** How many analysed words an analyzer keeps (a few hundred kilobytes). */
const RECENT_WORDS = 4096;

/** One word's analysis, as kept for the next question that has the word. */
interface AnalysedWord {
  readonly importance: number;
  readonly known: boolean;
  readonly systemName: boolean;
  readonly alternatives: ReadonlyArray<readonly [string, number]>;
  readonly parts: ReadonlyArray<ReadonlyArray<readonly [string, number]>>;
}

class MutableGroup implements QueryGroup {
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

/**
 * The positions of a phrase's words in the question when it stands there from `start`. A subject
 * may stand inside a verb phrase ("loggar man in" for "loggar in"), as Swedish questions put it.
 */
function phraseAt(tokens: readonly PhraseToken[], start: number, phrase: readonly PhraseToken[]): number[] | undefined {
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
