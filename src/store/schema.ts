import { z } from 'zod';
import { BotError } from '../errors/index.js';
import { addressSchema, chatAddressSchema, withTypedAddress } from './address-schema.js';

/** Bump when the file's shape changes, and add a step to `migrations`. */
export const CURRENT_SCHEMA_VERSION = 4;

const preferencesSchema = z.object({
  municipality: z.string().nullable(),
  askedForMunicipalityAt: z.string().nullable(),
  updatedAt: z.string(),
  /** The last question, for follow-ups ("hur gör de andra kommunerna?"); absent in older files. */
  lastQuestion: z.object({ text: z.string(), language: z.enum(['sv', 'en']), municipalities: z.array(z.string()).readonly(), at: z.string() }).nullable().optional(),
  /** The user's language and how it is known; absent in older files (Swedish until a message shows otherwise). */
  language: z.object({ language: z.enum(['sv', 'en']), source: z.enum(['chosen', 'detected', 'locale']) }).nullable().optional(),
});

const feedbackSchema = z.object({
  kind: z.enum(['vote', 'unanswered', 'suggestion']).default('vote'),
  at: z.string(),
  platform: z.enum(['teams', 'slack', 'console']),
  helpful: z.boolean(),
  question: z.string(),
  municipality: z.string().nullable(),
  answerId: z.string().nullable(),
  /** The question's index terms (`kb gaps` groups by them); absent in entries from before. */
  terms: z.array(z.string()).readonly().optional(),
});

const destinationSchema = z.object({
  key: z.string(),
  platform: z.enum(['teams', 'slack', 'console']),
  tenantId: z.string().nullable(),
  conversationId: z.string(),
  kind: z.enum(['personal', 'group', 'channel']),
  reference: z.unknown(),
  installedBy: z.string(),
  installedAt: z.string(),
  municipality: z.string().nullable().default(null),
  inactiveSince: z.string().nullable().default(null),
});

const identitySchema = z.object({ platform: z.enum(['teams', 'slack', 'console']), tenantId: z.string(), userId: z.string() });

const contactSchema = z.object({
  id: z.string(),
  municipality: z.string(),
  provider: z.object({ name: z.string(), orgNumber: z.string() }),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  identities: z.array(identitySchema),
  /** Absent in files from before contacts had a language: Swedish. */
  language: z.enum(['sv', 'en']).default('sv'),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const staffSchema = z.object({
  id: z.string(),
  role: z.enum(['staff', 'admin']),
  municipality: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  identities: z.array(identitySchema),
  createdAt: z.string(),
});

const registrationSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  municipality: z.string(),
  provider: z.object({ name: z.string(), orgNumber: z.string() }),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  identity: identitySchema.nullable(),
  replyTo: z.string().nullable(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  contactId: z.string().nullable(),
});

const auditSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  municipality: z.string().nullable(),
  subject: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

const ticketStatus = z.enum(['new', 'in-progress', 'waiting-for-requester', 'resolved', 'rejected']);

const ticketSchema = z.object({
  id: z.string(),
  municipality: z.string(),
  typeId: z.string(),
  title: z.string(),
  status: ticketStatus,
  fields: z.record(z.string()),
  requester: z.object({
    label: z.string(),
    contactId: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    identity: identitySchema.nullable(),
    replyTo: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(z.object({ at: z.string(), by: z.string(), status: ticketStatus, note: z.string().nullable() })),
  rating: z.object({ solved: z.boolean(), at: z.string() }).nullable().default(null),
  staffThreads: z.array(z.object({ destinationKey: z.string(), threadId: z.string() })).default([]),
  messages: z.array(z.object({ at: z.string(), from: z.enum(['staff', 'requester']), by: z.string(), text: z.string(), emailId: z.string().optional() })).default([]),
});

const outboxSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  channel: z.enum(['email', 'staff-channel', 'requester']),
  target: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});

const noticeStateSchema = z.enum(['draft', 'scheduled', 'in-progress', 'completed', 'cancelled', 'investigating', 'identified', 'monitoring', 'resolved']);

const deliveryChannelSchema = z.enum(['chat', 'email', 'sms']);

/** A notice's delivery report (notices/report.ts `NoticeReport`), kept when its delivery rows are removed. */
const noticeReportSchema = z.object({
  noticeId: z.string(),
  total: z.number().int().nonnegative(),
  channels: z.array(z.object({ channel: deliveryChannelSchema, sent: z.number().int().nonnegative(), pending: z.number().int().nonnegative(), failed: z.number().int().nonnegative(), withdrawn: z.number().int().nonnegative() })),
  failures: z.array(z.object({ id: z.string(), channel: deliveryChannelSchema, recipient: z.string(), purpose: z.string(), attempts: z.number().int().nonnegative(), reason: z.string() })),
  events: z.array(z.object({ event: z.string(), planned: z.number().int().nonnegative(), sent: z.number().int().nonnegative(), pending: z.number().int().nonnegative() })),
  complete: z.boolean(),
});

const noticeSchema = z.object({
  id: z.string(),
  municipality: z.string(),
  kind: z.enum(['planned', 'disruption']),
  title: z.string(),
  systems: z.array(z.string()),
  description: z.string(),
  impact: z.string(),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  state: noticeStateSchema,
  exception: z.object({ violations: z.array(z.unknown()), reason: z.string() }).nullable(),
  updates: z.array(z.object({ at: z.string(), by: z.string(), state: noticeStateSchema, text: z.string() })),
  sequence: z.number().int().nonnegative(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  /** Reminders (hours before the start) already planned, so a restart never plans one twice. */
  remindersDone: z.array(z.number()).default([]),
  /** Where the publisher's live delivery report was posted, to update it as delivery goes. */
  reportCards: z.array(z.object({ target: chatAddressSchema, conversationId: z.string(), messageId: z.string() })).default([]),
  /** Set when the notice was archived (NOTICE_RETENTION_DAYS after it ended): its report, in place of its delivery rows. */
  archivedReport: noticeReportSchema.nullable().default(null),
  archivedAt: z.string().nullable().default(null),
});

const postedSchema = z.object({ conversationId: z.string(), messageId: z.string() });

const noticeDeliveryRowSchema = z.object({
  id: z.string(),
  noticeId: z.string(),
  municipality: z.string(),
  purpose: z.enum(['publish', 'update', 'correction', 'reminder', 'cancel']),
  revision: z.number().int().nonnegative(),
  reminderHours: z.number().nullable(),
  channel: deliveryChannelSchema,
  recipient: z.string(),
  address: addressSchema,
  label: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'withdrawn']),
  attempts: z.number().int().nonnegative(),
  notBefore: z.string(),
  claimedUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  posted: postedSchema.nullable(),
  createdAt: z.string(),
});

