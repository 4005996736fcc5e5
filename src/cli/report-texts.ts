import { bilingual } from '../knowledge/index.js';

// What the commands print when they succeed, in the command line's language (texts.ts has its help,
// usage lines and the errors of a call): lists and their column headings, confirmations, reports,
// kb check's summary. The data inside (ids, names, what staff wrote, the knowledge base's titles
// where it has no English) is printed as it is. Like texts.ts, this imports nothing at run time but
// `bilingual`.

type TicketStatusWord = 'new' | 'in-progress' | 'waiting-for-requester' | 'resolved' | 'rejected';
type TicketRoutingWord = 'routed' | 'ordered-elsewhere' | 'no-destination';
type TicketDeliveryChannel = 'email' | 'staff-channel' | 'requester';
type DeliveryStatus = 'pending' | 'sent' | 'failed';
type NoticeChannel = 'chat' | 'email' | 'sms';
type NoticeNoteKind = 'assumption' | 'no-destination' | 'ordered-elsewhere';

/** One channel's line of a delivery report. */
interface ChannelCounts {
  readonly sent: number;
  readonly pending: number;
  readonly failed: number;
  readonly withdrawn: number;
}

export const reportTexts = bilingual(
  {
    /** How what a command queued leaves: the server sends it, or will when it starts. */
    sending: (serverRuns: boolean) => (serverRuns ? 'skickas av servern' : 'skickas när servern startar (npm start)'),
    tickets: {
      /** As staff read a ticket's status (the bot's own words address the requester). */
      status: { new: 'Ny', 'in-progress': 'Pågår', 'waiting-for-requester': 'Väntar på svar från beställaren', resolved: 'Löst', rejected: 'Avvisad' } as Record<TicketStatusWord, string>,
      noTypes: (municipality: string) => `${municipality} har inga ärendetyper i kunskapsbasen.`,
      onlyContacts: ' (bara IT-kontakter)',
      routing: {
        routed: '',
        'ordered-elsewhere': ' – beställs på annat ställe enligt rutinen; boten tar inte emot den',
        'no-destination': ' – rutinen anger ingen mottagare; boten vägrar den',
      } as Record<TicketRoutingWord, string>,
      optional: ', valfritt',
      filed: (id: string, delivery: string) => `Ärende ${id} skapat. ${delivery}`,
      sent: (sent: number) => `Skickat (${sent}).`,
      /** Messages waiting in the outbox, and who sends them (`sending`). */
      waiting: (waiting: number, sending: string) => `${waiting === 1 ? 'ett meddelande' : `${waiting} meddelanden`} i utkorgen, som ${sending}.`,
      sentAndWaiting: (sent: number, waiting: string) => `Skickat (${sent}); ${waiting}`,
      onlyWaiting: (waiting: string) => `Det ligger ${waiting}`,
      none: 'Inga ärenden.',
      channel: { email: 'e-post', 'staff-channel': 'personalkanal', requester: 'beställaren' } as Record<TicketDeliveryChannel, string>,
      delivery: { pending: 'väntar', sent: 'skickat', failed: 'misslyckades' } as Record<DeliveryStatus, string>,
    },
    notices: {
      draft: 'Utkast',
      kindShort: { planned: 'planerat', disruption: 'störning' },
      kindLong: { planned: 'planerat driftstopp', disruption: 'driftstörning' },
      noneQueued: (id: string) => `Inga nya meddelanden köade: ingen aktiv IT-kontakt eller driftkanal i kommunen följer de berörda systemen, eller så bär meddelanden som ännu väntar redan ändringen. Se: itkontakt notices report ${id}`,
      queued: (count: number, sending: string, id: string) => `${count} meddelanden köade, som ${sending}. Följ leveransen med: itkontakt notices report ${id}`,
      none: 'Ingen driftinformation.',
      status: 'Status',
      window: 'Fönster',
      systems: 'System',
      description: 'Beskrivning',
      impact: 'Påverkan',
      exception: 'Undantag från reglerna',
      createdBy: (who: string) => `Skapad av ${who}`,
      published: (when: string) => `, publicerad ${when}`,
      notPublished: ', inte publicerad',
      updates: 'Uppdateringar:',
      reportTitle: (id: string, total: number, complete: boolean) => `Leverans av ${id}: ${total} meddelanden${complete ? ', inget väntar' : ''}.`,
      channel: { chat: 'Chatt', email: 'E-post', sms: 'SMS' } as Record<NoticeChannel, string>,
      counts: (line: ChannelCounts) => `${line.sent} skickade, ${line.pending} väntar, ${line.failed} misslyckade${line.withdrawn ? `, ${line.withdrawn} stoppade` : ''}`,
      failures: 'Misslyckade:',
    },
    registry: {
      contactHeader: ['id', 'kommun', 'utförare', 'organisationsnummer', 'namn', 'e-post', 'telefon', 'roll', 'status'],
      active: 'aktiv',
      inactive: 'inaktiv',
      noContacts: 'Inga kontakter registrerade.',
      change: { created: 'Tillagd', updated: 'Uppdaterad', unchanged: 'Oförändrad' },
      exported: (count: number, file: string) => `${count} kontakter skrivna till ${file}.`,
      languageSet: (who: string, language: 'sv' | 'en') => `Språk: ${who}: ${language === 'en' ? 'engelska' : 'svenska'}`,
      deactivated: (who: string) => `Avaktiverad: ${who}`,
      staffAdded: (who: string, municipality: string | null) => `Tillagd: ${who} (${municipality === null ? 'administratör' : `personal, ${municipality}`})`,
      staffRemoved: (who: string) => `Borttagen: ${who}`,
      noStaff: 'Ingen personal registrerad. Lägg till med itkontakt staff add.',
      noRegistrations: 'Inga ansökningar.',
      decided: (approved: boolean, id: string, contact: string | null) => `${approved ? 'Godkänd' : 'Avslagen'}: ${id}${contact ? ` → kontakt ${contact}` : ''}`,
      noAudit: 'Inga händelser.',
    },
    db: {
      upToDate: 'Databasen är redan uppdaterad.',
      ran: (migration: string) => `Körde ${migration}`,
      remains: 'återstår',
      copyHeader: ['slag', 'läst', 'kopierat'],
    },
    kb: {
      ok: (records: number, municipalities: number, systems: number, glossary: number) => `Kunskapsbasen är OK: ${records} poster i ${municipalities} kommuner, ${systems} system, ${glossary} ordlisteposter.`,
      records: 'poster',
      notes: {
        assumption: 'Antaganden (vägar som källan inte anger; kommunen bekräftar eller rättar dem före driftstart):',
        'no-destination': 'Utan mottagare (rutinen anger ingen; boten vägrar ärendet när det skickas in):',
        'ordered-elsewhere': 'Beställs på annat ställe (boten visar vägen dit och tar inte emot ärendet):',
      } as Record<NoticeNoteKind, string>,
      noGaps: 'Inga obesvarade frågor eller svar som inte hjälpte.',
      /** Padded to one width, so the subjects line up. */
      gapKind: { unanswered: 'utan svar   ', 'not-helpful': 'hjälpte inte' },
      terms: (terms: string) => `sökord: ${terms}`,
      example: (question: string) => `t.ex. "${question}"`,
      chose: (choices: string) => `valde: ${choices}`,
      noneOfThese: 'inget av dessa',
    },
  },
  {
    sending: (serverRuns: boolean) => (serverRuns ? 'the server sends' : 'will be sent when the server starts (npm start)'),
    tickets: {
      status: { new: 'New', 'in-progress': 'In progress', 'waiting-for-requester': 'Waiting for the requester', resolved: 'Resolved', rejected: 'Rejected' },
      noTypes: (municipality: string) => `${municipality} has no ticket types in the knowledge base.`,
      onlyContacts: ' (IT-contacts only)',
      routing: {
        routed: '',
        'ordered-elsewhere': ' – ordered elsewhere by the routine; the bot does not take it',
        'no-destination': ' – the routine names no recipient; the bot refuses it',
      },
      optional: ', optional',
      filed: (id: string, delivery: string) => `Ticket ${id} filed. ${delivery}`,
      sent: (sent: number) => `Sent (${sent}).`,
      waiting: (waiting: number, sending: string) => `${waiting === 1 ? 'one message' : `${waiting} messages`} in the outbox, which ${sending}.`,
      sentAndWaiting: (sent: number, waiting: string) => `Sent (${sent}); ${waiting}`,
      onlyWaiting: (waiting: string) => `There ${waiting.startsWith('one ') ? 'is' : 'are'} ${waiting}`,
      none: 'No tickets.',
      channel: { email: 'email', 'staff-channel': 'staff channel', requester: 'requester' },
      delivery: { pending: 'waiting', sent: 'sent', failed: 'failed' },
    },
    notices: {
      draft: 'Draft',
      kindShort: { planned: 'planned', disruption: 'disruption' },
      kindLong: { planned: 'planned outage', disruption: 'disruption' },
      noneQueued: (id: string) => `No new messages queued: no active IT-contact or staff channel in the municipality follows the systems concerned, or the messages still waiting already carry the change. See: itkontakt notices report ${id}`,
      queued: (count: number, sending: string, id: string) => `${count} ${count === 1 ? 'message' : 'messages'} queued, which ${sending}. Follow the delivery with: itkontakt notices report ${id}`,
      none: 'No notices.',
      status: 'Status',
      window: 'Window',
      systems: 'Systems',
      description: 'Description',
      impact: 'Impact',
      exception: 'Exception from the rules',
      createdBy: (who: string) => `Created by ${who}`,
      published: (when: string) => `, published ${when}`,
      notPublished: ', not published',
      updates: 'Updates:',
      reportTitle: (id: string, total: number, complete: boolean) => `Delivery of ${id}: ${total} ${total === 1 ? 'message' : 'messages'}${complete ? ', none waiting' : ''}.`,
      channel: { chat: 'Chat', email: 'Email', sms: 'SMS' },
      counts: (line: ChannelCounts) => `${line.sent} sent, ${line.pending} waiting, ${line.failed} failed${line.withdrawn ? `, ${line.withdrawn} stopped` : ''}`,
      failures: 'Failed:',
    },
    registry: {
      contactHeader: ['id', 'municipality', 'provider', 'organisation number', 'name', 'email', 'phone', 'role', 'status'],
      active: 'active',
      inactive: 'inactive',
      noContacts: 'No contacts registered.',
      change: { created: 'Added', updated: 'Updated', unchanged: 'Unchanged' },
      exported: (count: number, file: string) => `${count} ${count === 1 ? 'contact' : 'contacts'} written to ${file}.`,
      languageSet: (who: string, language: 'sv' | 'en') => `Language: ${who}: ${language === 'en' ? 'English' : 'Swedish'}`,
      deactivated: (who: string) => `Deactivated: ${who}`,
      staffAdded: (who: string, municipality: string | null) => `Added: ${who} (${municipality === null ? 'administrator' : `staff, ${municipality}`})`,
      staffRemoved: (who: string) => `Removed: ${who}`,
      noStaff: 'No staff registered. Add them with itkontakt staff add.',
      noRegistrations: 'No applications.',
      decided: (approved: boolean, id: string, contact: string | null) => `${approved ? 'Approved' : 'Rejected'}: ${id}${contact ? ` → contact ${contact}` : ''}`,
      noAudit: 'No events.',
    },
    db: {
      upToDate: 'The database is already up to date.',
      ran: (migration: string) => `Ran ${migration}`,
      remains: 'remains',
      copyHeader: ['kind', 'read', 'copied'],
    },
    kb: {
      ok: (records: number, municipalities: number, systems: number, glossary: number) => `The knowledge base is OK: ${records} records in ${municipalities} municipalities, ${systems} systems, ${glossary} glossary entries.`,
      records: 'records',
      notes: {
        assumption: 'Assumptions (routes the source does not give; the municipality confirms or corrects them before go-live):',
        'no-destination': 'Without a recipient (the routine names none; the bot refuses the ticket when it is sent):',
        'ordered-elsewhere': 'Ordered elsewhere (the bot shows the way there and does not take the ticket):',
      },
      noGaps: 'No unanswered questions or answers that did not help.',
      gapKind: { unanswered: 'unanswered  ', 'not-helpful': 'not helpful ' },
      terms: (terms: string) => `terms: ${terms}`,
      example: (question: string) => `e.g. "${question}"`,
      chose: (choices: string) => `chose: ${choices}`,
      noneOfThese: 'none of these',
    },
  },
);

/** What the commands print when they succeed, in one language. */
export type ReportTexts = (typeof reportTexts)['sv'];
