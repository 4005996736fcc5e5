import { REGISTRATION_FIELDS, registrationTexts, type RegistrationField, type Reply } from '../../src/bot/index.js';
import { REASON_INPUT_ID, REGISTRATION_INPUT_PREFIX } from './action-data.js';
import { formBody, heading, paragraph, submit } from './card-parts.js';
import { adaptiveCard, type AdaptiveCard, type CardElement, type ChoiceSet, type TextInput } from './cards.js';
import { teamsTexts } from './texts.js';

type FormReply = Extract<Reply, { kind: 'registration-form' }>;
type ReviewReply = Extract<Reply, { kind: 'registration-review' }>;

/** Longer than the registry accepts for any field; it says so itself, field by field. */
const FIELD_MAX = 200;
const REASON_MAX = 500;

const INPUT_STYLE: Partial<Record<RegistrationField, TextInput['style']>> = { email: 'email', phone: 'tel' };

/**
 * The application to become IT-contact: the municipality as a menu, the rest as text inputs,
 * prefilled with what is known or was typed, and what the registry found wrong under each field.
 */
export function registrationFormCard(reply: FormReply): AdaptiveCard {
  const r = registrationTexts[reply.language];
  const t = teamsTexts[reply.language];
  const input = (field: RegistrationField): CardElement => {
    const common = { id: `${REGISTRATION_INPUT_PREFIX}${field}`, label: r.fieldLabels[field], isRequired: true, errorMessage: t.required(r.fieldLabels[field]) };
    const value = reply.values[field];
    if (field === 'municipality' && reply.municipalities.length > 0) {
      // The form may carry a name typed elsewhere ("Göteborg"); the menu selects by id.
      const folded = value.trim().toLocaleLowerCase('sv-SE');
      const current = reply.municipalities.find((municipality) => municipality.id === value || municipality.name.toLocaleLowerCase('sv-SE') === folded);
      const menu: ChoiceSet = {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        placeholder: r.fieldHints.municipality,
        choices: reply.municipalities.map((municipality) => ({ title: municipality.name, value: municipality.id })),
        ...(current ? { value: current.id } : {}),
      };
      return menu;
    }
    const style = INPUT_STYLE[field];
    return { type: 'Input.Text', ...common, placeholder: r.fieldHints[field], maxLength: FIELD_MAX, ...(style ? { style } : {}), ...(value ? { value } : {}) };
  };
  const labels: Readonly<Record<string, string>> = r.fieldLabels;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${r.formTitle}. ${r.formIntro}`,
    body: formBody({
      intro: [heading(r.formTitle), paragraph(r.formIntro)],
      inputs: REGISTRATION_FIELDS.map((field) => ({ key: field, element: input(field) })),
      errors: reply.errors,
      fixErrors: r.fixErrors,
      labelOf: (field) => labels[field] ?? field,
    }),
    actions: [submit(r.submit, { verb: 'submit-registration', lang: reply.language }, 'positive')],
  });
}

/**
 * For the municipality's staff: the application, with organisation number and phone masked (the
 * card is posted to a channel others read), Godkänn, and Avslå, which unfolds a required reason
 * that the applicant will read.
 */
export function registrationReviewCard(reply: ReviewReply): AdaptiveCard {
  const r = registrationTexts[reply.language];
  const { request } = reply;
  const decide = (approve: boolean) => ({ verb: 'decide-registration', requestId: request.id, approve, lang: reply.language }) as const;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: r.reviewTitle(request),
    body: [heading(r.reviewTitle(request)), { type: 'FactSet', facts: r.reviewFacts(request).map(([title, value]) => ({ title, value })) }],
    actions: [
      submit(r.approve, decide(true), 'positive'),
      {
        type: 'Action.ShowCard',
        title: r.reject,
        card: {
          type: 'AdaptiveCard',
          body: [{ type: 'Input.Text', id: REASON_INPUT_ID, label: r.rejectReason, isMultiline: true, isRequired: true, maxLength: REASON_MAX, errorMessage: r.reasonRequired }],
          actions: [submit(r.rejectTitle, decide(false), 'destructive')],
        },
      },
    ],
  });
}
