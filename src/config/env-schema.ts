import { z } from 'zod';
import { IMAP_ENV } from './imap.js';
import { problem } from './config-error.js';
import { languageSetting } from './language.js';

// The environment variables the process reads, and what each must look like. A message says what
// to write instead; loadConfig names the variable in front of it.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A send rate: messages per second, more than zero (e.g. 7 or 0.5). */
function rate(example: string) {
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/u, problem({ kind: 'rate', example }))
    .transform(Number)
    .refine((value) => value > 0, problem({ kind: 'positive' }))
    .optional();
}

export const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/u, problem({ kind: 'integer', example: '3978' }))
    .transform(Number)
    .refine((port) => port >= 0 && port <= 65535, problem({ kind: 'between', min: 0, max: 65535 }))
    .optional(),
  HOST: optionalText,
  DATA_DIR: optionalText,
  KNOWLEDGE_DIR: optionalText,
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { errorMap: () => ({ message: problem({ kind: 'one-of', options: LOG_LEVELS }) }) }))
    .optional(),
  MicrosoftAppId: optionalText.pipe(
    z.string().uuid(problem({ kind: 'guid', of: 'app-id' })).optional(),
  ),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { errorMap: () => ({ message: problem({ kind: 'one-of', options: ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] }) }) }).optional(),
  ),
  MicrosoftAppTenantId: optionalText.pipe(z.string().uuid(problem({ kind: 'guid', of: 'tenant-id' })).optional()),
  TEAMS_LOCAL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['1', '0', 'true', 'false'], { errorMap: () => ({ message: problem({ kind: 'flag', meaning: 'teams-local' }) }) }))
    .transform((value) => value === '1' || value === 'true')
    .optional(),
  SLACK_SIGNING_SECRET: optionalText.pipe(z.string().regex(/^[0-9a-f]{16,}$/iu, problem({ kind: 'slack-credential', of: 'signing-secret' })).optional()),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', problem({ kind: 'slack-credential', of: 'bot-token' })).optional()),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', problem({ kind: 'slack-credential', of: 'app-token' })).optional()),
  SLACK_API_URL: optionalText.pipe(z.string().url(problem({ kind: 'address', of: 'web', example: 'http://127.0.0.1:4000/api/' })).optional()),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .url(problem({ kind: 'address', of: 'smtp', example: 'smtp://user:pass@mail.example.se:587' }))
      .refine((url) => /^smtps?:\/\//u.test(url), problem({ kind: 'scheme', schemes: ['smtp://', 'smtps://'] }))
      .optional(),
  ),
  SMTP_FROM: optionalText,
  PUBLIC_URL: optionalText.pipe(z.string().refine((url) => /^https?:\/\/[^\s/]+/u.test(url) && URL.canParse(url), problem({ kind: 'address', of: 'public', example: 'https://itkontakt.kommun.se' })).optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .url(problem({ kind: 'address', of: 'postgres', example: 'postgres://itkontakt@127.0.0.1:5432/itkontakt' }))
      .refine((url) => /^postgres(ql)?:\/\//u.test(url), problem({ kind: 'scheme', schemes: ['postgres://', 'postgresql://'] }))
      .optional(),
  ),
  OUTBOX_INTERVAL_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, problem({ kind: 'seconds', example: '2' })).transform(Number).optional(),
  OUTBOX_LEASE_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, problem({ kind: 'seconds', example: '60' })).transform(Number).optional(),
  SMS_GATEWAY_URL: optionalText.pipe(z.string().url(problem({ kind: 'address', of: 'sms-gateway', example: 'https://sms.example.se/send' })).refine((url) => /^https?:\/\//u.test(url), problem({ kind: 'scheme', schemes: ['http://', 'https://'] })).optional()),
  SMS_GATEWAY_TOKEN: optionalText,
  NOTICE_TEAMS_PER_CONVERSATION: rate('7'),
  NOTICE_TEAMS_PER_TENANT: rate('50'),
  NOTICE_SLACK_PER_CHANNEL: rate('1'),
  NOTICE_SLACK_PER_WORKSPACE: rate('20'),
  NOTICE_EMAIL_PER_SECOND: rate('10'),
  NOTICE_SMS_PER_SECOND: rate('10'),
  NOTICE_CONCURRENCY: z.string().trim().regex(/^[1-9]\d{0,3}$/u, problem({ kind: 'integer', example: '64', min: 1, max: 9999 })).transform(Number).optional(),
  NOTICE_LEASE_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, problem({ kind: 'seconds', example: '60' })).transform(Number).optional(),
  NOTICE_MAX_ATTEMPTS: z.string().trim().regex(/^[1-9]\d{0,2}$/u, problem({ kind: 'integer', example: '10' })).transform(Number).optional(),
  ITKONTAKT_OPERATOR: optionalText,
  STAFF_LANGUAGE: languageSetting,
  NOTICE_RETENTION_DAYS: z.string().trim().regex(/^[1-9]\d{0,4}$/u, problem({ kind: 'days', example: '90', min: 1, max: 99999 })).transform(Number).optional(),
  ...IMAP_ENV,
});
