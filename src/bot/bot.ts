import { actorKey, destinationKey, type Actor, type ContactService, type DestinationRepository, type FeedbackRepository, type PreferenceRepository, type StaffChannelRepository } from '../contacts/index.js';
import { languageEvidence, type AnswerEngine, type KnowledgeBase, type Language } from '../knowledge/index.js';
import type { NoticeService } from '../notices/index.js';
import { maskPersonalData } from '../privacy/index.js';
import type { TicketService } from '../tickets/index.js';
import { AnswerFlow } from './answer-flow.js';
import { parseCommand, type Command } from './command.js';
import { identityOf } from './identity.js';
import { UserLanguages } from './language.js';
import type { Messenger } from './messenger.js';
import { NoticeFlow } from './notice-flow.js';
import { RegistrationFlow } from './registration-flow.js';
import type { MunicipalityChoice, Reply } from './reply.js';
import { bareMunicipalityName } from './scope.js';
import { textsFor } from './texts.js';
import { TicketFiling } from './ticket-filing.js';
import { TicketFollowUp } from './ticket-follow-up.js';
import type { BotAction, ConversationRef, Turn } from './turn.js';

export interface BotDependencies {
  readonly engine: AnswerEngine;
  readonly municipalities: readonly MunicipalityChoice[];
  readonly preferences: PreferenceRepository;
  readonly feedback: FeedbackRepository;
  readonly destinations: DestinationRepository;
  readonly staffChannels: StaffChannelRepository;
  readonly contacts: ContactService;
  readonly messenger: Messenger;
  readonly tickets: TicketService;
  readonly notices: NoticeService;
  readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems' | 'records'>;
  readonly now: () => Date;
}

/**
 * The platform-neutral bot: takes a Turn, returns Replies. It knows the knowledge base and the
 * user's preferences, and nothing of Teams or Slack.
 */
export class Bot {
  private readonly filing: TicketFiling;
  private readonly tickets: TicketFollowUp;
  private readonly answers: AnswerFlow;
  private readonly registration: RegistrationFlow;
  readonly noticeFlow: NoticeFlow;
  /** Each user's language: what the bot's own messages to them (notices, ticket changes) are written in. */
  readonly languages: UserLanguages;

  constructor(private readonly deps: BotDependencies) {
    this.languages = new UserLanguages(deps.preferences, deps.now);
    this.filing = new TicketFiling({ tickets: deps.tickets, contacts: deps.contacts, preferences: deps.preferences, municipalities: deps.municipalities });
    this.tickets = new TicketFollowUp({ tickets: deps.tickets, contacts: deps.contacts, messenger: deps.messenger, languages: this.languages, municipalities: deps.municipalities });
    this.answers = new AnswerFlow({
      engine: deps.engine,
      municipalities: deps.municipalities,
      knowledge: deps.knowledge,
      preferences: deps.preferences,
      feedback: deps.feedback,
      contacts: deps.contacts,
      offerTicket: (actor, question, language) => this.filing.offerFor(actor, question, language),
      now: deps.now,
    });
    this.noticeFlow = new NoticeFlow({
      notices: deps.notices,
      contacts: deps.contacts,
      knowledge: deps.knowledge,
      messenger: deps.messenger,
      destinations: deps.destinations,
      preferences: deps.preferences,
      languages: this.languages,
      municipalities: deps.municipalities,
      now: deps.now,
    });
    this.registration = new RegistrationFlow({
      contacts: deps.contacts,
      messenger: deps.messenger,
      destinations: deps.destinations,
      staffChannels: deps.staffChannels,
      languages: this.languages,
      municipalities: deps.municipalities,
      resolveMunicipality: (name) => this.resolveMunicipality(name),
    });
  }

  /** Tells a requester about a change made outside chat (the outbox calls this). */
  postTicketUpdateToRequester(...args: Parameters<TicketFollowUp['postUpdateToRequester']>): Promise<boolean> {
    return this.tickets.postUpdateToRequester(...args);
  }

  /** A reply to a ticket email, read from the bot's mailbox (the email adapter calls this). */
  replyByEmail(...args: Parameters<TicketFollowUp['relayFromEmail']>): ReturnType<TicketFollowUp['relayFromEmail']> {
    return this.tickets.relayFromEmail(...args);
  }

