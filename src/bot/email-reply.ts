import type { TicketStatus } from '../tickets/index.js';

/** A mail in the bot's ticket mailbox, as the email adapter reads it. */
export interface InboundEmail {
  /** Its Message-ID; a mail without one is given one by the adapter (from the mailbox and UID). */
  readonly messageId: string;
  /** In-Reply-To first, then References: the mails it answers. */
  readonly references: readonly string[];
  /** The sender's address, or null when the From cannot be read. */
  readonly from: string | null;
  /** The sender's name as their mail client gives it. */
  readonly fromName: string | null;
  readonly subject: string;
  /** The new text of the reply, without the quoted mail it answers. */
  readonly text: string;
  /** Sent by a machine (an out-of-office or a ticket system's receipt, RFC 3834 Auto-Submitted), not by a person. */
  readonly automatic: boolean;
}

/**
 * What became of a mail: `handled` (now part of a ticket, or was already; `relayed` when the
 * requester's chat took it), or left for a person, and why.
 */
export type InboundEmailOutcome = { readonly handled: true; readonly relayed: boolean } | { readonly handled: false; readonly reason: 'no-ticket' | 'not-from-support' | 'empty' | 'no-sender' | 'automatic' };

// Swedish first, as the ticket email asks for them; English for staff who write in English.
const STATUS_WORDS: ReadonlyArray<readonly [TicketStatus, readonly string[]]> = [
  ['resolved', ['löst', 'resolved', 'solved']],
  ['in-progress', ['pågår', 'in progress']],
  ['waiting-for-requester', ['komplettering', 'more information needed', 'more information', 'more info']],
];

const REPLY_PREFIXES = /^(?:\s*(?:re|sv|aw|vs|fw|fwd|vb)\s*:\s*)+/iu;
// A word stands alone when only punctuation, brackets or a space follow it (not "lösta", not "pågående").
const WORD_END = String.raw`(?=$|[\s\]).:,;!–-])`;

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function statusAt(text: string, where: 'start' | 'end'): TicketStatus | null {
  for (const [status, words] of STATUS_WORDS) {
    for (const word of words) {
      const pattern = where === 'start' ? new RegExp(`^[\\s[(]*${escape(word)}${WORD_END}`, 'iu') : new RegExp(`(?:^|[\\s[(–-])${escape(word)}[\\s\\]).!]*$`, 'iu');
      if (pattern.test(text)) return status;
    }
  }
  return null;
}

/**
 * The status a support reply sets: a status word ("Löst", "Pågår", "Komplettering", or "Resolved",
 * "In progress", "More information needed") first on the reply's first line, or first or last in
 * its subject (after "SV:", "Re:" and the like). Null when it names none.
 */
export function statusOfReply(subject: string, text: string): TicketStatus | null {
  const firstLine = text.split(/\r?\n/u).find((line) => line.trim() !== '') ?? '';
  const bareSubject = subject.replace(REPLY_PREFIXES, '').trim();
  return statusAt(firstLine, 'start') ?? statusAt(bareSubject, 'start') ?? statusAt(bareSubject, 'end');
}
