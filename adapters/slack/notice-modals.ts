import type { types } from '@slack/bolt';
import { NOTICE_FORM_FIELDS, noticeFormTexts, noticeTexts, splitWhen, type NoticeFormField, type Reply, type SystemChoice } from '../../src/bot/index.js';
import { TIME_ZONE } from '../../src/time/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { ACTION_IDS } from './action-values.js';
import { MODAL_TITLE_MAX, OPTION_TEXT_MAX, OPTIONS_MAX, PLACEHOLDER_MAX, context, plain, section } from './blocks.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { slackNoticeTexts } from './notice-texts.js';
import {
  NOTICE_BLOCK_IDS,
  NOTICE_CALLBACK_IDS,
  noticeChangeBlockId,
  noticeFormBlockId,
  noticeFormErrorBlockId,
  NOTICE_WHEN_BLOCKS,
  type NoticeChangeMetadata,
  type NoticeFormMetadata,
  type NoticeReasonMetadata,
} from './notice-values.js';

// The notice forms as Slack modals: a new notice (or a draft), a change to a published one, and
// the reason to publish against the rules. Their submissions are read in notice-inbound.ts.

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type FormReply = Extract<Reply, { kind: 'notice-form' }>;
type ChangeReply = Extract<Reply, { kind: 'notice-change-form' }>;

/** Slack's limits: a label or hint, an option's value; what each input takes. */
const LABEL_MAX = 2000;
const OPTION_VALUE_MAX = 150;
const TITLE_MAX = 150;
const TEXT_MAX = 3000;
const REASON_MAX = 1000;

function textInput(value: string, options: { readonly max: number; readonly multiline?: boolean; readonly placeholder?: string | undefined }): types.PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: ACTION_IDS.input,
    max_length: options.max,
    ...(options.multiline ? { multiline: true } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder, PLACEHOLDER_MAX) } : {}),
    // Slack refuses an empty initial_value; an empty field is simply left out.
    ...(value ? { initial_value: truncate(value, options.max) } : {}),
  };
}

function input(blockId: string, label: string, element: types.InputBlock['element'], optional = false): types.InputBlock {
  return { type: 'input', block_id: blockId, label: plain(label, LABEL_MAX), optional, element };
}

/**
 * The systems as a menu of several (their ids as values, as the core wants them), preset to the
 * ids in `value` ("treserva, lifecare"). With more systems than a menu holds, or ids too long for
 * an option, they are typed instead.
 */
function systemsElement(systems: readonly SystemChoice[], value: string, language: Language): types.InputBlock['element'] {
  const s = slackNoticeTexts[language];
  if (systems.length === 0 || systems.length > OPTIONS_MAX || systems.some((system) => system.id.length > OPTION_VALUE_MAX)) {
    return textInput(value, { max: 500, placeholder: s.systemsHint });
  }
  const option = (system: SystemChoice): types.PlainTextOption => ({ text: plain(system.name, OPTION_TEXT_MAX), value: system.id });
  const chosen = new Set(value.split(',').map((id) => id.trim()).filter(Boolean));
  const initial = systems.filter((system) => chosen.has(system.id)).map(option);
  return { type: 'multi_static_select', action_id: ACTION_IDS.input, placeholder: plain(s.chooseSystems, PLACEHOLDER_MAX), options: systems.map(option), ...(initial.length > 0 ? { initial_options: initial } : {}) };
}

/**
 * A planned outage's start or end: a date picker and a time picker, the time set to Swedish time
 * (Slack shows the zone under it), prefilled from the form's value ("2026-12-06 08:00").
 */
function whenBlocks(edge: 'start' | 'end', value: string, language: Language): types.InputBlock[] {
  const w = noticeFormTexts[language];
  const { date, time } = splitWhen(value);
  const ids = NOTICE_WHEN_BLOCKS[edge];
  return [
    input(noticeFormBlockId(ids.date), w.dateLabel(edge), { type: 'datepicker', action_id: ACTION_IDS.input, placeholder: plain(w.datePlaceholder, PLACEHOLDER_MAX), ...(date ? { initial_date: date } : {}) }),
    input(noticeFormBlockId(ids.time), w.timeLabel(edge), { type: 'timepicker', action_id: ACTION_IDS.input, timezone: TIME_ZONE, placeholder: plain(w.timePlaceholder, PLACEHOLDER_MAX), ...(time ? { initial_time: time } : {}) }),
  ];
}

/** The fields the form asks for: a disruption has no planned window. */
export function noticeFormFields(kind: FormReply['noticeKind']): NoticeFormField[] {
  return NOTICE_FORM_FIELDS.filter((name) => kind === 'planned' || (name !== 'start' && name !== 'end'));
}

/**
 * The notice form: title, systems (a menu of several), start and end for a planned outage (date
 * and time pickers, Stockholm time), description and impact; prefilled from the reply and from
 * what "Fyll i formuläret" carried. Sending it previews, it publishes nothing.
 */
