import { z } from 'zod';
import { joinWhen, NOTICE_FORM_FIELDS, REGISTRATION_FIELDS, type BotAction } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';

/**
 * The `data` that our Adaptive Card buttons carry, and that comes back when a user presses one
 * (merged with the card's inputs by the client). Everything the core needs to act on the press is
 * in here, because a card can be pressed days later, after a restart, by someone the bot has
 * forgotten: feedback carries the question, the municipality and the answer id it is about; a
 * staff button the ticket id. Who pressed is never taken from here but from the activity, and the
 * core checks that they may.
 *
 * `verb` is the name teams-ai and the Universal Action Model use for "which button".
 */
export type CardActionData =
  | { verb: 'feedback'; helpful: boolean; question: string; municipality: string | null; answerId: string | null; lang: Language }
  | { verb: 'choose-municipality'; lang: Language }
  /** "Menar du …?": a suggested record for the question, or "Inget av dessa" (`recordId` null). */
  | { verb: 'choose-suggestion'; question: string; recordId: string | null; municipality: string | null; lang: Language }
  | { verb: 'create-ticket'; question?: string; lang: Language }
  | { verb: 'show-help'; lang: Language }
  | { verb: 'start-registration'; lang: Language }
  /** The form's inputs (`registration.<field>`) arrive next to it. */
  | { verb: 'submit-registration'; lang: Language }
  /** A rejection's reason arrives as the `reason` input of the unfolded part. */
  | { verb: 'decide-registration'; requestId: string; approve: boolean; lang: Language }
  | { verb: 'choose-ticket-type'; typeId: string; lang: Language }
  /** The form's inputs (`field.<key>`) arrive next to it. */
  | { verb: 'submit-ticket'; typeId: string; lang: Language }
  /** A note arrives as the `note.<action>` input of the unfolded part. */
  | { verb: 'ticket-action'; ticketId: string; action: 'take' | 'ask' | 'resolve' | 'reject'; lang: Language }
  | { verb: 'rate-ticket'; ticketId: string; solved: boolean; lang: Language }
  | { verb: 'list-tickets'; lang: Language }
  /** The requester's answer to staff arrives as the `reply.text` input of the unfolded part. */
  | { verb: 'reply-ticket'; ticketId: string; lang: Language }
  | { verb: 'list-notices'; lang: Language }
  | { verb: 'open-notice-form'; noticeKind: 'planned' | 'disruption'; noticeId?: string; lang: Language }
  /** The form's inputs (`notice.<field>`) arrive next to it. */
  | { verb: 'preview-notice'; noticeKind: 'planned' | 'disruption'; noticeId?: string; lang: Language }
  /** A reason to publish against the rules arrives as the `publish.reason` input. */
  | { verb: 'publish-notice'; noticeId: string; lang: Language }
  | { verb: 'discard-notice'; noticeId: string; lang: Language }
  | { verb: 'open-notice-change'; noticeId: string; mode: NoticeChangeModeData; lang: Language }
  /** The form's inputs (`change.<key>`) arrive next to it. */
  | { verb: 'change-notice'; noticeId: string; mode: NoticeChangeModeData; lang: Language }
  | { verb: 'notice-report'; noticeId: string; lang: Language }
  | { verb: 'follow-system'; system: string; follow: boolean; lang: Language };

type NoticeChangeModeData = 'update' | 'correct' | 'cancel' | 'resolve';

/** The id of the municipality menu in our cards; its value arrives next to the button's data. */
export const MUNICIPALITY_INPUT_ID = 'municipality';
/**
 * Input ids of forms: prefixed, so a field named like a data key (`verb`, `lang`, `typeId`) cannot
 * overwrite the button's data when the client merges the two.
 */
