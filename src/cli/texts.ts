import type { CsvProblem } from '../contacts/index.js';
import { bilingual } from '../knowledge/index.js';

// Everything the command line says itself, in its language (ITKONTAKT_LANGUAGE, else the locale;
// see src/config): the help, each command's usage line and summary, what is wrong with how a
// command was called, and the registry's, tickets' and notices' errors. What the services refuse
// and why is worded by the bot's catalogues (refusalTexts, ticketTexts, wordFieldErrors).
// Nothing here is imported at run time but the knowledge module's `bilingual`, so every command
// may load it.

/** A command's line in the help. */
export interface CommandHelp {
  readonly usage: string;
  readonly summary: string;
}

/** What the import counted. */
interface ImportCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

/** The columns as the English aliases the import also reads. */
const ENGLISH_HEADER = 'municipality;provider;organisation_number;name;email;phone;language';

const ENVIRONMENT =
  'PORT, HOST, DATA_DIR, KNOWLEDGE_DIR, LOG_LEVEL, MicrosoftAppId, MicrosoftAppPassword,\nMicrosoftAppType, MicrosoftAppTenantId, TEAMS_LOCAL, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN,\nSLACK_API_URL, SMTP_URL, SMTP_FROM, SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, DATABASE_URL, IMAP_*, PUBLIC_URL,\nITKONTAKT_OPERATOR, ITKONTAKT_FROM_SOURCE, ITKONTAKT_LANGUAGE';

