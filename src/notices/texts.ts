import { bilingual, type Language } from '../knowledge/index.js';
import { formatStockholm } from '../time/index.js';
import type { NoticePurpose } from './delivery.js';
import type { NoticeChangeMode, NoticeReportView, NoticeSummary } from './summary.js';

const CHANNEL = {
  sv: { chat: 'Chatt', email: 'E-post', sms: 'SMS' },
  en: { chat: 'Chat', email: 'Email', sms: 'SMS' },
} as const;

/** The sentences of outage notices, in Swedish and English, for every adapter, email and SMS. */
export const noticeTexts = bilingual(
  {
    kind: { planned: 'Planerat driftstopp', disruption: 'Driftstörning' },
    heading: (notice: NoticeSummary, purpose: NoticePurpose, reminderHours: number | null): string => {
      const kind = noticeTexts.sv.kind[notice.kind];
      switch (purpose) {
        case 'publish':
          return `${kind}: ${notice.title}`;
        case 'update':
          return `Uppdatering – ${kind.toLowerCase()}: ${notice.title}`;
        case 'correction':
          return `Rättelse – ${kind.toLowerCase()}: ${notice.title}`;
        case 'reminder':
          return `Påminnelse: ${kind.toLowerCase()} ${reminderHours !== null && reminderHours < 48 ? `om ${reminderHours} ${reminderHours === 1 ? 'timme' : 'timmar'}` : 'snart'}: ${notice.title}`;
        case 'cancel':
          return `Inställt – ${kind.toLowerCase()}: ${notice.title}`;
      }
    },
    municipality: 'Kommun',
    systems: 'System',
    when: 'När',
    state: 'Status',
    description: 'Beskrivning',
    impact: 'Påverkan',
    latest: 'Senaste',
    exception: 'Publicerat trots kommunens regler, skäl',
    reference: 'Id',
    window: (window: NonNullable<NoticeSummary['window']>) => formatWindow(window),
    footer: 'Skriv "driftinfo" för allt som pågår, "sluta följa <system>" för att inte få meddelanden om ett system.',
    emailSignature: 'Skickat av itkontakt för kommunens IT-kontakter.',
    emailFeeds: (municipality: string, feed: string) => `Driftinformation för ${municipality}: ${feed}.json\nPlanerade driftstopp som kalender att prenumerera på (i Outlook: Lägg till kalender, Från Internet): ${feed}.ics`,
    smsStop: (municipality: string) => `Inga fler SMS? Be ${municipality} ta bort ditt mobilnummer ur itkontakt.`,
    listTitle: (municipality: string) => `Driftinformation för ${municipality}`,
    listEmpty: (municipality: string) => `Inga pågående eller kommande driftstopp eller driftstörningar i ${municipality}.`,
    listNoMunicipality: 'Välj din kommun först (skriv "kommun <namn>"), så visar jag dess driftinformation.',
    newPlanned: 'Nytt planerat driftstopp',
    newDisruption: 'Ny driftstörning',
    formTitle: (kind: 'planned' | 'disruption', municipality: string): string => `${noticeTexts.sv.kind[kind]} i ${municipality}`,
    formIntro: 'Fyll i och förhandsgranska. Inget skickas förrän du publicerar.',
    fields: {
      title: 'Rubrik',
      systems: 'Berörda system',
      start: 'Start (ÅÅÅÅ-MM-DD TT:MM)',
      end: 'Slut (ÅÅÅÅ-MM-DD TT:MM)',
      description: 'Beskrivning',
      impact: 'Påverkan för verksamheten',
      reason: 'Skäl att publicera trots reglerna',
      text: 'Vad är nytt?',
      state: 'Ny status',
    },
    preview: 'Förhandsgranska',
    previewTitle: (recipients: number) => `Förhandsgranskning – går till ${recipients} ${recipients === 1 ? 'mottagare' : 'mottagare'} när du publicerar`,
    violations: 'Bryter mot kommunens regler:',
    needsReason: 'Ange ett skäl för att publicera ändå. Skälet sparas med meddelandet.',
    publish: 'Publicera',
    edit: 'Ändra',
    discard: 'Släng utkastet',
    changeTitle: { update: 'Uppdatera', correct: 'Rätta', cancel: 'Ställ in', resolve: 'Markera som åtgärdad' } satisfies Record<NoticeChangeMode, string>,
    changeIntro: {
      update: 'Uppdateringen skickas i samma tråd till alla som fått meddelandet.',
      correct: 'Rättelsen ersätter texten i chattmeddelanden som redan skickats; e-post och SMS får en rättelse.',
      cancel: 'Den som fått meddelandet får veta att driftstoppet är inställt; det som ännu inte skickats stoppas.',
      resolve: 'Alla som fått meddelandet får veta att störningen är åtgärdad.',
    } satisfies Record<NoticeChangeMode, string>,
    send: 'Skicka',
    report: 'Leveransrapport',
    reportTitle: (notice: NoticeSummary) => `Leverans av ${notice.id}: ${notice.title}`,
    channel: CHANNEL.sv,
    counts: (line: NoticeReportView['channels'][number]) => `${line.sent} skickade, ${line.pending} väntar, ${line.failed} misslyckade${line.withdrawn ? `, ${line.withdrawn} stoppade` : ''}`,
    reportDone: 'Klart: inget väntar.',
    reportRunning: 'Skickar … (uppdateras)',
    failuresTitle: 'Misslyckade',
    noRecipients: 'Inga mottagare än.',
    recorded: (action: string, notice: NoticeSummary, recipients: number) =>
      `${notice.id} ${{ published: 'är publicerad', updated: 'är uppdaterad', corrected: 'är rättad', cancelled: 'är inställd', resolved: 'är åtgärdad', discarded: 'är slängd' }[action] ?? action}${recipients > 0 ? ` och går till ${recipients} mottagare` : ''}.`,
    subscriptionsTitle: (municipality: string) => `Dina system i ${municipality}`,
    following: 'följer',
    muted: 'följer inte',
    subscribed: (system: string) => `Du får nu driftinformation om ${system}.`,
    unsubscribed: (system: string) => `Du får inte längre driftinformation om ${system}. Skriv "prenumerera ${system}" för att ändra dig.`,
    channelSet: (municipality: string) => `Den här kanalen får nu driftinformation för ${municipality}. Skriv "driftkanal av" för att sluta.`,
    channelUnset: (municipality: string) => `Den här kanalen får inte längre driftinformation för ${municipality}.`,
  },
  {
    kind: { planned: 'Planned outage', disruption: 'Disruption' },
    heading: (notice: NoticeSummary, purpose: NoticePurpose, reminderHours: number | null): string => {
      const kind = noticeTexts.en.kind[notice.kind];
      switch (purpose) {
        case 'publish':
          return `${kind}: ${notice.title}`;
        case 'update':
          return `Update – ${kind.toLowerCase()}: ${notice.title}`;
        case 'correction':
          return `Correction – ${kind.toLowerCase()}: ${notice.title}`;
        case 'reminder':
          return `Reminder: ${kind.toLowerCase()} ${reminderHours !== null && reminderHours < 48 ? `in ${reminderHours} ${reminderHours === 1 ? 'hour' : 'hours'}` : 'soon'}: ${notice.title}`;
        case 'cancel':
          return `Cancelled – ${kind.toLowerCase()}: ${notice.title}`;
      }
    },
    municipality: 'Municipality',
    systems: 'Systems',
    when: 'When',
    state: 'Status',
    description: 'Description',
    impact: 'Impact',
    latest: 'Latest',
    exception: 'Published against the municipality’s rules, reason',
    reference: 'Id',
    window: (window: NonNullable<NoticeSummary['window']>) => formatWindow(window),
    footer: 'Type "outages" for everything going on, "unfollow <system>" to stop notices about a system.',
    emailSignature: "Sent by itkontakt for the municipality's IT contacts.",
    emailFeeds: (municipality: string, feed: string) => `Service status for ${municipality}: ${feed}.json\nPlanned outages as a calendar to subscribe to (in Outlook: Add calendar, From Internet): ${feed}.ics`,
    smsStop: (municipality: string) => `No more texts? Ask ${municipality} to remove your mobile number from itkontakt.`,
    listTitle: (municipality: string) => `Service status for ${municipality}`,
    listEmpty: (municipality: string) => `No current or upcoming outages or disruptions in ${municipality}.`,
    listNoMunicipality: 'Choose your municipality first (type "municipality <name>") and I will show its service status.',
    newPlanned: 'New planned outage',
    newDisruption: 'New disruption',
    formTitle: (kind: 'planned' | 'disruption', municipality: string): string => `${noticeTexts.en.kind[kind]} in ${municipality}`,
    formIntro: 'Fill in and preview. Nothing is sent until you publish.',
    fields: {
      title: 'Title',
      systems: 'Affected systems',
      start: 'Start (YYYY-MM-DD HH:MM)',
      end: 'End (YYYY-MM-DD HH:MM)',
      description: 'Description',
      impact: 'Impact on the service',
      reason: 'Reason to publish despite the rules',
      text: 'What is new?',
      state: 'New status',
    },
    preview: 'Preview',
    previewTitle: (recipients: number) => `Preview – goes to ${recipients} ${recipients === 1 ? 'recipient' : 'recipients'} when you publish`,
    violations: 'Breaks the municipality’s rules:',
    needsReason: 'Give a reason to publish anyway. It is stored with the notice.',
    publish: 'Publish',
    edit: 'Edit',
    discard: 'Discard draft',
    changeTitle: { update: 'Update', correct: 'Correct', cancel: 'Cancel', resolve: 'Mark as resolved' } satisfies Record<NoticeChangeMode, string>,
    changeIntro: {
      update: 'The update goes in the same thread to everyone who got the notice.',
      correct: 'The correction replaces the text of chat messages already sent; email and SMS get a correction.',
      cancel: 'Those who got the notice are told it is cancelled; what has not been sent yet is stopped.',
      resolve: 'Everyone who got the notice is told the disruption is resolved.',
    } satisfies Record<NoticeChangeMode, string>,
    send: 'Send',
    report: 'Delivery report',
    reportTitle: (notice: NoticeSummary) => `Delivery of ${notice.id}: ${notice.title}`,
    channel: CHANNEL.en,
    counts: (line: NoticeReportView['channels'][number]) => `${line.sent} sent, ${line.pending} pending, ${line.failed} failed${line.withdrawn ? `, ${line.withdrawn} stopped` : ''}`,
    reportDone: 'Done: nothing pending.',
    reportRunning: 'Sending … (updates)',
    failuresTitle: 'Failed',
    noRecipients: 'No recipients yet.',
    recorded: (action: string, notice: NoticeSummary, recipients: number) =>
      `${notice.id} ${{ published: 'is published', updated: 'is updated', corrected: 'is corrected', cancelled: 'is cancelled', resolved: 'is resolved', discarded: 'is discarded' }[action] ?? action}${recipients > 0 ? ` and goes to ${recipients} recipients` : ''}.`,
    subscriptionsTitle: (municipality: string) => `Your systems in ${municipality}`,
    following: 'following',
    muted: 'not following',
    subscribed: (system: string) => `You now get service notices about ${system}.`,
    unsubscribed: (system: string) => `You no longer get service notices about ${system}. Type "follow ${system}" to change your mind.`,
    channelSet: (municipality: string) => `This channel now gets service notices for ${municipality}. Type "notice channel off" to stop.`,
    channelUnset: (municipality: string) => `This channel no longer gets service notices for ${municipality}.`,
  },
);