export const REGISTRATION_INPUT_PREFIX = 'registration.';
export const TICKET_FIELD_PREFIX = 'field.';
/** The reason typed when rejecting an application. */
export const REASON_INPUT_ID = 'reason';
/** One note input per staff action, because input ids must be unique within a card. */
export const NOTE_INPUT_IDS = { ask: 'note.ask', reject: 'note.reject' } as const;
/** The answer typed under "Svara" on a message from staff or a "waiting for your reply" update. */
export const REPLY_INPUT_ID = 'reply.text';
/** The notice form's inputs (`notice.title`, `notice.systems`, …). */
export const NOTICE_FIELD_PREFIX = 'notice.';
/** A planned outage's start and end each come as a date and a time picker (`notice.start-date`, `notice.start-time`). */
export const NOTICE_WHEN_INPUTS = { start: { date: 'start-date', time: 'start-time' }, end: { date: 'end-date', time: 'end-time' } } as const;
// A card sent before the pickers had typed `notice.start` and `notice.end`; pressed now, it still works.
const NOTICE_FORM_INPUTS: readonly string[] = [...NOTICE_FORM_FIELDS, ...Object.values(NOTICE_WHEN_INPUTS).flatMap((edge) => [edge.date, edge.time])];
/** The inputs of a change to a published notice (`change.text`, `change.state`, `change.title`, …). */
export const NOTICE_CHANGE_PREFIX = 'change.';
/** The keys a change form may send: what is new, the next state, or the corrected texts. */
export const NOTICE_CHANGE_FIELDS = ['text', 'state', 'title', 'description', 'impact'] as const;
/** The reason typed on a preview to publish against the municipality's rules. */
export const NOTICE_REASON_INPUT_ID = 'publish.reason';

const MAX_QUESTION = 2_000;
/** Longer than any form field the registry or a ticket type accepts; those check their own limits. */
const MAX_INPUT = 4_000;
const MAX_NOTE = 2_000;
const MAX_FIELDS = 50;
/** As long as a ticket form's longest field: an answer is often the missing detail itself. */
const MAX_REPLY = 4_000;
const FIELD_KEY = /^[A-Za-z0-9_-]{1,64}$/u;

/** A reason to publish against the rules: more than the preview's input allows, bounded all the same. */
const MAX_NOTICE_REASON = 2_000;

const language = z.enum(['sv', 'en']).catch('sv');
const noticeKind = z.enum(['planned', 'disruption']);
const changeMode = z.enum(['update', 'correct', 'cancel', 'resolve']);
const id = z.string().trim().min(1).max(100);
/** An input as the client sends it: a string; anything else (absent, a number) counts as empty. */
const input = (max: number) => z.string().max(max).catch('').default('');

