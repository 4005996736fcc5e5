import { NOTICE_FORM_FIELDS, noticeFormTexts, noticeTexts, splitWhen, ticketTexts, type NoticeFormField, type Reply } from '../../src/bot/index.js';
import { NOTICE_CHANGE_PREFIX, NOTICE_FIELD_PREFIX, NOTICE_WHEN_INPUTS, type CardActionData } from './action-data.js';
import { formBody, heading, paragraph, submit } from './card-parts.js';
import { adaptiveCard, type AdaptiveCard, type CardElement, type ChoiceSet, type TextInput } from './cards.js';
import { teamsTexts } from './texts.js';

/** Staff's notice forms: a new notice or a draft, and a change to a published one. */

type Of<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

const TITLE_MAX = 200;
const TEXT_MAX = 4_000;

/**
 * A planned outage's start or end: a date picker and a time picker (Swedish time), prefilled from
 * the form's value ("2026-12-06 08:00"). Both are required; the bot reads them together.
 */
function whenInputs(reply: Of<'notice-form'>, edge: 'start' | 'end'): CardElement {
  const w = noticeFormTexts[reply.language];
  const { date, time } = splitWhen(reply.values[edge] ?? '');
  const ids = NOTICE_WHEN_INPUTS[edge];
  const required = (label: string) => ({ isRequired: true, errorMessage: teamsTexts[reply.language].required(label) });
  return {
    type: 'Container',
    items: [
      { type: 'Input.Date', id: `${NOTICE_FIELD_PREFIX}${ids.date}`, label: w.dateLabel(edge), placeholder: w.datePlaceholder, ...required(w.dateLabel(edge)), ...(date ? { value: date } : {}) },
      { type: 'Input.Time', id: `${NOTICE_FIELD_PREFIX}${ids.time}`, label: w.timeLabel(edge), placeholder: w.timePlaceholder, ...required(w.timeLabel(edge)), ...(time ? { value: time } : {}) },
    ],
  };
}

/** The form's inputs: text, one menu of the municipality's systems, and the window for planned outages. */
function noticeFormInput(reply: Of<'notice-form'>, field: NoticeFormField): CardElement {
  if (field === 'start' || field === 'end') return whenInputs(reply, field);
  const t = noticeTexts[reply.language];
  const label = t.fields[field];
  const value = reply.values[field] ?? '';
  // What the notice service refuses a draft without; description and impact may come later.
  const required = field === 'title' || field === 'systems';
  const common = { id: `${NOTICE_FIELD_PREFIX}${field}`, label, ...(required ? { isRequired: true, errorMessage: teamsTexts[reply.language].required(label) } : {}) };
  if (field === 'systems') {
    const known = new Set(reply.systems.map((system) => system.id));
    // Only ids the menu offers are preselected; Teams would show an unknown one as a bare id.
    const selected = value.split(',').map((item) => item.trim()).filter((item) => known.has(item));
    const menu: ChoiceSet = {
      type: 'Input.ChoiceSet',
      ...common,
      style: 'compact',
      isMultiSelect: true,
      choices: reply.systems.map((system) => ({ title: system.name, value: system.id })),
      ...(selected.length > 0 ? { value: selected.join(',') } : {}),
    };
    return menu;
  }
  const multiline = field === 'description' || field === 'impact';
  const input: TextInput = {
    type: 'Input.Text',
    ...common,
    maxLength: multiline ? TEXT_MAX : TITLE_MAX,
    ...(multiline ? { isMultiline: true } : {}),
    ...(value ? { value } : {}),
  };
  return input;
}

/**
 * Staff: a new notice, or a draft being edited: prefilled or as typed, with what the notice
 * service found wrong under each field. "Förhandsgranska" saves the draft and shows the preview;
 * nothing is sent from here.
 */