/** An outbox row; rows written before typed addresses (file or journal) are read with theirs converted. */
export const noticeDeliverySchema = z.preprocess(withTypedAddress, noticeDeliveryRowSchema);

const storeDataSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  preferences: z.record(preferencesSchema),
  feedback: z.array(feedbackSchema),
  destinations: z.record(destinationSchema),
  contacts: z.record(contactSchema),
  staff: z.record(staffSchema),
  registrations: z.record(registrationSchema),
  audit: z.array(auditSchema),
  settings: z.object({ staffChannels: z.record(z.string()) }),
  tickets: z.record(ticketSchema),
  outbox: z.record(outboxSchema),
  notices: z.record(noticeSchema),
  /** The notice outbox: one row per message to one recipient on one channel. */
  noticeDeliveries: z.record(noticeDeliverySchema),
  /** Systems each contact has muted, by contact id. */
  subscriptions: z.record(z.object({ muted: z.array(z.string()), updatedAt: z.string() })),
  /** The last number used in each id series ("GBG-2026" → 42, "GBG-DRIFT-2026" → 3). */
  counters: z.record(z.number().int().nonnegative()),
  /** The last line of the outbox journal (delivery-journal.ts) whose row this file holds. */
  journalSeq: z.number().int().nonnegative(),
});

export type StoredDelivery = z.infer<typeof noticeDeliveryRowSchema>;

export type StoreData = z.infer<typeof storeDataSchema>;

export function emptyData(): StoreData {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, preferences: {}, feedback: [], destinations: {}, contacts: {}, staff: {}, registrations: {}, audit: [], settings: { staffChannels: {} }, tickets: {}, outbox: {}, notices: {}, noticeDeliveries: {}, subscriptions: {}, counters: {}, journalSeq: 0 };
}

// Each step takes the file at version N and returns it at version N + 1.
const migrations: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: the contact registry (contacts, staff, registrations) and the audit log.
  1: (data) => ({ ...data, contacts: {}, staff: {}, registrations: {}, audit: [], settings: { staffChannels: {} }, tickets: {}, outbox: {}, notices: {}, counters: {} }),
  // 2 → 3: the notice outbox and subscriptions (notices and destinations gain fields with defaults).
  2: (data) => ({ ...data, noticeDeliveries: {}, subscriptions: {} }),
  // 3 → 4: outbox rows may live in a journal beside the file; an older itkontakt would not read it.
  3: (data) => ({ ...data, journalSeq: 0 }),
};

/**
 * Brings a parsed store file to the current version. A newer or unreadable file stops with a clear
 * message: it is never overwritten, because a newer itkontakt may have written data we do not know.
 */
export function migrate(raw: unknown, path: string): { data: StoreData; migrated: boolean } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BotError('STORE_CORRUPT', `Datafilen ${path} har fel form (inget JSON-objekt). Den har inte ändrats.`);
  }
  let data = raw as Record<string, unknown>;
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BotError('STORE_CORRUPT', `Datafilen ${path} saknar giltig schemaVersion. Den har inte ändrats.`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new BotError(
      'STORE_TOO_NEW',
      `Datafilen ${path} har schemaversion ${version}, men den här versionen av itkontakt kan bara läsa till och med ${CURRENT_SCHEMA_VERSION}. Uppgradera itkontakt; filen har inte ändrats.`,
    );
  }
  for (let step = version; step < CURRENT_SCHEMA_VERSION; step += 1) {
    const migration = migrations[step];
    if (!migration) throw new BotError('STORE_CORRUPT', `Ingen migrering finns från schemaversion ${step}.`);
    data = { ...migration(data), schemaVersion: step + 1 };
  }
  const parsed = storeDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BotError('STORE_CORRUPT', `Datafilen ${path} är skadad vid ${issue.path.join('.') || '(roten)'}: ${issue.message}. Den har inte ändrats.`);
  }
  return { data: parsed.data, migrated: version !== CURRENT_SCHEMA_VERSION };
}

/** Each kind of record as stored; the PostgreSQL store reads its rows back through these. */
export const recordSchemas = {
  preferences: preferencesSchema,
  feedback: feedbackSchema,
  destination: destinationSchema,
  contact: contactSchema,
  staff: staffSchema,
  registration: registrationSchema,
  audit: auditSchema,
  ticket: ticketSchema,
  outbox: outboxSchema,
  notice: noticeSchema,
  delivery: noticeDeliverySchema,
  subscription: z.object({ muted: z.array(z.string()), updatedAt: z.string() }),
} as const;