export function noticeFormModal(reply: FormReply, metadata: NoticeFormMetadata, carried: Readonly<Record<string, string>> = {}): ModalView {
  const t = noticeTexts[reply.language];
  const s = slackNoticeTexts[reply.language];
  const values: Record<string, string> = { ...reply.values };
  for (const name of NOTICE_FORM_FIELDS) if (carried[name]) values[name] = carried[name];
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(t.formTitle(reply.noticeKind, reply.municipality.name))}*`), context(escapeMrkdwn(t.formIntro))];
  for (const name of noticeFormFields(reply.noticeKind)) {
    const value = values[name] ?? '';
    if (name === 'start' || name === 'end') {
      blocks.push(...whenBlocks(name, value, reply.language));
      continue;
    }
    const element = name === 'systems' ? systemsElement(reply.systems, value, reply.language) : name === 'title' ? textInput(value, { max: TITLE_MAX }) : textInput(value, { max: TEXT_MAX, multiline: true });
    blocks.push(input(noticeFormBlockId(name), t.fields[name], element, name === 'impact'));
  }
  return {
    type: 'modal',
    callback_id: NOTICE_CALLBACK_IDS.form,
    private_metadata: JSON.stringify(metadata),
    title: plain(t.kind[reply.noticeKind], MODAL_TITLE_MAX),
    submit: plain(t.preview, MODAL_TITLE_MAX),
    close: plain(s.cancel, MODAL_TITLE_MAX),
    blocks,
  };
}

/**
 * Field errors keyed by the modal's block ids, for `response_action: "errors"`; an error about a
 * field the modal does not show goes on the first, with its label, rather than being lost.
 */
function errorsByBlock(errors: ReadonlyArray<{ readonly field: string; readonly message: string }>, shown: readonly string[], blockId: (name: string) => string, language: Language): Record<string, string> | undefined {
  if (errors.length === 0 || shown.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const error of errors) {
    const own = shown.includes(error.field);
    const id = blockId(own ? error.field : shown[0]!);
    const labels: Readonly<Record<string, string>> = noticeTexts[language].fields;
    const message = own ? error.message : `${labels[error.field] ?? error.field}: ${error.message}`;
    result[id] = truncate(result[id] ? `${result[id]} ${message}` : message, LABEL_MAX);
  }
  return result;
}

export function noticeFormErrors(reply: FormReply): Record<string, string> | undefined {
  return errorsByBlock(reply.errors, noticeFormFields(reply.noticeKind), noticeFormErrorBlockId, reply.language);
}

/** The fields of a change: a correction rewrites the texts; the others say what is new (an update may move a disruption's state). */
export function changeFields(reply: Pick<ChangeReply, 'mode' | 'states'>): string[] {
  if (reply.mode === 'correct') return ['title', 'description', 'impact'];
  if (reply.mode === 'update' && reply.states.length > 0) return ['text', 'state'];
  return ['text'];
}

function stateElement(reply: ChangeReply, value: string): types.StaticSelect {
  const option = (state: { readonly id: string; readonly label: string }): types.PlainTextOption => ({ text: plain(state.label, OPTION_TEXT_MAX), value: state.id });
  const current = reply.states.find((state) => state.id === value);
  return {
    type: 'static_select',
    action_id: ACTION_IDS.input,
    placeholder: plain(slackNoticeTexts[reply.language].chooseState, PLACEHOLDER_MAX),
    options: reply.states.slice(0, OPTIONS_MAX).map(option),
    ...(current ? { initial_option: option(current) } : {}),
  };
}

/**
 * The change form: what is new (and a disruption's next state) for an update, cancellation or
 * resolution; the title, description and impact as they stand for a correction.
 */
export function noticeChangeModal(reply: ChangeReply, metadata: NoticeChangeMetadata): ModalView {
  const t = noticeTexts[reply.language];
  const s = slackNoticeTexts[reply.language];
  const current: Readonly<Record<string, string>> = { title: reply.notice.title, description: reply.notice.description, impact: reply.notice.impact };
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(reply.notice.title)}*`), context(escapeMrkdwn(`${t.reference}: ${reply.notice.id}`), escapeMrkdwn(t.changeIntro[reply.mode]))];
  for (const name of changeFields(reply)) {
    const value = reply.values[name] ?? current[name] ?? '';
    const label = (t.fields as Readonly<Record<string, string>>)[name] ?? name;
    const element = name === 'state' ? stateElement(reply, value) : textInput(value, name === 'title' ? { max: TITLE_MAX } : { max: TEXT_MAX, multiline: true });
    // Slack insists on what is always needed; what the mode needs beyond that the core says.
    blocks.push(input(noticeChangeBlockId(name), label, element, !(name === 'title' || name === 'description' || (name === 'text' && reply.mode === 'update'))));
  }
  return {
    type: 'modal',
    callback_id: NOTICE_CALLBACK_IDS.change,
    private_metadata: JSON.stringify(metadata),
    title: plain(t.changeTitle[reply.mode], MODAL_TITLE_MAX),
    submit: plain(t.send, MODAL_TITLE_MAX),
    close: plain(s.cancel, MODAL_TITLE_MAX),
    blocks,
  };
}

export function noticeChangeErrors(reply: ChangeReply): Record<string, string> | undefined {
  return errorsByBlock(reply.errors, changeFields(reply), noticeChangeBlockId, reply.language);
}

/** Publicera on a draft that breaks the rules: a small modal asking the reason, stored with the notice. */
export function noticeReasonModal(metadata: NoticeReasonMetadata): ModalView {
  const t = noticeTexts[metadata.language];
  return {
    type: 'modal',
    callback_id: NOTICE_CALLBACK_IDS.reason,
    private_metadata: JSON.stringify(metadata),
    title: plain(t.publish, MODAL_TITLE_MAX),
    submit: plain(t.publish, MODAL_TITLE_MAX),
    close: plain(slackNoticeTexts[metadata.language].cancel, MODAL_TITLE_MAX),
    blocks: [
      context(escapeMrkdwn(`${t.reference}: ${metadata.noticeId}`), escapeMrkdwn(t.needsReason)),
      input(NOTICE_BLOCK_IDS.reason, t.fields.reason, { type: 'plain_text_input', action_id: ACTION_IDS.input, multiline: true, min_length: 1, max_length: REASON_MAX }),
    ],
  };
}
