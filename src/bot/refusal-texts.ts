import type { ContactRefusal } from '../contacts/index.js';
import type { FieldError } from '../errors/index.js';
import { bilingual } from '../knowledge/index.js';
import type { NoticeRefusal } from '../notices/index.js';
import { fieldErrorTexts } from './field-error-texts.js';

/** Why the registry and the notice service (or the notice chat) refused, in Swedish and English (the tickets' are in ticketTexts). */
export const refusalTexts = bilingual(
  {
    contact: (reason: ContactRefusal): string => {
      switch (reason.kind) {
        case 'fields-invalid':
          return 'Uppgifterna behöver rättas.';
        case 'unknown-municipality':
          return `Okänd kommun "${reason.municipality}".`;
        case 'not-your-municipality':
          return {
            'manage-contacts': `Du har inte behörighet att hantera kontakter i ${reason.municipality}.`,
            'see-contacts': `Du har inte behörighet att se kontakter i ${reason.municipality}.`,
            'see-audit': `Du har inte behörighet att se loggen för ${reason.municipality}.`,
            'decide-registration': `Bara personal i ${reason.municipality} kan besluta om den här ansökan.`,
          }[reason.action];
        case 'staff-only':
          return {
            'see-contacts': 'Bara kommunens personal kan se kontaktlistan.',
            'change-contact': 'Bara kommunens personal kan ändra kontakter.',
            'deactivate-contact': 'Bara kommunens personal kan avaktivera kontakter.',
            'see-staff': 'Bara personal och administratörer kan se personallistan.',
            'see-registrations': 'Bara kommunens personal kan se ansökningar.',
            'see-audit': 'Bara personal och administratörer kan läsa granskningsloggen.',
          }[reason.action];
        case 'admin-only':
          return reason.action === 'add-staff' ? 'Bara administratörer kan lägga till personal.' : 'Bara administratörer kan ta bort personal.';
        case 'staff-needs-municipality':
          return 'Personal behöver en kommun.';
        case 'staff-needs-identity':
          return 'Ange e-post eller ett chattkonto (Teams eller Slack).';
        case 'not-found':
          return `${{ contact: 'Ingen kontakt', staff: 'Ingen personal', registration: 'Ingen ansökan' }[reason.what]} med id ${reason.id}.`;
        case 'registration-pending':
          return `Det finns redan en ansökan som väntar på besked (${reason.requestId}). Kommunens personal hör av sig.`;
        case 'registration-decided':
          return `Ansökan är redan ${reason.approved ? 'godkänd' : 'avslagen'}${reason.by ? ` (av ${reason.by})` : ''}.`;
      }
    },
    onlyContactsFollow: 'Bara registrerade IT-kontakter kan välja vilka system de följer. Skriv "registrera" för att ansöka.',
    unknownSystemName: (name: string, known: string) => `Jag känner inte till systemet "${name}". Systemen: ${known}.`,
    onlyStaffPublish: 'Bara kommunens personal kan publicera driftinformation.',
    noticeNotChangeable: (noticeId: string) => `Ingen driftinformation med id ${noticeId} som du kan ändra.`,
    /** `errors` are the failure's field errors: an invalid notice says what is wrong with each. */
    notice: (reason: NoticeRefusal, errors: readonly FieldError[]): string => {
      switch (reason.kind) {
        case 'fields-invalid':
          return errors.map((error) => fieldErrorTexts.sv.fieldError(error)).join(' ');
        case 'not-found':
          return `Ingen driftinformation med id ${reason.noticeId}.`;
        case 'not-staff-of':
          return `Bara personal i ${reason.municipality} (och administratörer) får ändra driftinformation där.`;
        case 'not-contact-of':
          return `Bara registrerade IT-kontakter i ${reason.municipality} kan välja system att följa. Skriv "registrera" för att ansöka.`;
        case 'draft':
          return `${reason.noticeId} ${{ update: 'är inte publicerad än: publicera den först.', correct: 'är inte publicerad än: ändra utkastet i stället.', cancel: 'är inte publicerad: släng utkastet i stället.' }[reason.action]}`;
        case 'published':
          return `${reason.noticeId} ${{ publish: 'är redan publicerad.', edit: 'är redan publicerad: uppdatera eller rätta den i stället.', discard: 'är redan publicerad och kan inte slängas; ställ in eller avsluta den i stället.' }[reason.action]}`;
        case 'ended':
          return `${reason.noticeId} ${{ closed: 'är redan avslutad.', cancelled: 'är redan inställd.', completed: 'är redan genomfört.' }[reason.state]}`;
        case 'archived':
          return `${reason.noticeId} arkiverades${reason.archivedOn ? ` ${reason.archivedOn}` : ''}, när den hade varit avslutad i mer än ${reason.retentionDays} dagar, och kan inte ändras längre: leveranserna är borttagna och bara leveransrapporten finns kvar, så en uppdatering skulle inte nå rätt mottagare eller tråd. Skapa en ny driftinformation om något har hänt sedan dess.`;
      }
    },
  },
  {
    contact: (reason: ContactRefusal): string => {
      switch (reason.kind) {
        case 'fields-invalid':
          return 'The details need fixing.';
        case 'unknown-municipality':
          return `Unknown municipality "${reason.municipality}".`;
        case 'not-your-municipality':
          return {
            'manage-contacts': `You may not manage contacts in ${reason.municipality}.`,
            'see-contacts': `You may not see contacts in ${reason.municipality}.`,
            'see-audit': `You may not see the log of ${reason.municipality}.`,
            'decide-registration': `Only staff in ${reason.municipality} can decide on this application.`,
          }[reason.action];
        case 'staff-only':
          return {
            'see-contacts': 'Only the municipality’s staff can see the contact list.',
            'change-contact': 'Only the municipality’s staff can change contacts.',
            'deactivate-contact': 'Only the municipality’s staff can deactivate contacts.',
            'see-staff': 'Only staff and administrators can see the staff list.',
            'see-registrations': 'Only the municipality’s staff can see applications.',
            'see-audit': 'Only staff and administrators can read the audit log.',
          }[reason.action];
        case 'admin-only':
          return reason.action === 'add-staff' ? 'Only administrators can add staff.' : 'Only administrators can remove staff.';
        case 'staff-needs-municipality':
          return 'Staff need a municipality.';
        case 'staff-needs-identity':
          return 'Give an email address or a chat account (Teams or Slack).';
        case 'not-found':
          return `${{ contact: 'No contact', staff: 'No staff member', registration: 'No application' }[reason.what]} with id ${reason.id}.`;
        case 'registration-pending':
          return `There is already an application waiting for an answer (${reason.requestId}). The municipality’s staff will be in touch.`;
        case 'registration-decided':
          return `The application is already ${reason.approved ? 'approved' : 'rejected'}${reason.by ? ` (by ${reason.by})` : ''}.`;
      }
    },
    onlyContactsFollow: 'Only registered IT-contacts can choose which systems to follow. Type "register" to apply.',
    unknownSystemName: (name: string, known: string) => `I don't know the system "${name}". Systems: ${known}.`,
    onlyStaffPublish: 'Only the municipality’s staff can publish service notices.',
    noticeNotChangeable: (noticeId: string) => `No notice with id ${noticeId} that you can change.`,
    notice: (reason: NoticeRefusal, errors: readonly FieldError[]): string => {
      switch (reason.kind) {
        case 'fields-invalid':
          return errors.map((error) => fieldErrorTexts.en.fieldError(error)).join(' ');
        case 'not-found':
          return `No notice with id ${reason.noticeId}.`;
        case 'not-staff-of':
          return `Only staff in ${reason.municipality} (and administrators) may change notices there.`;
        case 'not-contact-of':
          return `Only registered IT contacts in ${reason.municipality} can choose systems to follow. Type "register" to apply.`;
        case 'draft':
          return `${reason.noticeId} ${{ update: 'is not published yet: publish it first.', correct: 'is not published yet: edit the draft instead.', cancel: 'is not published: discard the draft instead.' }[reason.action]}`;
        case 'published':
          return `${reason.noticeId} ${{ publish: 'is already published.', edit: 'is already published: update or correct it instead.', discard: 'is already published and cannot be discarded; call it off or resolve it instead.' }[reason.action]}`;
        case 'ended':
          return `${reason.noticeId} ${{ closed: 'is already closed.', cancelled: 'is already called off.', completed: 'is already over.' }[reason.state]}`;
        case 'archived':
          return `${reason.noticeId} was archived${reason.archivedOn ? ` ${reason.archivedOn}` : ''}, when it had been over for more than ${reason.retentionDays} days, and can no longer be changed: its deliveries are removed and only the delivery report is left, so an update would not reach the right recipients or threads. Create a new notice if something has happened since.`;
      }
    },
  },
);
