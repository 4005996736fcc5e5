import { statusOfReply, type InboundEmail, type InboundEmailOutcome } from './email-reply.js';
import { identityOf } from './identity.js';
import { type ContactService, type Principal, destinationKey, type PreferenceRepository, type Actor } from '../contacts/index.js';
import type { FieldError } from '../errors/index.js';
import { ticketRouting, type HandledElsewhereNote, type Language, type TicketType } from '../knowledge/index.js';
import type { Ticket, TicketService, TicketStatus } from '../tickets/index.js';
import { wordFieldErrors } from './field-error-texts.js';
import { actorOfIdentity, type UserLanguages } from './language.js';
import type { Messenger } from './messenger.js';
import type { MunicipalityChoice, Reply, TicketForm, TicketSummary } from './reply.js';
import { ticketTexts } from './ticket-texts.js';
import type { ConversationRef } from './turn.js';

export interface TicketFlowDependencies {
  readonly tickets: TicketService;
  readonly contacts: ContactService;
  readonly messenger: Messenger;
  readonly preferences: PreferenceRepository;
  readonly languages: Pick<UserLanguages, 'of'>;
  readonly municipalities: readonly MunicipalityChoice[];
}

const ACTION_STATUS: Record<'take' | 'ask' | 'resolve' | 'reject', TicketStatus> = {
  take: 'in-progress',
  ask: 'waiting-for-requester',
  resolve: 'resolved',
  reject: 'rejected',
};

// Words that ask for something to be done, not for information.
const ASKS_FOR_ACTION = /\b(?:beställa|beställ|behöver (?:få|ha|beställa|lägga|ta bort|avsluta)|vill (?:beställa|ha|anmäla|avsluta)|lägga upp|ta bort|avsluta|anmäla|spärra|registrera (?:en|ny)|order|request|report|need (?:a|an|to))\b/iu;


/** Where the routine has it done instead: the note's words, the document's link and the source. */
function elsewhereReply(note: HandledElsewhereNote, language: Language): Reply {
  return { kind: 'handled-elsewhere', language, text: language === 'en' ? note.answer.en : note.answer.sv, link: note.link, citation: note.citation };
}

/** The ticket type as a form, in the user's language. */
export function ticketForm(type: TicketType, language: Language): TicketForm {
  const pick = (text: { sv: string; en?: string | undefined }): string => (language === 'en' ? (text.en ?? text.sv) : text.sv);
  return {
    id: type.id,
    title: pick(type.title),
    description: pick(type.description),
    deadline: type.deadline ? pick(type.deadline) : null,
    prerequisite: type.prerequisite ? pick(type.prerequisite) : null,
    fields: type.fields.map((field) => ({
      key: field.key,
      label: pick(field.label),
      type: field.type,
      required: field.required,
      options: (field.options ?? []).map((option) => option.sv),
      help: field.help ? pick(field.help) : null,
    })),
  };
}

/**
 * The ticket conversation: choosing a type, the form (prefilled from the registry), filing,
 * staff acting on the ticket from its card, and the requester told at every step.
 */
export class TicketFlow {
  constructor(private readonly deps: TicketFlowDependencies) {}

  private municipality(id: string): MunicipalityChoice {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? { id, name: id };
  }

  /** A ticket as chat shows it; its title and deadline are its type's, in the reader's language. */
  summary(ticket: Ticket, language: Language = 'sv'): TicketSummary {
    const type = this.deps.tickets.types(ticket.municipality).find((candidate) => candidate.id === ticket.typeId);
    const form = type ? ticketForm(type, language) : undefined;
    return { id: ticket.id, title: form?.title ?? ticket.title, status: ticket.status, municipality: this.municipality(ticket.municipality), deadline: form?.deadline ?? null, updatedAt: ticket.updatedAt };
  }

  /** Whose rules apply: the municipality the person is IT-contact in, else the one they chose. */
  private async municipalityFor(actor: Actor, principal: Principal): Promise<string | undefined> {
    const preferred = (await this.deps.preferences.get(actor))?.municipality ?? undefined;
    const own = (await this.deps.contacts.contactsOf(principal)).filter((contact) => contact.active).map((contact) => contact.municipality);
    if (preferred && (own.includes(preferred) || own.length === 0)) return preferred;
    return own[0] ?? principal.municipalities?.[0] ?? preferred;
  }

