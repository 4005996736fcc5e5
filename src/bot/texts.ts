import { bilingual, type Language } from '../knowledge/index.js';
import type { MunicipalityChoice, Reply } from './reply.js';

const list = (names: readonly string[], and: string): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)!}`);

/**
 * Every sentence the bot says outside an answer, in Swedish and English. Adapters take their texts
 * from here so Teams, Slack and the terminal say the same thing.
 */
export const texts = bilingual(
  {
    helpful: 'Hjälpte svaret?',
    yes: 'Ja',
    no: 'Nej',
    createTicket: 'Skapa ärende',
    source: 'Källa',
    quote: 'Citat',
    notFoundTitle: 'Inget svar i kunskapsbasen',
    answerFor: (name: string) => `Svar för ${name}`,
    answerForMany: 'Svar från kommunernas IT-krav',
    /** After the heading of an answer from a municipality the question named. */
    askedAbout: (names: readonly string[]) => `(du frågade om ${list(names, 'och')})`,
    othersTitle: 'Så gör de andra kommunerna',
    yourQuestion: (question: string) => `Din fråga: "${question}"`,
    noPreviousQuestion: 'Vilken fråga menar du? Ställ din fråga först, t.ex. "Vad gäller för lösenord?", och skriv sedan "hur gör de andra kommunerna?".',
    noOtherMunicipalities: 'Jag har redan svarat utifrån alla kommuner jag känner till.',
    didYouMean: 'Menar du …?',
    noneOfThese: 'Inget av dessa',
    /** The terminal's prompt under numbered choices. */
    typeNumber: 'Skriv numret.',
    suggestionGone: 'Det förslaget finns inte längre i kunskapsbasen. Ställ gärna frågan igen.',
    registeredIn: (names: readonly string[]) =>
      names.length === 1
        ? `Du är registrerad IT-kontaktperson för ${names[0]!}, så jag svarar utifrån de kraven. Vill du veta vad som gäller i en annan kommun? Nämn den i frågan, t.ex. "Vad gäller för lösenord i Uppsala?".`
        : `Du är registrerad IT-kontaktperson för ${list(names, 'och')}. Skriv "kommun" och en av dem för att välja vilken jag svarar utifrån.`,
    feedbackThanks: (helpful: boolean) => (helpful ? 'Tack! Bra att svaret hjälpte.' : 'Tack för att du sa till. Vi använder det för att förbättra svaren. Skapa gärna ett ärende om du behöver hjälp.'),
    municipalitySet: (municipality: MunicipalityChoice) => `Klart! Jag svarar nu utifrån ${municipality.name}s IT-krav. Skriv "kommun" för att byta.`,
    language: (changed: boolean) =>
      changed
        ? 'Klart! Jag skriver till dig på svenska från och med nu, också driftinformation, påminnelser och besked om dina ärenden. Skriv "language english" för engelska.'
        : 'Jag skriver till dig på svenska. Skriv "språk engelska" för engelska.',
    unknownLanguage: 'Vilket språk? Skriv "språk svenska" eller "språk engelska".',
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
      '"kommun Göteborg" väljer vilken kommuns krav jag svarar utifrån (nämner du en kommun i frågan gäller den). Är du registrerad IT-kontaktperson vet jag redan din kommun.',
      '"hur gör de andra kommunerna?" efter en fråga visar vad de andra kommunerna säger om samma sak.',
      '"ärende" skapar ett supportärende med de uppgifter kommunens rutin kräver; "mina ärenden" visar dina ärenden.',
      '"registrera" ansöker om att bli registrerad IT-kontaktperson; kommunens personal skriver "personalkanal" i sin kanal.',
      '"driftinfo" visar planerade driftstopp och driftstörningar; "sluta följa <system>" och "prenumerera <system>" väljer vad du får.',
      '"språk engelska" eller "language swedish" väljer vilket språk jag skriver på; annars följer jag språket du skriver på.',
      '"hjälp" visar den här listan.',
    ],
    currentMunicipality: (municipality: MunicipalityChoice | null) => (municipality ? `Din kommun: ${municipality.name}.` : 'Du har inte valt kommun ännu.'),
    apology: 'Något gick fel hos mig när jag skulle svara. Försök igen om en stund; felet är loggat.',
  },
  {
    helpful: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    createTicket: 'Create ticket',
    source: 'Source',
    quote: 'Quote',
    notFoundTitle: 'No answer in the knowledge base',
    answerFor: (name: string) => `Answer for ${name}`,
    answerForMany: "Answer from the municipalities' IT requirements",
    askedAbout: (names: readonly string[]) => `(you asked about ${list(names, 'and')})`,
    othersTitle: 'What the other municipalities do',
    yourQuestion: (question: string) => `Your question: "${question}"`,
    noPreviousQuestion: 'Which question do you mean? Ask it first, e.g. "What are the password rules?", then write "what do the other municipalities do?".',
    noOtherMunicipalities: 'I have already answered from every municipality I know.',
    didYouMean: 'Did you mean …?',
    noneOfThese: 'None of these',
    typeNumber: 'Type the number.',
    suggestionGone: 'That suggestion is no longer in the knowledge base. Please ask again.',
    registeredIn: (names: readonly string[]) =>
      names.length === 1
        ? `You are a registered IT contact for ${names[0]!}, so I answer from its requirements. Want to know what applies in another municipality? Name it in the question, e.g. "What are the password rules in Uppsala?".`
        : `You are a registered IT contact for ${list(names, 'and')}. Type "municipality" and one of them to choose which I answer from.`,
    feedbackThanks: (helpful: boolean) => (helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling us. We use it to improve the answers. Feel free to create a ticket if you need help.'),
    municipalitySet: (municipality: MunicipalityChoice) => `Done! I now answer from the IT requirements of ${municipality.name}. Type "municipality" to change.`,
    language: (changed: boolean) =>
      changed
        ? 'Done! I write to you in English from now on, also service notices, reminders and news about your tickets. Type "språk svenska" for Swedish.'
        : 'I write to you in English. Type "language swedish" for Swedish.',
    unknownLanguage: 'Which language? Type "language english" or "language swedish".',
    chooseMunicipality: 'Which municipality do you provide care in? Then I answer from that municipality’s requirements.',
    selectMunicipality: 'Choose municipality',
    unknownMunicipality: (name: string) => `I don't know the municipality "${name}".`,
    chooseHint: (list: string) => `Type for example "municipality Göteborg". Municipalities: ${list}.`,
    welcomeTitle: 'Hi! I am itkontakt.',
    welcome: "I answer questions about the municipality's IT requirements for private care providers (SITHS, Lifecare, Treserva, Phoniro, passwords, support and more) and always show the source I quote.",
    helpTitle: 'What I can do',
    helpLines: [
      'Ask in your own words, e.g. "What are the password rules?" or "How do we order SITHS cards?".',
      '"municipality Göteborg" chooses whose requirements I answer from (a municipality named in the question wins). If you are a registered IT contact, I already know yours.',
      '"what do the other municipalities do?" after a question shows what the other municipalities say about it.',
      '"ticket" creates a support ticket with what the municipality’s routine requires; "my tickets" lists yours.',
      '"register" applies to become a registered IT contact; the municipality’s staff type "staff channel" in their channel.',
      '"outages" shows planned outages and disruptions; "unfollow <system>" and "follow <system>" choose what you get.',
      '"language swedish" or "språk engelska" chooses the language I write in; otherwise I follow the language you write in.',
      '"help" shows this list.',
    ],
    currentMunicipality: (municipality: MunicipalityChoice | null) => (municipality ? `Your municipality: ${municipality.name}.` : 'You have not chosen a municipality yet.'),
    apology: 'Something went wrong on my side while answering. Please try again in a moment; the error has been logged.',
  },
);

export function textsFor(language: Language): (typeof texts)[Language] {
  return texts[language];
}

/**
 * The heading of an answer, the same on every platform: whose requirements it gives ("Svar för
 * Göteborgs Stad"), with the municipality the question named when it was not the asker's own ("Svar
 * för Uppsala kommun (du frågade om Uppsala)"), or that it is the other municipalities' answer.
 */
export function answerTitle(reply: Extract<Reply, { kind: 'answer' }>): string {
  const t = textsFor(reply.language);
  const { answer, context } = reply;
  if (!answer.found) return t.notFoundTitle;
  if (context?.kind === 'others') return t.othersTitle;
  const [group, ...more] = answer.groups;
  const title = group && more.length === 0 ? t.answerFor(group.municipalityName) : t.answerForMany;
  return context?.kind === 'named' && context.asked.length > 0 ? `${title} ${t.askedAbout(context.asked)}` : title;
}
