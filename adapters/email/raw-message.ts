import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailMessage } from '../../src/outbound/index.js';

/** One email as the SMTP channel sends it: the message, from whom, to whom. */
export interface EmailFields extends EmailMessage {
  readonly from: string;
  readonly to: string;
}

/** Templates kept: a notice's texts (per language, purpose and revision) and the latest tickets'. */
const TEMPLATES_KEPT = 64;

/** Printable ASCII without CR/LF: a header value that needs no encoding or folding at this length. */
const PLAIN_HEADER = /^[\x20-\x7e]{1,200}$/u;

/**
 * Builds notice and ticket emails as raw RFC 5322 messages, composing what their recipients share
 * only once. A notice goes to thousands of addresses with the same From, Subject and text; only To,
 * Message-ID, the thread's In-Reply-To and References, and Date differ. nodemailer's composer
 * (quoted-printable body, encoded headers) built each of them whole, about half a millisecond of
 * CPU per email; here it builds the shared part once per text (a template: its headers and body,
 * as nodemailer makes them), and each email is the template with its own headers before it.
 *
 * Only addresses and ids that are plain ASCII take this path (they need no encoding or folding);
 * any other email is composed whole by nodemailer as before (`undefined`).
 */
export class RawMessages {
  private readonly templates = new Map<string, Promise<Buffer>>();

  /** The raw message, or undefined when one of its own header values is not plain ASCII. */
  async build(fields: EmailFields, date: Date): Promise<Buffer | undefined> {
    const own = [fields.to, fields.messageId, ...(fields.inReplyTo ? [fields.inReplyTo] : []), ...(fields.references ?? [])];
    if (!own.every((value) => PLAIN_HEADER.test(value))) return undefined;
    const template = await this.template(fields);
    const head = [`To: ${fields.to}`, `Message-ID: ${fields.messageId}`];
    if (fields.inReplyTo) head.push(`In-Reply-To: ${fields.inReplyTo}`);
    // One reference per line (folded): any number of them stays within the line length.
    if (fields.references && fields.references.length > 0) head.push(`References: ${fields.references.join('\r\n ')}`);
    head.push(`Date: ${date.toUTCString().replace(/GMT/u, '+0000')}`);
    return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n`, 'latin1'), template]);
  }

  /** From, Reply-To, Subject, MIME-Version, Content-Type and the encoded body, as nodemailer composes them. */
  private template(fields: EmailFields): Promise<Buffer> {
    const key = JSON.stringify([fields.from, fields.replyTo ?? null, fields.subject, fields.text]);
    let template = this.templates.get(key);
    if (template) {
      // Most recently used last, so the oldest goes first.
      this.templates.delete(key);
      this.templates.set(key, template);
      return template;
    }
    const node = new MailComposer({ from: fields.from, subject: fields.subject, text: fields.text, ...(fields.replyTo ? { replyTo: fields.replyTo } : {}) }).compile();
    template = node.build().then(withoutHeaders(['date', 'message-id']));
    template.catch(() => this.templates.delete(key));
    this.templates.set(key, template);
    if (this.templates.size > TEMPLATES_KEPT) this.templates.delete(this.templates.keys().next().value!);
    return template;
  }
}

/** Drops these header fields (with their folded lines) from a message's header block. */
function withoutHeaders(names: readonly string[]): (message: Buffer) => Buffer {
  return (message) => {
    const end = message.indexOf('\r\n\r\n');
    const lines = message.subarray(0, end).toString('latin1').split('\r\n');
    const kept: string[] = [];
    let dropping = false;
    for (const line of lines) {
      if (line.startsWith(' ') || line.startsWith('\t')) {
        if (!dropping) kept.push(line);
        continue;
      }
      dropping = names.includes(line.slice(0, line.indexOf(':')).trim().toLowerCase());
      if (!dropping) kept.push(line);
    }
    return Buffer.concat([Buffer.from(kept.join('\r\n'), 'latin1'), message.subarray(end)]);
  };
}
