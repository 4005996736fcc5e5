import { bilingual } from '../../src/knowledge/index.js';

/**
 * The few sentences only Teams cards need, in Swedish and English: the client-side checks of
 * inputs (Teams shows `errorMessage` under an input it refuses to submit) and labels of card parts
 * that plain-text platforms do not have. Everything else comes from the core's texts.
 */
export const teamsTexts = bilingual(
  {
    /** Under an empty required input, before the form is sent. */
    required: (label: string) => `Fyll i ”${label}”.`,
    noteRequired: 'Skriv ett meddelande till den som skickade ärendet.',
    /** The button under a note in a staff card's unfolded part. */
    send: 'Skicka',
    status: 'Status',
    municipality: 'Kommun',
    ticket: 'Ärende',
    updated: (date: string) => `ändrat ${date}`,
    moreTickets: (count: number) => `… och ${count} äldre.`,
    otherErrors: 'Övrigt:',
    /** The input under "Svara", and what Teams shows when it is sent empty. */
    replyLabel: 'Ditt svar',
    replyRequired: 'Skriv ditt svar.',
    /** The toggle next to a system under "mina system". */
    follow: 'Följ',
    unfollow: 'Sluta följa',
    /** Under a list cut short (notices, a delivery report's failures): how many the card leaves out. */
    moreItems: (count: number) => `… och ${count} till.`,
  },
  {
    required: (label: string) => `Fill in “${label}”.`,
    noteRequired: 'Write a message to the person who filed the ticket.',
    send: 'Send',
    status: 'Status',
    municipality: 'Municipality',
    ticket: 'Ticket',
    updated: (date: string) => `changed ${date}`,
    moreTickets: (count: number) => `… and ${count} older ones.`,
    otherErrors: 'Other:',
    replyLabel: 'Your answer',
    replyRequired: 'Write your answer.',
    follow: 'Follow',
    unfollow: 'Unfollow',
    moreItems: (count: number) => `… and ${count} more.`,
  },
);