/** "2026-12-06 08:00–12:00" when the window is within one day, else both ends in full (Stockholm time). */
export function formatWindow(window: { readonly start: string; readonly end: string }): string {
  const start = formatStockholm(new Date(window.start));
  const end = formatStockholm(new Date(window.end));
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}

/**
 * A notice as lines of plain text: what SMS, email and the terminal show, and what chat cards are
 * built from, so every channel says the same thing. `full` adds description, impact and updates
 * (an SMS keeps to the heading, the window and the latest word).
 */
export function describeNotice(notice: NoticeSummary, purpose: NoticePurpose, reminderHours: number | null, language: Language, options: { readonly full?: boolean } = {}): { heading: string; lines: string[] } {
  const t = noticeTexts[language];
  const latest = notice.updates.at(-1);
  const lines: string[] = [];
  lines.push(`${t.systems}: ${notice.systems.join(', ')}`);
  if (notice.window) lines.push(`${t.when}: ${t.window(notice.window)}`);
  lines.push(`${t.state}: ${notice.stateLabel}`);
  if (options.full !== false) {
    if (notice.description) lines.push(`${t.description}: ${notice.description}`);
    if (notice.impact) lines.push(`${t.impact}: ${notice.impact}`);
  }
  if (latest && (purpose === 'update' || purpose === 'cancel' || options.full !== false)) lines.push(`${t.latest} (${formatStockholm(new Date(latest.at))}, ${latest.stateLabel}): ${latest.text}`);
  lines.push(`${t.reference}: ${notice.id} (${notice.municipality.name})`);
  return { heading: t.heading(notice, purpose, reminderHours), lines };
}
