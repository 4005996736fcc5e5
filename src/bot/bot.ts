import { detectLanguage, foldForMatching, type AnswerEngine, type Language } from '../knowledge/index.js';
import { maskPersonalData } from '../privacy/index.js';
import { actorKey, destinationKey, type DestinationRepository, type FeedbackRepository, type PreferenceRepository, type UserPreferences } from './repositories.js';
import type { MunicipalityChoice, Reply } from './reply.js';
import type { Actor, BotAction, Turn } from './turn.js';

export interface BotDependencies {
  readonly engine: AnswerEngine;
  readonly municipalities: readonly MunicipalityChoice[];
  readonly preferences: PreferenceRepository;
  readonly feedback: FeedbackRepository;
  readonly destinations: DestinationRepository;
  readonly now: () => Date;
}

type Command =
  | { readonly type: 'help'; readonly language: Language }
  | { readonly type: 'municipality'; readonly language: Language; readonly name: string }
  | { readonly type: 'coming-soon'; readonly language: Language; readonly feature: 'tickets' | 'notices' | 'registration' }
  | { readonly type: 'question'; readonly language: Language; readonly text: string };

const HELP = /^(?:hjälp|hjalp|help|\?|kommandon|commands|meny|menu)$/iu;
const MUNICIPALITY = /^(kommun|municipality|byt kommun|change municipality)(?:\s+(.*))?$/iu;
const TICKETS = /^(?:ärende|arende|ärenden|nytt ärende|skapa ärende|mina ärenden|ticket|tickets|new ticket|my tickets)$/iu;
const NOTICES = /^(?:driftinfo|drift info|driftstatus|outages|status)$/iu;
const REGISTRATION = /^(?:registrera|registrera mig|register|register me)$/iu;
const ENGLISH_COMMAND = /^(?:help|commands|menu|municipality|change municipality|ticket|tickets|new ticket|my tickets|outages|status|register|register me)\b/iu;

/** Reads what a message asks for: a command, or a question for the knowledge base. */
export function parseCommand(text: string): Command {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  const commandLanguage: Language = ENGLISH_COMMAND.test(trimmed) ? 'en' : 'sv';
  if (HELP.test(trimmed)) return { type: 'help', language: commandLanguage };
  const municipality = MUNICIPALITY.exec(trimmed);
  if (municipality) return { type: 'municipality', language: commandLanguage, name: municipality[2]?.trim() ?? '' };
  if (TICKETS.test(trimmed)) return { type: 'coming-soon', language: commandLanguage, feature: 'tickets' };
  if (NOTICES.test(trimmed)) return { type: 'coming-soon', language: commandLanguage, feature: 'notices' };
  if (REGISTRATION.test(trimmed)) return { type: 'coming-soon', language: commandLanguage, feature: 'registration' };
  return { type: 'question', language: detectLanguage(trimmed), text: trimmed };
}

/**
 * The platform-neutral bot: takes a Turn, returns Replies. It knows the knowledge base and the
 * user's preferences, and nothing of Teams or Slack.
 */
export class Bot {
  constructor(private readonly deps: BotDependencies) {}

  async handle(turn: Turn): Promise<Reply[]> {
    switch (turn.kind) {
      case 'message':
        return this.onMessage(turn.actor, turn.text);
      case 'action':
        return this.onAction(turn.actor, turn.action, turn.language ?? 'sv');
      case 'installed': {
        await this.deps.destinations.upsert({
          key: destinationKey(turn.conversation),
          platform: turn.conversation.platform,
          tenantId: turn.conversation.tenantId ?? null,
          conversationId: turn.conversation.id,
          kind: turn.conversation.kind,
          reference: turn.reference ?? null,
          installedBy: actorKey(turn.actor),
          installedAt: this.deps.now().toISOString(),
        });
        const preferences = await this.deps.preferences.get(turn.actor);
        return [{ kind: 'welcome', language: 'sv', municipality: this.choice(preferences?.municipality), municipalities: this.deps.municipalities }];
      }
      case 'uninstalled':
        await this.deps.destinations.remove(destinationKey(turn.conversation));
        return [];
    }
  }