  private async prefill(principal: Principal, municipality: string, type: TicketType): Promise<Record<string, string>> {
    const contact = (await this.deps.contacts.contactsOf(principal)).find((candidate) => candidate.municipality === municipality && candidate.active);
    const values: Record<string, string> = {};
    if (!contact) return values;
    const known: Record<string, string> = { 'contact.name': contact.name, 'contact.email': contact.email, 'contact.phone': contact.phone, 'contact.provider': contact.provider.name, 'contact.orgNumber': contact.provider.orgNumber };
    for (const field of type.fields) if (field.prefill) values[field.key] = known[field.prefill] ?? '';
    return values;
  }

  /** "ärende", "Skapa ärende" on an answer, or a question that asks for something the routine covers. */
  async start(actor: Actor, language: Language, question?: string): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    if (principal.role === 'guest') return [{ kind: 'error', language, message: ticketTexts[language].onlyRegistered }];
    const municipalityId = await this.municipalityFor(actor, principal);
    if (!municipalityId) return [{ kind: 'choose-municipality', language, municipalities: this.deps.municipalities }];
    const municipality = this.municipality(municipalityId);
    const types = this.deps.tickets.types(municipalityId);
    const replies: Reply[] = [];
    if (question) {
      const match = this.deps.tickets.match(municipalityId, question);
      if (match.type) return [await this.formOrWhy(principal, municipality, match.type, language)];
      if (match.note) replies.push(elsewhereReply(match.note, language));
    }
    // Only what the bot can send is offered: an order the routine has made elsewhere is shown the
    // way there instead, so no form competes with it, and a type without a destination is left out.
    const routed = types.filter((type) => ticketRouting(type) === 'routed');
    const elsewhere = this.elsewhereNotes(types).filter((note) => !replies.some((reply) => reply.kind === 'handled-elsewhere' && reply.citation === note.citation));
    replies.push(...elsewhere.map((note) => elsewhereReply(note, language)));
    if (routed.length === 0) return replies.length > 0 ? replies : [{ kind: 'error', language, message: ticketTexts[language].noTypes(municipality.name) }];
    if (routed.length === 1) return [...replies, await this.form(principal, municipality, routed[0]!, language)];
    const summaries = routed.map((type) => {
      const form = ticketForm(type, language);
      return { id: form.id, title: form.title, description: form.description, deadline: form.deadline };
    });
    return [...replies, { kind: 'ticket-type-choice', language, municipality, types: summaries }];
  }

  /** The notes saying where the orders of these types are made instead, each once. */
  private elsewhereNotes(types: readonly TicketType[]): HandledElsewhereNote[] {
    const ids = new Set(types.filter((type) => ticketRouting(type) === 'ordered-elsewhere').map((type) => type.orderedElsewhere!.note));
    return types.length === 0 ? [] : this.deps.tickets.handledElsewhere(types[0]!.municipalityId).filter((note) => ids.has(note.id));
  }

  /**
   * The type's form when the bot can send it; else why not: the way to where the routine has the
   * order made, or that the routine names no one to send it to.
   */
  private async formOrWhy(principal: Principal, municipality: MunicipalityChoice, type: TicketType, language: Language): Promise<Reply> {
    const routing = ticketRouting(type);
    if (routing === 'routed') return this.form(principal, municipality, type, language);
    const note = this.elsewhereNotes([type])[0];
    if (routing === 'ordered-elsewhere' && note) return elsewhereReply(note, language);
    const title = { sv: type.title.sv, en: type.title.en ?? type.title.sv };
    return { kind: 'error', language, message: ticketTexts[language].refusal({ kind: 'no-destination', municipality: municipality.id, municipalityName: municipality.name, type: title, quote: type.citation.quote }) };
  }

  private async form(principal: Principal, municipality: MunicipalityChoice, type: TicketType, language: Language, values?: Readonly<Record<string, string>>, errors: readonly FieldError[] = []): Promise<Reply> {
    return { kind: 'ticket-form', language, municipality, type: ticketForm(type, language), values: values ?? (await this.prefill(principal, municipality.id, type)), errors: wordFieldErrors(errors, language) };
  }

  /**
   * For a question that clearly asks for something a ticket type covers ("vi behöver beställa
   * behörighet till…") from a registered IT-contact: that type's form, offered with the answer.
   */
  async offerFor(actor: Actor, question: string, language: Language): Promise<Reply | undefined> {
    if (!ASKS_FOR_ACTION.test(question)) return undefined;
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    if (principal.role === 'guest') return undefined;
    const municipalityId = await this.municipalityFor(actor, principal);
    const type = municipalityId ? this.deps.tickets.match(municipalityId, question).type : undefined;
    return type ? await this.formOrWhy(principal, this.municipality(type.municipalityId), type, language) : undefined;
  }

  async chooseType(actor: Actor, typeId: string, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const type = this.findType(typeId);
    if (!type) return [{ kind: 'error', language, message: ticketTexts[language].refusal({ kind: 'unknown-type', municipality: '', typeId, known: [] }) }];
    return [await this.formOrWhy(principal, this.municipality(type.municipalityId), type, language)];
  }

  private findType(typeId: string): TicketType | undefined {
    for (const municipality of this.deps.municipalities) {
      const type = this.deps.tickets.types(municipality.id).find((candidate) => candidate.id === typeId);
      if (type) return type;
    }
    return undefined;
  }

  async submit(actor: Actor, conversation: ConversationRef, typeId: string, values: Readonly<Record<string, string>>, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const type = this.findType(typeId);
    if (!type) return [{ kind: 'error', language, message: ticketTexts[language].refusal({ kind: 'unknown-type', municipality: '', typeId, known: [] }) }];
    // Empty optional fields are left out rather than sent as "".
    const filled = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    const result = await this.deps.tickets.file(principal, { municipality: type.municipalityId, typeId, values: filled, identity: identityOf(actor), replyTo: destinationKey(conversation) });
    if (!result.ok) {
      if (result.code === 'invalid') return [await this.form(principal, this.municipality(type.municipalityId), type, language, values, [...result.errors])];
      if (result.reason.kind === 'ordered-elsewhere') return [elsewhereReply(result.reason.note, language)];
      return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    }
    return [{ kind: 'ticket-filed', language, ticket: this.summary(result.value, language) }];
  }

  /** Tells the requester, in the conversation they filed from or directly, in their language. */
  private async tellRequester(ticket: Ticket, compose: (language: Language) => Reply): Promise<boolean> {
    const { replyTo, identity } = ticket.requester;
    const message = compose(identity !== null ? await this.deps.languages.of(actorOfIdentity(identity)) : 'sv');
    return this.deps.messenger.toRequester({ replyTo, identity }, message);
  }

  async staffAction(actor: Actor, ticketId: string, action: keyof typeof ACTION_STATUS, note: string | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.tickets.setStatus(principal, ticketId, ACTION_STATUS[action], note);
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    const requesterNotified = await this.tellRequester(result.value, (told) => ({ kind: 'ticket-update', language: told, ticket: this.summary(result.value, told), note: note?.trim() || null, askRating: result.value.status === 'resolved' }));
    return [{ kind: 'ticket-action-recorded', language, ticket: this.summary(result.value, language), requesterNotified }];
  }

  async rate(actor: Actor, ticketId: string, solved: boolean, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.tickets.rate(principal, ticketId, solved);
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    if (!solved) await this.deps.messenger.toStaff(result.value.municipality, (told) => ({ kind: 'ticket-update', language: told, ticket: this.summary(result.value, told), note: ticketTexts[told].notSolvedNote, askRating: false }));
    return [{ kind: 'ticket-rated', language, ticket: this.summary(result.value, language), solved }];
  }

  async list(actor: Actor, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.tickets.list(principal);
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    // Staff see their municipality's tickets; everyone else their own.
    return [{ kind: 'ticket-list', language, tickets: result.value.map((ticket) => this.summary(ticket, language)).reverse() }];
  }

  /** Tells the requester about a step of the ticket's history (the outbox calls this for CLI changes). */
  async postUpdateToRequester(ticket: Ticket, step: Ticket['history'][number]): Promise<boolean> {
    return this.tellRequester(ticket, (told) => ({ kind: 'ticket-update', language: told, ticket: { ...this.summary(ticket, told), status: step.status }, note: step.note, askRating: step.status === 'resolved' && ticket.rating === null }));
  }

  /**
   * The staff card for a filed ticket: the outbox's way to post it to the municipality's staff.
   * The thread it starts in the staff channel is remembered, so staff can answer there.
   */
  async postToStaff(ticket: Ticket, type: TicketType): Promise<boolean> {
    // The labels in the staff's language; the values as filed.
    const fields = (language: Language) => type.fields.filter((field) => ticket.fields[field.key] !== undefined).map((field) => ({ label: field.label[language], value: ticket.fields[field.key]! }));
    const posting = await this.deps.messenger.toStaff(ticket.municipality, (told) => ({ kind: 'ticket-staff', language: told, ticket: this.summary(ticket, told), fields: fields(told), requester: this.requesterName(ticket) }));
    await this.deps.tickets.recordStaffThreads(ticket.id, posting.threads);
    return posting.reached > 0;
  }

  private requesterName(ticket: Ticket): string {
    return [ticket.requester.name, ticket.requester.email].filter(Boolean).join(', ') || ticket.requester.label;
  }

  /**
   * A message in a channel thread: when the thread is a ticket's staff post and the author is the
   * municipality's staff, it goes to the requester. Anything else in such a thread is left alone.
   */
  async relayFromThread(actor: Actor, conversation: ConversationRef, threadId: string, text: string): Promise<Reply[] | undefined> {
    const ticket = await this.deps.tickets.byStaffThread(destinationKey(conversation), threadId);
    if (!ticket) return undefined;
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    if (!this.deps.contacts.manages(principal, ticket.municipality)) return [];
    const result = await this.deps.tickets.addMessage(principal, ticket.id, text);
    // Said in the staff channel's thread: in the staff language.
    const language = this.deps.messenger.staffLanguage;
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    const author = actor.displayName ?? this.municipality(ticket.municipality).name;
    const notified = await this.tellRequester(result.value.ticket, (told) => ({ kind: 'ticket-message', language: told, ticket: this.summary(result.value.ticket, told), from: 'staff', author, text: text.trim(), canReply: true }));
    return notified ? [] : [{ kind: 'error', language, message: ticketTexts[language].requesterUnreachable(ticket.id) }];
  }

  /**
   * A reply to a ticket email from the support mailbox: recorded with the ticket, its status word
   * applied, and relayed to the requester's chat. A mail read again (the server stopped before it
   * was marked as read) is relayed again, so a requester is never left without the answer.
   */
  async relayFromEmail(mail: InboundEmail): Promise<InboundEmailOutcome> {
    if (mail.from === null) return { handled: false, reason: 'no-sender' };
    // An out-of-office or a ticket system's receipt is no answer to pass on; a person decides.
    if (mail.automatic) return { handled: false, reason: 'automatic' };
    const text = mail.text.trim();
    const status = statusOfReply(mail.subject, text);
    const outcome = await this.deps.tickets.addEmailReply({ emailId: mail.messageId, references: mail.references, from: mail.from, text, status });
    if (outcome.kind === 'unmatched') return { handled: false, reason: outcome.reason };
    const { ticket } = outcome;
    const author = mail.fromName ?? this.municipality(ticket.municipality).name;
    // Read again, the mail's status is told again if the ticket still has it.
    const statusTold = outcome.statusChanged || (!outcome.added && status !== null && status === ticket.status);
    const messages: Array<(told: Language) => Reply> = [];
    if (text) messages.push((told) => ({ kind: 'ticket-message', language: told, ticket: this.summary(ticket, told), from: 'staff', author, text, canReply: true }));
    if (statusTold) messages.push((told) => ({ kind: 'ticket-update', language: told, ticket: this.summary(ticket, told), note: null, askRating: ticket.status === 'resolved' && ticket.rating === null }));
    let relayed = true;
    for (const compose of messages) relayed = (await this.tellRequester(ticket, compose)) && relayed;
    return { handled: true, relayed };
  }

  /** The requester answers staff: the answer goes into the ticket's staff thread(s). */
  async reply(actor: Actor, ticketId: string, text: string, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.tickets.addMessage(principal, ticketId, text);
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    const { ticket } = result.value;
    const toStaff = (told: Language): Reply => ({ kind: 'ticket-message', language: told, ticket: this.summary(ticket, told), from: 'requester', author: this.requesterName(ticket), text: text.trim(), canReply: false });
    // The staff post's thread is in the staff channel, which gets the staff language.
    const message = toStaff(this.deps.messenger.staffLanguage);
    let delivered = false;
    for (const thread of ticket.staffThreads) {
      const address = await this.deps.messenger.conversation(thread.destinationKey);
      // The thread is the staff post's own, in the conversation it was posted to.
      const outcome = address && (await this.deps.messenger.deliver(address, message, { thread: { conversationId: address.kind === 'teams' ? address.conversationId : address.channelId, messageId: thread.threadId } }));
      delivered = outcome?.kind === 'sent' || delivered;
    }
    // Without a staff thread (staff reached one by one), the answer goes to the staff as a new message.
    if (ticket.staffThreads.length === 0) delivered = (await this.deps.messenger.toStaff(ticket.municipality, toStaff)).reached > 0;
    return [{ kind: 'ticket-message-sent', language, ticket: this.summary(ticket, language), delivered }];
  }
}
