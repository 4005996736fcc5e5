import { pino, type Logger, type LevelWithSilent } from 'pino';
import { maskForLog } from './mask.js';

export type { Logger };

/**
 * A structured JSON logger. Everything that reaches a log line is masked for personnummer and
 * phone numbers first, however deep and inside errors too: personal data must never end up in
 * logs, whoever writes the log call.
 */
export function createLogger(options: { level: LevelWithSilent; destination?: NodeJS.WritableStream | undefined }): Logger {
  const logger = pino(
    {
      level: options.level,
      base: { service: 'itkontakt' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => maskForLog(arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? process.stdout,
  );
  // Bindings (logger.child({...})) do not pass through logMethod, and pino applies
  // formatters.bindings to the root logger only. Children inherit these from the root, so
  // grandchildren are masked too.
  const { child, setBindings } = logger;
  logger.child = function maskedChild(this: Logger, bindings, childOptions) {
    return child.call(this, maskForLog(bindings) as typeof bindings, childOptions);
  } as Logger['child'];
  logger.setBindings = function maskedSetBindings(this: Logger, bindings) {
    setBindings.call(this, maskForLog(bindings) as typeof bindings);
  };
  return logger;
}
