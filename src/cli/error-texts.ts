import type { ConfigIssue, ConfigProblem } from '../config/index.js';
import type { KnownFailure } from '../errors/index.js';
import { bilingual } from '../knowledge/index.js';

// The errors that come from below the command line, as it tells them, in its language: a bad
// configuration value, a database that cannot be reached, a port in use, a knowledge base that does
// not load, Slack refusing or not answering at start. Those services return data (ConfigProblem, BotError's KnownFailure); the words are here.
// What the knowledge base's validator finds is in its own words, whatever the language.

const MISSING_SV: Record<Extract<ConfigProblem, { kind: 'missing' }>['what'], string> = {
  'app-password': 'en bot med MicrosoftAppId behöver sin klienthemlighet',
  'tenant-id': 'krävs när MicrosoftAppType är',
  'app-id': 'MicrosoftAppPassword eller MicrosoftAppTenantId är satt utan app-id',
  'signing-secret': 'krävs för att verifiera Slacks anrop (eller sätt SLACK_APP_TOKEN för Socket Mode)',
  'bot-token': 'Slack-appen behöver sin bot-token (xoxb-...)',
  'imap-host': 'är satt utan IMAP-server',
  'imap-user': 'brevlådans användarnamn',
  'imap-password': 'brevlådans lösenord',
  'imap-address': 'brevlådans e-postadress (IMAP_USER är ingen adress)',
};

const MISSING_EN: typeof MISSING_SV = {
  'app-password': 'a bot with MicrosoftAppId needs its client secret',
  'tenant-id': 'required when MicrosoftAppType is',
  'app-id': 'MicrosoftAppPassword or MicrosoftAppTenantId is set without an app id',
  'signing-secret': "required to verify Slack's requests (or set SLACK_APP_TOKEN for Socket Mode)",
  'bot-token': 'the Slack app needs its bot token (xoxb-...)',
  'imap-host': 'set without an IMAP server',
  'imap-user': "the mailbox's user name",
  'imap-password': "the mailbox's password",
  'imap-address': "the mailbox's email address (IMAP_USER is not an address)",
};

/** "a, b eller c" / "a, b or c". */
function either(options: readonly string[], or: string): string {
  return options.length <= 1 ? options.join('') : `${options.slice(0, -1).join(', ')} ${or} ${options.at(-1)}`;
}

