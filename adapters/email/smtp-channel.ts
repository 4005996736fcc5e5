import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { EmailChannel, RateLimit } from '../../src/outbound/index.js';
import { RawMessages, type EmailFields } from './raw-message.js';

/** Connections to the SMTP server, each carrying one message at a time (nodemailer's default). */
const SMTP_CONNECTIONS = 5;

export interface SmtpChannelOptions {
  /** smtp:// or smtps://, credentials in the URL (SMTP_URL). */
  readonly smtpUrl: string;
  /** The From of every email (SMTP_FROM). */
  readonly from: string;
  /** Emails per second the server takes (NOTICE_EMAIL_PER_SECOND). */
  readonly perSecond: number;
}

/**
 * Email over one pooled SMTP transport, for tickets and notices alike. An SMTP 5xx refuses this
 * message for good (no such mailbox, rejected content); a 4xx or a network fault passes, so it is
 * tried again. There is no replace: a sent email stays as it is.
 */
export function createSmtpChannel(options: SmtpChannelOptions): EmailChannel {
  const transporter = nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS });
  const limit: RateLimit = { perSecond: options.perSecond, burst: 2 };
  const raw = new RawMessages();
  // The envelope's sender: the address in From (as nodemailer takes it from the header).
  const [sender] = addressparser(options.from, { flatten: true });
  const envelopeFrom = sender?.address ?? options.from;
  return {
    maxInFlight: SMTP_CONNECTIONS,
    // The one SMTP server is the limit of every email.
    rateKeys: () => [{ key: 'email', limit }],
    async send(address, message) {
      const fields: EmailFields = { ...message, from: options.from, to: address.email };
      try {
        const prebuilt = await raw.build(fields, new Date());
        await transporter.sendMail(
          prebuilt
            ? { envelope: { from: envelopeFrom, to: [address.email] }, raw: prebuilt }
            : {
                from: options.from,
                to: address.email,
                subject: message.subject,
                text: message.text,
                messageId: message.messageId,
                ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
                ...(message.references ? { references: [...message.references] } : {}),
                ...(message.replyTo ? { replyTo: message.replyTo } : {}),
              },
        );
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        const reason = `e-post${typeof code === 'number' ? ` (SMTP ${code})` : ''}: ${(error as Error).message}`;
        return typeof code === 'number' && code >= 500 && code < 600 ? { kind: 'refused', reason } : { kind: 'retry', reason };
      }
      return { kind: 'sent', ref: { conversationId: 'email', messageId: message.messageId } };
    },
    close: () => transporter.close(),
  };
}
