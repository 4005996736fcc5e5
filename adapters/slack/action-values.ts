import { z } from 'zod';
import type { Language } from '../../src/knowledge/index.js';

/** The action ids of the buttons and menus this adapter renders; block_actions are matched on them. */
export const ACTION_IDS = {
  feedbackYes: 'feedback-yes',
  feedbackNo: 'feedback-no',
  createTicket: 'create-ticket',
  chooseMunicipality: 'choose-municipality',
} as const;

/** Block ids the adapter looks for again when it updates a message it sent. */
export const BLOCK_IDS = {
  feedbackPrompt: 'feedback-prompt',
  answerActions: 'answer-actions',
} as const;

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
