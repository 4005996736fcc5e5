import type { KnowledgeBase, Language } from '../knowledge/index.js';
import type { SmsChannel } from '../outbound/index.js';
import type { DeliveryJob, DeliveryTransport } from './dispatcher.js';
import { summarizeNotice } from './summary.js';
import { noticeTexts } from './texts.js';

// Three concatenated SMS segments: enough for the heading, the window and the latest word.
const SMS_MAX_LENGTH = 459;

/**
 * The text of one SMS: heading, when, status, the latest update and the id to ask about, shortened
 * where needed so that it always ends with how to stop getting them (an SMS cannot be answered
 * with a chat command).
 */
export function composeNoticeSms(job: DeliveryJob, knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>, now: Date, language: Language = 'sv'): string {
  const summary = summarizeNotice(job.notice, knowledge, language, now);
  const t = noticeTexts[language];
  const latest = summary.updates.at(-1);
  const parts = [
    t.heading(summary, job.delivery.purpose, job.delivery.reminderHours),
    summary.window ? `${t.when}: ${t.window(summary.window)}.` : '',
    `${t.state}: ${summary.stateLabel}.`,
    latest && job.delivery.purpose !== 'publish' ? latest.text : summary.impact || summary.description,
    `(${summary.id})`,
  ].filter(Boolean);
  const text = parts.join(' ');
  const stop = ` ${t.smsStop(summary.municipality.name)}`;
  const room = SMS_MAX_LENGTH - stop.length;
  return `${text.length <= room ? text : `${text.slice(0, room - 1)}…`}${stop}`;
}

/** Notices by SMS: each delivery's text, through the SMS channel (adapters/sms), with its idempotency key as reference. */
export function createSmsTransport(options: { readonly channel: SmsChannel; readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>; readonly now?: () => Date; readonly languageOf?: (phone: string) => Language | Promise<Language> }): DeliveryTransport {
  const now = options.now ?? (() => new Date());
  return {
    channel: 'sms',
    rateKeys: (address) => (address.kind === 'sms' ? options.channel.rateKeys(address) : [{ key: 'sms' }]),
    async send(job) {
      const { address } = job.delivery;
      if (address.kind !== 'sms') return { kind: 'refused', reason: `${address.kind} är inget telefonnummer` };
      return options.channel.send(address, { text: composeNoticeSms(job, options.knowledge, now(), (await options.languageOf?.(address.phone)) ?? 'sv'), reference: job.delivery.id });
    },
  };
}
