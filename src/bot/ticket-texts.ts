import { bilingual } from '../knowledge/index.js';
import type { TicketRefusal } from '../tickets/index.js';
import type { TicketSummary } from './reply.js';

const STATUS = {
  sv: { new: 'Ny', 'in-progress': 'Pågår', 'waiting-for-requester': 'Väntar på svar från dig', resolved: 'Löst', rejected: 'Avvisad' },
  en: { new: 'New', 'in-progress': 'In progress', 'waiting-for-requester': 'Waiting for your reply', resolved: 'Resolved', rejected: 'Rejected' },
} as const;

/** A link as the routine writes it: its text, and its address where the document gives one. */
export function linkText(link: { readonly text: string; readonly url?: string | undefined }): string {
  return link.url ? `${link.text} (${link.url})` : `"${link.text}"`;
}

/** The sentences of tickets, in Swedish and English, for every adapter. */
export const ticketTexts = bilingual(
  {
    status: STATUS.sv,
    chooseType: (municipality: string) => `Vilket slags ärende gäller det? (${municipality})`,
    noTypes: (municipality: string) => `${municipality} tar inte emot ärenden genom boten. Fråga mig hur kommunen vill att du gör, t.ex. "Hur beställer vi behörighet?".`,
    formIntro: 'Fyll i det rutinen kräver. Det du redan angett är ifyllt.',
    deadline: (text: string) => `Tidsgräns enligt rutinen: ${text}`,
    prerequisite: (text: string) => `Innan du skickar: ${text}`,
    fixErrors: 'Rätta det som är markerat och skicka igen:',
    submit: 'Skicka ärendet',
    filed: (ticket: TicketSummary) => `Ärende ${ticket.id} (${ticket.title}) är registrerat och skickat till ${ticket.municipality.name}. Du får besked här när något händer. Skriv "mina ärenden" för att se dina ärenden.`,
    staffTitle: (ticket: TicketSummary) => `Nytt ärende ${ticket.id}: ${ticket.title}`,
    requester: 'Inskickat av',
    take: 'Ta ärendet',
    ask: 'Begär komplettering',
    resolve: 'Markera som löst',
    reject: 'Avvisa',
    noteLabel: 'Meddelande till den som skickade ärendet',
    update: (ticket: TicketSummary, note: string | null) => `Ärende ${ticket.id} (${ticket.title}): ${STATUS.sv[ticket.status]}.${note ? ` Meddelande: ${note}` : ''}`,
    askRating: 'Blev det löst?',
    solvedYes: 'Ja, löst',
    solvedNo: 'Nej, inte löst',
    actionRecorded: (ticket: TicketSummary, notified: boolean) => `${ticket.id}: ${STATUS.sv[ticket.status]}. ${notified ? 'Den som skickade ärendet har fått besked.' : 'Den som skickade ärendet kunde inte nås i chatten.'}`,
    rated: (solved: boolean) => (solved ? 'Tack! Skönt att det blev löst.' : 'Tack för att du sa till. Kommunens support har fått veta att det inte blev löst.'),
    listTitle: 'Dina ärenden',
    listEmpty: 'Du har inga ärenden. Skriv "ärende" för att skapa ett.',
    onlyRegistered: 'Bara registrerade IT-kontaktpersoner kan skapa ärenden. Skriv "registrera" för att ansöka.',
    handledElsewhereTitle: 'Så vill kommunen att du gör',
    routineLink: (link: { readonly text: string; readonly url?: string | undefined }) => `Länk i rutinen: ${linkText(link)}`,
    messageFromStaff: (ticketId: string, author: string) => `Svar i ärende ${ticketId} från ${author}:`,
    messageFromRequester: (ticketId: string, author: string) => `${author} svarar i ärende ${ticketId}:`,
    replyAction: 'Svara',
    replyHint: (ticketId: string) => `Svara med knappen, eller skriv "svara ${ticketId} <ditt svar>".`,
    messageSent: (ticketId: string, delivered: boolean) => (delivered ? `Ditt svar i ärende ${ticketId} har gått till kommunens support.` : `Ditt svar i ärende ${ticketId} är sparat, men kommunens support kunde inte nås i chatten just nu.`),
    requesterUnreachable: (ticketId: string) => `Den som skickade ${ticketId} kunde inte nås i chatten; svaret är sparat i ärendet.`,
    notSolvedNote: 'Den som skickade ärendet svarade att det inte blev löst.',
    refusal: (reason: TicketRefusal): string => {
      switch (reason.kind) {
        case 'unknown-municipality':
          return `Okänd kommun "${reason.municipality}".`;
        case 'unknown-type':
          return `Okänd ärendetyp "${reason.typeId}".`;
        case 'not-allowed-to-file':
          return reason.type ? `Bara registrerade IT-kontaktpersoner i ${reason.municipality} får skicka "${reason.type.sv}". Skriv "registrera" för att ansöka.` : 'Bara registrerade användare kan skapa ärenden. Skriv "registrera" för att ansöka.';
        case 'fields-invalid':
          return 'Ärendet behöver rättas innan det skickas.';
        case 'not-found':
          return `Inget ärende med id ${reason.ticketId}.`;
        case 'only-requester-rates':
          return 'Bara den som skickade ärendet kan svara på om det blev löst.';
        case 'not-resolved':
          return 'Ärendet är inte markerat som löst än.';
        case 'empty-message':
          return 'Skriv ett meddelande.';
        case 'closed':
          return `Ärende ${reason.ticketId} är avslutat. Skapa ett nytt ärende om något återstår.`;
        case 'no-access':
          return `Du har inte behörighet att se ärenden i ${reason.municipality}.`;
        case 'only-staff-change-status':
          return 'Bara kommunens personal kan ändra status på ärenden.';
        case 'note-required':
          return 'Skriv vad som saknas eller varför ärendet avvisas; den som skickade ärendet får se det.';
        case 'ordered-elsewhere':
          return `"${reason.type.sv}" beställs inte via boten: ${reason.note.answer.sv}${reason.note.link ? ` Länk i rutinen: ${linkText(reason.note.link)}.` : ''}`;
        case 'no-destination':
          return `Boten kan inte skicka "${reason.type.sv}": ${reason.municipalityName}s rutin anger ingen mottagare för den, så ärendet skulle inte nå någon. Rutinen säger: "${reason.quote}" Fråga kommunen var beställningen ska göras; när kommunen har angett en adress tar boten emot den.`;
      }
    },
  },
  {
    status: STATUS.en,
    chooseType: (municipality: string) => `What kind of ticket is it? (${municipality})`,
    noTypes: (municipality: string) => `${municipality} does not take tickets through the bot. Ask me how the municipality wants it done, e.g. "How do we order access?".`,
    formIntro: 'Fill in what the routine requires. What you have already given is filled in.',
    deadline: (text: string) => `Deadline in the routine: ${text}`,
    prerequisite: (text: string) => `Before you send: ${text}`,
    fixErrors: 'Fix what is marked and send again:',
    submit: 'Send ticket',
    filed: (ticket: TicketSummary) => `Ticket ${ticket.id} (${ticket.title}) is registered and sent to ${ticket.municipality.name}. You will hear here when something happens. Type "my tickets" to see your tickets.`,
    staffTitle: (ticket: TicketSummary) => `New ticket ${ticket.id}: ${ticket.title}`,
    requester: 'Filed by',
    take: 'Take it',
    ask: 'Ask for more',
    resolve: 'Mark as resolved',
    reject: 'Reject',
    noteLabel: 'Message to the person who filed it',
    update: (ticket: TicketSummary, note: string | null) => `Ticket ${ticket.id} (${ticket.title}): ${STATUS.en[ticket.status]}.${note ? ` Message: ${note}` : ''}`,
    askRating: 'Was it solved?',
    solvedYes: 'Yes, solved',
    solvedNo: 'No, not solved',
    actionRecorded: (ticket: TicketSummary, notified: boolean) => `${ticket.id}: ${STATUS.en[ticket.status]}. ${notified ? 'The person who filed it has been told.' : 'The person who filed it could not be reached in chat.'}`,
    rated: (solved: boolean) => (solved ? 'Thanks! Glad it was solved.' : 'Thanks for telling us. The municipality’s support has been told it was not solved.'),
    listTitle: 'Your tickets',
    listEmpty: 'You have no tickets. Type "ticket" to create one.',
    onlyRegistered: 'Only registered IT contacts can create tickets. Type "register" to apply.',
    handledElsewhereTitle: 'How the municipality wants this done',
    routineLink: (link: { readonly text: string; readonly url?: string | undefined }) => `Link in the routine: ${linkText(link)}`,
    messageFromStaff: (ticketId: string, author: string) => `Reply on ticket ${ticketId} from ${author}:`,
    messageFromRequester: (ticketId: string, author: string) => `${author} answers on ticket ${ticketId}:`,
    replyAction: 'Reply',
    replyHint: (ticketId: string) => `Reply with the button, or type "reply ${ticketId} <your answer>".`,
    messageSent: (ticketId: string, delivered: boolean) => (delivered ? `Your answer on ticket ${ticketId} went to the municipality's support.` : `Your answer on ticket ${ticketId} is saved, but the municipality's support could not be reached in chat right now.`),
    requesterUnreachable: (ticketId: string) => `The person who filed ${ticketId} could not be reached in chat; the answer is saved with the ticket.`,
    notSolvedNote: 'The person who filed the ticket answered that it was not solved.',
    refusal: (reason: TicketRefusal): string => {
      switch (reason.kind) {
        case 'unknown-municipality':
          return `Unknown municipality "${reason.municipality}".`;
        case 'unknown-type':
          return `Unknown ticket type "${reason.typeId}".`;
        case 'not-allowed-to-file':
          return reason.type ? `Only registered IT contacts in ${reason.municipality} may send "${reason.type.en}". Type "register" to apply.` : 'Only registered users can create tickets. Type "register" to apply.';
        case 'fields-invalid':
          return 'The ticket needs fixing before it is sent.';
        case 'not-found':
          return `No ticket with id ${reason.ticketId}.`;
        case 'only-requester-rates':
          return 'Only the person who filed the ticket can say whether it was solved.';
        case 'not-resolved':
          return 'The ticket is not marked as resolved yet.';
        case 'empty-message':
          return 'Write a message.';
        case 'closed':
          return `Ticket ${reason.ticketId} is closed. Create a new ticket if something remains.`;
        case 'no-access':
          return `You may not see tickets in ${reason.municipality}.`;
        case 'only-staff-change-status':
          return 'Only the municipality’s staff can change the status of tickets.';
        case 'note-required':
          return 'Write what is missing or why the ticket is rejected; the person who filed it will see it.';
        case 'ordered-elsewhere':
          return `"${reason.type.en}" is not ordered through the bot: ${reason.note.answer.en}${reason.note.link ? ` Link in the routine: ${linkText(reason.note.link)}.` : ''}`;
        case 'no-destination':
          return `The bot cannot send "${reason.type.en}": ${reason.municipalityName}'s routine names no recipient for it, so the ticket would reach no one. The routine says (in Swedish): "${reason.quote}" Ask the municipality where to place the order; once the municipality has given an address, the bot takes it.`;
      }
    },
  },
);
