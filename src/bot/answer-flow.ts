import type { ContactService, FeedbackRepository, LastQuestion, PreferenceRepository, UserPreferences, Actor } from '../contacts/index.js';
import type { Answer, AnswerEngine, AskOptions, KnowledgeBase, Language } from '../knowledge/index.js';
import { maskPersonalData } from '../privacy/index.js';
import { identityOf } from './identity.js';
import type { AnswerContext, MunicipalityChoice, Reply } from './reply.js';
import { askerScope, bareMunicipalityName, nameAsWritten, type AskerScope } from './scope.js';
import { textsFor } from './texts.js';

export interface AnswerFlowDependencies {
  readonly engine: AnswerEngine;
  readonly municipalities: readonly MunicipalityChoice[];
  /** The municipalities' names and aliases, to read a name typed in any common form. */
  readonly knowledge: Pick<KnowledgeBase, 'municipalities'>;
  readonly preferences: PreferenceRepository;
  readonly feedback: FeedbackRepository;
  readonly contacts: ContactService;
  /** The ticket form a question asks for, offered with its answer (registered IT-contacts only). */
  readonly offerTicket: (actor: Actor, question: string, language: Language) => Promise<Reply | undefined>;
  readonly now: () => Date;
}

type AnswerReply = Extract<Reply, { kind: 'answer' }>;

/**
 * Questions and their follow-ups: answered from the asker's own municipality (the registry's, else
 * the one they chose), from the one a question names, or from the others ("hur gör de andra
 * kommunerna?"); near misses offered as "Menar du …?"; and the choice of municipality itself.
 */
export class AnswerFlow {
  constructor(private readonly deps: AnswerFlowDependencies) {}

  /** Whose requirements the person's questions are answered from, and what they said before. */
  async scopeOf(actor: Actor): Promise<{ readonly scope: AskerScope; readonly preferences: UserPreferences | undefined }> {
    const preferences = await this.deps.preferences.get(actor);
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    return { scope: askerScope(principal, await this.deps.contacts.contactsOf(principal), preferences?.municipality), preferences };
  }

  /** The person's municipality as "Din kommun" shows it. */
  async currentMunicipality(actor: Actor): Promise<MunicipalityChoice | null> {
    return this.choice((await this.scopeOf(actor)).scope.municipality);
  }

  async ask(actor: Actor, question: string, language: Language): Promise<Reply[]> {
    const { scope, preferences } = await this.scopeOf(actor);
    // Only a name ("GBG", "i Gothenburg"): the answer to "which municipality?", as the menu gives it;
    // except from a registered contact after a question, for whom another name asks that question there.
    const bare = bareMunicipalityName(question, this.deps.knowledge.municipalities);
    const asksThere = scope.source === 'registry' && bare !== scope.municipality && preferences?.lastQuestion;
    if (bare && !asksThere) return this.setMunicipality(actor, bare, language);

    const named = this.deps.engine.municipalitiesNamedIn(question);
    const answer = this.deps.engine.ask(question, { ...this.optionsFor(scope, named), language });
    // Nothing but a municipality ("hur är det i Uppsala då?", "och i GBG?"): the last question, asked there.
    if (named.length > 0 && answer.terms.length === 0) {
      const last = preferences?.lastQuestion;
      if (!last) return [{ kind: 'error', language, message: textsFor(language).noPreviousQuestion }];
      return [this.reply(last.text, this.deps.engine.ask(last.text, { municipalities: named, language }), language, { kind: 'named', asked: this.asWritten(question, named), followUp: true })];
    }

    const replies: Reply[] = [this.reply(question, answer, language, this.namedContext(question, named, scope))];
    if (!answer.found) await this.record('unanswered', actor, question, answer.municipality, null, answer.terms);
    const offer = await this.deps.offerTicket(actor, question, language);
    if (offer) replies.push(offer);

    const now = this.deps.now().toISOString();
    // Not known yet: the answer covers every municipality (or all of theirs), so ask once which one it is.
    const askNow = scope.source === 'none' && !preferences?.askedForMunicipalityAt;
    if (askNow) replies.push({ kind: 'choose-municipality', language, municipalities: this.choicesAmong(scope.registered) });
    const lastQuestion: LastQuestion = { text: maskPersonalData(question), language, municipalities: named.length > 0 ? named : this.scopeIds(scope), at: now };
    await this.deps.preferences.set(actor, {
      ...preferences,
      municipality: preferences?.municipality ?? null,
      askedForMunicipalityAt: askNow ? now : (preferences?.askedForMunicipalityAt ?? null),
      updatedAt: now,
      lastQuestion,
    });
    return replies;
  }

  /** "Hur gör de andra kommunerna?": the last question, answered by every other municipality under its own name. */
  async others(actor: Actor, language: Language): Promise<Reply[]> {
    const { scope, preferences } = await this.scopeOf(actor);
    const last = preferences?.lastQuestion;
    const t = textsFor(language);
    if (!last) return [{ kind: 'error', language, message: t.noPreviousQuestion }];
    const answeredFor = last.municipalities.length > 0 ? last.municipalities : this.scopeIds(scope);
    const others = this.deps.municipalities.map((municipality) => municipality.id).filter((id) => !answeredFor.includes(id));
    if (others.length === 0) return [{ kind: 'error', language, message: t.noOtherMunicipalities }];
    return [this.reply(last.text, this.deps.engine.ask(last.text, { municipalities: others, language }), language, { kind: 'others' })];
  }

