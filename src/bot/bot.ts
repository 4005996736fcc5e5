import { identityOf } from './identity.js';
import { detectLanguage, languageEvidence, type AnswerEngine, type Language } from '../knowledge/index.js';
import { maskOrgNumber, maskPhone, type ContactService, type FieldError, type RegistrationRequest, actorKey, destinationKey, type DestinationRepository, type FeedbackRepository, type PreferenceRepository, type StaffChannelRepository, type UserPreferences, type Actor } from '../contacts/index.js';
import { maskPersonalData } from '../privacy/index.js';
import type { Messenger } from './messenger.js';
import { AnswerFlow } from './answer-flow.js';
import { othersFollowUp } from './follow-up.js';
import { TicketFlow } from './ticket-flow.js';
import { actorOfIdentity, UserLanguages } from './language.js';
import { bareMunicipalityName } from './scope.js';
import { textsFor } from './texts.js';
import { NoticeFlow } from './notice-flow.js';
import type { NoticeService } from '../notices/index.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { TicketService } from '../tickets/index.js';
import { REGISTRATION_FIELDS, type MunicipalityChoice, type RegistrationField, type RegistrationSummary, type Reply } from './reply.js';
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
  readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>;
  readonly now: () => Date;
}

type Command =
  | { readonly type: 'help'; readonly language: Language }
  | { readonly type: 'municipality'; readonly language: Language; readonly name: string }
  | { readonly type: 'notices'; readonly language: Language }
  | { readonly type: 'new-notice'; readonly language: Language; readonly noticeKind: 'planned' | 'disruption' }
  | { readonly type: 'follow'; readonly language: Language; readonly system: string | null; readonly follow: boolean }
  | { readonly type: 'notice-channel'; readonly language: Language; readonly name: string; readonly enabled: boolean }
  | { readonly type: 'ticket'; readonly language: Language }
  | { readonly type: 'my-tickets'; readonly language: Language }
  | { readonly type: 'reply-ticket'; readonly language: Language; readonly ticketId: string; readonly text: string }
  | { readonly type: 'register'; readonly language: Language }
  | { readonly type: 'staff-channel'; readonly language: Language; readonly name: string }
  /** "hur gör de andra kommunerna?": the last question again, for the other municipalities. */
  | { readonly type: 'others'; readonly language: Language }
  /** "språk engelska", "language swedish": the language chosen; null to show the current one, undefined for an unknown name. */
  | { readonly type: 'language'; readonly language: Language; readonly choice: Language | null | undefined }
  | { readonly type: 'question'; readonly language: Language; readonly text: string };

