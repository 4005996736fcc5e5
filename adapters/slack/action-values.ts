import { z } from 'zod';
import { REGISTRATION_FIELDS, type RegistrationField } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';

/** The action ids of the buttons and menus this adapter renders; block_actions are matched on them. */
export const ACTION_IDS = {
  feedbackYes: 'feedback-yes',
  feedbackNo: 'feedback-no',
  createTicket: 'create-ticket',
  /** A "Menar du …?" suggestion or "Inget av dessa": numbered (see suggestionActionId), since a block's action ids must differ. */
  chooseSuggestion: 'choose-suggestion',
  chooseMunicipality: 'choose-municipality',
  /** "Registrera dig" (welcome, Home tab) and "Fyll i ansökan": opens the registration modal. */
  openRegistration: 'open-registration',
  approveRegistration: 'registration-approve',
  rejectRegistration: 'registration-reject',
  /** A ticket type's button, or the menu of types when there are many. */
  chooseTicketType: 'ticket-type',
  /** "Fyll i ärendet" under a form sent as a message: opens the ticket modal. */
  openTicketForm: 'ticket-open-form',
  ticketTake: 'ticket-take',
  ticketAsk: 'ticket-ask',
  ticketResolve: 'ticket-resolve',
  ticketReject: 'ticket-reject',
  ticketSolvedYes: 'ticket-solved-yes',
  ticketSolvedNo: 'ticket-solved-no',
  /** "Svara" under a message from staff (or their request for more): opens the answer modal. */
  ticketReply: 'ticket-reply',
  /** The one input of each modal block. */
  input: 'value',
} as const;

/** Block ids the adapter looks for again when it updates a message it sent. */
export const BLOCK_IDS = {
  feedbackPrompt: 'feedback-prompt',
  answerActions: 'answer-actions',
  /** The "Menar du …?" buttons under an answer that was not found. */
  suggestions: 'suggestions',
  /** The Godkänn/Avslå buttons under an application, replaced by the decision once it is made. */
  registrationDecision: 'registration-decision',
  rejectReason: 'reject-reason',
  /** A staff message's status line and its buttons, replaced when staff act. */
  ticketStatus: 'ticket-status',
  ticketActions: 'ticket-actions',
  /** "Blev det löst?" and its Ja/Nej, replaced by the thanks once answered. */
  ticketRatingPrompt: 'ticket-rating-prompt',
  ticketRating: 'ticket-rating',
  ticketNote: 'ticket-note',
  ticketReply: 'ticket-reply',
} as const;

/** The modals this adapter opens; view_submission payloads are matched on them. */
export const CALLBACK_IDS = {
  registration: 'registration',
  rejectReason: 'registration-reject-reason',
  ticket: 'ticket',
  ticketNote: 'ticket-note',
  ticketReply: 'ticket-reply',
} as const;

const REGISTRATION_BLOCK_PREFIX = 'registration:';

/** The block of a registration field in the modal: `response_action: "errors"` is keyed on it. */
export function registrationBlockId(field: RegistrationField): string {
  return `${REGISTRATION_BLOCK_PREFIX}${field}`;
}

const TICKET_BLOCK_PREFIX = 'ticket:';

/** The block of a ticket field in the modal (field keys are camelCase, see the knowledge schema). */
export function ticketBlockId(key: string): string {
  return `${TICKET_BLOCK_PREFIX}${key}`;
}

/** The field key of a ticket modal's block id; undefined for any other block. */
export function ticketFieldOfBlockId(blockId: string): string | undefined {
  const key = blockId.startsWith(TICKET_BLOCK_PREFIX) ? blockId.slice(TICKET_BLOCK_PREFIX.length) : '';
  return /^[a-z][a-zA-Z0-9]{0,63}$/u.test(key) ? key : undefined;
}

/** Slack's limit for a button's value. */
const MAX_VALUE_LENGTH = 2000;

const language = z.enum(['sv', 'en']);

/** What a "Ja"/"Nej" button carries back, so feedback needs no server-side state per answer. */
export const feedbackValueSchema = z.object({
  answerId: z.string().min(1).max(200).nullable(),
  question: z.string().max(MAX_VALUE_LENGTH),
  municipality: z.string().min(1).max(100).nullable(),
  language,
});
export type FeedbackValue = z.infer<typeof feedbackValueSchema>;