const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('feedback'),
    helpful: z.boolean(),
    question: z.string().max(MAX_QUESTION),
    municipality: z.string().max(100).nullable(),
    answerId: z.string().max(200).nullable(),
    lang: language.default('sv'),
  }),
  z.object({
    verb: z.literal('choose-municipality'),
    // Empty when the client let the form through without a choice: the core then asks again.
    [MUNICIPALITY_INPUT_ID]: z.string().trim().max(100).catch('').default(''),
    lang: language.default('sv'),
  }),
  z.object({
    verb: z.literal('choose-suggestion'),
    question: z.string().max(MAX_QUESTION),
    recordId: z.string().trim().min(1).max(200).nullable(),
    municipality: z.string().max(100).nullable(),
    lang: language.default('sv'),
  }),
  z.object({ verb: z.literal('create-ticket'), question: z.string().max(MAX_QUESTION).optional(), lang: language.default('sv') }),
  z.object({ verb: z.literal('show-help'), lang: language.default('sv') }),
  z.object({ verb: z.literal('start-registration'), lang: language.default('sv') }),
  // The inputs are read from the whole value below; passthrough keeps them.
  z.object({ verb: z.literal('submit-registration'), lang: language.default('sv') }).passthrough(),
  z.object({ verb: z.literal('decide-registration'), requestId: id, approve: z.boolean(), [REASON_INPUT_ID]: input(MAX_NOTE), lang: language.default('sv') }),
  z.object({ verb: z.literal('choose-ticket-type'), typeId: id, lang: language.default('sv') }),
  z.object({ verb: z.literal('submit-ticket'), typeId: id, lang: language.default('sv') }).passthrough(),
  z.object({
    verb: z.literal('ticket-action'),
    ticketId: id,
    action: z.enum(['take', 'ask', 'resolve', 'reject']),
    [NOTE_INPUT_IDS.ask]: input(MAX_NOTE),
    [NOTE_INPUT_IDS.reject]: input(MAX_NOTE),
    lang: language.default('sv'),
  }),
  z.object({ verb: z.literal('rate-ticket'), ticketId: id, solved: z.boolean(), lang: language.default('sv') }),
  z.object({ verb: z.literal('list-tickets'), lang: language.default('sv') }),
  // An empty answer passes here: the core refuses it with a message the requester can act on.
  z.object({ verb: z.literal('reply-ticket'), ticketId: id, [REPLY_INPUT_ID]: input(MAX_REPLY), lang: language.default('sv') }),
  z.object({ verb: z.literal('list-notices'), lang: language.default('sv') }),
  z.object({ verb: z.literal('open-notice-form'), noticeKind, noticeId: id.optional(), lang: language.default('sv') }),
  z.object({ verb: z.literal('preview-notice'), noticeKind, noticeId: id.optional(), lang: language.default('sv') }).passthrough(),
  z.object({ verb: z.literal('publish-notice'), noticeId: id, [NOTICE_REASON_INPUT_ID]: input(MAX_NOTICE_REASON), lang: language.default('sv') }),
  z.object({ verb: z.literal('discard-notice'), noticeId: id, lang: language.default('sv') }),
  z.object({ verb: z.literal('open-notice-change'), noticeId: id, mode: changeMode, lang: language.default('sv') }),
  z.object({ verb: z.literal('change-notice'), noticeId: id, mode: changeMode, lang: language.default('sv') }).passthrough(),
  z.object({ verb: z.literal('notice-report'), noticeId: id, lang: language.default('sv') }),
  z.object({ verb: z.literal('follow-system'), system: id, follow: z.boolean(), lang: language.default('sv') }),
]);

/** A decoded button press: the core's action and the language of the card it came from. */
export interface DecodedCardAction {
  readonly action: BotAction;
  readonly language: Language;
}

/**
 * The inputs of a form, by the name after the prefix: string values only, at most MAX_FIELDS of
 * them; undefined when one is too long or badly named (not a form of ours, or tampered with).
 */
function formInputs(value: Readonly<Record<string, unknown>>, prefix: string, allowed?: readonly string[]): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  let count = 0;
  for (const [key, raw] of Object.entries(value)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (!FIELD_KEY.test(name) || (allowed && !allowed.includes(name))) return undefined;
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' || raw.length > MAX_INPUT) return undefined;
    count += 1;
    if (count > MAX_FIELDS) return undefined;
    values[name] = raw;
  }
  return values;
}

