import { oneLine, textLines } from '../contacts/index.js';
import { documentAndHeading, type Language, type TicketType } from '../knowledge/index.js';
import { messageIdFor, type EmailMessage } from '../outbound/index.js';
import { formatStockholm } from '../time/index.js';
import type { OutboxEntry, Ticket } from './model.js';
import { ticketEmailTexts } from './ticket-email-texts.js';

/** A ticket's email and the support mailbox it goes to. */
export interface TicketEmail extends EmailMessage {
  readonly to: string;
}

/**
 * One field as lines of the email: its label, then its value in a column. A multi-line value's
 * further lines are indented to that column, and a one-line value is kept on its line, so nothing
 * the sender typed can start a line of its own and pass for the form's ("Inskickat av: …").
 */
function fieldLines(label: string, value: string | undefined, multiline: boolean, column: number): string[] {
  const head = `${label}:`.padEnd(column);
  if (value === undefined) return [`${head}–`];
  if (!multiline) return [`${head}${oneLine(value)}`];
  const [first = '', ...rest] = textLines(value);
  return [`${head}${first}`, ...rest.map((line) => (line === '' ? '' : `${' '.repeat(column)}${line}`))];
}

/**
 * The email a routine asks for: its subject line, then every field laid out for the person who
 * reads it, and how to answer. With the bot's ticket mailbox (`replyAddress`), a reply goes there
 * and on to the requester's chat; without it, straight to the requester. The labels and fixed lines
 * are in `language` (the staff language); the values, as filed.
 */
export function composeTicketEmail(ticket: Ticket, type: TicketType, entry: OutboxEntry, replyAddress?: string, language: Language = 'sv'): TicketEmail {
  const t = ticketEmailTexts[language];
  const column = Math.max(...type.fields.map((field) => field.label[language].length)) + 2;
  const lines = type.fields.flatMap((field) => fieldLines(field.label[language], ticket.fields[field.key], field.type === 'multiline', column));
  // The values were checked when filed; oneLine also covers tickets saved before that check.
  const requester = oneLine([ticket.requester.name, ticket.requester.email].filter(Boolean).join(', ') || ticket.requester.label);
  const text = [
    `${type.title[language]} (${ticket.id})`,
    '',
    ...lines,
    '',
    `${t.submittedBy}: ${requester}`,
    `${t.submittedAt}: ${formatStockholm(new Date(ticket.createdAt))}`,
    ...(type.deadline ? [`${t.deadline}: ${type.deadline[language] ?? type.deadline.sv}`] : []),
    '',
    // The document is cited by its own (Swedish) name, as every citation is.
    `${t.accordingTo}: ${type.citation.municipalityName}, ${documentAndHeading(type.citation)}`,
    '',
    ...howToAnswer(t, requester, ticket.requester.email, replyAddress),
  ].join('\n');
  const replyTo = replyAddress ?? ticket.requester.email ?? undefined;
  return { to: entry.target, subject: `${type.route.subject} – ${ticket.id}`, text, messageId: messageIdFor(entry.id), ...(replyTo ? { replyTo } : {}) };
}

/** The email's last lines: how the support staff answer, by replying to it. */
function howToAnswer(t: (typeof ticketEmailTexts)[Language], requester: string, requesterEmail: string | null, replyAddress: string | undefined): string[] {
  if (replyAddress) return [t.replyGoesToChat(requester), t.statusWords];
  if (requesterEmail) return [t.replyGoesToRequester(requester)];
  return [t.noReply];
}
