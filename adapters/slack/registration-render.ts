import type { types } from '@slack/bolt';
import { REGISTRATION_FIELDS, registrationTexts, type MunicipalityChoice, type RegistrationField, type RegistrationSummary, type Reply } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import {
  ACTION_IDS,
  BLOCK_IDS,
  CALLBACK_IDS,
  encodeOpenRegistration,
  registrationBlockId,
  type DecisionValue,
  type RegistrationMetadata,
  type RegistrationValues,
  type RejectMetadata,
} from './action-values.js';
import { BUTTON_TEXT_MAX, MODAL_TITLE_MAX, OPTION_TEXT_MAX, OPTIONS_MAX, PLACEHOLDER_MAX, context, header, mrkdwn, plain, section, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type FormReply = Extract<Reply, { kind: 'registration-form' }>;

/** What a person may type in one field; the registry's own limits are lower or equal. */
const FIELD_MAX = 200;
const REASON_MAX = 500;
/** Slack's limit for a section's fields, and for one field's text. */
const FIELD_TEXT_MAX = 2000;

/** The button that opens the registration modal (a modal needs a button press: Slack's trigger_id). */
export function openRegistrationButton(language: Language, text: string, values?: RegistrationValues): types.Button {
  return { type: 'button', action_id: ACTION_IDS.openRegistration, text: plain(text, BUTTON_TEXT_MAX), style: 'primary', value: encodeOpenRegistration({ language, values }) };
}

/**
 * The form as a message, where no modal can be opened (a DM "registrera", a message sent outside a
 * turn): what it is for, what to fix, and "Fyll i ansökan", which opens the modal with these values.
 */
export function registrationFormMessage(reply: FormReply): SlackMessage {
  const r = registrationTexts[reply.language];
  const blocks: KnownBlock[] = [header(r.formTitle), section(escapeMrkdwn(r.formIntro))];
  if (reply.errors.length > 0) {
    const lines = reply.errors.map((error) => `• *${escapeMrkdwn(fieldLabel(reply.language, error.field))}*: ${escapeMrkdwn(error.message)}`);
    blocks.push(section(`${escapeMrkdwn(r.fixErrors)}\n${lines.join('\n')}`));
  }
  blocks.push({ type: 'actions', elements: [openRegistrationButton(reply.language, r.openForm, reply.values)] });
  return { text: r.formTitle, blocks };
}

/**
 * The registration modal: one input per field, prefilled from the reply (and from what a "Fyll i
 * ansökan" button carried), the municipality as a menu of the known municipalities.
 */
export function registrationModal(reply: FormReply, metadata: RegistrationMetadata, carried: RegistrationValues = {}): ModalView {
  const r = registrationTexts[reply.language];
  const values: Record<RegistrationField, string> = { ...reply.values };
  for (const field of REGISTRATION_FIELDS) if (carried[field]) values[field] = carried[field];
  const blocks: KnownBlock[] = [section(escapeMrkdwn(r.formIntro))];
  for (const field of REGISTRATION_FIELDS) {
    blocks.push({
      type: 'input',
      block_id: registrationBlockId(field),
      label: plain(r.fieldLabels[field], FIELD_TEXT_MAX),
      element: field === 'municipality' && reply.municipalities.length <= OPTIONS_MAX ? municipalitySelect(reply, values.municipality) : textInput(r.fieldHints[field], values[field]),
    });
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.registration,
    private_metadata: JSON.stringify(metadata),
    title: plain(r.formTitleShort, MODAL_TITLE_MAX),
    submit: plain(r.submit, MODAL_TITLE_MAX),
    close: plain(r.cancel, MODAL_TITLE_MAX),
    blocks,
  };
}

function textInput(hint: string, value: string): types.PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: ACTION_IDS.input,
    placeholder: plain(hint, PLACEHOLDER_MAX),
    max_length: FIELD_MAX,
    // Slack refuses an empty initial_value; an empty field is simply left out.
    ...(value ? { initial_value: truncate(value, FIELD_MAX) } : {}),
  };
}

