import { pino, type Logger, type LevelWithSilent } from 'pino';
import { maskPersonalData } from '../privacy/index.js';

export type { Logger };

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, depth + 1)]));
}

/**
 * A structured JSON logger. Every string that reaches a log line is masked for personnummer and
 * phone numbers first: personal data must never end up in logs, whoever writes the log call.
 */
export function createLogger(options: { level: LevelWithSilent; destination?: NodeJS.WritableStream | undefined }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'itkontakt' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => maskDeep(arg)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? process.stdout,
  );
}