/** What a "Menar du …?" button carries: the question, and the record suggested (null: "Inget av dessa"). */
export const suggestionValueSchema = z.object({
  question: z.string().max(MAX_VALUE_LENGTH),
  recordId: z.string().min(1).max(200).nullable(),
  municipality: z.string().min(1).max(100).nullable(),
  language,
});
export type SuggestionValue = z.infer<typeof suggestionValueSchema>;

/** "choose-suggestion:0", "choose-suggestion:1", …, "choose-suggestion:none". */
export function suggestionActionId(index: number | 'none'): string {
  return `${ACTION_IDS.chooseSuggestion}:${index}`;
}

export function isSuggestionActionId(actionId: string): boolean {
  return /^choose-suggestion:(?:\d|none)$/u.test(actionId);
}

export const ticketValueSchema = z.object({
  question: z.string().max(MAX_VALUE_LENGTH).optional(),
  language,
});
export type TicketValue = z.infer<typeof ticketValueSchema>;

/** A form field as typed; the modal allows 200 characters, anything longer was not typed there. */
const fieldValue = z.string().max(500);

/** The form's values as far as they are known, carried by "Fyll i ansökan" so the modal opens as the message showed it. */
export const registrationValuesSchema = z.object(Object.fromEntries(REGISTRATION_FIELDS.map((field) => [field, fieldValue.optional()])) as Record<RegistrationField, z.ZodOptional<typeof fieldValue>>).strict();
export type RegistrationValues = z.infer<typeof registrationValuesSchema>;

export const openRegistrationValueSchema = z.object({ language, values: registrationValuesSchema.optional() });
export type OpenRegistrationValue = z.infer<typeof openRegistrationValueSchema>;

/** Application ids are short ("r-1a2b3c4d"); this only keeps forged values out. */
const requestId = z.string().regex(/^[\w-]{1,64}$/u);

/** What Godkänn and Avslå carry: which application, which decision (it must match the button). */
export const decisionValueSchema = z.object({ requestId, decision: z.enum(['approve', 'reject']), language });
export type DecisionValue = z.infer<typeof decisionValueSchema>;

const channelId = z.string().regex(/^[A-Z0-9]{1,64}$/u);
const messageTs = z.string().regex(/^\d{1,12}(?:\.\d{1,9})?$/u);

/**
 * The registration modal's private_metadata: where to answer (the DM the form came from, or the
 * user id, which posts to the user's DM) and in which language.
 */
export const registrationMetadataSchema = z.object({ channel: channelId, language });
export type RegistrationMetadata = z.infer<typeof registrationMetadataSchema>;

/** The reason modal's private_metadata: the application, and the review message to update. */
export const rejectMetadataSchema = z.object({
  requestId,
  language,
  review: z.object({ channel: channelId, ts: messageTs }).optional(),
  /** The Avslå press's response_url: where to tell the staff member if the answer comes too late for the modal. */
  responseUrl: z.string().url().max(1000).optional(),
});
export type RejectMetadata = z.infer<typeof rejectMetadataSchema>;

/** Ticket type ids as the knowledge base writes them ("ore-ticket-lifecare-sp-user"). */
const ticketTypeId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/u);
/** Ticket ids are "ORE-2026-0001"; this only keeps forged values out. */
const ticketId = z.string().regex(/^[A-Za-z0-9][\w-]{0,63}$/u);
/** A ticket field's value as typed; the longest field (multiline) takes 3000 in Slack. */
const ticketFieldValue = z.string().max(3000);
const ticketValues = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,63}$/u), ticketFieldValue).refine((values) => Object.keys(values).length <= 50, 'too many fields');

/** A ticket type's button, and "Fyll i ärendet" with the form as it stood. */
export const ticketTypeValueSchema = z.object({ typeId: ticketTypeId, language, values: ticketValues.optional() }).strict();
export type TicketTypeValue = z.infer<typeof ticketTypeValueSchema>;

export const TICKET_ACTIONS = ['take', 'ask', 'resolve', 'reject'] as const;
export type TicketActionName = (typeof TICKET_ACTIONS)[number];

