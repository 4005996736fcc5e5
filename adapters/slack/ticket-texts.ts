import type { TicketFormField } from '../../src/bot/index.js';
import { bilingual } from '../../src/knowledge/index.js';

type FieldType = TicketFormField['type'];

/**
 * The few labels only Slack needs for tickets: a modal's title and buttons (at most 24 characters),
 * a menu's placeholder, the button that opens a form sent as a message, and examples shown in empty
 * fields. Every sentence the bot says about tickets comes from the core's ticketTexts.
 */
export const slackTicketTexts = bilingual(
  {
    modalTitle: 'Nytt ärende',
    cancel: 'Avbryt',
    send: 'Skicka',
    openForm: 'Fyll i ärendet',
    chooseTypePlaceholder: 'Välj ärendetyp',
    choosePlaceholder: 'Välj',
    datePlaceholder: 'Välj datum',
    noteRequired: 'Skriv ett meddelande till den som skickade ärendet; hen får se det.',
    replyTitle: 'Svara i ärendet',
    replyLabel: 'Ditt svar till kommunens support',
    replyRequired: 'Skriv ditt svar.',
    status: (label: string) => `Status: ${label}`,
    by: (who: string) => `av ${who}`,
    homeNone: 'Du har inga öppna ärenden.',
    examples: {
      personnummer: 'ÅÅÅÅMMDD-NNNN',
      'hsa-id': 'SE2321000016-1003',
      email: 'namn@utforare.se',
      phone: '070-123 45 67',
      'ipv4-public': '81.2.3.4',
    } satisfies Partial<Record<FieldType, string>>,
  },
  {
    modalTitle: 'New ticket',
    cancel: 'Cancel',
    send: 'Send',
    openForm: 'Fill in the ticket',
    chooseTypePlaceholder: 'Choose ticket type',
    choosePlaceholder: 'Choose',
    datePlaceholder: 'Choose a date',
    noteRequired: 'Write a message to the person who filed the ticket; they will see it.',
    replyTitle: 'Answer on the ticket',
    replyLabel: "Your answer to the municipality's support",
    replyRequired: 'Write your answer.',
    status: (label: string) => `Status: ${label}`,
    by: (who: string) => `by ${who}`,
    homeNone: 'You have no open tickets.',
    examples: {
      personnummer: 'YYYYMMDD-NNNN',
      'hsa-id': 'SE2321000016-1003',
      email: 'name@provider.se',
      phone: '070-123 45 67',
      'ipv4-public': '81.2.3.4',
    } satisfies Partial<Record<FieldType, string>>,
  },
);
