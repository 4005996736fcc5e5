import { textsFor, ticketTexts, type Reply, type TicketFormField } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { NOTE_INPUT_IDS, REPLY_INPUT_ID, TICKET_FIELD_PREFIX } from './action-data.js';
import { formBody, heading, paragraph, sourceFacts, submit } from './card-parts.js';
import { adaptiveCard, type AdaptiveCard, type CardElement, type ShowCardAction, type TextInput } from './cards.js';
import { teamsTexts } from './texts.js';

type Of<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

const TEXT_MAX = 500;
const MULTILINE_MAX = 4_000;
const NOTE_MAX = 2_000;
/** The answer under "Svara"; action-data accepts as much. */
const REPLY_MAX = 4_000;
/** A card stays well under Teams' message size limit (about 28 KB) with this many tickets. */
const LIST_MAX = 25;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

const TEXT_STYLE: Partial<Record<TicketFormField['type'], TextInput['style']>> = { email: 'email', phone: 'tel' };

/** Which kind of ticket: one button per type of the municipality, its description under it. */
export function ticketTypeChoiceCard(reply: Of<'ticket-type-choice'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  return adaptiveCard({
    lang: reply.language,
    fallbackText: t.chooseType(reply.municipality.name),
    body: [
      heading(t.chooseType(reply.municipality.name)),
      ...reply.types.map(
        (type): CardElement => ({
          type: 'Container',
          separator: true,
          spacing: 'medium',
          items: [
            { type: 'ActionSet', actions: [submit(type.title, { verb: 'choose-ticket-type', typeId: type.id, lang: reply.language }, undefined, { tooltip: type.description.slice(0, 200) })] },
            paragraph(type.description, { isSubtle: true, size: 'small', spacing: 'small' }),
            ...(type.deadline ? [paragraph(t.deadline(type.deadline), { color: 'warning', size: 'small', spacing: 'none' })] : []),
          ],
        }),
      ),
    ],
  });
}

/** One form field as the input Teams has for it; the help text is its placeholder. */
function fieldInput(field: TicketFormField, value: string | undefined, language: Language): CardElement {
  const common = {
    id: `${TICKET_FIELD_PREFIX}${field.key}`,
    label: field.label,
    ...(field.required ? { isRequired: true, errorMessage: teamsTexts[language].required(field.label) } : {}),
    ...(field.help ? { placeholder: field.help } : {}),
  };
  switch (field.type) {
    case 'date':
    case 'date-not-past':
      // Input.Date only takes YYYY-MM-DD; anything else typed is left for the user to pick again.
      return { type: 'Input.Date', ...common, ...(value && ISO_DATE.test(value) ? { value } : {}) };
    case 'choice':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: field.options.map((option) => ({ title: option, value: option })),
        ...(value && field.options.includes(value) ? { value } : {}),
      };
    case 'multiline':
      return { type: 'Input.Text', ...common, isMultiline: true, maxLength: MULTILINE_MAX, ...(value ? { value } : {}) };
    default: {
      const style = TEXT_STYLE[field.type];
      return { type: 'Input.Text', ...common, maxLength: TEXT_MAX, ...(style ? { style } : {}), ...(value ? { value } : {}) };
    }
  }
}

/**
 * A ticket type's form: what it is for, the routine's deadline and prerequisite, one input per
 * field (prefilled, or as typed when it comes back), and what is wrong under each field.
 */