  /** Posts a filed ticket to its municipality's staff (the outbox calls this). */
  postTicketToStaff(...args: Parameters<TicketFollowUp['postToStaff']>): Promise<boolean> {
    return this.tickets.postToStaff(...args);
  }

  async handle(turn: Turn): Promise<Reply[]> {
    switch (turn.kind) {
      case 'message':
        if (turn.threadId && turn.conversation.kind !== 'personal') {
          // A reply in a ticket's staff thread is the ticket's conversation, not a question.
          const relayed = await this.tickets.relayFromThread(turn.actor, turn.conversation, turn.threadId, turn.text);
          if (relayed) return relayed;
        }
        if (turn.addressed === false) return [];
        return this.onMessage(turn.actor, turn.conversation, turn.text);
      case 'action':
        // The card's language answers the press, but a press is not the user's words: nothing is learnt from it.
        return this.onAction(turn.actor, turn.conversation, turn.action, await this.languages.forTurn(turn.actor, turn.language, { remember: false }));
      case 'installed': {
        const language = await this.languages.forTurn(turn.actor, undefined);
        await this.deps.destinations.upsert({
          key: destinationKey(turn.conversation),
          platform: turn.conversation.platform,
          tenantId: turn.conversation.tenantId ?? null,
          conversationId: turn.conversation.id,
          kind: turn.conversation.kind,
          reference: turn.reference ?? null,
          installedBy: actorKey(turn.actor),
          installedAt: this.deps.now().toISOString(),
          municipality: await this.noticeMunicipalityFor(turn.actor, turn.conversation),
        });
        return [{ kind: 'welcome', language, municipality: await this.answers.currentMunicipality(turn.actor), municipalities: this.deps.municipalities }];
      }
      case 'uninstalled':
        await this.deps.destinations.remove(destinationKey(turn.conversation));
        return [];
    }
  }

  /**
   * A channel an IT-contact adds the bot to gets their municipality's notices (they can stop it
   * with "driftkanal av"); staff add the bot to their own channels, which get none unless asked.
   */
  private async noticeMunicipalityFor(actor: Actor, conversation: ConversationRef): Promise<string | null> {
    if (conversation.kind === 'personal') return null;
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    if (principal.role !== 'it-contact') return null;
    const municipalities = [...new Set((await this.deps.contacts.contactsOf(principal)).filter((contact) => contact.active).map((contact) => contact.municipality))];
    return municipalities.length === 1 ? municipalities[0]! : null;
  }

  /** Finds a municipality by id, name or any alias ("Göteborg", "goteborg", "GBG", "Göteborgs stad", "i Gothenburg"). */
  resolveMunicipality(name: string): MunicipalityChoice | undefined {
    return this.answers.resolve(name);
  }

  /**
   * What a message shows of its writer's language: a command's words, or a question's telling words.
   * A municipality's name alone ("Göteborg"), a language command and a bare "?" show nothing.
   */
  private languageShownBy(command: Command): Language | undefined {
    switch (command.type) {
      case 'question':
        return bareMunicipalityName(command.text, this.deps.knowledge.municipalities) ? undefined : languageEvidence(command.text);
      case 'language':
        return undefined;
      default:
        return command.language;
    }
  }