  /** Finds a municipality by id, name or alias ("Göteborg", "goteborg", "Göteborgs Stad"). */
  resolveMunicipality(name: string): MunicipalityChoice | undefined {
    const folded = foldForMatching(name.trim());
    if (!folded) return undefined;
    const direct = this.deps.municipalities.find((municipality) => municipality.id === folded || foldForMatching(municipality.name) === folded);
    if (direct) return direct;
    const [named] = this.deps.engine.municipalitiesNamedIn(name);
    return named ? this.choice(named) ?? undefined : undefined;
  }

  private choice(id: string | null | undefined): MunicipalityChoice | null {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? null;
  }

  private async onMessage(actor: Actor, text: string): Promise<Reply[]> {
    const command = parseCommand(text);
    const preferences = await this.deps.preferences.get(actor);
    switch (command.type) {
      case 'help':
        return [{ kind: 'help', language: command.language, municipality: this.choice(preferences?.municipality), municipalities: this.deps.municipalities }];
      case 'municipality':
        return this.setMunicipality(actor, preferences, command.name, command.language);
      case 'coming-soon':
        return [{ kind: 'coming-soon', language: command.language, feature: command.feature }];
      case 'question':
        return this.answer(actor, preferences, command.text, command.language);
    }
  }

  private async answer(actor: Actor, preferences: UserPreferences | undefined, question: string, language: Language): Promise<Reply[]> {
    if (question.length === 0) return [{ kind: 'help', language, municipality: this.choice(preferences?.municipality), municipalities: this.deps.municipalities }];
    const answer = this.deps.engine.ask(question, { municipality: preferences?.municipality ?? undefined, language });
    const replies: Reply[] = [{ kind: 'answer', language, question, answer }];
    // First contact: the answer covers every municipality, so ask once which one is theirs.
    if (!preferences?.municipality && !preferences?.askedForMunicipalityAt) {
      replies.push({ kind: 'choose-municipality', language, municipalities: this.deps.municipalities });
      await this.deps.preferences.set(actor, { municipality: null, askedForMunicipalityAt: this.deps.now().toISOString(), updatedAt: this.deps.now().toISOString() });
    }
    return replies;
  }

  private async setMunicipality(actor: Actor, preferences: UserPreferences | undefined, name: string, language: Language): Promise<Reply[]> {
    const municipality = name ? this.resolveMunicipality(name) : undefined;
    if (!municipality) {
      return [{ kind: 'choose-municipality', language, municipalities: this.deps.municipalities, unknown: name || undefined }];
    }
    const now = this.deps.now().toISOString();
    await this.deps.preferences.set(actor, { municipality: municipality.id, askedForMunicipalityAt: preferences?.askedForMunicipalityAt ?? now, updatedAt: now });
    return [{ kind: 'municipality-set', language, municipality }];
  }

  private async onAction(actor: Actor, action: BotAction, language: Language): Promise<Reply[]> {
    switch (action.type) {
      case 'feedback':
        await this.deps.feedback.add({
          at: this.deps.now().toISOString(),
          platform: actor.platform,
          helpful: action.helpful,
          question: maskPersonalData(action.question),
          municipality: action.municipality,
          answerId: action.answerId,
        });
        return [{ kind: 'feedback-recorded', language, helpful: action.helpful }];
      case 'choose-municipality':
        return this.setMunicipality(actor, await this.deps.preferences.get(actor), action.municipality, language);
      case 'create-ticket':
        return [{ kind: 'coming-soon', language, feature: 'tickets' }];
      case 'show-help': {
        const preferences = await this.deps.preferences.get(actor);
        return [{ kind: 'help', language, municipality: this.choice(preferences?.municipality), municipalities: this.deps.municipalities }];
      }
    }
  }
}
