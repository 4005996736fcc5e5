import { parseArgs } from 'node:util';
import { ConfigError } from '../config/index.js';
import { isBotError, type BotError } from '../errors/index.js';
import type { Language } from '../knowledge/index.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, write, type Command, type ParsedArgs, type Runtime } from './command.js';
import { configErrorText, errorTexts } from './error-texts.js';
import { cliTexts, type CliTexts } from './texts.js';

export type { Runtime } from './command.js';

/**
 * The command groups, each loaded when one of its commands runs: `itkontakt ask` loads neither the
 * registry, ticket and notice commands nor what they import. `words` are the first words of a
 * group's commands; a word missing or wrong here costs only speed, as every group is then loaded.
 */
const GROUPS: ReadonlyArray<{ readonly words: readonly string[]; load(): Promise<readonly Command[]> }> = [
  { words: ['serve', 'ask', 'chat', 'kb'], load: async () => (await import('./bot-commands.js')).botCommands },
  { words: ['contacts', 'staff', 'registrations', 'audit'], load: async () => (await import('./registry-commands.js')).registryCommands },
  { words: ['tickets'], load: async () => (await import('./ticket-commands.js')).ticketCommands },
  { words: ['notices'], load: async () => (await import('./notice-commands.js')).noticeCommands },
  { words: ['db'], load: async () => (await import('./db-commands.js')).dbCommands },
];

async function allCommands(): Promise<readonly Command[]> {
  return (await Promise.all(GROUPS.map((group) => group.load()))).flat();
}

/** A command's two lines in a list of commands. */
function commandLines(command: Command, t: CliTexts): string[] {
  const { usage, summary } = command.help(t);
  return [`  ${usage}`, `      ${summary}`];
}

/** The text of `itkontakt --help`. */
function helpText(commands: readonly Command[], t: CliTexts): string {
  return [
    t.help.intro,
    '',
    t.help.usage,
    '',
    t.help.commands,
    ...commands.flatMap((command) => commandLines(command, t)),
    `  ${t.help.help.usage}`,
    `      ${t.help.help.summary}`,
    '',
    t.help.environment,
  ].join('\n');
}

/** node:util parseArgs speaks English of its own: say the usual mistakes in the command line's words. */
function usageMessage(error: Error & { code?: string }, t: CliTexts): string {
  const option = /'(-{1,2}[^']+)'/u.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return t.usage.unknownFlag(option);
  const longFlag = /--[a-z][a-z-]*/u.exec(error.message)?.[0];
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && longFlag) return /argument missing/u.test(error.message) ? t.usage.needsValue(longFlag) : t.usage.takesNoValue(longFlag);
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return t.usage.unexpectedArgument(/'([^']+)'/u.exec(error.message)?.[1] ?? error.message);
  return error.message;
}

function findCommand(argv: readonly string[], commands: readonly Command[]): { command: Command; rest: string[] } | undefined {
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/**
 * A known failure from below the command line (the configuration, the database, the port, the
 * knowledge base) in the command line's words; a BotError without details as its message says it.
 */
export function belowTheCommandLine(error: ConfigError | BotError, language: Language): string {
  const texts = errorTexts[language];
  if (error instanceof ConfigError) return configErrorText(error.issues, texts);
  return error.details ? texts.failure(error.details) : error.message;
}

/** Runs one CLI invocation and returns the exit code. */
export async function runCli(argv: readonly string[], runtime: Runtime): Promise<number> {
  const [first] = argv;
  const t = cliTexts[runtime.language];
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    write(first === undefined ? runtime.stderr : runtime.stdout, helpText(await allCommands(), t));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const likely = GROUPS.find((candidate) => candidate.words.includes(first));
  const found = (likely && findCommand(argv, await likely.load())) ?? findCommand(argv, await allCommands());
  if (!found) {
    const group = (await allCommands()).filter((command) => command.name.split(' ')[0] === first);
    // "itkontakt notices --help": the group's commands.
    if (group.length > 0 && argv.slice(1).some((word) => word === '--help' || word === '-h')) {
      write(runtime.stdout, group.flatMap((command) => commandLines(command, t)).join('\n'));
      return EXIT_OK;
    }
    const related = group.map((command) => `itkontakt ${command.name}`);
    write(runtime.stderr, `${t.usage.unknownCommand(argv.join(' '))} ${related.length > 0 ? t.usage.didYouMean(related) : t.usage.seeHelp}`);
    return EXIT_USAGE;
  }
  const { command, rest } = found;
  const { usage, summary } = command.help(t);
  if (rest.includes('--help') || rest.includes('-h')) {
    write(runtime.stdout, `${t.help.usageOf(usage)}\n${summary}`);
    return EXIT_OK;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run(parsed as ParsedArgs, runtime);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const message = error instanceof UsageError ? error.words(t) : usageMessage(error as Error & { code?: string }, t);
      // A script that asked for JSON gets JSON here too (and the exit code says it was a usage error).
      if (rest.includes('--json')) write(runtime.stdout, JSON.stringify({ ok: false, errors: [{ field: 'usage', message }], usage }));
      write(runtime.stderr, `${message}\n${t.help.usageOf(usage)}`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError || isBotError(error)) {
      write(runtime.stderr, belowTheCommandLine(error, runtime.language));
      return EXIT_FAILURE;
    }
    throw error;
  }
}