export function noticeFormCard(reply: Of<'notice-form'>): AdaptiveCard {
  const t = noticeTexts[reply.language];
  // A disruption has no planned window: it is happening now.
  const fields = NOTICE_FORM_FIELDS.filter((field) => reply.noticeKind === 'planned' || (field !== 'start' && field !== 'end'));
  const labels: Readonly<Record<string, string>> = t.fields;
  const data: CardActionData = { verb: 'preview-notice', noticeKind: reply.noticeKind, ...(reply.noticeId ? { noticeId: reply.noticeId } : {}), lang: reply.language };
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${t.formTitle(reply.noticeKind, reply.municipality.name)}. ${t.formIntro}`,
    body: formBody({
      intro: [heading(t.formTitle(reply.noticeKind, reply.municipality.name)), paragraph(t.formIntro, { isSubtle: true })],
      inputs: fields.map((field) => ({ key: field, element: noticeFormInput(reply, field) })),
      errors: reply.errors,
      fixErrors: ticketTexts[reply.language].fixErrors,
      labelOf: (field) => labels[field] ?? field,
    }),
    actions: [submit(t.preview, data, 'positive')],
  });
}

/** The inputs of a change, by mode: what is new (and the next state), or the corrected texts. */
function changeInputs(reply: Of<'notice-change-form'>): Array<{ key: string; element: CardElement }> {
  const t = noticeTexts[reply.language];
  const x = teamsTexts[reply.language];
  const { notice, values } = reply;
  const text = (key: 'text' | 'title' | 'description' | 'impact', options: { required: boolean; multiline: boolean; initial?: string }): { key: string; element: CardElement } => {
    const label = t.fields[key];
    const value = values[key] ?? options.initial ?? '';
    return {
      key,
      element: {
        type: 'Input.Text',
        id: `${NOTICE_CHANGE_PREFIX}${key}`,
        label,
        maxLength: options.multiline ? TEXT_MAX : TITLE_MAX,
        ...(options.multiline ? { isMultiline: true } : {}),
        ...(options.required ? { isRequired: true, errorMessage: x.required(label) } : {}),
        ...(value ? { value } : {}),
      },
    };
  };
  switch (reply.mode) {
    case 'correct':
      return [
        text('title', { required: true, multiline: false, initial: notice.title }),
        text('description', { required: false, multiline: true, initial: notice.description }),
        text('impact', { required: false, multiline: true, initial: notice.impact }),
      ];
    case 'update': {
      const inputs = [text('text', { required: true, multiline: true })];
      if (notice.kind === 'disruption' && reply.states.length > 0) {
        const current = values.state ?? notice.state;
        const menu: ChoiceSet = {
          type: 'Input.ChoiceSet',
          id: `${NOTICE_CHANGE_PREFIX}state`,
          label: t.fields.state,
          style: 'compact',
          choices: reply.states.map((state) => ({ title: state.label, value: state.id })),
          ...(reply.states.some((state) => state.id === current) ? { value: current } : {}),
        };
        inputs.push({ key: 'state', element: menu });
      }
      return inputs;
    }
    // A cancellation says why; a resolution may go out without a word.
    case 'cancel':
      return [text('text', { required: true, multiline: true })];
    case 'resolve':
      return [text('text', { required: false, multiline: true })];
  }
}

/** Staff: what happens next to a published notice (update, correction, cancellation, resolution). */
export function noticeChangeFormCard(reply: Of<'notice-change-form'>): AdaptiveCard {
  const t = noticeTexts[reply.language];
  const { notice } = reply;
  const labels: Readonly<Record<string, string>> = t.fields;
  const title = `${t.changeTitle[reply.mode]}: ${notice.title}`;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${title}. ${t.changeIntro[reply.mode]}`,
    body: formBody({
      intro: [heading(title), paragraph(`${t.kind[notice.kind]} · ${notice.stateLabel} · ${notice.id}`, { isSubtle: true, size: 'small', spacing: 'none' }), paragraph(t.changeIntro[reply.mode])],
      inputs: changeInputs(reply),
      errors: reply.errors,
      fixErrors: ticketTexts[reply.language].fixErrors,
      labelOf: (field) => labels[field] ?? field,
    }),
    actions: [submit(t.send, { verb: 'change-notice', noticeId: notice.id, mode: reply.mode, lang: reply.language }, reply.mode === 'cancel' ? 'destructive' : 'positive')],
  });
}