export function ticketFormCard(reply: Of<'ticket-form'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  const { type } = reply;
  const intro: CardElement[] = [
    heading(`${type.title} (${reply.municipality.name})`),
    paragraph(type.description, { isSubtle: true }),
    ...(type.deadline ? [paragraph(t.deadline(type.deadline), { color: 'warning', weight: 'bolder' })] : []),
    ...(type.prerequisite ? [paragraph(t.prerequisite(type.prerequisite), { color: 'warning' })] : []),
    paragraph(t.formIntro, { spacing: 'medium' }),
  ];
  const labels = new Map(type.fields.map((field) => [field.key, field.label]));
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${type.title}: ${type.description}`,
    body: formBody({
      intro,
      inputs: type.fields.map((field) => ({ key: field.key, element: fieldInput(field, reply.values[field.key], reply.language) })),
      errors: reply.errors,
      fixErrors: t.fixErrors,
      labelOf: (field) => labels.get(field) ?? field,
    }),
    actions: [submit(t.submit, { verb: 'submit-ticket', typeId: type.id, lang: reply.language }, 'positive')],
  });
}

/** A staff button that unfolds a required note for the requester, sent with the action. */
function withNote(title: string, ticketId: string, action: 'ask' | 'reject', language: Language): ShowCardAction {
  const t = ticketTexts[language];
  return {
    type: 'Action.ShowCard',
    title,
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'Input.Text', id: NOTE_INPUT_IDS[action], label: t.noteLabel, isMultiline: true, isRequired: true, maxLength: NOTE_MAX, errorMessage: teamsTexts[language].noteRequired }],
      actions: [submit(action === 'reject' ? t.reject : teamsTexts[language].send, { verb: 'ticket-action', ticketId, action, lang: language }, action === 'reject' ? 'destructive' : undefined)],
    },
  };
}

/**
 * For the municipality's staff: the ticket with every field and who filed it, and what they can do:
 * take it, ask for more (with a note), resolve it, or reject it (with a note). The requester is
 * told of each by the core.
 */
export function ticketStaffCard(reply: Of<'ticket-staff'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  const x = teamsTexts[reply.language];
  const { ticket } = reply;
  const action = (name: 'take' | 'resolve') => ({ verb: 'ticket-action', ticketId: ticket.id, action: name, lang: reply.language }) as const;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: t.staffTitle(ticket),
    body: [
      heading(t.staffTitle(ticket)),
      ...(ticket.deadline ? [paragraph(t.deadline(ticket.deadline), { color: 'warning', weight: 'bolder' })] : []),
      {
        type: 'FactSet',
        facts: [
          ...reply.fields.map((field) => ({ title: field.label, value: field.value })),
          { title: t.requester, value: reply.requester },
          { title: x.municipality, value: ticket.municipality.name },
          { title: x.status, value: t.status[ticket.status] },
        ],
      },
    ],
    actions: [
      submit(t.take, action('take')),
      withNote(t.ask, ticket.id, 'ask', reply.language),
      submit(t.resolve, action('resolve'), 'positive'),
      withNote(t.reject, ticket.id, 'reject', reply.language),
    ],
  });
}

/**
 * "Svara": unfolds a required answer for staff, sent with the ticket id. The answer goes into the
 * ticket's staff thread through the core, so the requester never needs to know where that is.
 */
function replyButton(ticketId: string, language: Language): ShowCardAction {
  const x = teamsTexts[language];
  return {
    type: 'Action.ShowCard',
    title: ticketTexts[language].replyAction,
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'Input.Text', id: REPLY_INPUT_ID, label: x.replyLabel, isMultiline: true, isRequired: true, maxLength: REPLY_MAX, errorMessage: x.replyRequired }],
      actions: [submit(x.send, { verb: 'reply-ticket', ticketId, lang: language }, 'positive')],
    },
  };
}

/**
 * A message in a ticket's conversation: from staff to the requester (with "Svara" when they may
 * answer), or the requester's answer in the staff thread.
 */
export function ticketMessageCard(reply: Of<'ticket-message'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  const title = reply.from === 'staff' ? t.messageFromStaff(reply.ticket.id, reply.author) : t.messageFromRequester(reply.ticket.id, reply.author);
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${title} ${reply.text}`,
    body: [paragraph(title, { weight: 'bolder' }), paragraph(reply.text)],
    ...(reply.canReply ? { actions: [replyButton(reply.ticket.id, reply.language)] } : {}),
  });
}

/** Staff asked for more: the update, and "Svara" to give it without looking for the thread. */
export function ticketQuestionCard(reply: Of<'ticket-update'>): AdaptiveCard {
  const update = ticketTexts[reply.language].update(reply.ticket, reply.note);
  return adaptiveCard({ lang: reply.language, fallbackText: update, body: [paragraph(update)], actions: [replyButton(reply.ticket.id, reply.language)] });
}

/** After resolution the requester is asked "Blev det löst?" with one-click answers. */
export function ticketRatingCard(reply: Of<'ticket-update'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  const rate = (solved: boolean) => ({ verb: 'rate-ticket', ticketId: reply.ticket.id, solved, lang: reply.language }) as const;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${t.update(reply.ticket, reply.note)} ${t.askRating}`,
    body: [paragraph(t.update(reply.ticket, reply.note)), paragraph(t.askRating, { weight: 'bolder', spacing: 'medium' })],
    actions: [submit(t.solvedYes, rate(true), 'positive'), submit(t.solvedNo, rate(false))],
  });
}

/** "mina ärenden": newest first, with status and when it last changed. */
export function ticketListCard(reply: Of<'ticket-list'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  const x = teamsTexts[reply.language];
  const shown = reply.tickets.slice(0, LIST_MAX);
  return adaptiveCard({
    lang: reply.language,
    fallbackText: t.listTitle,
    body: [
      heading(t.listTitle),
      ...shown.map(
        (ticket): CardElement => ({
          type: 'Container',
          separator: true,
          items: [
            paragraph(`${ticket.id}: ${ticket.title}`, { weight: 'bolder' }),
            paragraph(`${t.status[ticket.status]} · ${ticket.municipality.name} · ${x.updated(ticket.updatedAt.slice(0, 10))}`, { isSubtle: true, size: 'small', spacing: 'none' }),
          ],
        }),
      ),
      ...(reply.tickets.length > shown.length ? [paragraph(x.moreTickets(reply.tickets.length - shown.length), { isSubtle: true })] : []),
    ],
  });
}

/** The municipality wants this handled another way: what to do, the document's link to the place, and the source that says so. */
export function handledElsewhereCard(reply: Of<'handled-elsewhere'>): AdaptiveCard {
  const t = ticketTexts[reply.language];
  return adaptiveCard({
    lang: reply.language,
    fallbackText: reply.text,
    body: [
      heading(t.handledElsewhereTitle),
      paragraph(reply.text),
      ...(reply.link ? [paragraph(t.routineLink(reply.link), { weight: 'bolder', spacing: 'small' })] : []),
      { type: 'Container', separator: true, spacing: 'medium', items: [paragraph(textsFor(reply.language).source, { weight: 'bolder' }), sourceFacts(reply.citation, reply.language)] },
    ],
  });
}
