import { z } from 'zod';
import type { NoticeChangeMode } from '../../src/bot/index.js';

// What the notice buttons and modals carry, and the ids they are found by again. Every value is
// parsed with its schema when it comes back: a stale or forged value is unsupported, not trusted.

/** The action ids of the notice buttons; block_actions are matched on them. */
export const NOTICE_ACTION_IDS = {
  /** "Nytt planerat driftstopp" / "Ny driftstörning" under the list: opens the form (a modal). */
  newPlanned: 'notice-new-planned',
  newDisruption: 'notice-new-disruption',
  /** "Fyll i formuläret" under a form sent as a message, and "Ändra" under a preview. */
  openForm: 'notice-open-form',
  edit: 'notice-edit',
  publish: 'notice-publish',
  discard: 'notice-discard',
  /** Uppdatera / Rätta / Ställ in / Markera som åtgärdad: opens the change form. */
  changeUpdate: 'notice-change-update',
  changeCorrect: 'notice-change-correct',
  changeCancel: 'notice-change-cancel',
  changeResolve: 'notice-change-resolve',
  report: 'notice-report',
  list: 'notice-list',
  follow: 'notice-follow',
  unfollow: 'notice-unfollow',
} as const;

/** The action id of each change mode's button, and back. */
export const CHANGE_ACTION_IDS: Readonly<Record<NoticeChangeMode, string>> = {
  update: NOTICE_ACTION_IDS.changeUpdate,
  correct: NOTICE_ACTION_IDS.changeCorrect,
  cancel: NOTICE_ACTION_IDS.changeCancel,
  resolve: NOTICE_ACTION_IDS.changeResolve,
};

export function changeModeOf(actionId: string): NoticeChangeMode | undefined {
  return (Object.keys(CHANGE_ACTION_IDS) as NoticeChangeMode[]).find((mode) => CHANGE_ACTION_IDS[mode] === actionId);
}

/** Block ids the adapter looks for again: the preview's buttons (replaced once acted on), the reason input. */
export const NOTICE_BLOCK_IDS = {
  previewActions: 'notice-preview-actions',
  reportActions: 'notice-report-actions',
  listActions: 'notice-list-actions',
  reason: 'notice-reason',
} as const;

/** The notice modals; view_submission payloads are matched on them. */
export const NOTICE_CALLBACK_IDS = {
  form: 'notice-form',
  change: 'notice-change',
  reason: 'notice-reason',
} as const;

const FORM_BLOCK_PREFIX = 'notice:';
const CHANGE_BLOCK_PREFIX = 'notice-change:';

/** The block of a notice form field in the modal: `response_action: "errors"` is keyed on it. */
export function noticeFormBlockId(field: string): string {
  return `${FORM_BLOCK_PREFIX}${field}`;
}

/** A planned outage's start and end: a date picker's block and a time picker's, each. */
export const NOTICE_WHEN_BLOCKS = { start: { date: 'startDate', time: 'startTime' }, end: { date: 'endDate', time: 'endTime' } } as const;

/** The block a notice form field's errors go under: a start's or end's on its date picker. */
export function noticeFormErrorBlockId(field: string): string {
  return noticeFormBlockId(field === 'start' || field === 'end' ? NOTICE_WHEN_BLOCKS[field].date : field);
}

/** The block of a change form field (text, state, title, description, impact). */
export function noticeChangeBlockId(field: string): string {
  return `${CHANGE_BLOCK_PREFIX}${field}`;
}

/** The field of a notice form's or change form's block id; undefined for any other block. */
export function noticeFieldOfBlockId(blockId: string, form: 'form' | 'change'): string | undefined {
  const prefix = form === 'form' ? FORM_BLOCK_PREFIX : CHANGE_BLOCK_PREFIX;
  const key = blockId.startsWith(prefix) ? blockId.slice(prefix.length) : '';
  return /^[a-z][a-zA-Z]{0,31}$/u.test(key) ? key : undefined;
}