  /**
   * A "Menar du …?" choice: the chosen record's answer, or for "Inget av dessa" the question's own
   * answer without suggestions, which offers a ticket. Either way the choice goes to the feedback
   * log, for `kb gaps`.
   */
  async chooseSuggestion(actor: Actor, question: string, recordId: string | null, municipality: string | null, language: Language): Promise<Reply[]> {
    const { terms } = this.deps.engine.ask(question, { language });
    await this.record('suggestion', actor, question, municipality, recordId, terms);
    if (recordId !== null) {
      const answer = this.deps.engine.answerRecord(recordId, language);
      if (!answer) return [{ kind: 'error', language, message: textsFor(language).suggestionGone }];
      return [this.reply(question, answer, language)];
    }
    const { scope } = await this.scopeOf(actor);
    const named = this.deps.engine.municipalitiesNamedIn(question);
    const answer = this.deps.engine.ask(question, { ...this.optionsFor(scope, named), language });
    const offer = await this.deps.offerTicket(actor, question, language);
    return [this.reply(question, { ...answer, suggestions: [] }, language), ...(offer ? [offer] : [])];
  }

  /**
   * "kommun Göteborg", the menu, or a name typed in answer. A registered IT-contact's municipality
   * is the registry's: one of several may choose among theirs, nobody may choose another.
   */
  async setMunicipality(actor: Actor, name: string, language: Language): Promise<Reply[]> {
    const municipality = name ? this.resolve(name) : undefined;
    const { scope, preferences } = await this.scopeOf(actor);
    if (scope.registered.length > 0 && !(municipality && scope.registered.includes(municipality.id))) {
      if (scope.registered.length > 1 && !municipality) {
        return [{ kind: 'choose-municipality', language, municipalities: this.choicesAmong(scope.registered), unknown: name || undefined }];
      }
      return [{ kind: 'error', language, message: textsFor(language).registeredIn(this.choicesAmong(scope.registered).map((choice) => choice.name)) }];
    }
    if (!municipality) return [{ kind: 'choose-municipality', language, municipalities: this.deps.municipalities, unknown: name || undefined }];
    const now = this.deps.now().toISOString();
    await this.deps.preferences.set(actor, { ...preferences, municipality: municipality.id, askedForMunicipalityAt: preferences?.askedForMunicipalityAt ?? now, updatedAt: now });
    return [{ kind: 'municipality-set', language, municipality }];
  }

  /** Finds a municipality by id, name or any alias ("Göteborg", "goteborg", "GBG", "Göteborgs stad", "i Gothenburg"). */
  resolve(name: string): MunicipalityChoice | undefined {
    const id = bareMunicipalityName(name, this.deps.knowledge.municipalities) ?? this.deps.engine.municipalitiesNamedIn(name)[0];
    return this.choice(id) ?? undefined;
  }

  private choice(id: string | null | undefined): MunicipalityChoice | null {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? null;
  }

  private choicesAmong(ids: readonly string[]): readonly MunicipalityChoice[] {
    return ids.length > 0 ? this.deps.municipalities.filter((municipality) => ids.includes(municipality.id)) : this.deps.municipalities;
  }

  /** The municipalities an answer for this person covers when the question names none; empty: all. */
  private scopeIds(scope: AskerScope): string[] {
    return scope.municipality ? [scope.municipality] : [...scope.registered];
  }

  /** A named municipality wins (the engine sees to that); else theirs; else all of theirs, each under its name; else all. */
  private optionsFor(scope: AskerScope, named: readonly string[]): AskOptions {
    if (named.length === 0 && !scope.municipality && scope.registered.length > 1) return { municipalities: scope.registered };
    return { municipality: scope.municipality ?? undefined };
  }

  /**
   * "du frågade om Uppsala", when the question named a municipality that is not the asker's own.
   * Nothing for someone whose municipality nobody knows: for them no municipality is another one.
   */
  private namedContext(question: string, named: readonly string[], scope: AskerScope): AnswerContext | undefined {
    const own = this.scopeIds(scope);
    if (own.length === 0 || named.every((id) => own.includes(id))) return undefined;
    return { kind: 'named', asked: this.asWritten(question, named) };
  }

  private asWritten(question: string, named: readonly string[]): string[] {
    return named.flatMap((id) => {
      const municipality = this.deps.knowledge.municipalities.find((candidate) => candidate.id === id);
      return municipality ? [nameAsWritten(question, municipality)] : [];
    });
  }

  private reply(question: string, answer: Answer, language: Language, context?: AnswerContext): AnswerReply {
    return { kind: 'answer', language, question, answer, ...(context ? { context } : {}) };
  }

  private async record(kind: 'unanswered' | 'suggestion', actor: Actor, question: string, municipality: string | null, answerId: string | null, terms: readonly string[]): Promise<void> {
    await this.deps.feedback.add({
      kind,
      at: this.deps.now().toISOString(),
      platform: actor.platform,
      helpful: kind === 'suggestion' && answerId !== null,
      question: maskPersonalData(question),
      municipality,
      answerId,
      // A term with digits may be a personnummer or a phone number, which the log must not keep.
      terms: terms.filter((term) => !/\d/u.test(term)),
    });
  }
}