  private async onMessage(actor: Actor, conversation: ConversationRef, text: string): Promise<Reply[]> {
    const parsed = parseCommand(text);
    const shown = /^[\s?!.]*$/u.test(text) ? undefined : this.languageShownBy(parsed);
    // Every reply is in the user's language: chosen, else the message's own, else what is known of them.
    // A language command's own words answer it ("language klingon" in English) but are no evidence.
    const language = shown ? await this.languages.forTurn(actor, shown) : await this.languages.forTurn(actor, parsed.type === 'language' ? parsed.language : undefined, { remember: false });
    const command = { ...parsed, language } as Command;
    const preferences = await this.deps.preferences.get(actor);
    switch (command.type) {
      case 'language':
        if (command.choice === undefined) return [{ kind: 'error', language: command.language, message: textsFor(command.language).unknownLanguage }];
        if (command.choice === null) return [{ kind: 'language', language: command.language, changed: false }];
        await this.languages.choose(actor, command.choice);
        return [{ kind: 'language', language: command.choice, changed: true }];
      case 'help':
        return [this.help(command.language, await this.answers.currentMunicipality(actor))];
      case 'municipality':
        return this.answers.setMunicipality(actor, command.name, command.language);
      case 'notices':
        return this.noticeFlow.list(actor, command.language);
      case 'new-notice':
        return this.noticeFlow.openForm(actor, command.noticeKind, undefined, command.language);
      case 'follow':
        return this.noticeFlow.follow(actor, command.system, command.follow, command.language);
      case 'notice-channel':
        return this.noticeFlow.setChannel(actor, conversation, command.name ? this.resolveMunicipality(command.name)?.id ?? command.name : undefined, command.enabled, command.language);
      case 'question':
        if (command.text.length === 0) return [this.help(command.language, await this.answers.currentMunicipality(actor))];
        return this.answers.ask(actor, command.text, command.language);
      case 'others':
        return this.answers.others(actor, command.language);
      case 'ticket':
        return this.filing.start(actor, command.language);
      case 'my-tickets':
        return this.tickets.list(actor, command.language);
      case 'reply-ticket':
        return this.tickets.reply(actor, command.ticketId, command.text, command.language);
      case 'register':
        return [this.registration.form(command.language, { municipality: preferences?.municipality ?? '' })];
      case 'staff-channel':
        return this.registration.setStaffChannel(actor, conversation, command.name, preferences, command.language);
    }
  }

  private help(language: Language, municipality: MunicipalityChoice | null): Reply {
    return { kind: 'help', language, municipality, municipalities: this.deps.municipalities };
  }

  private async onAction(actor: Actor, conversation: ConversationRef, action: BotAction, language: Language): Promise<Reply[]> {
    switch (action.type) {
      case 'feedback':
        await this.deps.feedback.add({
          kind: 'vote',
          at: this.deps.now().toISOString(),
          platform: actor.platform,
          helpful: action.helpful,
          question: maskPersonalData(action.question),
          municipality: action.municipality,
          answerId: action.answerId,
        });
        return [{ kind: 'feedback-recorded', language, helpful: action.helpful }];
      case 'choose-municipality':
        return this.answers.setMunicipality(actor, action.municipality, language);
      case 'choose-suggestion':
        return this.answers.chooseSuggestion(actor, action.question, action.recordId, action.municipality, language);
      case 'create-ticket':
        return this.filing.start(actor, language, action.question);
      case 'choose-ticket-type':
        return this.filing.chooseType(actor, action.typeId, language);
      case 'submit-ticket':
        return this.filing.submit(actor, conversation, action.typeId, action.values, language);
      case 'ticket-action':
        return this.tickets.staffAction(actor, action.ticketId, action.action, action.note, language);
      case 'rate-ticket':
        return this.tickets.rate(actor, action.ticketId, action.solved, language);
      case 'list-tickets':
        return this.tickets.list(actor, language);
      case 'reply-ticket':
        return this.tickets.reply(actor, action.ticketId, action.text, language);
      case 'start-registration': {
        const preferences = await this.deps.preferences.get(actor);
        return [this.registration.form(language, { municipality: preferences?.municipality ?? '' })];
      }
      case 'submit-registration':
        return this.registration.submit(actor, conversation, action.values, language);
      case 'decide-registration':
        return this.registration.decide(actor, action.requestId, action.approve, action.reason, language);
      case 'list-notices':
        return this.noticeFlow.list(actor, language);
      case 'open-notice-form':
        return this.noticeFlow.openForm(actor, action.noticeKind, action.noticeId, language);
      case 'preview-notice':
        return this.noticeFlow.preview(actor, action.noticeKind, action.noticeId, action.values, language);
      case 'publish-notice':
        return this.noticeFlow.publish(actor, conversation, action.noticeId, action.reason, language);
      case 'discard-notice':
        return this.noticeFlow.discard(actor, action.noticeId, language);
      case 'open-notice-change':
        return this.noticeFlow.openChange(actor, action.noticeId, action.mode, language);
      case 'change-notice':
        return this.noticeFlow.change(actor, action.noticeId, action.mode, action.values, language);
      case 'notice-report':
        return this.noticeFlow.report(actor, action.noticeId, language);
      case 'follow-system':
        return this.noticeFlow.follow(actor, action.system, action.follow, language);
      case 'show-help':
        return [this.help(language, await this.answers.currentMunicipality(actor))];
    }
  }
}