const language = z.enum(['sv', 'en']);
/** Notice ids are "GBG-DRIFT-2026-0007"; this only keeps forged values out. */
const noticeId = z.string().regex(/^[A-Za-z0-9][\w-]{0,63}$/u);
/** System ids as the knowledge base writes them ("lifecare-sp"). */
export const systemId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/u);
const noticeKind = z.enum(['planned', 'disruption']);
const changeMode = z.enum(['update', 'correct', 'cancel', 'resolve']);
const channelId = z.string().regex(/^[A-Z0-9]{1,64}$/u);
const messageTs = z.string().regex(/^\d{1,12}(?:\.\d{1,9})?$/u);
/** A form value as typed; the longest input (description) takes 3000 in Slack. */
const formValues = z.record(z.string().regex(/^[a-z][a-zA-Z]{0,31}$/u), z.string().max(3000)).refine((values) => Object.keys(values).length <= 10, 'too many fields');

/** "Nytt planerat driftstopp", "Ny driftstörning", "Ändra", "Fyll i formuläret": which form, and the draft it edits. */
export const openNoticeFormValueSchema = z
  .object({ noticeKind, noticeId: noticeId.optional(), language, values: formValues.optional() })
  .strict();
export type OpenNoticeFormValue = z.infer<typeof openNoticeFormValueSchema>;

/** A button about one notice (Släng utkastet, Leveransrapport). */
export const noticeRefValueSchema = z.object({ noticeId, language }).strict();
export type NoticeRefValue = z.infer<typeof noticeRefValueSchema>;

/** Publicera: the draft, and whether a reason must be asked first (it breaks the municipality's rules). */
export const publishValueSchema = z.object({ noticeId, language, needsReason: z.boolean() }).strict();
export type PublishValue = z.infer<typeof publishValueSchema>;

/** Uppdatera / Rätta / Ställ in / Markera som åtgärdad (the mode must match the button). */
export const changeValueSchema = z.object({ noticeId, mode: changeMode, language }).strict();
export type ChangeValue = z.infer<typeof changeValueSchema>;

/** Följ / Sluta följa (the choice must match the button). */
export const followValueSchema = z.object({ system: systemId, follow: z.boolean(), language }).strict();
export type FollowValue = z.infer<typeof followValueSchema>;

/** "driftinfo" as a button (the Home tab). */
export const listValueSchema = z.object({ language }).strict();

/** The notice form modal's private_metadata: which form, the draft, and where to answer (the user's DM, by user id). */
export const noticeFormMetadataSchema = z.object({ noticeKind, noticeId: noticeId.optional(), channel: channelId, language }).strict();
export type NoticeFormMetadata = z.infer<typeof noticeFormMetadataSchema>;

/** The change modal's private_metadata. */
export const noticeChangeMetadataSchema = z.object({ noticeId, mode: changeMode, channel: channelId, language }).strict();
export type NoticeChangeMetadata = z.infer<typeof noticeChangeMetadataSchema>;

/** The reason modal's private_metadata: the draft, and the preview message to update once published. */
export const noticeReasonMetadataSchema = z
  .object({
    noticeId,
    language,
    preview: z.object({ channel: channelId, ts: messageTs }).optional(),
    /** The press's response_url: where to answer when there is no preview message to update. */
    responseUrl: z.string().url().max(1000).optional(),
  })
  .strict();
export type NoticeReasonMetadata = z.infer<typeof noticeReasonMetadataSchema>;

/** Slack's limit for a button's value. */
const VALUE_MAX = 2000;

/**
 * The value of a button that opens the notice form. What was typed is carried only when it fits
 * (a form that came back with errors too late for its modal); otherwise the bot prefills the modal.
 */
export function encodeOpenNoticeForm(value: OpenNoticeFormValue): string {
  const bare: OpenNoticeFormValue = { noticeKind: value.noticeKind, ...(value.noticeId ? { noticeId: value.noticeId } : {}), language: value.language };
  const values = value.values ? Object.fromEntries(Object.entries(value.values).filter(([, typed]) => typed)) : {};
  if (Object.keys(values).length === 0) return JSON.stringify(bare);
  const encoded = JSON.stringify({ ...bare, values });
  return encoded.length <= VALUE_MAX ? encoded : JSON.stringify(bare);
}