// A greeting alone is met with what the bot can do, not searched for in the knowledge base.
const HELP = /^(?:hjälp|hjalp|help|\?|kommandon|commands|meny|menu|hej|hejsan|hallå|halla|tjena|god morgon|god dag|hi|hello|hey)[!.]*$/iu;
const MUNICIPALITY = /^(kommun|municipality|byt kommun|change municipality)(?:\s+(.*))?$/iu;
const TICKETS = /^(?:ärende|arende|nytt ärende|skapa ärende|ticket|new ticket|create ticket)$/iu;
const REPLY_TICKET = /^(?:svara|svar|reply)\s+([A-Za-z]{2,5}-\d{4}-\d{4})[:\s]+([\s\S]+)$/iu;
const MY_TICKETS = /^(?:mina ärenden|mina arenden|ärenden|my tickets|tickets)$/iu;
const NOTICES = /^(?:driftinfo|drift info|driftstatus|driftstörningar|driftstopp|outages|status)$/iu;
const NEW_NOTICE = /^(?:nytt driftstopp|nytt planerat driftstopp|ny driftstörning|new outage|new planned outage|new disruption)$/iu;
const FOLLOW = /^(?:prenumerera(?: på)?|följ|folj|follow|subscribe(?: to)?)\s+(.+)$/iu;
const UNFOLLOW = /^(?:sluta följa|sluta folja|avprenumerera(?: på)?|följ inte|unfollow|unsubscribe(?: from)?|mute)\s+(.+)$/iu;
const SUBSCRIPTIONS = /^(?:prenumerationer|mina prenumerationer|mina system|subscriptions|my subscriptions)$/iu;
const NOTICE_CHANNEL = /^(?:driftkanal|notice channel)(?:\s+(.*))?$/iu;
const REGISTRATION = /^(?:registrera|registrera mig|register|register me)$/iu;
const STAFF_CHANNEL = /^(?:personalkanal|staff channel)(?:\s+(.*))?$/iu;
const LANGUAGE = /^(?:språk|sprak|language|lang)(?:\s+(.+?))?[.!]*$/iu;
const LANGUAGE_NAMES: ReadonlyArray<readonly [RegExp, Language]> = [
  [/^(?:på |in )?(?:svenska|svensk|swedish|sv|sv-se)$/iu, 'sv'],
  [/^(?:på |in )?(?:engelska|engelsk|english|en|en-us|en-gb)$/iu, 'en'],
];
const ENGLISH_COMMAND = /^(?:help|language|lang|commands|menu|hi|hello|hey|municipality|change municipality|ticket|tickets|new ticket|create ticket|my tickets|outages|status|register|register me|staff channel|new outage|new planned outage|new disruption|follow|subscribe|unfollow|unsubscribe|mute|subscriptions|my subscriptions|notice channel)\b/iu;

/** Reads what a message asks for: a command, or a question for the knowledge base. */
export function parseCommand(text: string): Command {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  const commandLanguage: Language = ENGLISH_COMMAND.test(trimmed) ? 'en' : 'sv';
  if (HELP.test(trimmed)) return { type: 'help', language: commandLanguage };
  const municipality = MUNICIPALITY.exec(trimmed);
  if (municipality) return { type: 'municipality', language: commandLanguage, name: municipality[2]?.trim() ?? '' };
  if (TICKETS.test(trimmed)) return { type: 'ticket', language: commandLanguage };
  if (MY_TICKETS.test(trimmed)) return { type: 'my-tickets', language: commandLanguage };
  const reply = REPLY_TICKET.exec(trimmed);
  if (reply) return { type: 'reply-ticket', language: /^reply/iu.test(trimmed) ? 'en' : 'sv', ticketId: reply[1]!.toUpperCase(), text: reply[2]! };
  if (NOTICES.test(trimmed)) return { type: 'notices', language: commandLanguage };
  if (NEW_NOTICE.test(trimmed)) return { type: 'new-notice', language: commandLanguage, noticeKind: /störning|stoerning|disruption/iu.test(trimmed) ? 'disruption' : 'planned' };
  if (SUBSCRIPTIONS.test(trimmed)) return { type: 'follow', language: commandLanguage, system: null, follow: true };
  const unfollow = UNFOLLOW.exec(trimmed);
  if (unfollow) return { type: 'follow', language: commandLanguage, system: unfollow[1]!.trim(), follow: false };
  const follow = FOLLOW.exec(trimmed);
  if (follow) return { type: 'follow', language: commandLanguage, system: follow[1]!.trim(), follow: true };
  const noticeChannel = NOTICE_CHANNEL.exec(trimmed);
  if (noticeChannel) {
    const rest = noticeChannel[1]?.trim() ?? '';
    const off = /^(?:av|off|stopp|stop)$/iu.test(rest);
    return { type: 'notice-channel', language: commandLanguage, name: off ? '' : rest, enabled: !off };
  }
  if (REGISTRATION.test(trimmed)) return { type: 'register', language: commandLanguage };
  const staffChannel = STAFF_CHANNEL.exec(trimmed);
  if (staffChannel) return { type: 'staff-channel', language: commandLanguage, name: staffChannel[1]?.trim() ?? '' };
  const language = LANGUAGE.exec(trimmed);
  if (language) {
    const name = language[1]?.trim();
    const choice = name ? LANGUAGE_NAMES.find(([pattern]) => pattern.test(name))?.[1] : null;
    return { type: 'language', language: commandLanguage, choice };
  }
  const others = othersFollowUp(trimmed);
  if (others) return { type: 'others', language: others };
  return { type: 'question', language: detectLanguage(trimmed), text: trimmed };
}

