import type { GlossaryEntry, SystemEntry } from './schema.js';
import { ALTERNATIVE_WEIGHT, MAX_GLOSSARY_TERMS, MAX_UNKNOWN_ENDING, MIN_KNOWN_BEGINNING, MIN_PREFIX_WORD, SYSTEM_TERM_PREFIX } from './analysis-weights.js';
import { foldedTokens, type Phrase, type PhraseToken } from './phrases.js';
import { foldForMatching, isStopword, Lexicon, stem, tokenize, wordParts, type Language } from './text/index.js';

/**
 * What the analyzer knows about words: the Swedish words the records use (to split compounds and
 * correct spelling), the terms they are indexed by, the glossary, the phrases and the one-word
 * system names. It turns one word into the terms that may stand for it.
 */
export class Vocabulary {
  readonly lexicon = new Lexicon();
  /** Every term some record is indexed by. */
  readonly knownTerms = new Set<string>();
  /**
   * The index terms as words, for correcting a misspelt word by its stem when no whole word is
   * close: "underskotreskorna" is no edit or two from any word, but its stem "underskotresk" is one
   * from "underskötersk".
   */
  private readonly termLexicon = new Lexicon();
  /** Known terms by their form without diacritics ("behorig" → "behörig"), once prepared. */
  private readonly termsWithoutDiacritics = new Map<string, string[]>();
  private readonly glossary = new Map<string, Map<string, number>>();
  /** Phrases (system names, glossary expressions) by every key their first word may have. */
  private readonly phrases = new Map<string, Phrase[]>();
  /** One-word system names and aliases ("siths", "treserva") by their folded form: a compound's part may be one. */
  readonly systemWords = new Map<string, string>();

  learnWords(text: string): void {
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
  stemOf(word: string, language: Language): string {
    if (language === 'sv') {
      const agent = /^(\p{L}{3,}ar)(?:e|en|es|ens|na|nas)$/u.exec(word);
      if (agent && this.lexicon.has(`${agent[1]!}e`)) return agent[1]!;
    }
    return stem(word, language);
  }

  phraseToken(folded: string): PhraseToken {
    const swedish = this.stemOf(folded, 'sv');
    const english = stem(folded, 'en');
    return { folded, stems: swedish === english ? [swedish] : [swedish, english] };
  }

  addPhrase(text: string, expansion: ReadonlyMap<string, number>): void {
    const tokens = foldedTokens(text).map((token) => this.phraseToken(token));
    if (tokens.length === 0) return;
    const phrase = { tokens, expansion, systemName: [...expansion.keys()].some((term) => term.startsWith(SYSTEM_TERM_PREFIX)) };
    for (const key of new Set([tokens[0]!.folded, ...tokens[0]!.stems])) {
      const list = this.phrases.get(key);
      if (list) list.push(phrase);
      else this.phrases.set(key, [phrase]);
    }
  }

  addGlossaryEntry(entry: GlossaryEntry): void {
    const expansion = new Map<string, number>();
    // Only one-word synonyms stand in for a word: "support" may mean "helpdesk", but the words of
    // "user support" taken one by one would let "user" match every question about support.
    const add = (words: readonly string[], language: Language): void => {
      for (const word of words) {
        const tokens = tokenize(word);
        if (tokens.length !== 1) continue;
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

  /** A system's name and aliases: phrases that stand for its term, and one-word names a compound may contain. */
  addSystem(system: SystemEntry): void {
    const expansion = new Map([[SYSTEM_TERM_PREFIX + system.id, ALTERNATIVE_WEIGHT.system]]);
    for (const name of [system.name, ...system.aliases]) {
      this.addPhrase(name, expansion);
      const tokens = foldedTokens(name);
      if (tokens.length === 1 && tokens[0]!.length >= 4) this.systemWords.set(tokens[0]!, SYSTEM_TERM_PREFIX + system.id);
    }
  }

  /** The phrases whose first word has this key (its folded form or a stem). */
  phrasesFrom(key: string): readonly Phrase[] {
    return this.phrases.get(key) ?? NO_PHRASES;
  }

  /** Readies the lookups that need every record's terms: call once, after the records are indexed. */
  prepare(): void {
    this.lexicon.prepare();
    // A glossary word stands for the terms of its entry that some record has, the first few of
    // them: everyday words in a long entry ("jobbmobil", "lur") lead to the documents' words and
    // must not crowd them out of the expansion.
    const expansions = new Set([...this.glossary.values(), ...[...this.phrases.values()].flat().map((phrase) => phrase.expansion as Map<string, number>)]);
    for (const expansion of expansions) {
      let kept = 0;
      for (const term of [...expansion.keys()]) {
        if (term.startsWith(SYSTEM_TERM_PREFIX)) continue;
        if (this.knownTerms.has(term) && kept < MAX_GLOSSARY_TERMS) kept += 1;
        else expansion.delete(term);
      }
    }
    for (const term of this.knownTerms) if (/^\p{L}+$/u.test(term)) this.termLexicon.add(term);
    for (const term of this.knownTerms) {
      const folded = foldForMatching(term);
      if (folded === term) continue;
      const list = this.termsWithoutDiacritics.get(folded);
      if (list) list.push(term);
      else this.termsWithoutDiacritics.set(folded, [term]);
    }
  }

  /**
   * Offers the terms that may stand for one word: its Swedish and English stems, their glossary
   * synonyms and, for a word the knowledge base does not know, the known words it may be a
   * misspelling of. Returns whether the word is known.
   */
  offerWord(alternatives: Map<string, number>, word: string): boolean {
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
      const corrections = this.lexicon.corrections(word);
      for (const correction of corrections) {
        const corrected = this.stemOf(correction, 'sv');
        offer(corrected, ALTERNATIVE_WEIGHT.correction);
        this.offerGlossary(alternatives, correction, corrected, undefined, ALTERNATIVE_WEIGHT.correction);
      }
      // Misspelt and inflected as the knowledge base never writes it: corrected by its stem.
      if (corrections.length === 0) {
        for (const term of this.termLexicon.corrections(swedish)) {
          offer(term, ALTERNATIVE_WEIGHT.stemCorrection);
          this.offerGlossary(alternatives, term, term, undefined, ALTERNATIVE_WEIGHT.stemCorrection);
        }
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

const NO_PHRASES: readonly Phrase[] = [];
