import { z } from 'zod';
import { IMAP_ENV } from './imap.js';
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
    .regex(/^\d+(\.\d+)?$/u, `ska vara ett antal meddelanden per sekund, t.ex. ${example}`)
    .transform(Number)
    .refine((value) => value > 0, 'måste vara större än 0')
    .optional();
}

export const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/u, 'ska vara ett heltal, t.ex. 3978')
    .transform(Number)
    .refine((port) => port >= 0 && port <= 65535, 'ska vara mellan 0 och 65535')
    .optional(),
  HOST: optionalText,
  DATA_DIR: optionalText,
  KNOWLEDGE_DIR: optionalText,
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { errorMap: () => ({ message: `ska vara en av ${LOG_LEVELS.join(', ')}` }) }))
    .optional(),
  MicrosoftAppId: optionalText.pipe(
    z.string().uuid('ska vara botens app-id (ett GUID, t.ex. 00000000-0000-0000-0000-000000000000)').optional(),
  ),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { errorMap: () => ({ message: 'ska vara MultiTenant, SingleTenant eller UserAssignedMSI' }) }).optional(),
  ),
  MicrosoftAppTenantId: optionalText.pipe(z.string().uuid('ska vara Entra-klientens id (ett GUID)').optional()),
  TEAMS_LOCAL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['1', '0', 'true', 'false'], { errorMap: () => ({ message: 'ska vara 1 (Teams utan inloggning, för Bot Framework Emulator) eller 0' }) }))
    .transform((value) => value === '1' || value === 'true')
    .optional(),
  SLACK_SIGNING_SECRET: optionalText.pipe(z.string().regex(/^[0-9a-f]{16,}$/iu, 'ska vara appens Signing Secret (hexadecimalt, från Basic Information)').optional()),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'ska vara en bot-token som börjar med xoxb-').optional()),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'ska vara en app-nivå-token som börjar med xapp- (för Socket Mode)').optional()),
  SLACK_API_URL: optionalText.pipe(z.string().url('ska vara en webbadress, t.ex. http://127.0.0.1:4000/api/').optional()),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .url('ska vara en SMTP-adress, t.ex. smtp://user:pass@mail.example.se:587')
      .refine((url) => /^smtps?:\/\//u.test(url), 'ska börja med smtp:// eller smtps://')
      .optional(),
  ),
  SMTP_FROM: optionalText,
  PUBLIC_URL: optionalText.pipe(z.string().refine((url) => /^https?:\/\/[^\s/]+/u.test(url) && URL.canParse(url), 'ska vara serverns publika adress, med https://, t.ex. https://itkontakt.kommun.se').optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .url('ska vara en PostgreSQL-adress, t.ex. postgres://itkontakt@127.0.0.1:5432/itkontakt')
      .refine((url) => /^postgres(ql)?:\/\//u.test(url), 'ska börja med postgres:// eller postgresql://')
      .optional(),
  ),
  OUTBOX_INTERVAL_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, 'ska vara ett antal sekunder, t.ex. 2').transform(Number).optional(),
  OUTBOX_LEASE_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, 'ska vara ett antal sekunder, t.ex. 60').transform(Number).optional(),
  SMS_GATEWAY_URL: optionalText.pipe(z.string().url('ska vara SMS-gatewayens adress, t.ex. https://sms.example.se/send').refine((url) => /^https?:\/\//u.test(url), 'ska börja med http:// eller https://').optional()),
  SMS_GATEWAY_TOKEN: optionalText,
  NOTICE_TEAMS_PER_CONVERSATION: rate('7'),
  NOTICE_TEAMS_PER_TENANT: rate('50'),
  NOTICE_SLACK_PER_CHANNEL: rate('1'),
  NOTICE_SLACK_PER_WORKSPACE: rate('20'),
  NOTICE_EMAIL_PER_SECOND: rate('10'),
  NOTICE_SMS_PER_SECOND: rate('10'),
  NOTICE_CONCURRENCY: z.string().trim().regex(/^[1-9]\d{0,3}$/u, 'ska vara ett heltal 1–9999, t.ex. 64').transform(Number).optional(),
  NOTICE_LEASE_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, 'ska vara ett antal sekunder, t.ex. 60').transform(Number).optional(),
  NOTICE_MAX_ATTEMPTS: z.string().trim().regex(/^[1-9]\d{0,2}$/u, 'ska vara ett heltal, t.ex. 10').transform(Number).optional(),
  ITKONTAKT_OPERATOR: optionalText,
  STAFF_LANGUAGE: languageSetting,
  NOTICE_RETENTION_DAYS: z.string().trim().regex(/^[1-9]\d{0,4}$/u, 'ska vara ett antal dagar, ett heltal 1–99999, t.ex. 90').transform(Number).optional(),
  ...IMAP_ENV,
});
