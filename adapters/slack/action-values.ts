import { z } from 'zod';
import { REGISTRATION_FIELDS, type RegistrationField } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';

/** The action ids of the buttons and menus this adapter renders; block_actions are matched on them. */
export const ACTION_IDS = {
  feedbackYes: 'feedback-yes',
  feedbackNo: 'feedback-no',
  createTicket: 'create-ticket',
  chooseMunicipality: 'choose-municipality',
  /** "Registrera dig" (welcome, Home tab) and "Fyll i ansökan": opens the registration modal. */
  openRegistration: 'open-registration',
  approveRegistration: 'registration-approve',
  rejectRegistration: 'registration-reject',
  /** The one input of each modal block. */
  input: 'value',
} as const;

/** Block ids the adapter looks for again when it updates a message it sent. */
export const BLOCK_IDS = {
  feedbackPrompt: 'feedback-prompt',
  answerActions: 'answer-actions',
  /** The Godkänn/Avslå buttons under an application, replaced by the decision once it is made. */
  registrationDecision: 'registration-decision',
  rejectReason: 'reject-reason',
} as const;

/** The modals this adapter opens; view_submission payloads are matched on them. */
export const CALLBACK_IDS = {
  registration: 'registration',
  rejectReason: 'registration-reject-reason',
} as const;

const REGISTRATION_BLOCK_PREFIX = 'registration:';

/** The block of a registration field in the modal: `response_action: "errors"` is keyed on it. */
export function registrationBlockId(field: RegistrationField): string {
  return `${REGISTRATION_BLOCK_PREFIX}${field}`;
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

/**
 * JSON for a button value, within Slack's 2000 characters: a long question is shortened (it is
 * only kept for the feedback log), never the ids.
 */
export function encodeValue<T extends { question?: string | undefined }>(value: T): string {
  let encoded = JSON.stringify(value);
  let question = value.question;
  while (encoded.length > MAX_VALUE_LENGTH && question) {
    question = `${question.slice(0, Math.floor(question.length * 0.8))}…`;
    encoded = JSON.stringify({ ...value, question });
  }
  return encoded;
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
