import { statusOfReply, type InboundEmail, type InboundEmailOutcome } from './email-reply.js';
import { identityOf } from './identity.js';
import { type ContactService, destinationKey, type Actor } from '../contacts/index.js';
import type { Language, TicketType } from '../knowledge/index.js';
import type { Ticket, TicketService, TicketStatus } from '../tickets/index.js';
import { actorOfIdentity, type UserLanguages } from './language.js';
import type { Messenger } from './messenger.js';
import type { MunicipalityChoice, Reply } from './reply.js';
import { TicketSummaries } from './ticket-summary.js';
import { ticketTexts } from './ticket-texts.js';
import type { ConversationRef } from './turn.js';

export interface TicketFollowUpDependencies {
  readonly tickets: TicketService;
  readonly contacts: ContactService;
  readonly messenger: Messenger;
  readonly languages: Pick<UserLanguages, 'of'>;
  readonly municipalities: readonly MunicipalityChoice[];
}

const ACTION_STATUS: Record<'take' | 'ask' | 'resolve' | 'reject', TicketStatus> = {
  take: 'in-progress',
  ask: 'waiting-for-requester',
  resolve: 'resolved',
  reject: 'rejected',
};

/**
 * A filed ticket followed to closure: the staff card, staff acting on it (from the card, in its
 * staff thread or by email), the requester told at every step in their language and answering
 * back, their rating, and their list of tickets.
 */
export class TicketFollowUp {
  private readonly summaries: TicketSummaries;

  constructor(private readonly deps: TicketFollowUpDependencies) {
    this.summaries = new TicketSummaries(deps);
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
    const requesterNotified = await this.tellRequester(result.value, (told) => ({ kind: 'ticket-update', language: told, ticket: this.summaries.of(result.value, told), note: note?.trim() || null, askRating: result.value.status === 'resolved' }));
    return [{ kind: 'ticket-action-recorded', language, ticket: this.summaries.of(result.value, language), requesterNotified }];
  }

  async rate(actor: Actor, ticketId: string, solved: boolean, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.tickets.rate(principal, ticketId, solved);
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    if (!solved) await this.deps.messenger.toStaff(result.value.municipality, (told) => ({ kind: 'ticket-update', language: told, ticket: this.summaries.of(result.value, told), note: ticketTexts[told].notSolvedNote, askRating: false }));
    return [{ kind: 'ticket-rated', language, ticket: this.summaries.of(result.value, language), solved }];
  }

  async list(actor: Actor, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const result = await this.deps.tickets.list(principal);
    if (!result.ok) return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    // Staff see their municipality's tickets; everyone else their own.
    return [{ kind: 'ticket-list', language, tickets: result.value.map((ticket) => this.summaries.of(ticket, language)).reverse() }];
  }

  /** Tells the requester about a step of the ticket's history (the outbox calls this for CLI changes). */
  async postUpdateToRequester(ticket: Ticket, step: Ticket['history'][number]): Promise<boolean> {
    return this.tellRequester(ticket, (told) => ({ kind: 'ticket-update', language: told, ticket: { ...this.summaries.of(ticket, told), status: step.status }, note: step.note, askRating: step.status === 'resolved' && ticket.rating === null }));
  }

  /**
   * The staff card for a filed ticket: the outbox's way to post it to the municipality's staff.
   * The thread it starts in the staff channel is remembered, so staff can answer there.
   */
  async postToStaff(ticket: Ticket, type: TicketType): Promise<boolean> {
    // The labels in the staff's language; the values as filed.
    const fields = (language: Language) => type.fields.filter((field) => ticket.fields[field.key] !== undefined).map((field) => ({ label: field.label[language], value: ticket.fields[field.key]! }));
    const posting = await this.deps.messenger.toStaff(ticket.municipality, (told) => ({ kind: 'ticket-staff', language: told, ticket: this.summaries.of(ticket, told), fields: fields(told), requester: this.requesterName(ticket) }));
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
    const author = actor.displayName ?? this.summaries.municipality(ticket.municipality).name;
    const notified = await this.tellRequester(result.value.ticket, (told) => ({ kind: 'ticket-message', language: told, ticket: this.summaries.of(result.value.ticket, told), from: 'staff', author, text: text.trim(), canReply: true }));
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
    const author = mail.fromName ?? this.summaries.municipality(ticket.municipality).name;
    // Read again, the mail's status is told again if the ticket still has it.
    const statusTold = outcome.statusChanged || (!outcome.added && status !== null && status === ticket.status);
    const messages: Array<(told: Language) => Reply> = [];
    if (text) messages.push((told) => ({ kind: 'ticket-message', language: told, ticket: this.summaries.of(ticket, told), from: 'staff', author, text, canReply: true }));
    if (statusTold) messages.push((told) => ({ kind: 'ticket-update', language: told, ticket: this.summaries.of(ticket, told), note: null, askRating: ticket.status === 'resolved' && ticket.rating === null }));
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
    const toStaff = (told: Language): Reply => ({ kind: 'ticket-message', language: told, ticket: this.summaries.of(ticket, told), from: 'requester', author: this.requesterName(ticket), text: text.trim(), canReply: false });
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
    return [{ kind: 'ticket-message-sent', language, ticket: this.summaries.of(ticket, language), delivered }];
  }
}
