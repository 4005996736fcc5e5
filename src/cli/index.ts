import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runConsoleChat, renderAnswerText } from '../../adapters/console/index.js';
import type { Config } from '../config/index.js';
import { ConfigError } from '../config/index.js';
import { isBotError } from '../errors/index.js';
import { AnswerEngine, formatIssue, loadKnowledgeBase, type KnowledgeBase, type Language } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import type { Itkontakt } from '../main.js';

/** What the CLI needs from the process; main.ts passes the real ones, tests pass their own. */
export interface Runtime {
  loadConfig(): Config;
  createLogger(config: Config, destination?: NodeJS.WritableStream): Logger;
  openItkontakt(config: Config, logger: Logger): Promise<Itkontakt>;
  loadKnowledge(directory: string): Promise<KnowledgeBase>;
  serve(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }>;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  onShutdownSignal(handler: (signal: string) => Promise<void> | void): void;
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, runtime: Runtime): Promise<number>;
}

class UsageError extends Error {}

const COMMANDS: readonly Command[] = [
  {
    name: 'serve',
    usage: 'itkontakt serve',
    summary: 'Startar boten (HTTP-servern för Teams och Slack, /healthz). Samma som npm start.',
    options: {},
    async run(_args, runtime) {
      const config = runtime.loadConfig();
      const logger = runtime.createLogger(config);
      const running = await runtime.serve(config, logger);
      await new Promise<void>((resolve) => {
        runtime.onShutdownSignal(async (signal) => {
          logger.info({ signal }, 'shutting down');
          await running.stop();
          logger.info('stopped');
          resolve();
        });
      });
      return EXIT_OK;
    },
  },
  {
    name: 'ask',
    usage: 'itkontakt ask "<fråga>" [--municipality <id>] [--lang sv|en] [--json] [--explain]',
    summary: 'Besvarar en fråga ur kunskapsbasen, med källor.',
    options: {
      municipality: { type: 'string', short: 'm' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      explain: { type: 'boolean' },
    },
    async run({ values, positionals }, runtime) {
      const question = positionals.join(' ').trim();
      if (!question) throw new UsageError('Skriv frågan inom citattecken, t.ex. itkontakt ask "Vilka krav gäller för lösenord?"');
      const language = parseLanguage(values.lang);
      const config = runtime.loadConfig();
      const engine = await openEngine(runtime, config);
      const knowledge = engine.knowledge;
      const municipality = parseMunicipality(values.municipality, knowledge);
      if (values.explain) {
        write(runtime.stdout, JSON.stringify(engine.engine.explain(question, { municipality }), null, 2));
        return EXIT_OK;
      }
      const answer = engine.engine.ask(question, { municipality, language });
      if (values.json) {
        const { found, municipality: applied, language: answeredIn, answer: text, sources } = answer;
        write(runtime.stdout, JSON.stringify({ found, municipality: applied, language: answeredIn, answer: text, sources }));
      } else {
        write(runtime.stdout, renderAnswerText(answer));
      }
      return EXIT_OK;
    },
  },
  {
    name: 'chat',
    usage: 'itkontakt chat [--municipality <id>]',
    summary: 'Interaktiv chatt med boten i terminalen (samma kärna som Teams och Slack).',
    options: { municipality: { type: 'string', short: 'm' } },
    async run({ values }, runtime) {
      const config = runtime.loadConfig();
      const logger = runtime.createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, runtime.stderr);
      const itkontakt = await runtime.openItkontakt(config, logger);
      const municipality = parseMunicipality(values.municipality, itkontakt.knowledge);
      await runConsoleChat({ bot: itkontakt.bot, input: runtime.stdin, output: runtime.stdout, municipality });
      await itkontakt.store.flush();
      return EXIT_OK;
    },
  },
  {
    name: 'kb check',
    usage: 'itkontakt kb check [--json]',
    summary: 'Kontrollerar kunskapsbasen: schema, unika id:n, referenser, citat mot källorna, att varje rubrik täcks.',
    options: { json: { type: 'boolean' } },
    async run({ values }, runtime) {
      const config = runtime.loadConfig();
      const result = await loadKnowledgeBase(config.knowledgeDir);
      if (values.json) {
        write(
          runtime.stdout,
          JSON.stringify(
            result.ok
              ? { ok: true, records: result.knowledge.records.length, municipalities: result.knowledge.municipalities.map((m) => m.id), issues: [] }
              : { ok: false, issues: result.issues },
          ),
        );
        return result.ok ? EXIT_OK : EXIT_FAILURE;
      }
      if (!result.ok) {
        write(runtime.stderr, `Kunskapsbasen i ${config.knowledgeDir} har ${result.issues.length} fel:\n${result.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
        return EXIT_FAILURE;
      }
      const { knowledge } = result;
      const lines = knowledge.municipalities.map((municipality) => {
        const count = knowledge.records.filter((record) => record.municipalityId === municipality.id).length;
        return `  ${municipality.id.padEnd(10)} ${String(count).padStart(4)} poster  ${municipality.document.file}`;
      });
      write(runtime.stdout, [`Kunskapsbasen är OK: ${knowledge.records.length} poster i ${knowledge.municipalities.length} kommuner, ${knowledge.systems.length} system, ${knowledge.glossary.length} ordlisteposter.`, ...lines].join('\n'));
      return EXIT_OK;
    },
  },
];

function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

function parseLanguage(value: string | boolean | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (value === 'sv' || value === 'en') return value;
  throw new UsageError(`--lang ska vara sv eller en, inte "${String(value)}".`);
}

function parseMunicipality(value: string | boolean | undefined, knowledge: KnowledgeBase): string | undefined {
  if (value === undefined) return undefined;
  const wanted = String(value).trim().toLowerCase();
  const match = knowledge.municipalities.find((municipality) => municipality.id === wanted || municipality.name.toLowerCase() === wanted);
  if (!match) {
    throw new UsageError(`Okänd kommun "${String(value)}". Välj en av: ${knowledge.municipalities.map((municipality) => municipality.id).join(', ')}.`);
  }
  return match.id;
}

async function openEngine(runtime: Runtime, config: Config): Promise<{ knowledge: KnowledgeBase; engine: AnswerEngine }> {
  const knowledge = await runtime.loadKnowledge(config.knowledgeDir);
  return { knowledge, engine: new AnswerEngine(knowledge) };
}

/** The text of `itkontakt --help`. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    'itkontakt: IT-kontaktens bot för kommunernas IT-krav, ärenden och driftinformation.',
    '',
    'Användning: npx itkontakt <kommando> [flaggor]',
    '',
    'Kommandon:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    `  ${'itkontakt help'.padEnd(width)}  Visar den här hjälpen (även --help).`,
    '',
    'Miljövariabler: PORT, HOST, DATA_DIR, KNOWLEDGE_DIR, LOG_LEVEL, MicrosoftAppId, MicrosoftAppPassword,',
    'MicrosoftAppType, MicrosoftAppTenantId, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN,',
    'SLACK_API_URL, SMTP_URL. Se README.md.',
  ].join('\n');
}

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** Runs one CLI invocation and returns the exit code. */
export async function runCli(argv: readonly string[], runtime: Runtime): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    write(first === undefined ? runtime.stderr : runtime.stdout, helpText());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const found = findCommand(argv);
  if (!found) {
    const hint = first === 'kb' ? 'Menade du "itkontakt kb check"?' : 'Se "itkontakt --help" för alla kommandon.';
    write(runtime.stderr, `Okänt kommando "${argv.join(' ')}". ${hint}`);
    return EXIT_USAGE;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    write(runtime.stdout, `Användning: ${command.usage}\n${command.summary}`);
    return EXIT_OK;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run(parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] }, runtime);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      write(runtime.stderr, `${(error as Error).message}\nAnvändning: ${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError || isBotError(error)) {
      write(runtime.stderr, error.message);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