export const cliTexts = bilingual(
  {
    help: {
      intro: 'itkontakt: IT-kontaktens bot för kommunernas IT-krav, ärenden och driftinformation.',
      usage: 'Användning: npx itkontakt <kommando> [flaggor]',
      commands: 'Kommandon:',
      help: { usage: 'itkontakt help', summary: 'Visar den här hjälpen (även --help, och <kommando> --help).' },
      environment: `Miljövariabler: ${ENVIRONMENT} (sv/en, annars LANG m.fl.), STAFF_LANGUAGE,\nOUTBOX_*, NOTICE_*.\nSe README.md (Configuration) för vad var och en gör.`,
      /** Before a command's usage line, in its --help and under a usage error. */
      usageOf: (usage: string) => `Användning: ${usage}`,
    },
    commands: {
      serve: { usage: 'itkontakt serve', summary: 'Startar boten (HTTP-servern för Teams och Slack, /healthz). Samma som npm start.' },
      ask: { usage: 'itkontakt ask "<fråga>" [--municipality <id>] [--lang sv|en] [--json] [--explain]', summary: 'Besvarar en fråga ur kunskapsbasen, med källor.' },
      chat: { usage: 'itkontakt chat [--municipality <id>]', summary: 'Interaktiv chatt med boten i terminalen (samma kärna som Teams och Slack).' },
      'kb check': { usage: 'itkontakt kb check [--json]', summary: 'Kontrollerar kunskapsbasen: schema, unika id:n, referenser, citat mot källorna, att varje rubrik täcks.' },
      'kb gaps': { usage: 'itkontakt kb gaps [--municipality <id>] [--json]', summary: 'Visar vad kunskapsbasen saknar: frågor utan svar (grupperade efter sökorden de förstods med) och svar som inte hjälpte, vanligast först.' },
      'contacts list': { usage: 'itkontakt contacts list [--municipality <id>] [--all] [--json]', summary: 'Listar registrerade IT-kontakter (--all tar med avaktiverade).' },
      'contacts add': {
        usage: 'itkontakt contacts add --municipality <id> --provider <namn> --org-number <nnnnnn-nnnn> --name <namn> --email <e-post> --phone <telefon> [--language sv|en] [--teams-user <id> --teams-tenant <id>] [--slack-user <id> --slack-team <id>] [--json]',
        summary: 'Lägger till (eller uppdaterar) en IT-kontakt. --language väljer språket i driftmeddelanden per e-post och SMS (sv om det inte anges).',
      },
      'contacts import': (header: string): CommandHelp => ({
        usage: 'itkontakt contacts import <fil.csv> [--skip-invalid] [--json]',
        summary: `Importerar kontakter från CSV med rubrikraden ${header}. Med någon felaktig rad importeras inget, om inte --skip-invalid anges.`,
      }),
      'contacts export': { usage: 'itkontakt contacts export [--municipality <id>] [--output <fil.csv>]', summary: 'Exporterar aktiva kontakter som CSV i samma format som importen läser.' },
      'contacts language': { usage: 'itkontakt contacts language <id> sv|en [--json]', summary: 'Väljer språket i en IT-kontakts driftmeddelanden per e-post och SMS: sv (svenska) eller en (engelska).' },
      'contacts deactivate': { usage: 'itkontakt contacts deactivate <id> [--json]', summary: 'Avaktiverar en IT-kontakt (får inga driftmeddelanden och kan inte beställa behörigheter).' },
      'staff add': {
        usage: 'itkontakt staff add (--municipality <id> | --admin) --name <namn> [--email <e-post>] [--teams-user <id> --teams-tenant <id>] [--slack-user <id> --slack-team <id>] [--json]',
        summary: 'Lägger till kommunpersonal (besvarar ärenden, publicerar driftinformation) eller en administratör.',
      },
      'staff remove': { usage: 'itkontakt staff remove <id> [--json]', summary: 'Tar bort personal eller en administratör.' },
      'staff list': { usage: 'itkontakt staff list [--json]', summary: 'Listar personal och administratörer.' },
      'registrations list': { usage: 'itkontakt registrations list [--status pending|approved|rejected] [--json]', summary: 'Listar ansökningar om att bli IT-kontakt.' },
      'registrations approve': { usage: 'itkontakt registrations approve <id> [--json]', summary: 'Godkänner en ansökan: personen blir registrerad IT-kontakt.' },
      'registrations reject': { usage: 'itkontakt registrations reject <id> --reason <skäl> [--json]', summary: 'Avslår en ansökan med ett skäl.' },
      'audit list': { usage: 'itkontakt audit list [--municipality <id>] [--since <datum>] [--json]', summary: 'Visar granskningsloggen: vem ändrade vad och när, före och efter.' },
      'tickets types': { usage: 'itkontakt tickets types --municipality <id> [--json]', summary: 'Listar kommunens ärendetyper och deras fält.' },
      'tickets file': {
        usage: 'itkontakt tickets file --municipality <id> --type <typ> --field nyckel=värde ... [--as <personal- eller kontakt-id, eller e-post>] [--json]',
        summary: 'Skapar ett ärende från kommandoraden i namn av en person (--as, annars ITKONTAKT_OPERATOR); skickar det direkt när SMTP_URL är satt, annars ligger det i utkorgen.',
      },
      'tickets list': (statuses: readonly string[]): CommandHelp => ({ usage: 'itkontakt tickets list [--municipality <id>] [--status <status>] [--json]', summary: `Listar ärenden. Status: ${statuses.join(', ')}.` }),
      'tickets show': { usage: 'itkontakt tickets show <id> [--json]', summary: 'Visar ett ärende med alla fält (läsningen loggas).' },
      'tickets set-status': { usage: 'itkontakt tickets set-status <id> <status> [--note <text>] [--json]', summary: 'Ändrar status (in-progress, waiting-for-requester, resolved, rejected); avvisning och "väntar på svar" kräver --note.' },
      'notices create': {
        usage: 'itkontakt notices create --municipality <id> --kind planned|disruption --title <text> --systems <id,id> --description <text> [--impact <text>] [--start "ÅÅÅÅ-MM-DD HH:MM" --end "…"] [--json]',
        summary: 'Skapar ett utkast till driftinformation (planerat driftstopp med fönster i svensk tid, eller driftstörning).',
      },
      'notices publish': { usage: 'itkontakt notices publish <id> [--reason <skäl>] [--json]', summary: 'Publicerar ett utkast. Bryter det mot kommunens regler (t.ex. för kort varsel) krävs --reason, som sparas.' },
      'notices update': {
        usage: 'itkontakt notices update <id> --text <nytt> [--state investigating|identified|monitoring|resolved] [--json]\n       itkontakt notices update <id> --correct [--title <text>] [--description <text>] [--impact <text>] [--json]',
        summary: 'Skickar en uppdatering i samma tråd (för driftstörningar även nästa status), eller med --correct en rättelse som ersätter skickade chattmeddelanden.',
      },
      'notices cancel': { usage: 'itkontakt notices cancel <id> --reason <skäl> [--json]', summary: 'Ställer in ett planerat driftstopp.' },
      'notices resolve': { usage: 'itkontakt notices resolve <id> --text <vad som gjordes> [--json]', summary: 'Markerar en driftstörning som åtgärdad.' },
      'notices list': { usage: 'itkontakt notices list [--municipality <id>] [--json]', summary: 'Listar driftinformation, nyast först (utkast med).' },
      'notices show': { usage: 'itkontakt notices show <id> [--json]', summary: 'Visar en driftinformation med uppdateringar och eventuellt undantag från reglerna.' },
      'notices report': { usage: 'itkontakt notices report <id> [--json]', summary: 'Leveransrapport: skickade, väntande och misslyckade per kanal, och varje misslyckande med skäl.' },
      'notices rules': { usage: 'itkontakt notices rules --municipality <id> [--json]', summary: 'Visar reglerna för driftinformation som gäller i kommunen, var och en från dokumentet (med källa) eller botens standard.' },
      'db migrate': { usage: 'itkontakt db migrate', summary: 'Uppdaterar PostgreSQL-databasens schema (DATABASE_URL); servern gör det också när den startar.' },
      'db status': { usage: 'itkontakt db status', summary: 'Visar vilka migreringar databasen har och vilka som återstår; avslutar med 1 om någon återstår.' },
      'db copy': { usage: 'itkontakt db copy --from-data-dir <katalog>', summary: 'Kopierar en datakatalog (itkontakt.json) till databasen; kan köras igen utan att något dubbleras.' },
    },
    /** What is wrong with how a command was called (exit code 2, shown with the usage line). */
    usage: {
      unknownCommand: (words: string) => `Okänt kommando "${words}".`,
      didYouMean: (commands: readonly string[]) => `Menade du: ${commands.join(', ')}?`,
      seeHelp: 'Se "itkontakt --help" för alla kommandon.',
      unknownFlag: (flag: string) => `Okänd flagga ${flag}.`,
      needsValue: (flag: string) => `${flag} behöver ett värde.`,
      takesNoValue: (flag: string) => `${flag} tar inget värde.`,
      unexpectedArgument: (argument: string) => `Oväntat argument: ${argument}.`,
      language: (value: string) => `--lang ska vara sv eller en, inte "${value}".`,
      unknownMunicipality: (value: string, ids: readonly string[]) => `Okänd kommun "${value}". Välj en av: ${ids.join(', ')}.`,
      municipalityMissing: 'Ange --municipality.',
      municipalityToChoose: (ids: readonly string[]) => `Ange kommun med --municipality <id>: ${ids.join(', ')}.`,
      /** An id is missing; `list` is the command that lists them ("notices list"). */
      idMissing: (list: string) => `Ange id (se itkontakt ${list}).`,
      question: 'Skriv frågan inom citattecken, t.ex. itkontakt ask "Vilka krav gäller för lösenord?"',
      fromDataDir: 'Ange --from-data-dir, katalogen med itkontakt.json.',
    },
    kb: {
      invalid: (directory: string, count: number) => `Kunskapsbasen i ${directory} har ${count} fel:`,
    },
    tickets: {
      fieldPair: (pair: string) => `--field ska skrivas nyckel=värde, inte "${pair}".`,
      nameAPerson: 'Ange vem som skapar ärendet: --as <personal-id eller e-post> (se itkontakt staff list) eller en IT-kontakt (id eller e-post, se itkontakt contacts list); eller sätt ITKONTAKT_OPERATOR till ditt personal-id.',
      notServing: (name: string, id: string, theirs: string, municipality: string) => `${name} (${id}) är personal i ${theirs} och kan inte skapa ärenden i ${municipality}.`,
      unknownOperator: (operator: string) => `ITKONTAKT_OPERATOR är "${operator}", men ingen personal har det id:t eller den e-posten (se itkontakt staff list).`,
      unknownFiler: (as: string) => `Ingen personal eller kontakt "${as}" (ange id eller e-post från itkontakt staff list eller itkontakt contacts list).`,
      municipalityAndType: 'Ange --municipality och --type (se itkontakt tickets types).',
      statusFlag: (statuses: readonly string[]) => `--status ska vara en av ${statuses.join(', ')}.`,
      status: (statuses: readonly string[]) => `Status ska vara en av ${statuses.join(', ')}.`,
      idMissing: 'Ange ärendets id, t.ex. GBG-2026-0001.',
      idAndStatusMissing: 'Ange ärendets id och den nya statusen.',
    },
    notices: {
      kind: '--kind ska vara planned (planerat driftstopp) eller disruption (driftstörning).',
      noSuchTime: (flag: string, value: string) => `${flag}: "${value}" finns inte i svensk tid (ett datum som inte finns, eller en timme som hoppas över när klockan ställs fram).`,
      time: (flag: string, value: string) => `${flag} ska vara "ÅÅÅÅ-MM-DD HH:MM" i svensk tid (eller ISO 8601 med tidszon), inte "${value}".`,
      /** After a draft that breaks a rule: the rule's wording comes first. */
      breaksRule: (violation: string) => `Obs: ${violation} Publicera med --reason "<skäl>".`,
    },
    registry: {
      /** A contact's fields as a person fixes them: the CSV's column names. */
      fieldLabels: { municipality: 'kommun', providerName: 'utförare', orgNumber: 'organisationsnummer', name: 'namn', email: 'e-post', phone: 'telefon', language: 'språk', identity: 'e-post eller chattkonto' } as Readonly<Record<string, string>>,
      /** What is wrong with a CSV file; `header` is the header row it should have. */
      csvProblem: (line: number, problem: CsvProblem, header: string): string => {
        switch (problem.kind) {
          case 'unreadable':
            return `rad ${line}: filen kan inte läsas som CSV (${problem.detail})`;
          case 'empty':
            return `rad ${line}: filen är tom: första raden ska vara rubrikraden`;
          case 'missing-columns':
            return `rad ${line}: rubrikraden saknar ${problem.missing.map((key) => cliTexts.sv.registry.fieldLabels[key] ?? key).join(', ')} (den ska vara: ${header}, där språk får utelämnas)`;
        }
      },
      fileMissing: (file: string) => `Filen ${file} finns inte.`,
      imported: (counts: ImportCounts) => `Importerat: ${counts.created} nya, ${counts.updated} uppdaterade, ${counts.unchanged} oförändrade${counts.skipped > 0 ? `, ${counts.skipped} felaktiga rader hoppades över` : ''}.`,
      nothingImported: (invalid: number) => `Inget importerades: ${invalid} rader har fel. Rätta dem, eller kör med --skip-invalid för att importera de andra.`,
      bothTeams: 'Ange både --teams-user och --teams-tenant.',
      bothSlack: 'Ange både --slack-user och --slack-team.',
      csvFileMissing: 'Ange CSV-filen att importera.',
      contactAndLanguage: 'Ange kontaktens id och språket, t.ex. itkontakt contacts language c-1234abcd en.',
      contactId: 'Ange kontaktens id (se itkontakt contacts list).',
      name: 'Ange --name.',
      staffOrAdmin: 'Ange antingen --municipality <id> (personal) eller --admin.',
      registrationStatus: '--status ska vara pending, approved eller rejected.',
      registrationId: 'Ange ansökans id (se itkontakt registrations list).',
      rejectionReason: 'Ange ett skäl med --reason; den sökande får se det.',
      since: (value: string) => `--since ska vara ett datum, t.ex. 2026-11-01 eller 2026-11-01T08:00:00+01:00, inte "${value}".`,
    },
  },
  {
    help: {
      intro: "itkontakt: the IT-contacts' bot for the municipalities' IT requirements, tickets and outage notices.",
      usage: 'Usage: npx itkontakt <command> [options]',
      commands: 'Commands:',
      help: { usage: 'itkontakt help', summary: 'Shows this help (also --help, and <command> --help).' },
      environment: `Environment variables: ${ENVIRONMENT} (sv/en, else LANG etc.), STAFF_LANGUAGE,\nOUTBOX_*, NOTICE_*.\nSee README.md (Configuration) for what each one does.`,
      usageOf: (usage: string) => `Usage: ${usage}`,
    },
    commands: {
      serve: { usage: 'itkontakt serve', summary: 'Starts the bot (the HTTP server for Teams and Slack, /healthz). The same as npm start.' },
      ask: { usage: 'itkontakt ask "<question>" [--municipality <id>] [--lang sv|en] [--json] [--explain]', summary: 'Answers a question from the knowledge base, with its sources.' },
      chat: { usage: 'itkontakt chat [--municipality <id>]', summary: 'An interactive chat with the bot in the terminal (the same core as Teams and Slack).' },
      'kb check': { usage: 'itkontakt kb check [--json]', summary: 'Checks the knowledge base: schema, unique ids, references, quotes against the sources, that every heading is covered.' },
      'kb gaps': { usage: 'itkontakt kb gaps [--municipality <id>] [--json]', summary: 'Shows what the knowledge base lacks: questions without an answer (grouped by the terms they were understood by) and answers that did not help, most frequent first.' },
      'contacts list': { usage: 'itkontakt contacts list [--municipality <id>] [--all] [--json]', summary: 'Lists the registered IT-contacts (--all includes deactivated ones).' },
      'contacts add': {
        usage: 'itkontakt contacts add --municipality <id> --provider <name> --org-number <nnnnnn-nnnn> --name <name> --email <email> --phone <phone> [--language sv|en] [--teams-user <id> --teams-tenant <id>] [--slack-user <id> --slack-team <id>] [--json]',
        summary: 'Adds (or updates) an IT-contact. --language chooses the language of their notices by email and SMS (sv when not given).',
      },
      'contacts import': (header: string): CommandHelp => ({
        usage: 'itkontakt contacts import <file.csv> [--skip-invalid] [--json]',
        summary: `Imports contacts from CSV with the header row ${header} (or in English ${ENGLISH_HEADER}). With any invalid row nothing is imported, unless --skip-invalid is given.`,
      }),
      'contacts export': { usage: 'itkontakt contacts export [--municipality <id>] [--output <file.csv>]', summary: 'Exports the active contacts as CSV in the format the import reads.' },
      'contacts language': { usage: 'itkontakt contacts language <id> sv|en [--json]', summary: "Chooses the language of an IT-contact's notices by email and SMS: sv (Swedish) or en (English)." },
      'contacts deactivate': { usage: 'itkontakt contacts deactivate <id> [--json]', summary: 'Deactivates an IT-contact (they get no notices and cannot order access).' },
      'staff add': {
        usage: 'itkontakt staff add (--municipality <id> | --admin) --name <name> [--email <email>] [--teams-user <id> --teams-tenant <id>] [--slack-user <id> --slack-team <id>] [--json]',
        summary: "Adds a member of a municipality's staff (answers tickets, publishes notices) or an administrator.",
      },
      'staff remove': { usage: 'itkontakt staff remove <id> [--json]', summary: 'Removes a member of staff or an administrator.' },
      'staff list': { usage: 'itkontakt staff list [--json]', summary: 'Lists staff and administrators.' },
      'registrations list': { usage: 'itkontakt registrations list [--status pending|approved|rejected] [--json]', summary: 'Lists the applications to become an IT-contact.' },
      'registrations approve': { usage: 'itkontakt registrations approve <id> [--json]', summary: 'Approves an application: the person becomes a registered IT-contact.' },
      'registrations reject': { usage: 'itkontakt registrations reject <id> --reason <reason> [--json]', summary: 'Rejects an application, with a reason.' },
      'audit list': { usage: 'itkontakt audit list [--municipality <id>] [--since <date>] [--json]', summary: 'Shows the audit log: who changed what and when, before and after.' },
      'tickets types': { usage: 'itkontakt tickets types --municipality <id> [--json]', summary: "Lists the municipality's ticket types and their fields." },
      'tickets file': {
        usage: 'itkontakt tickets file --municipality <id> --type <type> --field key=value ... [--as <staff or contact id, or email>] [--json]',
        summary: 'Files a ticket from the command line in the name of a person (--as, else ITKONTAKT_OPERATOR); sends it at once when SMTP_URL is set, else it waits in the outbox.',
      },
      'tickets list': (statuses: readonly string[]): CommandHelp => ({ usage: 'itkontakt tickets list [--municipality <id>] [--status <status>] [--json]', summary: `Lists tickets. Status: ${statuses.join(', ')}.` }),
      'tickets show': { usage: 'itkontakt tickets show <id> [--json]', summary: 'Shows a ticket with all its fields (the reading is logged).' },
      'tickets set-status': { usage: 'itkontakt tickets set-status <id> <status> [--note <text>] [--json]', summary: 'Changes the status (in-progress, waiting-for-requester, resolved, rejected); rejected and waiting-for-requester need --note.' },
      'notices create': {
        usage: 'itkontakt notices create --municipality <id> --kind planned|disruption --title <text> --systems <id,id> --description <text> [--impact <text>] [--start "YYYY-MM-DD HH:MM" --end "…"] [--json]',
        summary: 'Creates a draft notice (a planned outage with its window in Swedish time, or a disruption).',
      },
      'notices publish': { usage: 'itkontakt notices publish <id> [--reason <reason>] [--json]', summary: "Publishes a draft. When it breaks the municipality's rules (too short notice, say), --reason is required, and kept." },
      'notices update': {
        usage: 'itkontakt notices update <id> --text <news> [--state investigating|identified|monitoring|resolved] [--json]\n       itkontakt notices update <id> --correct [--title <text>] [--description <text>] [--impact <text>] [--json]',
        summary: 'Sends an update in the same thread (for a disruption also its next state), or with --correct a correction that replaces the chat messages sent.',
      },
      'notices cancel': { usage: 'itkontakt notices cancel <id> --reason <reason> [--json]', summary: 'Cancels a planned outage.' },
      'notices resolve': { usage: 'itkontakt notices resolve <id> --text <what was done> [--json]', summary: 'Marks a disruption as resolved.' },
      'notices list': { usage: 'itkontakt notices list [--municipality <id>] [--json]', summary: 'Lists notices, newest first (drafts included).' },
      'notices show': { usage: 'itkontakt notices show <id> [--json]', summary: 'Shows a notice with its updates and any exception to the rules.' },
      'notices report': { usage: 'itkontakt notices report <id> [--json]', summary: 'The delivery report: sent, waiting and failed per channel, and each failure with its reason.' },
      'notices rules': { usage: 'itkontakt notices rules --municipality <id> [--json]', summary: "Shows the notice rules in force in the municipality, each from its document (with the source) or the bot's default." },
      'db migrate': { usage: 'itkontakt db migrate', summary: "Brings the PostgreSQL database's schema up to date (DATABASE_URL); the server does so too when it starts." },
      'db status': { usage: 'itkontakt db status', summary: 'Shows which migrations the database has and which remain; exits with 1 while any remains.' },
      'db copy': { usage: 'itkontakt db copy --from-data-dir <directory>', summary: 'Copies a data directory (itkontakt.json) into the database; can be run again without anything doubling.' },
    },
    usage: {
      unknownCommand: (words: string) => `Unknown command "${words}".`,
      didYouMean: (commands: readonly string[]) => `Did you mean: ${commands.join(', ')}?`,
      seeHelp: 'See "itkontakt --help" for every command.',
      unknownFlag: (flag: string) => `Unknown option ${flag}.`,
      needsValue: (flag: string) => `${flag} needs a value.`,
      takesNoValue: (flag: string) => `${flag} takes no value.`,
      unexpectedArgument: (argument: string) => `Unexpected argument: ${argument}.`,
      language: (value: string) => `--lang must be sv or en, not "${value}".`,
      unknownMunicipality: (value: string, ids: readonly string[]) => `Unknown municipality "${value}". Choose one of: ${ids.join(', ')}.`,
      municipalityMissing: 'Give --municipality.',
      municipalityToChoose: (ids: readonly string[]) => `Give the municipality with --municipality <id>: ${ids.join(', ')}.`,
      idMissing: (list: string) => `Give the id (see itkontakt ${list}).`,
      question: 'Write the question in quotes, e.g. itkontakt ask "What are the password rules?"',
      fromDataDir: 'Give --from-data-dir, the directory with itkontakt.json.',
    },
    kb: {
      invalid: (directory: string, count: number) => `The knowledge base in ${directory} has ${count} ${count === 1 ? 'error' : 'errors'}:`,
    },
    tickets: {
      fieldPair: (pair: string) => `--field must be written key=value, not "${pair}".`,
      nameAPerson: 'Say who files the ticket: --as <staff id or email> (see itkontakt staff list) or an IT-contact (id or email, see itkontakt contacts list); or set ITKONTAKT_OPERATOR to your staff id.',
      notServing: (name: string, id: string, theirs: string, municipality: string) => `${name} (${id}) is staff in ${theirs} and cannot file tickets in ${municipality}.`,
      unknownOperator: (operator: string) => `ITKONTAKT_OPERATOR is "${operator}", but no member of staff has that id or email (see itkontakt staff list).`,
      unknownFiler: (as: string) => `No member of staff or contact "${as}" (give an id or email from itkontakt staff list or itkontakt contacts list).`,
      municipalityAndType: 'Give --municipality and --type (see itkontakt tickets types).',
      statusFlag: (statuses: readonly string[]) => `--status must be one of ${statuses.join(', ')}.`,
      status: (statuses: readonly string[]) => `The status must be one of ${statuses.join(', ')}.`,
      idMissing: "Give the ticket's id, e.g. GBG-2026-0001.",
      idAndStatusMissing: "Give the ticket's id and its new status.",
    },
    notices: {
      kind: '--kind must be planned (a planned outage) or disruption.',
      noSuchTime: (flag: string, value: string) => `${flag}: "${value}" does not exist in Swedish time (a date that does not exist, or an hour skipped when the clocks go forward).`,
      time: (flag: string, value: string) => `${flag} must be "YYYY-MM-DD HH:MM" in Swedish time (or ISO 8601 with a time zone), not "${value}".`,
      breaksRule: (violation: string) => `Note: ${violation} Publish with --reason "<reason>".`,
    },
    registry: {
      fieldLabels: { municipality: 'municipality', providerName: 'provider', orgNumber: 'organisation number', name: 'name', email: 'email', phone: 'phone', language: 'language', identity: 'email or chat account' } as Readonly<Record<string, string>>,
      csvProblem: (line: number, problem: CsvProblem, header: string): string => {
        switch (problem.kind) {
          case 'unreadable':
            return `line ${line}: the file cannot be read as CSV (${problem.detail})`;
          case 'empty':
            return `line ${line}: the file is empty: the first line must be the header row`;
          case 'missing-columns':
            return `line ${line}: the header row lacks ${problem.missing.map((key) => cliTexts.en.registry.fieldLabels[key] ?? key).join(', ')} (it should be: ${header}, or in English ${ENGLISH_HEADER}; the language column may be left out)`;
        }
      },
      fileMissing: (file: string) => `The file ${file} does not exist.`,
      imported: (counts: ImportCounts) => `Imported: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged${counts.skipped > 0 ? `, ${counts.skipped} invalid rows skipped` : ''}.`,
      nothingImported: (invalid: number) => `Nothing was imported: ${invalid} rows have errors. Correct them, or run with --skip-invalid to import the others.`,
      bothTeams: 'Give both --teams-user and --teams-tenant.',
      bothSlack: 'Give both --slack-user and --slack-team.',
      csvFileMissing: 'Give the CSV file to import.',
      contactAndLanguage: "Give the contact's id and the language, e.g. itkontakt contacts language c-1234abcd en.",
      contactId: "Give the contact's id (see itkontakt contacts list).",
      name: 'Give --name.',
      staffOrAdmin: 'Give either --municipality <id> (staff) or --admin.',
      registrationStatus: '--status must be pending, approved or rejected.',
      registrationId: "Give the application's id (see itkontakt registrations list).",
      rejectionReason: 'Give a reason with --reason; the applicant will see it.',
      since: (value: string) => `--since must be a date, e.g. 2026-11-01 or 2026-11-01T08:00:00+01:00, not "${value}".`,
    },
  },
);

/** The command line's words in one language. */
export type CliTexts = (typeof cliTexts)['sv'];