function municipalitySelect(reply: FormReply, value: string): types.StaticSelect {
  const option = (municipality: MunicipalityChoice): types.PlainTextOption => ({ text: plain(municipality.name, OPTION_TEXT_MAX), value: municipality.id });
  const current = reply.municipalities.find((municipality) => municipality.id === value);
  return {
    type: 'static_select',
    action_id: ACTION_IDS.input,
    placeholder: plain(registrationTexts[reply.language].fieldHints.municipality, PLACEHOLDER_MAX),
    options: reply.municipalities.map(option),
    ...(current ? { initial_option: option(current) } : {}),
  };
}

/**
 * The registry's field errors keyed by the modal's block ids, for `response_action: "errors"`
 * (Slack shows each under its field and keeps what was typed). Undefined when there are none.
 */
export function registrationErrors(reply: FormReply): Record<string, string> | undefined {
  if (reply.errors.length === 0) return undefined;
  const errors: Record<string, string> = {};
  for (const error of reply.errors) {
    const field = REGISTRATION_FIELDS.find((candidate) => candidate === error.field);
    // An error about no single field is shown on the first one, with its name, rather than lost.
    const blockId = registrationBlockId(field ?? REGISTRATION_FIELDS[0]);
    const message = field ? error.message : `${error.field}: ${error.message}`;
    errors[blockId] = errors[blockId] ? `${errors[blockId]} ${message}` : message;
  }
  return errors;
}

function fieldLabel(language: Language, field: string): string {
  const labels: Readonly<Record<string, string>> = registrationTexts[language].fieldLabels;
  return labels[field] ?? field;
}

function reviewFacts(language: Language, request: RegistrationSummary): types.SectionBlock {
  const facts = registrationTexts[language].reviewFacts(request);
  return { type: 'section', fields: facts.slice(0, 10).map(([label, value]) => mrkdwn(truncate(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, FIELD_TEXT_MAX))) };
}

/** An application for the municipality's staff: the facts (phone and organisation number masked), Godkänn and Avslå. */
export function reviewMessage(reply: Extract<Reply, { kind: 'registration-review' }>): SlackMessage {
  const r = registrationTexts[reply.language];
  const value = (decision: DecisionValue['decision']): string => JSON.stringify({ requestId: reply.request.id, decision, language: reply.language } satisfies DecisionValue);
  return {
    text: r.reviewTitle(reply.request),
    blocks: [
      header(r.reviewTitle(reply.request)),
      reviewFacts(reply.language, reply.request),
      {
        type: 'actions',
        block_id: BLOCK_IDS.registrationDecision,
        elements: [
          { type: 'button', action_id: ACTION_IDS.approveRegistration, text: plain(r.approve, BUTTON_TEXT_MAX), style: 'primary', value: value('approve') },
          { type: 'button', action_id: ACTION_IDS.rejectRegistration, text: plain(r.reject, BUTTON_TEXT_MAX), style: 'danger', value: value('reject') },
        ],
      },
    ],
  };
}

/** The application once decided: the same facts, and the decision where the buttons were (so nobody decides twice). */
export function reviewDecidedMessage(reply: Extract<Reply, { kind: 'registration-decision-recorded' }>): SlackMessage {
  const r = registrationTexts[reply.language];
  const recorded = r.decisionRecorded(reply.request, reply.approved, reply.applicantNotified);
  return {
    text: recorded,
    blocks: [header(r.reviewTitle(reply.request)), reviewFacts(reply.language, reply.request), { ...context(escapeMrkdwn(recorded)), block_id: BLOCK_IDS.registrationDecision }],
  };
}

/** Avslå: a small modal asking the reason, which the applicant is shown. */
export function rejectModal(metadata: RejectMetadata): ModalView {
  const r = registrationTexts[metadata.language];
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.rejectReason,
    private_metadata: JSON.stringify(metadata),
    title: plain(r.rejectTitle, MODAL_TITLE_MAX),
    submit: plain(r.reject, MODAL_TITLE_MAX),
    close: plain(r.cancel, MODAL_TITLE_MAX),
    blocks: [
      context(escapeMrkdwn(metadata.requestId)),
      {
        type: 'input',
        block_id: BLOCK_IDS.rejectReason,
        label: plain(r.rejectReason, FIELD_TEXT_MAX),
        element: { type: 'plain_text_input', action_id: ACTION_IDS.input, multiline: true, min_length: 1, max_length: REASON_MAX },
      },
    ],
  };
}