/** Decodes what a card submitted; undefined when it is not one of our buttons. */
export function decodeCardAction(value: unknown): DecodedCardAction | undefined {
  const parsed = cardActionSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const data = parsed.data;
  const lang = data.lang;
  switch (data.verb) {
    case 'feedback':
      return { language: lang, action: { type: 'feedback', helpful: data.helpful, question: data.question, municipality: data.municipality, answerId: data.answerId } };
    case 'choose-municipality':
      return { language: lang, action: { type: 'choose-municipality', municipality: data[MUNICIPALITY_INPUT_ID] } };
    case 'choose-suggestion':
      return { language: lang, action: { type: 'choose-suggestion', question: data.question, recordId: data.recordId, municipality: data.municipality } };
    case 'create-ticket':
      return { language: lang, action: { type: 'create-ticket', question: data.question } };
    case 'show-help':
      return { language: lang, action: { type: 'show-help' } };
    case 'start-registration':
      return { language: lang, action: { type: 'start-registration' } };
    case 'submit-registration': {
      const values = formInputs(data, REGISTRATION_INPUT_PREFIX, REGISTRATION_FIELDS);
      return values ? { language: lang, action: { type: 'submit-registration', values } } : undefined;
    }
    case 'decide-registration': {
      const reason = data[REASON_INPUT_ID].trim();
      return { language: lang, action: { type: 'decide-registration', requestId: data.requestId, approve: data.approve, ...(!data.approve && reason ? { reason } : {}) } };
    }
    case 'choose-ticket-type':
      return { language: lang, action: { type: 'choose-ticket-type', typeId: data.typeId } };
    case 'submit-ticket': {
      const values = formInputs(data, TICKET_FIELD_PREFIX);
      return values ? { language: lang, action: { type: 'submit-ticket', typeId: data.typeId, values } } : undefined;
    }
    case 'ticket-action': {
      const note = data.action === 'ask' || data.action === 'reject' ? data[NOTE_INPUT_IDS[data.action]].trim() : '';
      return { language: lang, action: { type: 'ticket-action', ticketId: data.ticketId, action: data.action, ...(note ? { note } : {}) } };
    }
    case 'rate-ticket':
      return { language: lang, action: { type: 'rate-ticket', ticketId: data.ticketId, solved: data.solved } };
    case 'list-tickets':
      return { language: lang, action: { type: 'list-tickets' } };
    case 'reply-ticket':
      return { language: lang, action: { type: 'reply-ticket', ticketId: data.ticketId, text: data[REPLY_INPUT_ID].trim() } };
    case 'list-notices':
      return { language: lang, action: { type: 'list-notices' } };
    case 'open-notice-form':
      return { language: lang, action: { type: 'open-notice-form', noticeKind: data.noticeKind, ...(data.noticeId ? { noticeId: data.noticeId } : {}) } };
    case 'preview-notice': {
      const inputs = formInputs(data, NOTICE_FIELD_PREFIX, NOTICE_FORM_INPUTS);
      if (!inputs) return undefined;
      // The pickers' date and time, as the form's one value; the bot reads it in Stockholm time.
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(inputs)) if (!Object.values(NOTICE_WHEN_INPUTS).some((edge) => key === edge.date || key === edge.time)) values[key] = value;
      for (const [edge, ids] of Object.entries(NOTICE_WHEN_INPUTS)) if (inputs[ids.date] !== undefined || inputs[ids.time] !== undefined) values[edge] = joinWhen(inputs[ids.date] ?? '', inputs[ids.time] ?? '');
      return { language: lang, action: { type: 'preview-notice', noticeKind: data.noticeKind, ...(data.noticeId ? { noticeId: data.noticeId } : {}), values } };
    }
    case 'publish-notice': {
      const reason = data[NOTICE_REASON_INPUT_ID].trim();
      return { language: lang, action: { type: 'publish-notice', noticeId: data.noticeId, ...(reason ? { reason } : {}) } };
    }
    case 'discard-notice':
      return { language: lang, action: { type: 'discard-notice', noticeId: data.noticeId } };
    case 'open-notice-change':
      return { language: lang, action: { type: 'open-notice-change', noticeId: data.noticeId, mode: data.mode } };
    case 'change-notice': {
      const values = formInputs(data, NOTICE_CHANGE_PREFIX, NOTICE_CHANGE_FIELDS);
      return values ? { language: lang, action: { type: 'change-notice', noticeId: data.noticeId, mode: data.mode, values } } : undefined;
    }
    case 'notice-report':
      return { language: lang, action: { type: 'notice-report', noticeId: data.noticeId } };
    case 'follow-system':
      return { language: lang, action: { type: 'follow-system', system: data.system, follow: data.follow } };
  }
}
