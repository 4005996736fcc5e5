import type { TicketType } from '../knowledge/index.js';
import { messageIdFor } from '../outbound/index.js';
import type { Ticket, TicketStatus } from './model.js';
import type { TicketsRepository } from './repository.js';

/** A reply to a ticket email, as read from the bot's mailbox: what the service needs of it. */
export interface EmailReply {
  /** The reply's own Message-ID: the same mail read twice is recorded once. */
  readonly emailId: string;
  /** Its In-Reply-To and References: one of them names the ticket email it answers. */
  readonly references: readonly string[];
  /** The sender's address. */
  readonly from: string;
  /** The reply's new text, without the quoted ticket email; may be empty when only the status changes. */
  readonly text: string;
  /** A status the reply sets (a status word in its subject or first line), or null. */
  readonly status: TicketStatus | null;
}

/**
 * What became of a reply. `unmatched`: it answers no ticket email the bot sent, or comes from
 * outside the municipality the ticket went to, or says nothing; the mail is left for a person.
 */
export type EmailReplyOutcome =
  | { readonly kind: 'recorded'; readonly ticket: Ticket; readonly added: boolean; readonly statusChanged: boolean }
  | { readonly kind: 'unmatched'; readonly reason: 'no-ticket' | 'not-from-support' | 'empty' };

// The outbox entry of a ticket email is "<ticket id>:email:<address>" (see TicketService.enqueue),
// which messageIdFor turns into "<GBG-2026-0042.email.…@itkontakt>".
const TICKET_IN_MESSAGE_ID = /^<([A-Z]{2,5}-\d{4}-\d{4})\.email\./u;

/** The ticket ids the referenced Message-IDs name, most recent reference first. */
function referencedTicketIds(references: readonly string[]): string[] {
  const ids = [...references].reverse().flatMap((reference) => TICKET_IN_MESSAGE_ID.exec(reference.trim())?.[1] ?? []);
  return [...new Set(ids)];
}

/** The Message-IDs the ticket's emails were sent with, one per support mailbox of its type. */
function ticketMessageIds(ticket: Ticket, type: TicketType): Set<string> {
  return new Set(type.route.email.map((address) => messageIdFor(`${ticket.id}:email:${address}`)));
}

/** The organisation's domain of an address: its last two labels (goteborg.se for x@intraservice.goteborg.se). */
function organisationDomain(address: string): string {
  return address.toLowerCase().split('@').pop()!.split('.').slice(-2).join('.');
}

/**
 * Whether the reply answers this ticket's email and comes from the organisation that email went
 * to. A Message-ID can be guessed from the ticket id, so a reference alone does not let a stranger
 * write into a ticket; a forged sender is the mail server's to refuse (SPF, DKIM).
 */
function replyMatches(reply: EmailReply, ticket: Ticket, type: TicketType): 'match' | 'no-ticket' | 'not-from-support' {
  const sent = ticketMessageIds(ticket, type);
  if (!reply.references.some((reference) => sent.has(reference.trim()))) return 'no-ticket';
  const domains = new Set(type.route.email.map(organisationDomain));
  return domains.has(organisationDomain(reply.from)) ? 'match' : 'not-from-support';
}

/**
 * Records a reply with its ticket (TicketService.addEmailReply): its text as a staff message, its
 * status word as a step of the history, both in one write, and nothing when this email (by its
 * Message-ID) is already there.
 */
export async function recordEmailReply(
  repository: TicketsRepository,
  deps: { readonly typeOf: (ticket: Ticket) => TicketType | undefined; readonly now: () => Date },
  reply: EmailReply,
): Promise<EmailReplyOutcome> {
  let unmatched: EmailReplyOutcome = { kind: 'unmatched', reason: 'no-ticket' };
  for (const id of referencedTicketIds(reply.references)) {
    const ticket = await repository.ticket(id);
    const type = ticket && deps.typeOf(ticket);
    const match = ticket && type ? replyMatches(reply, ticket, type) : 'no-ticket';
    if (match === 'not-from-support') unmatched = { kind: 'unmatched', reason: match };
    if (!ticket || match !== 'match') continue;
    const text = reply.text.trim();
    if (!text && reply.status === null) return { kind: 'unmatched', reason: 'empty' };
    return repository.write(async (transaction): Promise<EmailReplyOutcome> => {
      // The latest copy: the outbox may have changed the ticket since it was read.
      const latest = (await transaction.ticket(id)) ?? ticket;
      if (latest.messages.some((message) => message.emailId === reply.emailId)) return { kind: 'recorded', ticket: latest, added: false, statusChanged: false };
      const at = deps.now().toISOString();
      const by = `email:${reply.from.toLowerCase()}`;
      const status = reply.status !== null && reply.status !== latest.status ? reply.status : null;
      // A status word alone, for the status the ticket has: done already (this email, read again).
      if (!text && !status) return { kind: 'recorded', ticket: latest, added: false, statusChanged: false };
      const next: Ticket = {
        ...latest,
        updatedAt: at,
        messages: text ? [...latest.messages, { at, from: 'staff', by, text, emailId: reply.emailId }] : latest.messages,
        ...(status ? { status, history: [...latest.history, { at, by, status, note: null }] } : {}),
      };
      await transaction.putTicket(next);
      // Like every ticket change, audited without the text.
      await transaction.appendAudit({ at, actor: by, action: 'ticket.email-reply', municipality: latest.municipality, subject: latest.id, before: { status: latest.status }, after: { status: next.status, message: text !== '' } });
      return { kind: 'recorded', ticket: next, added: true, statusChanged: status !== null };
    });
  }
  return unmatched;
}
