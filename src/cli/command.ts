import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config/index.js';
import { answerEngineFor, type AnswerEngine, type KnowledgeBase, type Language } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import type { Itkontakt, Services } from '../app/index.js';
import type { ReportTexts } from './report-texts.js';
import { cliTexts, type CliTexts, type CommandHelp } from './texts.js';

/** What the CLI needs from the process; main.ts passes the real ones, tests pass their own. */
export interface Runtime {
  loadConfig(): Config;
  createLogger(config: Config, destination?: NodeJS.WritableStream): Logger;
  openItkontakt(config: Config, logger: Logger): Promise<Itkontakt>;
  openServices(config: Config, logger: Logger): Promise<Services>;
  loadKnowledge(directory: string): Promise<KnowledgeBase>;
  serve(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }>;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The operator's name, for the audit log. */
  readonly operator: string;
  /** The language of the command line's messages (ITKONTAKT_LANGUAGE, else the locale; see src/config). */
  readonly language: Language;
  onShutdownSignal(handler: (signal: string) => Promise<void> | void): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export type ParsedArgs = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/** One CLI command: its words ("kb check"), usage line and summary (from the catalogue), and handler. */
export interface Command {
  readonly name: string;
  /** Its usage line and summary in the command line's language. */
  help(texts: CliTexts): CommandHelp;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(args: ParsedArgs, runtime: Runtime): Promise<number>;
}

/**
 * A mistake in how the command was called: shown with the usage line, exit code 2, worded in the
 * command line's language when it is shown.
 */
export class UsageError extends Error {
  constructor(readonly words: (texts: CliTexts) => string) {
    super(words(cliTexts.sv));
  }
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function parseLanguage(value: string | boolean | string[] | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (value === 'sv' || value === 'en') return value;
  throw new UsageError((t) => t.usage.language(String(value)));
}

export function parseMunicipality(value: string | boolean | string[] | undefined, knowledge: KnowledgeBase): string | undefined {
  if (value === undefined) return undefined;
  const wanted = String(value).trim().toLowerCase();
  const match = knowledge.municipalities.find((municipality) => municipality.id === wanted || municipality.name.toLowerCase() === wanted);
  if (!match) {
    throw new UsageError((t) => t.usage.unknownMunicipality(String(value), knowledge.municipalities.map((municipality) => municipality.id)));
  }
  return match.id;
}

export async function openEngine(runtime: Runtime, config: Config): Promise<{ knowledge: KnowledgeBase; engine: AnswerEngine }> {
  const knowledge = await runtime.loadKnowledge(config.knowledgeDir);
  // The engine that came from the knowledge cache with it, if it did: indexed once, not per command.
  return { knowledge, engine: answerEngineFor(knowledge) };
}


/** Opens the services (contacts, tickets, notices) for an administration command; logs only warnings, to stderr. */
export async function openServicesFor(runtime: Runtime): Promise<Services> {
  const config = runtime.loadConfig();
  return runtime.openServices(config, runtime.createLogger({ ...config, logLevel: 'warn' }, runtime.stderr));
}

/** A string option's value, or undefined when absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** An invalid outcome's field errors, one line each, the field named as the person fixes it (a flag, a label). */
export function fieldErrorLines(errors: ReadonlyArray<{ readonly field: string; readonly message: string }>, names: Readonly<Record<string, string>> = {}): string[] {
  return errors.map((error) => `${names[error.field] ?? error.field}: ${error.message}`);
}

/**
 * How what a command queued will leave, from the server's heartbeat: sent by the server while one
 * runs on the data, sent when it starts otherwise; in the command line's words.
 */
export async function whenSent(app: Pick<Services, 'presence' | 'now'>, texts: ReportTexts): Promise<string> {
  return texts.sending(Boolean(await app.presence.current(app.now())));
}
