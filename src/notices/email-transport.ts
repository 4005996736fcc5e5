import type { KnowledgeBase, Language } from '../knowledge/index.js';
import { messageIdFor, type EmailChannel, type EmailMessage } from '../outbound/index.js';
import type { DeliveryJob, DeliveryTransport } from './dispatcher.js';
import { summarizeNotice } from './summary.js';
import { describeNotice, noticeTexts } from './texts.js';

/** Where a municipality's feeds are, without the extension (https://itkontakt.kommun.se/notices/goteborg), when the server's public address is known. */
export type FeedLocation = (municipality: string) => string | undefined;

/**
 * The email of one delivery: the notice as it is now, threaded under the recipient's first email of
 * it, in the recipient's language (staff's text as written). It ends with what helps in a mailbox,
 * the municipality's feeds, not the chat's commands.
 */
export function composeNoticeEmail(job: DeliveryJob, knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>, now: Date, language: Language = 'sv', feedOf: FeedLocation = () => undefined): EmailMessage {
  const summary = summarizeNotice(job.notice, knowledge, language, now);
  const { heading, lines } = describeNotice(summary, job.delivery.purpose, job.delivery.reminderHours, language);
  const earlier = job.earlier.filter((delivery) => delivery.posted).map((delivery) => delivery.posted!.messageId);
  const feed = feedOf(summary.municipality.id);
  const text = [heading, '', ...lines, '', ...(feed ? [noticeTexts[language].emailFeeds(summary.municipality.name, feed), ''] : []), noticeTexts[language].emailSignature].join('\n');
  return {
    subject: heading,
    text,
    messageId: messageIdFor(job.delivery.id),
    ...(earlier.length > 0 ? { inReplyTo: earlier[0]!, references: earlier } : {}),
  };
}

/** Notices by email, through the email channel (adapters/email), threaded under the recipient's first email of the notice. */
export function createEmailTransport(options: {
  readonly channel: EmailChannel;
  readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>;
  readonly now?: () => Date;
  /** The recipient's language (the contact's language field); Swedish when not given. */
  readonly languageOf?: (email: string) => Language | Promise<Language>;
  readonly feedOf?: FeedLocation;
}): DeliveryTransport {
  const now = options.now ?? (() => new Date());
  return {
    channel: 'email',
    rateKeys: (address) => (address.kind === 'email' ? options.channel.rateKeys(address) : [{ key: 'email' }]),
    maxInFlight: options.channel.maxInFlight,
    async send(job) {
      const { address } = job.delivery;
      if (address.kind !== 'email') return { kind: 'refused', reason: `${address.kind} är ingen e-postadress` };
      return options.channel.send(address, composeNoticeEmail(job, options.knowledge, now(), (await options.languageOf?.(address.email)) ?? 'sv', options.feedOf));
    },
  };
}
