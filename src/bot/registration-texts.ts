import { bilingual } from '../knowledge/index.js';
import type { RegistrationField, RegistrationSummary } from './reply.js';

/** The sentences of registration and review, in Swedish and English, for every adapter. */
export const registrationTexts = bilingual(
  {
    formTitle: 'Registrera dig som IT-kontaktperson',
    formIntro: 'Fyll i uppgifterna. Kommunens personal granskar ansökan och du får besked här.',
    fieldLabels: { municipality: 'Kommun', providerName: 'Utförarens namn', orgNumber: 'Organisationsnummer', name: 'Ditt namn', email: 'E-post', phone: 'Telefon' } satisfies Record<RegistrationField, string>,
    fieldHints: { municipality: 't.ex. Göteborg', providerName: 't.ex. Omsorg i Väst AB', orgNumber: 'NNNNNN-NNNN', name: 'För- och efternamn', email: 'namn@utforare.se', phone: '070-123 45 67' } satisfies Record<RegistrationField, string>,
    fixErrors: 'Rätta det som är markerat och skicka igen:',
    submit: 'Skicka ansökan',
    received: (request: RegistrationSummary, staffNotified: boolean) =>
      `Tack ${request.name}! Din ansökan (${request.id}) om att bli IT-kontakt för ${request.providerName} i ${request.municipality.name} är skickad. ${staffNotified ? 'Kommunens personal har fått den och' : 'Den väntar på kommunens personal, som'} ger besked här.`,
    reviewTitle: (request: RegistrationSummary) => `Ny ansökan om IT-kontakt: ${request.name}, ${request.providerName}`,
    reviewFacts: (request: RegistrationSummary): Array<[string, string]> => [
      ['Kommun', request.municipality.name],
      ['Utförare', request.providerName],
      ['Organisationsnummer', request.orgNumberMasked],
      ['Namn', request.name],
      ['E-post', request.email],
      ['Telefon', request.phoneMasked],
      ['Ansökan', request.id],
    ],
    approve: 'Godkänn',
    reject: 'Avslå',
    rejectReason: 'Skäl (visas för den sökande)',
    decided: (request: RegistrationSummary, approved: boolean, reason: string | null) =>
      approved
        ? `Din ansökan (${request.id}) är godkänd: du är nu registrerad IT-kontakt för ${request.providerName} i ${request.municipality.name}.`
        : `Din ansökan (${request.id}) om att bli IT-kontakt för ${request.providerName} i ${request.municipality.name} har avslagits${reason ? `: ${reason}` : '.'}`,
    decisionRecorded: (request: RegistrationSummary, approved: boolean, applicantNotified: boolean) =>
      `${approved ? 'Godkänd' : 'Avslagen'}: ${request.name}, ${request.providerName} (${request.id}). ${applicantNotified ? 'Den sökande har fått besked.' : 'Den sökande kunde inte nås i chatten; meddela hen på annat sätt.'}`,
    staffChannelSet: (name: string) => `Klart! Ansökningar och ärenden för ${name} hamnar nu i den här kanalen.`,
    staffChannelStaffOnly: 'Bara kommunens personal kan välja personalkanal. Skriv "personalkanal <kommun>" i den kanal där ansökningar och ärenden ska hamna.',
    staffChannelNotPersonal: 'Personalkanalen måste vara en kanal eller gruppchatt där boten är tillagd, inte en privat chatt.',
    staffChannelUnknown: 'Jag känner inte till den här kanalen ännu. Lägg till boten i kanalen först och försök igen.',
    /** Short labels for platforms with length limits (Slack: modal titles and buttons at most 24 characters). */
    register: 'Registrera dig',
    openForm: 'Fyll i ansökan',
    formTitleShort: 'Registrering',
    rejectTitle: 'Avslå ansökan',
    cancel: 'Avbryt',
    reasonRequired: 'Skriv varför ansökan avslås; skälet visas för den sökande.',
  },
  {
    formTitle: 'Register as an IT contact',
    formIntro: 'Fill in the details. The municipality’s staff review the application and you get the answer here.',
    fieldLabels: { municipality: 'Municipality', providerName: 'Provider name', orgNumber: 'Organisation number', name: 'Your name', email: 'Email', phone: 'Phone' } satisfies Record<RegistrationField, string>,
    fieldHints: { municipality: 'e.g. Göteborg', providerName: 'e.g. Omsorg i Väst AB', orgNumber: 'NNNNNN-NNNN', name: 'First and last name', email: 'name@provider.se', phone: '070-123 45 67' } satisfies Record<RegistrationField, string>,
    fixErrors: 'Fix what is marked and send again:',
    submit: 'Send application',
    received: (request: RegistrationSummary, staffNotified: boolean) =>
      `Thank you ${request.name}! Your application (${request.id}) to be IT contact for ${request.providerName} in ${request.municipality.name} has been sent. ${staffNotified ? 'The municipality’s staff have it and' : 'It is waiting for the municipality’s staff, who'} will answer here.`,
    reviewTitle: (request: RegistrationSummary) => `New IT contact application: ${request.name}, ${request.providerName}`,
    reviewFacts: (request: RegistrationSummary): Array<[string, string]> => [
      ['Municipality', request.municipality.name],
      ['Provider', request.providerName],
      ['Organisation number', request.orgNumberMasked],
      ['Name', request.name],
      ['Email', request.email],
      ['Phone', request.phoneMasked],
      ['Application', request.id],
    ],
    approve: 'Approve',
    reject: 'Reject',
    rejectReason: 'Reason (shown to the applicant)',
    decided: (request: RegistrationSummary, approved: boolean, reason: string | null) =>
      approved
        ? `Your application (${request.id}) is approved: you are now a registered IT contact for ${request.providerName} in ${request.municipality.name}.`
        : `Your application (${request.id}) to be IT contact for ${request.providerName} in ${request.municipality.name} was rejected${reason ? `: ${reason}` : '.'}`,
    decisionRecorded: (request: RegistrationSummary, approved: boolean, applicantNotified: boolean) =>
      `${approved ? 'Approved' : 'Rejected'}: ${request.name}, ${request.providerName} (${request.id}). ${applicantNotified ? 'The applicant has been told.' : 'The applicant could not be reached in chat; let them know another way.'}`,
    staffChannelSet: (name: string) => `Done! Applications and tickets for ${name} now go to this channel.`,
    staffChannelStaffOnly: 'Only the municipality’s staff can choose the staff channel. Type "staff channel <municipality>" in the channel where applications and tickets should go.',
    staffChannelNotPersonal: 'The staff channel must be a channel or group chat the bot has been added to, not a personal chat.',
    staffChannelUnknown: 'I don’t know this channel yet. Add the bot to the channel first, then try again.',
    register: 'Register',
    openForm: 'Fill in the application',
    formTitleShort: 'Registration',
    rejectTitle: 'Reject application',
    cancel: 'Cancel',
    reasonRequired: 'Write why the application is rejected; the reason is shown to the applicant.',
  },
);
