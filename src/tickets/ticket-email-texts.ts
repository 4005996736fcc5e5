import { bilingual } from '../knowledge/index.js';

/**
 * The fixed parts of a ticket's email to a support mailbox, in the staff language (STAFF_LANGUAGE).
 * The ticket's own values, and the routine's subject line, stay as filed and written.
 */
export const ticketEmailTexts = bilingual(
  {
    submittedBy: 'Inskickat av',
    submittedAt: 'Inskickat',
    deadline: 'Tidsgräns enligt rutinen',
    accordingTo: 'Enligt',
    replyGoesToChat: (requester: string) => `Svara på det här mejlet: svaret förs in i ärendet och når ${requester} i chatten.`,
    statusWords: 'Skriv Löst, Pågår eller Komplettering först i svaret (eller i ämnesraden) för att ändra ärendets status.',
    replyGoesToRequester: (requester: string) => `Svara på det här mejlet för att svara ${requester} direkt.`,
    noReply: 'Det här mejlet går inte att svara på. Ärendet följs upp i kommunens personalkanal i itkontakt.',
  },
  {
    submittedBy: 'Submitted by',
    submittedAt: 'Submitted',
    deadline: 'Deadline under the routine',
    accordingTo: 'According to',
    replyGoesToChat: (requester: string) => `Reply to this email: the reply is added to the ticket and reaches ${requester} in the chat.`,
    // The words statusOfReply reads (src/bot/email-reply.ts) in English.
    statusWords: "Write Resolved, In progress or More information needed first in your reply (or in the subject line) to change the ticket's status.",
    replyGoesToRequester: (requester: string) => `Reply to this email to answer ${requester} directly.`,
    noReply: "This email cannot be replied to. The ticket is followed up in the municipality's staff channel in itkontakt.",
  },
);