/** A staff button on a ticket: which ticket and which action (it must match the button). */
export const ticketActionValueSchema = z.object({ ticketId, action: z.enum(TICKET_ACTIONS), language }).strict();
export type TicketActionValue = z.infer<typeof ticketActionValueSchema>;

/** "Ja, löst" / "Nej, inte löst": which ticket and which answer (it must match the button). */
export const ticketRatingValueSchema = z.object({ ticketId, solved: z.boolean(), language }).strict();
export type TicketRatingValue = z.infer<typeof ticketRatingValueSchema>;

/** The ticket modal's private_metadata: the type, and where to answer (the user's DM, by user id). */
export const ticketMetadataSchema = z.object({ typeId: ticketTypeId, channel: channelId, language }).strict();
export type TicketMetadata = z.infer<typeof ticketMetadataSchema>;

/** The note modal's private_metadata (Begär komplettering, Avvisa): the ticket, and the staff message to update. */
export const ticketNoteMetadataSchema = z
  .object({
    ticketId,
    action: z.enum(['ask', 'reject']),
    language,
    message: z.object({ channel: channelId, ts: messageTs }).optional(),
    /** The press's response_url: where to tell the staff member when there is no message to update. */
    responseUrl: z.string().url().max(1000).optional(),
  })
  .strict();
export type TicketNoteMetadata = z.infer<typeof ticketNoteMetadataSchema>;

/** "Svara": which ticket; also the answer modal's private_metadata. */
export const ticketReplyMetadataSchema = z.object({ ticketId, language }).strict();
export type TicketReplyMetadata = z.infer<typeof ticketReplyMetadataSchema>;

/**
 * JSON for a button value, within Slack's 2000 characters: a long question is shortened from its
 * end (it is kept for the feedback log and to find the ticket type it asks for, both of which its
 * beginning serves), never the ids.
 */
export function encodeValue<T extends { question?: string | undefined }>(value: T): string {
  let encoded = JSON.stringify(value);
  let question = value.question;
  while (encoded.length > MAX_VALUE_LENGTH && question) {
    // Cut by code points, so an emoji or other astral character is never split into half a pair.
    const points = Array.from(question);
    if (points.length <= 1) break;
    question = `${points.slice(0, Math.floor(points.length * 0.8)).join('')}…`;
    encoded = JSON.stringify({ ...value, question });
  }
  return encoded;
}

/**
 * The value of a ticket type's button or "Fyll i ärendet": the type, the language and, when they
 * fit, the values as they stood (the modal then opens as the message showed it). Personal data
 * (the keys in `personal`) is never carried in a button: the modal asks for it again.
 */
export function encodeTicketType(value: TicketTypeValue, personal: ReadonlySet<string> = new Set()): string {
  const bare = JSON.stringify({ typeId: value.typeId, language: value.language });
  const values = value.values ? Object.fromEntries(Object.entries(value.values).filter(([key, typed]) => typed && !personal.has(key))) : {};
  if (Object.keys(values).length === 0) return bare;
  const encoded = JSON.stringify({ typeId: value.typeId, language: value.language, values });
  return encoded.length <= MAX_VALUE_LENGTH ? encoded : bare;
}

/**
 * The value of "Fyll i ansökan": the language and the form as it stood. Values that would not fit
 * in a button are left out (the modal then opens with what the bot prefills), never cut mid-field.
 */
export function encodeOpenRegistration(value: OpenRegistrationValue): string {
  const values = value.values ? Object.fromEntries(Object.entries(value.values).filter(([, typed]) => typed)) : undefined;
  const encoded = JSON.stringify({ language: value.language, ...(values && Object.keys(values).length > 0 ? { values } : {}) });
  return encoded.length <= MAX_VALUE_LENGTH ? encoded : JSON.stringify({ language: value.language });
}

/** Parses a button value with its schema; undefined for anything else (a stale or forged value). */
export function decodeValue<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(parsed);
  return result.success ? result.data : undefined;
}

/** The municipality menu's block id carries the language of the message it sits in. */
export function municipalityBlockId(lang: Language): string {
  return `municipality:${lang}`;
}

export function languageOfBlockId(blockId: string | undefined): Language {
  return blockId?.endsWith(':en') ? 'en' : 'sv';
}
