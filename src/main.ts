// The process entry (src/cli/bin.js runs it): the CLI over the real environment and streams.
import { userInfo } from 'node:os';
import type { Config } from './config/index.js';
import type { Logger } from './log/index.js';
import { belowTheCommandLine, runCli, type Runtime } from './cli/index.js';
import { ConfigError, commandLineLanguage, loadConfig, localeLanguage } from './config/index.js';
import { createLogger } from './log/index.js';

function operatorName(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'okänd';
  }
}

/**
 * The CLI's runtime over real configuration, with the given streams (tests pass their own). Throws a
 * ConfigError when ITKONTAKT_LANGUAGE is neither sv nor en.
 */
export function createRuntime(
  env: Readonly<Record<string, string | undefined>>,
  streams: Pick<Runtime, 'stdin' | 'stdout' | 'stderr'> = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Runtime {
  return {
    loadConfig: () => loadConfig(env),
    createLogger: (config, destination) => createLogger({ level: config.logLevel, destination }),
    // The composition and the server are loaded by the commands that use them, not by every command.
    openItkontakt: async (config, logger, ...rest) => (await import('./app/index.js')).openItkontakt(config, logger, ...rest),
    openServices: async (config, logger, ...rest) => (await import('./app/index.js')).openServices(config, logger, ...rest),
    loadKnowledge: async (directory) => (await import('./app/index.js')).loadKnowledge(directory),
    serve: async (config: Config, logger: Logger) => (await import('./server/index.js')).serve(config, logger),
    ...streams,
    operator: operatorName(env),
    language: commandLineLanguage(env),
    onShutdownSignal: (handler) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void handler(signal));
    },
  };
}

/** The process entry: parses the command line with the real environment. */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  let runtime: Runtime;
  try {
    runtime = createRuntime(env);
  } catch (error) {
    // A bad ITKONTAKT_LANGUAGE: said as every configuration problem is, before any command runs.
    // Told in the locale's language, since the one chosen is what is wrong.
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${belowTheCommandLine(error, localeLanguage(env))}\n`);
    return 1;
  }
  return runCli(argv, runtime);
}