export const errorTexts = bilingual(
  {
    configInvalid: 'Ogiltig konfiguration:',
    config: (problem: ConfigProblem): string => {
      switch (problem.kind) {
        case 'integer':
          return problem.min !== undefined && problem.max !== undefined ? `ska vara ett heltal ${problem.min}–${problem.max}, t.ex. ${problem.example}` : `ska vara ett heltal, t.ex. ${problem.example}`;
        case 'days':
          return `ska vara ett antal dagar, ett heltal ${problem.min}–${problem.max}, t.ex. ${problem.example}`;
        case 'between':
          return `ska vara mellan ${problem.min} och ${problem.max}`;
        case 'rate':
          return `ska vara ett antal meddelanden per sekund, t.ex. ${problem.example}`;
        case 'positive':
          return 'måste vara större än 0';
        case 'seconds':
          return `ska vara ett antal sekunder, t.ex. ${problem.example}`;
        case 'one-of':
          return problem.options.length > 4 ? `ska vara en av ${problem.options.join(', ')}` : `ska vara ${either(problem.options, 'eller')}`;
        case 'language':
          return 'ska vara sv (svenska) eller en (engelska)';
        case 'guid':
          return problem.of === 'app-id' ? 'ska vara botens app-id (ett GUID, t.ex. 00000000-0000-0000-0000-000000000000)' : 'ska vara Entra-klientens id (ett GUID)';
        case 'flag':
          return `ska vara 1 (${{ 'teams-local': 'Teams utan inloggning, för Bot Framework Emulator', 'imap-tls': 'TLS från start, port 993', 'imap-idle': 'servern säger till när post kommer, IMAP IDLE' }[problem.meaning]}) eller 0`;
        case 'slack-credential':
          return { 'signing-secret': 'ska vara appens Signing Secret (hexadecimalt, från Basic Information)', 'bot-token': 'ska vara en bot-token som börjar med xoxb-', 'app-token': 'ska vara en app-nivå-token som börjar med xapp- (för Socket Mode)' }[problem.of];
        case 'address':
          return `${{ web: 'ska vara en webbadress', smtp: 'ska vara en SMTP-adress', postgres: 'ska vara en PostgreSQL-adress', 'sms-gateway': 'ska vara SMS-gatewayens adress', public: 'ska vara serverns publika adress, med https://', mailbox: 'ska vara brevlådans e-postadress' }[problem.of]}, t.ex. ${problem.example}`;
        case 'scheme':
          return `ska börja med ${either(problem.schemes, 'eller')}`;
        case 'missing':
          if (problem.what === 'tenant-id') return `saknas: ${MISSING_SV['tenant-id']} ${problem.appType ?? ''}`.trimEnd();
          if (problem.what === 'imap-host') return `saknas: ${(problem.set ?? []).join(', ')} ${MISSING_SV['imap-host']}`;
          return `saknas: ${MISSING_SV[problem.what]}`;
        case 'open-host':
          return `${problem.host} skulle öppna boten utan inloggning mot nätverket: utan Teams- eller Slack-uppgifter lyssnar den bara på 127.0.0.1`;
        case 'teams-local-with-app-id':
          return 'kan inte kombineras med MicrosoftAppId: med app-id kontrolleras varje Teams-anrop. Ta bort TEAMS_LOCAL.';
        case 'teams-local-host':
          return `Teams utan inloggning (Bot Framework Emulator) kräver att servern bara lyssnar lokalt, men HOST är ${problem.host}. Sätt HOST=127.0.0.1 (eller ::1), eller ta bort TEAMS_LOCAL och sätt MicrosoftAppId.`;
        case 'imap-plaintext':
          return `lösenordet skulle gå okrypterat till ${problem.host}: IMAP_TLS=0 går bara mot en server på samma maskin (127.0.0.1)`;
        case 'invalid':
          return 'har ett ogiltigt värde';
      }
    },
    failure: (failure: KnownFailure): string => {
      switch (failure.code) {
        case 'PORT_IN_USE':
          return `Porten ${failure.port} på ${failure.host} används redan av ett annat program. Stoppa det eller välj en annan port med PORT=...`;
        case 'PORT_DENIED':
          return `Saknar behörighet att lyssna på port ${failure.port}. Välj en port över 1024 med PORT=...`;
        case 'DATABASE_UNREACHABLE':
          return `Kan inte nå PostgreSQL på ${failure.where ?? 'databasen'} (${failure.reason}): kontrollera DATABASE_URL och att databasen är igång.`;
        case 'DATABASE_URL_MISSING':
          return 'DATABASE_URL är inte satt: ange PostgreSQL-databasen, t.ex. DATABASE_URL=postgres://itkontakt@127.0.0.1:5432/itkontakt.';
        case 'DATA_DIR_WITHOUT_STORE':
          return `Det finns ingen ${failure.file} i ${failure.dataDir}: ange datakatalogen som servern använde (DATA_DIR).`;
        case 'KNOWLEDGE_INVALID':
          return [`Kunskapsbasen i ${failure.directory} har ${failure.count} fel:`, ...failure.issues.map((issue) => `  ${issue}`), ...(failure.count > failure.issues.length ? [`  … och ${failure.count - failure.issues.length} till`] : [])].join('\n');
        case 'SLACK_AUTH_FAILED':
          return failure.slackError === null
            ? 'Slack svarade på auth.test utan botens användar-id. Kontrollera att SLACK_BOT_TOKEN är en Bot User OAuth Token (xoxb-...).'
            : `Slack godkände inte SLACK_BOT_TOKEN (${failure.slackError || 'okänt fel'}). Kopiera Bot User OAuth Token (xoxb-...) från appens sida OAuth & Permissions.`;
        case 'SLACK_UNREACHABLE':
          return `Kunde inte nå Slacks Web API${failure.apiUrl ? ` på ${failure.apiUrl}` : ''} för att kontrollera SLACK_BOT_TOKEN: ${failure.detail}`;
      }
    },
  },
  {
    configInvalid: 'Invalid configuration:',
    config: (problem: ConfigProblem): string => {
      switch (problem.kind) {
        case 'integer':
          return problem.min !== undefined && problem.max !== undefined ? `must be a whole number ${problem.min}–${problem.max}, e.g. ${problem.example}` : `must be a whole number, e.g. ${problem.example}`;
        case 'days':
          return `must be a number of days, a whole number ${problem.min}–${problem.max}, e.g. ${problem.example}`;
        case 'between':
          return `must be between ${problem.min} and ${problem.max}`;
        case 'rate':
          return `must be a number of messages per second, e.g. ${problem.example}`;
        case 'positive':
          return 'must be greater than 0';
        case 'seconds':
          return `must be a number of seconds, e.g. ${problem.example}`;
        case 'one-of':
          return problem.options.length > 4 ? `must be one of ${problem.options.join(', ')}` : `must be ${either(problem.options, 'or')}`;
        case 'language':
          return 'must be sv (Swedish) or en (English)';
        case 'guid':
          return problem.of === 'app-id' ? "must be the bot's app id (a GUID, e.g. 00000000-0000-0000-0000-000000000000)" : "must be the Entra tenant's id (a GUID)";
        case 'flag':
          return `must be 1 (${{ 'teams-local': 'Teams without sign-in, for the Bot Framework Emulator', 'imap-tls': 'TLS from the start, port 993', 'imap-idle': 'the server says when mail arrives, IMAP IDLE' }[problem.meaning]}) or 0`;
        case 'slack-credential':
          return { 'signing-secret': "must be the app's Signing Secret (hexadecimal, from Basic Information)", 'bot-token': 'must be a bot token starting with xoxb-', 'app-token': 'must be an app-level token starting with xapp- (for Socket Mode)' }[problem.of];
        case 'address':
          return `${{ web: 'must be a web address', smtp: 'must be an SMTP address', postgres: 'must be a PostgreSQL address', 'sms-gateway': "must be the SMS gateway's address", public: "must be the server's public address, with https://", mailbox: "must be the mailbox's email address" }[problem.of]}, e.g. ${problem.example}`;
        case 'scheme':
          return `must start with ${either(problem.schemes, 'or')}`;
        case 'missing':
          if (problem.what === 'tenant-id') return `missing: ${MISSING_EN['tenant-id']} ${problem.appType ?? ''}`.trimEnd();
          if (problem.what === 'imap-host') return `missing: ${(problem.set ?? []).join(', ')} ${MISSING_EN['imap-host']}`;
          return `missing: ${MISSING_EN[problem.what]}`;
        case 'open-host':
          return `${problem.host} would open the bot to the network without sign-in: without Teams or Slack credentials it listens on 127.0.0.1 only`;
        case 'teams-local-with-app-id':
          return 'cannot be combined with MicrosoftAppId: with an app id every Teams request is verified. Remove TEAMS_LOCAL.';
        case 'teams-local-host':
          return `Teams without sign-in (Bot Framework Emulator) needs the server to listen locally only, but HOST is ${problem.host}. Set HOST=127.0.0.1 (or ::1), or remove TEAMS_LOCAL and set MicrosoftAppId.`;
        case 'imap-plaintext':
          return `the password would travel unencrypted to ${problem.host}: IMAP_TLS=0 only works with a server on the same machine (127.0.0.1)`;
        case 'invalid':
          return 'has an invalid value';
      }
    },
    failure: (failure: KnownFailure): string => {
      switch (failure.code) {
        case 'PORT_IN_USE':
          return `Port ${failure.port} on ${failure.host} is already in use by another program. Stop it or choose another port with PORT=...`;
        case 'PORT_DENIED':
          return `No permission to listen on port ${failure.port}. Choose a port above 1024 with PORT=...`;
        case 'DATABASE_UNREACHABLE':
          return `Cannot reach PostgreSQL at ${failure.where ?? 'the database'} (${failure.reason}): check DATABASE_URL and that the database is running.`;
        case 'DATABASE_URL_MISSING':
          return 'DATABASE_URL is not set: give the PostgreSQL database, e.g. DATABASE_URL=postgres://itkontakt@127.0.0.1:5432/itkontakt.';
        case 'DATA_DIR_WITHOUT_STORE':
          return `There is no ${failure.file} in ${failure.dataDir}: give the data directory the server used (DATA_DIR).`;
        case 'KNOWLEDGE_INVALID':
          return [`The knowledge base in ${failure.directory} has ${failure.count} ${failure.count === 1 ? 'error' : 'errors'}:`, ...failure.issues.map((issue) => `  ${issue}`), ...(failure.count > failure.issues.length ? [`  … and ${failure.count - failure.issues.length} more`] : [])].join('\n');
        case 'SLACK_AUTH_FAILED':
          return failure.slackError === null
            ? "Slack answered auth.test without the bot's user id. Check that SLACK_BOT_TOKEN is a Bot User OAuth Token (xoxb-...)."
            : `Slack did not accept SLACK_BOT_TOKEN (${failure.slackError || 'unknown error'}). Copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page.`;
        case 'SLACK_UNREACHABLE':
          return `Could not reach Slack's Web API${failure.apiUrl ? ` at ${failure.apiUrl}` : ''} to check SLACK_BOT_TOKEN: ${failure.detail}`;
      }
    },
  },
);

/** The errors from below the command line, in one language. */
export type ErrorTexts = (typeof errorTexts)['sv'];

/** A configuration error as the person fixes it: every variable, and what to write instead. */
export function configErrorText(issues: readonly ConfigIssue[], texts: ErrorTexts): string {
  return [texts.configInvalid, ...issues.map((issue) => `  ${issue.variable}: ${texts.config(issue.problem)}`)].join('\n');
}
