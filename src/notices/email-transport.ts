import type { Transporter } from 'nodemailer';
import { SendFailure } from '../errors/index.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { DeliveryJob, DeliveryTransport } from './dispatcher.js';
import { summarizeNotice } from './summary.js';
import { describeNotice, noticeTexts } from './texts.js';

/** A Message-ID from a delivery's idempotency key: a resend after a crash is recognisably the same email. */
export function noticeMessageId(deliveryId: string): string {
  return `<${deliveryId.replace(/[^A-Za-z0-9.-]/gu, '.')}@itkontakt>`;
}

/** The email of one delivery: the notice as it is now, threaded under the recipient's first email of it. */
export function composeNoticeEmail(job: DeliveryJob, knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>, now: Date): { subject: string; text: string; messageId: string; inReplyTo?: string; references?: string[] } {
  const summary = summarizeNotice(job.notice, knowledge, 'sv', now);
  const { heading, lines } = describeNotice(summary, job.delivery.purpose, job.delivery.reminderHours, 'sv');
  const earlier = job.earlier.filter((delivery) => delivery.posted).map((delivery) => delivery.posted!.messageId);
  const text = [heading, '', ...lines, '', noticeTexts.sv.footer, '', 'Skickat av itkontakt för kommunens IT-kontakter.'].join('\n');
  return {
    subject: heading,
    text,
    messageId: noticeMessageId(job.delivery.id),
    ...(earlier.length > 0 ? { inReplyTo: earlier[0]!, references: earlier } : {}),
  };
}

/** Connections to the SMTP server, each carrying one message at a time (nodemailer's default). */
const SMTP_CONNECTIONS = 5;

/** Notices by email over SMTP (a pooled connection), threaded with In-Reply-To and References. */
export function createEmailTransport(options: { readonly smtpUrl: string; readonly from: string; readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>; readonly now?: () => Date }): DeliveryTransport & { close(): void } {
  // nodemailer is loaded with the first email, not by every command that imports the notices.
  let transporter: Promise<Transporter> | undefined;
  const connect = (): Promise<Transporter> =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS })));
  const now = options.now ?? (() => new Date());
  return {
    channel: 'email',
    keys: () => ['email'],
    maxInFlight: SMTP_CONNECTIONS,
    async send(job) {
      const email = composeNoticeEmail(job, options.knowledge, now());
      try {
        await (await connect()).sendMail({ from: options.from, to: job.delivery.address, subject: email.subject, text: email.text, messageId: email.messageId, inReplyTo: email.inReplyTo, references: email.references });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // SMTP 5xx is a refusal of this message (no such mailbox); 4xx and network trouble pass.
        const kind = typeof code === 'number' && code >= 500 ? 'rejected' : 'transient';
        throw new SendFailure(kind, `e-post${code ? ` (SMTP ${code})` : ''}: ${(error as Error).message}`, { cause: error });
      }
      return { conversationId: 'email', messageId: email.messageId };
    },
    close: () => void transporter?.then((connected) => connected.close()),
  };
}
