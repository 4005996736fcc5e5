import type { Language } from '../knowledge/index.js';
import type { MunicipalityChoice } from './reply.js';

/**
 * Every sentence the bot says outside an answer, in Swedish and English. Adapters take their texts
 * from here so Teams, Slack and the terminal say the same thing.
 */
export const texts = {
  sv: {
    helpful: 'Hjälpte svaret?',
    yes: 'Ja',
    no: 'Nej',
    createTicket: 'Skapa ärende',
    source: 'Källa',
    quote: 'Citat',
    notFoundTitle: 'Inget svar i kunskapsbasen',
    answerFor: (name: string) => `Svar för ${name}`,
    answerForMany: 'Svar från kommunernas IT-krav',
    feedbackThanks: (helpful: boolean) => (helpful ? 'Tack! Bra att svaret hjälpte.' : 'Tack för att du sa till. Vi använder det för att förbättra svaren. Skapa gärna ett ärende om du behöver hjälp.'),
    municipalitySet: (municipality: MunicipalityChoice) => `Klart! Jag svarar nu utifrån ${municipality.name}s IT-krav. Skriv "kommun" för att byta.`,
    chooseMunicipality: 'Vilken kommun är ni utförare i? Då svarar jag utifrån just den kommunens krav.',
    /** The placeholder of a municipality menu (Slack's select, Teams' choice set). */
    selectMunicipality: 'Välj kommun',
    unknownMunicipality: (name: string) => `Jag känner inte till kommunen "${name}".`,
    chooseHint: (list: string) => `Skriv till exempel "kommun Göteborg". Kommuner: ${list}.`,
    welcomeTitle: 'Hej! Jag är itkontakt.',
    welcome: 'Jag svarar på frågor om kommunens IT-krav för privata utförare (SITHS, Lifecare, Treserva, Phoniro, lösenord, support med mera) och visar alltid källan jag citerar.',
    helpTitle: 'Det här kan jag',
    helpLines: [
      'Ställ en fråga med egna ord, t.ex. "Vilka krav gäller för lösenord?" eller "Hur beställer vi SITHS-kort?".',
      '"kommun Göteborg" väljer vilken kommuns krav jag svarar utifrån (nämner du en kommun i frågan gäller den).',
      '"ärende" skapar ett supportärende med de uppgifter kommunens rutin kräver; "mina ärenden" visar dina ärenden.',
      '"registrera" ansöker om att bli registrerad IT-kontaktperson; kommunens personal skriver "personalkanal" i sin kanal.',
      '"driftinfo" visar planerade driftstopp och driftstörningar; "sluta följa <system>" och "prenumerera <system>" väljer vad du får.',
      '"hjälp" visar den här listan.',
    ],
    currentMunicipality: (municipality: MunicipalityChoice | null) => (municipality ? `Din kommun: ${municipality.name}.` : 'Du har inte valt kommun ännu.'),
    apology: 'Något gick fel hos mig när jag skulle svara. Försök igen om en stund; felet är loggat.',
  },
  en: {
    helpful: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    createTicket: 'Create ticket',
    source: 'Source',
    quote: 'Quote',
    notFoundTitle: 'No answer in the knowledge base',
    answerFor: (name: string) => `Answer for ${name}`,
    answerForMany: "Answer from the municipalities' IT requirements",
    feedbackThanks: (helpful: boolean) => (helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling us. We use it to improve the answers. Feel free to create a ticket if you need help.'),
    municipalitySet: (municipality: MunicipalityChoice) => `Done! I now answer from the IT requirements of ${municipality.name}. Type "municipality" to change.`,
    chooseMunicipality: 'Which municipality do you provide care in? Then I answer from that municipality’s requirements.',
    selectMunicipality: 'Choose municipality',
    unknownMunicipality: (name: string) => `I don't know the municipality "${name}".`,
    chooseHint: (list: string) => `Type for example "municipality Göteborg". Municipalities: ${list}.`,
    welcomeTitle: 'Hi! I am itkontakt.',
    welcome: "I answer questions about the municipality's IT requirements for private care providers (SITHS, Lifecare, Treserva, Phoniro, passwords, support and more) and always show the source I quote.",
    helpTitle: 'What I can do',
    helpLines: [
      'Ask in your own words, e.g. "What are the password rules?" or "How do we order SITHS cards?".',
      '"municipality Göteborg" chooses whose requirements I answer from (a municipality named in the question wins).',
      '"ticket" creates a support ticket with what the municipality’s routine requires; "my tickets" lists yours.',
      '"register" applies to become a registered IT contact; the municipality’s staff type "staff channel" in their channel.',
      '"outages" shows planned outages and disruptions; "unfollow <system>" and "follow <system>" choose what you get.',
      '"help" shows this list.',
    ],
    currentMunicipality: (municipality: MunicipalityChoice | null) => (municipality ? `Your municipality: ${municipality.name}.` : 'You have not chosen a municipality yet.'),
    apology: 'Something went wrong on my side while answering. Please try again in a moment; the error has been logged.',
  },
} as const satisfies Record<Language, unknown>;

export function textsFor(language: Language): (typeof texts)[Language] {
  return texts[language];
}
