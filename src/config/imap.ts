import { z } from 'zod';
import { problem, type ConfigIssue } from './config-error.js';

const text = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const flag = (meaning: 'imap-tls' | 'imap-idle') =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['1', '0', 'true', 'false'], { errorMap: () => ({ message: problem({ kind: 'flag', meaning }) }) }))
    .transform((value) => value === '1' || value === 'true')
    .optional();

/** The environment variables of the ticket mailbox, merged into the configuration's schema. */
export const IMAP_ENV = {
  IMAP_HOST: text,
  IMAP_PORT: z
    .string()
    .trim()
    .regex(/^\d+$/u, problem({ kind: 'integer', example: '993' }))
    .transform(Number)
    .refine((port) => port > 0 && port <= 65535, problem({ kind: 'between', min: 1, max: 65535 }))
    .optional(),
  IMAP_TLS: flag('imap-tls'),
  IMAP_USER: text,
  IMAP_PASSWORD: text,
  IMAP_MAILBOX: text,
  IMAP_ADDRESS: text.pipe(z.string().email(problem({ kind: 'address', of: 'mailbox', example: 'arenden@itkontakt.kommun.se' })).optional()),
  IMAP_IDLE: flag('imap-idle'),
  IMAP_POLL_SECONDS: z.string().trim().regex(/^\d+(\.\d+)?$/u, problem({ kind: 'seconds', example: '60' })).transform(Number).refine((seconds) => seconds > 0, problem({ kind: 'positive' })).optional(),
};

type ImapValues = { [K in keyof typeof IMAP_ENV]?: z.output<(typeof IMAP_ENV)[K]> };

/**
 * The mailbox where staff replies to ticket emails arrive (see README, "Svar på ärenden via
 * e-post"). Its address is the Reply-To of every ticket email.
 */
export interface ImapConfig {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (imaps). Without it, only a server on this machine is allowed. */
  readonly tls: boolean;
  readonly user: string;
  readonly password: string;
  readonly mailbox: string;
  /** The address mail to the mailbox is sent to. */
  readonly address: string;
  /** True: the server tells when mail arrives (IDLE); the mailbox is also checked every `pollMs`. */
  readonly idle: boolean;
  readonly pollMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The IMAP configuration, or undefined when IMAP_HOST is not set; problems are added to `issues`. */
export function imapConfig(values: ImapValues, issues: ConfigIssue[]): ImapConfig | undefined {
  const set = Object.entries(values).filter(([name, value]) => name.startsWith('IMAP_') && value !== undefined).map(([name]) => name);
  if (!values.IMAP_HOST) {
    if (set.length > 0) issues.push({ variable: 'IMAP_HOST', problem: { kind: 'missing', what: 'imap-host', set } });
    return undefined;
  }
  const tls = values.IMAP_TLS ?? true;
  if (!tls && !LOOPBACK.has(values.IMAP_HOST)) {
    issues.push({ variable: 'IMAP_TLS', problem: { kind: 'imap-plaintext', host: values.IMAP_HOST } });
  }
  if (!values.IMAP_USER) issues.push({ variable: 'IMAP_USER', problem: { kind: 'missing', what: 'imap-user' } });
  if (!values.IMAP_PASSWORD) issues.push({ variable: 'IMAP_PASSWORD', problem: { kind: 'missing', what: 'imap-password' } });
  // The user name is usually the address; otherwise the address has to be given.
  const address = values.IMAP_ADDRESS ?? (values.IMAP_USER && z.string().email().safeParse(values.IMAP_USER).success ? values.IMAP_USER : undefined);
  if (!address && values.IMAP_USER) issues.push({ variable: 'IMAP_ADDRESS', problem: { kind: 'missing', what: 'imap-address' } });
  if (!values.IMAP_USER || !values.IMAP_PASSWORD || !address) return undefined;
  return {
    host: values.IMAP_HOST,
    port: values.IMAP_PORT ?? (tls ? 993 : 143),
    tls,
    user: values.IMAP_USER,
    password: values.IMAP_PASSWORD,
    mailbox: values.IMAP_MAILBOX ?? 'INBOX',
    address,
    idle: values.IMAP_IDLE ?? true,
    pollMs: (values.IMAP_POLL_SECONDS ?? 60) * 1000,
  };
}