/**
 * The platform-neutral bot: takes a Turn, returns Replies. It knows the knowledge base and the
 * user's preferences, and nothing of Teams or Slack.
 */
export class Bot {
  private readonly tickets: TicketFlow;
  private readonly answers: AnswerFlow;
  readonly noticeFlow: NoticeFlow;
  /** Each user's language: what the bot's own messages to them (notices, ticket changes) are written in. */
  readonly languages: UserLanguages;

  constructor(private readonly deps: BotDependencies) {
    this.languages = new UserLanguages(deps.preferences, deps.now);
    this.tickets = new TicketFlow({ tickets: deps.tickets, contacts: deps.contacts, messenger: deps.messenger, preferences: deps.preferences, languages: this.languages, municipalities: deps.municipalities });
    this.answers = new AnswerFlow({
      engine: deps.engine,
      municipalities: deps.municipalities,
      knowledge: deps.knowledge,
      preferences: deps.preferences,
      feedback: deps.feedback,
      contacts: deps.contacts,
      offerTicket: (actor, question, language) => this.tickets.offerFor(actor, question, language),
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
  }

  /** Tells a requester about a change made outside chat (the outbox calls this). */
  postTicketUpdateToRequester(...args: Parameters<TicketFlow['postUpdateToRequester']>): Promise<boolean> {
    return this.tickets.postUpdateToRequester(...args);
  }

  /** Posts a filed ticket to its municipality's staff (the outbox calls this). */
  postTicketToStaff(...args: Parameters<TicketFlow['postToStaff']>): Promise<boolean> {
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

  private choice(id: string | null | undefined): MunicipalityChoice | null {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? null;
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
        return this.tickets.start(actor, command.language);
      case 'my-tickets':
        return this.tickets.list(actor, command.language);
      case 'reply-ticket':
        return this.tickets.reply(actor, command.ticketId, command.text, command.language);
      case 'register':
        return [this.registrationForm(command.language, { municipality: preferences?.municipality ?? '' }, [])];
      case 'staff-channel':
        return this.setStaffChannel(actor, conversation, command.name, preferences, command.language);
    }
  }

  private help(language: Language, municipality: MunicipalityChoice | null): Reply {
    return { kind: 'help', language, municipality, municipalities: this.deps.municipalities };
  }

  private registrationForm(language: Language, values: Readonly<Record<string, string>>, errors: readonly FieldError[]): Reply {
    const filled = Object.fromEntries(REGISTRATION_FIELDS.map((field) => [field, values[field] ?? ''])) as Record<RegistrationField, string>;
    return { kind: 'registration-form', language, values: filled, errors, municipalities: this.deps.municipalities };
  }

  private summary(request: RegistrationRequest): RegistrationSummary {
    return {
      id: request.id,
      municipality: this.choice(request.municipality) ?? { id: request.municipality, name: request.municipality },
      providerName: request.provider.name,
      orgNumberMasked: maskOrgNumber(request.provider.orgNumber),
      name: request.name,
      email: request.email,
      phoneMasked: maskPhone(request.phone),
      status: request.status,
    };
  }

  private async submitRegistration(actor: Actor, conversation: ConversationRef, values: Readonly<Record<string, string>>, language: Language): Promise<Reply[]> {
    const identity = identityOf(actor);
    // A municipality may be given by name in the form ("Göteborg"); the registry wants its id.
    const municipality = this.resolveMunicipality(values.municipality ?? '')?.id ?? values.municipality ?? '';
    const principal = await this.deps.contacts.principalFor(identity);
    const result = await this.deps.contacts.submitRegistration(principal, { ...values, municipality }, identity, destinationKey(conversation));
    if (!result.ok) {
      return [result.code === 'invalid' ? this.registrationForm(language, values, result.errors) : { kind: 'error', language, message: result.message }];
    }
    const request = this.summary(result.value);
    const reached = await this.deps.messenger.sendToStaff(result.value.municipality, [{ kind: 'registration-review', language: 'sv', request }]);
    return [{ kind: 'registration-received', language, request, staffNotified: reached > 0 }];
  }

  private async decideRegistration(actor: Actor, requestId: string, approve: boolean, reason: string | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.contacts.decideRegistration(principal, requestId, { approve, reason });
    if (!result.ok) return [{ kind: 'error', language, message: result.message }];
    const { request } = result.value;
    const summary = this.summary(request);
    // In the applicant's language: what they wrote to the bot before, else Swedish.
    const told = request.identity !== null ? await this.languages.of(actorOfIdentity(request.identity)) : 'sv';
    const decided: Reply[] = [{ kind: 'registration-decided', language: told, request: summary, approved: approve, reason: request.reason }];
    // Back where they applied; failing that, to the person wherever the platform can reach them.
    const applicantNotified =
      (request.replyTo !== null && (await this.deps.messenger.sendTo(request.replyTo, decided))) ||
      (request.identity !== null && (await this.deps.messenger.sendToPerson(request.identity, decided)));
    return [{ kind: 'registration-decision-recorded', language, request: summary, approved: approve, applicantNotified }];
  }

  private async setStaffChannel(actor: Actor, conversation: ConversationRef, name: string, preferences: UserPreferences | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const t = language === 'en' ? 'en' : 'sv';
    const municipality = name ? this.resolveMunicipality(name) : principal.municipalities?.length === 1 ? this.choice(principal.municipalities[0]) : this.choice(preferences?.municipality);
    if (!municipality || !this.deps.contacts.manages(principal, municipality.id)) {
      return [{ kind: 'error', language, message: t === 'sv' ? 'Bara kommunens personal kan välja personalkanal. Skriv "personalkanal <kommun>" i den kanal där ansökningar och ärenden ska hamna.' : 'Only the municipality’s staff can choose the staff channel. Type "staff channel <municipality>" in the channel where applications and tickets should go.' }];
    }
    if (conversation.kind === 'personal') {
      return [{ kind: 'error', language, message: t === 'sv' ? 'Personalkanalen måste vara en kanal eller gruppchatt där boten är tillagd, inte en privat chatt.' : 'The staff channel must be a channel or group chat the bot has been added to, not a personal chat.' }];
    }
    const key = destinationKey(conversation);
    if (!(await this.deps.destinations.get(key))) {
      return [{ kind: 'error', language, message: t === 'sv' ? 'Jag känner inte till den här kanalen ännu. Lägg till boten i kanalen först och försök igen.' : 'I don’t know this channel yet. Add the bot to the channel first, then try again.' }];
    }
    await this.deps.staffChannels.set(municipality.id, key);
    return [{ kind: 'staff-channel-set', language, municipality }];
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
        return this.tickets.start(actor, language, action.question);
      case 'choose-ticket-type':
        return this.tickets.chooseType(actor, action.typeId, language);
      case 'submit-ticket':
        return this.tickets.submit(actor, conversation, action.typeId, action.values, language);
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
        return [this.registrationForm(language, { municipality: preferences?.municipality ?? '' }, [])];
      }
      case 'submit-registration':
        return this.submitRegistration(actor, conversation, action.values, language);
      case 'decide-registration':
        return this.decideRegistration(actor, action.requestId, action.approve, action.reason, language);
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

export { identityOf };
