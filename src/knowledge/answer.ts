import { Analyzer, type AnalyzedQuery } from './analyzer.js';
import type { KnowledgeBase, KnowledgeRecord, Municipality } from './model.js';
import { SearchIndex, type ScoredRecord } from './search-index.js';
import { askedTime, openAt, type AskedTime } from './time-of-day.js';
import { askedAmount, statesAmount, type AskedAmount } from './asked-amount.js';
import { detectLanguage, foldForMatching, oneQuestionEach, type Language } from './text/index.js';
import type { Answer, AnswerGroup, AskOptions, Explanation } from './answer-model.js';
import { answerText, composeText, notFoundText, suggestionLabel, toSource } from './answer-text.js';
import { completes, isAnswer, isNearMiss } from './answer-decision.js';

export type { Answer, AnswerGroup, AnswerSource, AskOptions, Explanation, Suggestion } from './answer-model.js';
export { citationLine } from './answer-text.js';

const MAX_RECORDS_SINGLE = 3;
// Across municipalities (a guest, "hur gör de andra?"), each answers only when it covers the question
// well, and nearly as well as the best one.
const MIN_COVERAGE_ACROSS = 0.55;
const ACROSS_COVERAGE_SHARE = 0.6;
// "What happens after …?", "vad händer sen?": the next steps of the routine the question names.
const WHAT_NEXT = /\b(?:what happens (?:after|next|then)|what(?:'s| is) next|next step|vad hander (?:sen|sedan|efter|darefter|nar)|nasta steg|och sen(?:an)? da|vad gor (?:vi|man|jag) sen(?:an)?)\b/u;
const FOLLOWING_STEPS = 2;
// A cheap look before folding the whole message for WHAT_NEXT.
const MAYBE_WHAT_NEXT = /happen|next|h[äa]nder|n[äa]sta|\bsen/iu;
// A section of at most this many records is one topic, answered whole.
const SMALL_SECTION = 3;
// A message with several questions: the records of each, together.
const MAX_RECORDS_MANY_QUESTIONS = 4;
// A near miss: not an answer, but close enough to offer as "Menar du …?".
const MAX_SUGGESTIONS = 3;
// The record that answers the other thing a message asks about the same topic must match that
// question's own sentence at least this well.
const OTHER_ASPECT_MIN_SCORE = 1;
const OTHER_ASPECT_RECORDS = 2;
const OTHER_ASPECT_SHARE = 0.9;

/** Answers questions from the knowledge base, with quoted sources, for a municipality context. */
export class AnswerEngine {
  private readonly index: SearchIndex;
  private readonly municipalities: ReadonlyMap<string, Municipality>;

  private readonly records: ReadonlyMap<string, KnowledgeRecord>;
  /** Records by their section (municipality and heading), in the order of the knowledge file. */
  private readonly sections = new Map<string, KnowledgeRecord[]>();
  private readonly contactsWithHours = new Map<string, Array<NonNullable<KnowledgeRecord['contact']>>>();

  constructor(knowledge: KnowledgeBase) {
    const analyzer = new Analyzer(knowledge);
    this.records = new Map(knowledge.records.map((record) => [record.id, record]));
    for (const record of knowledge.records) {
      const section = this.sections.get(sectionKey(record));
      if (section) section.push(record);
      else this.sections.set(sectionKey(record), [record]);
    }
    for (const record of knowledge.records) {
      if (!record.contact || record.contact.hours.length === 0) continue;
      const list = this.contactsWithHours.get(record.municipalityId) ?? [];
      list.push(record.contact);
      this.contactsWithHours.set(record.municipalityId, list);
    }
    this.index = new SearchIndex(knowledge.records, analyzer);
    this.municipalities = new Map(knowledge.municipalities.map((municipality) => [municipality.id, municipality]));
  }

  /** Municipality ids named in a text ("kommun Göteborg", "in Uppsala"), in the order found. */
  municipalitiesNamedIn(text: string): string[] {
    return [...this.index.analyzer.analyzeQuery(text).municipalities];
  }

  /**
   * How a question was understood and how the best records scored: for maintainers who wonder why
   * a question got (or did not get) an answer.
   */
  explain(question: string, options: AskOptions = {}): Explanation {
    const query = this.index.analyzer.analyzeQuery(question);
    const language = options.language ?? detectLanguage(question);
    const named = query.municipalities.filter((id) => this.municipalities.has(id));
    const scope = named.length > 0 ? named : options.municipality ? [options.municipality] : this.index.municipalityIds;
    return {
      words: query.groups.map((group) => ({ word: group.word, terms: Object.fromEntries(group.alternatives), parts: group.parts.map((part) => [...part.keys()]) })),
      candidates: scope.flatMap((municipalityId) =>
        this.index
          .search(municipalityId, query)
          .slice(0, 5)
          .map((result) => ({ id: result.record.id, municipality: municipalityId, score: round(result.score), coverage: round(result.coverage), answers: isAnswer(result, query, language) })),
      ),
    };
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const language = options.language ?? detectLanguage(question);
    // "Är supporten öppen kl 18?": the time is checked against the hours, not searched for.
    const time = askedTime(question);
    const query = this.index.analyzer.analyzeQuery(time?.rest ?? question);
    const scope = this.scopeOf(query.municipalities, options);
    const single = scope.length === 1;
    const terms = understoodTerms(query);

    // A message that asks two things gets both answers: each question is searched on its own too.
    const questionTexts = oneQuestionEach(time?.rest ?? question);
    const questions = questionTexts.map((text) => this.index.analyzer.analyzeQuery(text));
    const asksWhatNext = MAYBE_WHAT_NEXT.test(question) && WHAT_NEXT.test(foldForMatching(question));
    const asksAmount = askedAmount(question);
    const ranked: Array<{ municipality: Municipality; best: ScoredRecord; records: KnowledgeRecord[] }> = [];
    const near: ScoredRecord[] = [];
    for (const municipalityId of scope) {
      const municipality = this.municipalities.get(municipalityId);
      if (!municipality) continue;
      const found = [query, ...questions].flatMap((each) => this.answering(municipalityId, each, language, !single, asksWhatNext, asksAmount, near) ?? []);
      if (found.length === 0) continue;
      if (single) this.addOtherAspects(municipalityId, found, questionTexts);
      const records = uniqueBy(
        found.flatMap((each) => each.records),
        (record) => record.id,
      ).slice(0, questions.length === 0 ? (single ? MAX_RECORDS_SINGLE : 1) : single ? MAX_RECORDS_MANY_QUESTIONS : questions.length);
      ranked.push({ municipality, best: found[0]!.best, records });
    }
    ranked.sort((a, b) => b.best.score - a.best.score);
    // Across municipalities, one that answers much less well than the best is left out: a guest who
    // reports a lost phone gets the phone rule, not another municipality's two-factor login.
    if (!single && ranked.length > 1) {
      const top = Math.max(...ranked.map((entry) => entry.best.coverage));
      const bar = Math.max(MIN_COVERAGE_ACROSS, top * ACROSS_COVERAGE_SHARE);
      // Compared in hundredths, as `--explain` shows them: one more record in a municipality moves
      // its term statistics by a few thousandths, which must not decide whether it answers.
      ranked.splice(0, ranked.length, ...ranked.filter((entry) => Math.round(entry.best.coverage * 100) >= Math.round(bar * 100)));
    }
    const groups: AnswerGroup[] = ranked.map(({ municipality, records }) => ({
      municipalityId: municipality.id,
      municipalityName: municipality.name,
      records: records.map((record) => ({ id: record.id, text: this.withTime(answerText(record, language), record, time, language), citation: record.citation })),
    }));

    if (groups.length === 0) {
      const name = single ? this.municipalities.get(scope[0]!)?.name : undefined;
      return {
        found: false,
        municipality: single ? scope[0]! : null,
        language,
        answer: notFoundText(language, name, asksAmount === 'price'),
        sources: [],
        groups: [],
        answerId: null,
        suggestions: uniqueBy(
          near.sort((a, b) => b.score - a.score),
          (result) => result.record.id,
        )
          .slice(0, MAX_SUGGESTIONS)
          .map(({ record }) => ({ id: record.id, municipalityId: record.municipalityId, label: suggestionLabel(record, language) })),
        terms,
      };
    }
    return this.compose(groups, language, !single, single ? scope[0]! : groups.length === 1 ? groups[0]!.municipalityId : null, terms);
  }

  /**
   * The records of one municipality that answer a query, best first, with the best one's scores;
   * undefined when none does (then its near misses are added to `near`).
   */
  private answering(municipalityId: string, query: AnalyzedQuery, language: Language, acrossMunicipalities: boolean, asksWhatNext: boolean, asksAmount: AskedAmount | undefined, near: ScoredRecord[]): { best: ScoredRecord; records: KnowledgeRecord[] } | undefined {
    const results = this.index.search(municipalityId, query);
    const best = results[0];
    // A question for a price or an amount is answered by a record that states one, or not at all
    // ("Vad kostar en iPhone SE med abonnemang?" is not answered by who pays for the phones).
    if (asksAmount && !(best && statesAmount(best.record, asksAmount))) return undefined;
    if (!best || !isAnswer(best, query, language) || (acrossMunicipalities && !best.topicWord)) {
      const keyWords = Math.min(2, query.groups.filter((group) => group.importance >= 1).length);
      near.push(...results.slice(0, MAX_SUGGESTIONS).filter((result) => isNearMiss(result, keyWords)));
      return undefined;
    }
    // Across municipalities each shows its best record only, and never one that merely shares a
    // system's name with the question ("Lifecare" in Örebro's answer to a Göteborg routine).
    if (acrossMunicipalities) return { best, records: [best.record] };
    const section = this.sections.get(sectionKey(best.record)) ?? [];
    // "What happens after we send the form?": the statements that follow the best one in its
    // section are the answer, so they come right after it.
    const next = section.indexOf(best.record) + 1;
    const following = asksWhatNext ? section.slice(next, next + FOLLOWING_STEPS) : [];
    const records = uniqueBy([best.record, ...following, ...results.slice(1).filter((result) => completes(result, best)).map((result) => result.record)], (record) => record.id).slice(0, MAX_RECORDS_SINGLE);
    // A small section is one topic: its other statements complete the answer ("Logguppföljning":
    // log the activities, and keep a checklist for it).
    if (section.length <= SMALL_SECTION) {
      for (const sibling of section) if (records.length < MAX_RECORDS_SINGLE && !records.includes(sibling)) records.push(sibling);
    }
    return { best, records };
  }

  /**
   * A message that asks two things about one topic ("Vem bestämmer vem som får behörigheten, och
   * hur beställs den?") finds the same best record for both, since the background names the topic.
   * The second thing asked is then another statement of that record's section: the one that its
   * own sentence, read without the background, matches best.
   */
  private addOtherAspects(municipalityId: string, found: Array<{ best: ScoredRecord; records: KnowledgeRecord[] }>, questionTexts: readonly string[]): void {
    if (questionTexts.length < 2) return;
    const chosen = new Set(found.flatMap((each) => each.records.map((record) => record.id)));
    const firstBest = found[0]!.best.record;
    for (const text of questionTexts.slice(1)) {
      const asking = this.index.analyzer.analyzeQuery(lastSentence(text));
      const section = sectionKey(firstBest);
      const inSection = this.index.search(municipalityId, asking).filter((result) => sectionKey(result.record) === section && result.keyWord && result.score >= OTHER_ASPECT_MIN_SCORE);
      const top = inSection[0];
      if (!top || chosen.has(top.record.id)) continue;
      // Two statements that the sentence matches about equally both answer it.
      for (const other of inSection.slice(0, OTHER_ASPECT_RECORDS)) {
        if (other.score < top.score * OTHER_ASPECT_SHARE || chosen.has(other.record.id)) continue;
        chosen.add(other.record.id);
        found[0]!.records.push(other.record);
      }
    }
  }

  /**
   * The answer of one record, as chosen from the suggestions of a near miss. Undefined for an id
   * the knowledge base does not have (a button from before the knowledge base changed).
   */
  answerRecord(id: string, language: Language): Answer | undefined {
    const record = this.records.get(id);
    const municipality = record && this.municipalities.get(record.municipalityId);
    if (!record || !municipality) return undefined;
    const group: AnswerGroup = { municipalityId: municipality.id, municipalityName: municipality.name, records: [{ id: record.id, text: answerText(record, language), citation: record.citation }] };
    return this.compose([group], language, false, municipality.id, []);
  }

  /**
   * An answer about a support contact (the contact itself, or a record that names it), led by
   * whether it is open at the time the question asks about.
   */
  private withTime(text: string, record: KnowledgeRecord, time: AskedTime | undefined, language: Language): string {
    if (!time) return text;
    const lower = text.toLowerCase();
    const contact = record.contact ?? this.contactsWithHours.get(record.municipalityId)?.find(({ name }) => lower.includes(name.sv.toLowerCase()) || lower.includes(name.en.toLowerCase()));
    const verdict = contact && openAt(language === 'en' ? contact.name.en : contact.name.sv, contact.hours, time, language);
    return verdict ? `${verdict} ${text}` : text;
  }

  /** Municipalities to answer from: an explicit list, else those named in the question, else the asker's, else all. */
  private scopeOf(named: readonly string[], options: AskOptions): string[] {
    if (options.municipalities && options.municipalities.length > 0) return options.municipalities.filter((id) => this.municipalities.has(id));
    const known = named.filter((id) => this.municipalities.has(id));
    if (known.length > 0) return known;
    if (options.municipality && this.municipalities.has(options.municipality)) return [options.municipality];
    return this.index.municipalityIds;
  }

  private compose(groups: readonly AnswerGroup[], language: Language, labelled: boolean, municipality: string | null, terms: readonly string[]): Answer {
    return {
      found: true,
      municipality,
      language,
      answer: composeText(groups, language, labelled),
      sources: uniqueBy(groups.flatMap((group) => group.records.map(({ citation }) => toSource(citation))), (source) => `${source.file}\n${source.heading}\n${source.quote}`),
      groups,
      answerId: groups[0]!.records[0]!.id,
      suggestions: [],
      terms,
    };
  }
}


function lastSentence(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

function sectionKey(record: KnowledgeRecord): string {
  return `${record.municipalityId}\n${record.citation.heading}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The index terms a question was understood by, sorted, for grouping what went unanswered. Terms
 * with digits are left out: they may be a personnummer or a phone number.
 */
function understoodTerms(query: AnalyzedQuery): string[] {
  const terms = new Set<string>();
  for (const group of query.groups) for (const [term, weight] of group.alternatives) if (weight >= 1 && !/\d/u.test(term)) terms.add(term);
  return [...terms].sort();
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}
