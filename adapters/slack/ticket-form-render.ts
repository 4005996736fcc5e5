import type { types } from '@slack/bolt';
import { ticketTexts, type Reply, type TicketFormField } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { ACTION_IDS, CALLBACK_IDS, encodeTicketType, ticketBlockId, type TicketMetadata } from './action-values.js';
import { BUTTON_TEXT_MAX, MODAL_TITLE_MAX, OPTION_TEXT_MAX, OPTIONS_MAX, PLACEHOLDER_MAX, context, plain, section, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { slackTicketTexts } from './ticket-texts.js';

// Filing a ticket in Slack: choosing a type, and the form (a modal, or a message that opens one)
// with the ticket service's field errors. What follows once it is filed is in
// ticket-follow-up-render.ts; the staff's side in ticket-staff-render.ts.

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type FormReply = Extract<Reply, { kind: 'ticket-form' }>;

/** Slack's limits: one field's text (a label or hint), an option's value, an input's length, a modal's blocks. */
const FIELD_TEXT_MAX = 2000;
const OPTION_VALUE_MAX = 150;
const INPUT_MAX = 3000;
const MODAL_BLOCKS_MAX = 100;
/** The ticket service's own limit for a text field (see src/tickets). */
const TEXT_FIELD_MAX = 300;
/** More types than this are offered in a menu rather than as one button each. */
const TYPE_BUTTONS_MAX = 5;

/** The municipality's ticket types: one button each, or a menu when there are many. */
export function ticketTypeChoiceMessage(reply: Extract<Reply, { kind: 'ticket-type-choice' }>): SlackMessage {
  const k = ticketTexts[reply.language];
  const question = k.chooseType(reply.municipality.name);
  if (reply.types.length > TYPE_BUTTONS_MAX) {
    const s = slackTicketTexts[reply.language];
    const option = (type: (typeof reply.types)[number]): types.PlainTextOption => ({ text: plain(type.title, OPTION_TEXT_MAX), value: type.id, description: plain(type.description, OPTION_TEXT_MAX) });
    return {
      text: question,
      blocks: [
        {
          ...section(escapeMrkdwn(question), ticketTypeBlockId(reply.language)),
          accessory: { type: 'static_select', action_id: ACTION_IDS.chooseTicketType, placeholder: plain(s.chooseTypePlaceholder, PLACEHOLDER_MAX), options: reply.types.slice(0, OPTIONS_MAX).map(option) },
        },
      ],
    };
  }
  const blocks: KnownBlock[] = [section(escapeMrkdwn(question))];
  for (const type of reply.types) {
    blocks.push({
      ...section(`*${escapeMrkdwn(type.title)}*\n${escapeMrkdwn(type.description)}`),
      // The button names the type, so a screen reader or a glance at the buttons alone tells them apart.
      accessory: { type: 'button', action_id: ACTION_IDS.chooseTicketType, text: plain(type.title, BUTTON_TEXT_MAX), value: encodeTicketType({ typeId: type.id, language: reply.language }) },
    });
    if (type.deadline) blocks.push(context(escapeMrkdwn(k.deadline(type.deadline))));
  }
  return { text: question, blocks };
}

/** The menu of ticket types carries the message's language in its block id. */
export function ticketTypeBlockId(language: Language): string {
  return `ticket-type:${language}`;
}

function formIntro(reply: FormReply): KnownBlock[] {
  const k = ticketTexts[reply.language];
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(reply.type.title)}* (${escapeMrkdwn(reply.municipality.name)})\n${escapeMrkdwn(reply.type.description)}`)];
  const notes = [...(reply.type.deadline ? [k.deadline(reply.type.deadline)] : []), ...(reply.type.prerequisite ? [k.prerequisite(reply.type.prerequisite)] : [])];
  if (notes.length > 0) blocks.push(context(...notes.map(escapeMrkdwn)));
  if (reply.errors.length > 0) {
    const label = (key: string): string => reply.type.fields.find((field) => field.key === key)?.label ?? key;
    blocks.push(section(`${escapeMrkdwn(k.fixErrors)}\n${reply.errors.map((error) => `• *${escapeMrkdwn(label(error.field))}*: ${escapeMrkdwn(error.message)}`).join('\n')}`));
  }
  return blocks;
}

/** The keys of fields whose values are never put in a button value: personal data. */
function personalKeys(reply: FormReply): Set<string> {
  return new Set(reply.type.fields.filter((field) => field.type === 'personnummer' || field.type === 'phone').map((field) => field.key));
}

/**
 * The form as a message, where no modal can be opened (a DM "ärende" has no trigger, an offer comes
 * with an answer): what the routine asks for, and "Fyll i ärendet", which opens the modal. The
 * button carries what was typed only when there is something to fix (a form that came back too late
 * for the modal): otherwise the bot prefills the modal for whoever presses, so a message in a
 * channel never carries one person's details to another.
 */
export function ticketFormMessage(reply: FormReply): SlackMessage {
  const s = slackTicketTexts[reply.language];
  const values = reply.errors.length > 0 ? reply.values : undefined;
  const value = encodeTicketType({ typeId: reply.type.id, language: reply.language, values }, personalKeys(reply));
  return {
    text: reply.type.title,
    blocks: [...formIntro(reply), { type: 'actions', elements: [{ type: 'button', action_id: ACTION_IDS.openTicketForm, text: plain(s.openForm, BUTTON_TEXT_MAX), style: 'primary', value }] }],
  };
}

/**
 * The ticket modal: one input per field of the type (text, multiline, a date picker, a menu of the
 * choices), prefilled from the reply and from what "Fyll i ärendet" carried, with the field's help
 * as its hint; the deadline and prerequisite above.
 */
export function ticketModal(reply: FormReply, metadata: TicketMetadata, carried: Readonly<Record<string, string>> = {}): ModalView {
  const k = ticketTexts[reply.language];
  const s = slackTicketTexts[reply.language];
  const values: Record<string, string> = { ...reply.values };
  for (const field of reply.type.fields) if (carried[field.key]) values[field.key] = carried[field.key]!;
  const blocks: KnownBlock[] = [...formIntro(reply), context(escapeMrkdwn(k.formIntro))];
  for (const field of reply.type.fields.slice(0, MODAL_BLOCKS_MAX - blocks.length)) {
    blocks.push({
      type: 'input',
      block_id: ticketBlockId(field.key),
      label: plain(field.label, FIELD_TEXT_MAX),
      optional: !field.required,
      ...(field.help ? { hint: plain(field.help, FIELD_TEXT_MAX) } : {}),
      element: fieldElement(field, values[field.key] ?? '', reply.language),
    });
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.ticket,
    private_metadata: JSON.stringify(metadata),
    title: plain(s.modalTitle, MODAL_TITLE_MAX),
    submit: plain(s.send, MODAL_TITLE_MAX),
    close: plain(s.cancel, MODAL_TITLE_MAX),
    blocks,
  };
}

function fieldElement(field: TicketFormField, value: string, language: Language): types.InputBlock['element'] {
  const s = slackTicketTexts[language];
  switch (field.type) {
    case 'date':
    case 'date-not-past':
      // Slack's date picker gives YYYY-MM-DD, the format the ticket service checks.
      return { type: 'datepicker', action_id: ACTION_IDS.input, placeholder: plain(s.datePlaceholder, PLACEHOLDER_MAX), ...(/^\d{4}-\d{2}-\d{2}$/u.test(value) ? { initial_date: value } : {}) };
    case 'choice': {
      // An option longer than a menu value allows would not come back whole: typed instead.
      if (field.options.length === 0 || field.options.length > OPTIONS_MAX || field.options.some((option) => option.length > OPTION_VALUE_MAX)) break;
      const option = (label: string): types.PlainTextOption => ({ text: plain(label, OPTION_TEXT_MAX), value: label });
      const current = field.options.find((label) => label.toLowerCase() === value.trim().toLowerCase());
      return { type: 'static_select', action_id: ACTION_IDS.input, placeholder: plain(s.choosePlaceholder, PLACEHOLDER_MAX), options: field.options.map(option), ...(current ? { initial_option: option(current) } : {}) };
    }
    default:
      break;
  }
  const multiline = field.type === 'multiline';
  const example = (s.examples as Partial<Record<TicketFormField['type'], string>>)[field.type];
  const max = multiline ? INPUT_MAX : field.type === 'text' ? TEXT_FIELD_MAX : 500;
  return {
    type: 'plain_text_input',
    action_id: ACTION_IDS.input,
    ...(multiline ? { multiline: true } : {}),
    max_length: max,
    ...(example ? { placeholder: plain(example, PLACEHOLDER_MAX) } : {}),
    // Slack refuses an empty initial_value; an empty field is simply left out.
    ...(value ? { initial_value: truncate(value, max) } : {}),
  };
}

/**
 * The ticket service's field errors keyed by the modal's block ids, for `response_action: "errors"`
 * (Slack shows each under its field and keeps what was typed). Undefined when there are none.
 */
export function ticketErrors(reply: FormReply): Record<string, string> | undefined {
  if (reply.errors.length === 0) return undefined;
  const first = reply.type.fields[0];
  const errors: Record<string, string> = {};
  for (const error of reply.errors) {
    const field = reply.type.fields.find((candidate) => candidate.key === error.field) ?? first;
    if (!field) continue;
    // An error about no field of the form is shown on the first one, with its name, rather than lost.
    const message = field.key === error.field ? error.message : `${error.field}: ${error.message}`;
    const blockId = ticketBlockId(field.key);
    errors[blockId] = truncate(errors[blockId] ? `${errors[blockId]} ${message}` : message, FIELD_TEXT_MAX);
  }
  return errors;
}
