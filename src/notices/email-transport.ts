import nodemailer from 'nodemailer';
import { DEFAULT_DELIVERY_LIMITS } from '../config/index.js';
import { SendFailure } from '../errors/index.js';
import type { KnowledgeBase, Language } from '../knowledge/index.js';
import { messageIdFor, outcomeOf } from '../outbound/index.js';
import type { DeliveryJob, DeliveryTransport } from './dispatcher.js';
import { summarizeNotice } from './summary.js';
import { describeNotice, noticeTexts } from './texts.js';

/**
 * The email of one delivery: the notice as it is now, threaded under the recipient's first email of
 * it, in the recipient's language (staff's text as written).
 */
export function composeNoticeEmail(job: DeliveryJob, knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>, now: Date, language: Language = 'sv'): { subject: string; text: string; messageId: string; inReplyTo?: string; references?: string[] } {
  const summary = summarizeNotice(job.notice, knowledge, language, now);
  const { heading, lines } = describeNotice(summary, job.delivery.purpose, job.delivery.reminderHours, language);
  const earlier = job.earlier.filter((delivery) => delivery.posted).map((delivery) => delivery.posted!.messageId);
  const text = [heading, '', ...lines, '', noticeTexts[language].footer, '', noticeTexts[language].emailSignature].join('\n');
  return {
    subject: heading,
    text,
    messageId: messageIdFor(job.delivery.id),
    ...(earlier.length > 0 ? { inReplyTo: earlier[0]!, references: earlier } : {}),
  };
}

/** Connections to the SMTP server, each carrying one message at a time (nodemailer's default). */
const SMTP_CONNECTIONS = 5;

/** Notices by email over SMTP (a pooled connection), threaded with In-Reply-To and References. */
export function createEmailTransport(options: {
  readonly smtpUrl: string;
  readonly from: string;
  readonly perSecond?: number | undefined;
  readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>;
  readonly now?: () => Date;
  /** The recipient's language (the contact's language field); Swedish when not given. */
  readonly languageOf?: (email: string) => Language;
}): DeliveryTransport & { close(): void } {
  const transporter = nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS });
  const now = options.now ?? (() => new Date());
  return {
    channel: 'email',
    // The one SMTP server is the limit of every email.
    rateKeys: () => [{ key: 'email', limit: { perSecond: options.perSecond ?? DEFAULT_DELIVERY_LIMITS.emailPerSecond, burst: 2 } }],
    maxInFlight: SMTP_CONNECTIONS,
    send: (job) => outcomeOf(async () => {
      const { address } = job.delivery;
      if (address.kind !== 'email') throw new SendFailure('rejected', `${address.kind} är ingen e-postadress`);
      const email = composeNoticeEmail(job, options.knowledge, now(), options.languageOf?.(address.email) ?? 'sv');
      try {
        await transporter.sendMail({ from: options.from, to: address.email, subject: email.subject, text: email.text, messageId: email.messageId, inReplyTo: email.inReplyTo, references: email.references });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // SMTP 5xx is a refusal of this message (no such mailbox); 4xx and network trouble pass.
        const kind = typeof code === 'number' && code >= 500 ? 'rejected' : 'transient';
        throw new SendFailure(kind, `e-post${code ? ` (SMTP ${code})` : ''}: ${(error as Error).message}`, { cause: error });
      }
      return { conversationId: 'email', messageId: email.messageId };
    }),
    close: () => transporter.close(),
  };
}
