import type { InboundEmail } from '../../src/bot/index.js';

/** The longest reply text relayed: a reply is a few lines; more is a forwarded thread or a signature avalanche. */
const MAX_TEXT = 4_000;

// Where the quoted ticket email starts in a reply, as common mail clients write it: "> " lines,
// "Den 3 dec. 2026 skrev …:" / "On … wrote:", Outlook's "-----Ursprungligt meddelande-----", its
// line of underscores and its "Från:" block.
const QUOTE_STARTS: readonly RegExp[] = [
  /^>/u,
  /^(?:den|on|am|le)\s.*\s(?:skrev|wrote|schrieb|a écrit)(?:\s.*)?:$/iu,
  /^-{2,}\s*(?:original message|ursprungligt meddelande|originalmeddelande|vidarebefordrat meddelande|forwarded message)\s*-{2,}/iu,
  /^_{10,}\s*$/u,
  /^(?:från|from):\s/iu,
];

/** The new part of a reply: its lines up to where the quoted mail begins, trimmed, at most MAX_TEXT characters. */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const quoted = lines.findIndex((line) => QUOTE_STARTS.some((start) => start.test(line.trim())));
  const own = (quoted === -1 ? lines : lines.slice(0, quoted)).join('\n').trim();
  return own.length > MAX_TEXT ? `${own.slice(0, MAX_TEXT)}…` : own;
}

const MESSAGE_ID = /<[^<>\s]+>/gu;

/** Whether a machine sent it: RFC 3834's Auto-Submitted, and the headers older autoresponders (Exchange among them) set. */
function isAutomatic(headers: ReadonlyMap<string, unknown>): boolean {
  // mailparser gives a structured header as { value, params }, an unstructured one as a string.
  const value = (name: string): string => {
    const header = headers.get(name);
    return String(header && typeof header === 'object' && 'value' in header ? header.value : (header ?? '')).trim().toLowerCase();
  };
  return (value('auto-submitted') !== '' && value('auto-submitted') !== 'no') || headers.has('x-autoreply') || headers.has('x-autorespond') || ['auto_reply', 'bulk', 'junk'].includes(value('precedence'));
}

/**
 * A raw mail (RFC 5322, as IMAP hands it over) as the bot reads a reply: parsed by mailparser,
 * which decodes the MIME parts, charsets and encoded headers mail clients produce. `fallbackId`
 * stands in for a missing Message-ID, so the same mail still has the same id when read again.
 */
export async function parseInboundEmail(source: Buffer, fallbackId: string): Promise<InboundEmail> {
  // Loaded with the first mail, not with the adapter, which commands that only send email load too.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(source, { skipHtmlToText: false, skipImageLinks: true, skipTextToHtml: true });
  const references = [mail.inReplyTo ?? '', ...(Array.isArray(mail.references) ? mail.references : [mail.references ?? ''])].flatMap((value) => value.match(MESSAGE_ID) ?? []);
  const sender = mail.from?.value.find((address) => address.address);
  return {
    messageId: mail.messageId?.match(MESSAGE_ID)?.[0] ?? fallbackId,
    references: [...new Set(references)],
    from: sender?.address?.toLowerCase() ?? null,
    fromName: sender?.name.trim() || null,
    subject: mail.subject ?? '',
    text: replyText(mail.text ?? ''),
    automatic: isAutomatic(mail.headers),
  };
}
