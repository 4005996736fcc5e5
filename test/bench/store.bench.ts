/**
 * npm run bench:store: what one ticket costs to file as the store fills with notice deliveries.
 *
 * For each store — the embedded one (lowdb, a fresh DATA_DIR) and PostgreSQL (a fresh schema in the
 * database at ITKONTAKT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, dropped
 * after) — and each size (1 000 and 100 000 notice deliveries already stored, written in bulk
 * through the notices repository in batches of 10 000, 1 000 to a notice, all sent), it files
 * tickets through the TicketService on that store, as the bot does for an IT-contact in chat: the
 * ticket, its outbox rows and its audit entry in one unit of work. Each filing is timed (wall time
 * of TicketService.file, which also reads the filer's contacts), WARM_UP first untimed, then
 * SAMPLES timed one after the other.
 *
 * Prints the median and p95 per (store, size), and as the last line one JSON object:
 *   {"samples","load1","lowdb":{"1k":{"medianMs","p95Ms"},"100k":{…},"ratio"},"postgres":{…}|null}
 * ratio: the median at 100k over the median at 1k. The embedded store rewrites its whole file on
 * every write but the dispatcher's, so its cost grows with the data; with PostgreSQL a ticket
 * touches only the ticket tables, so its ratio should stay about 1. When PostgreSQL cannot be
 * reached, lowdb runs alone, one line says so and "postgres" is null. load1: the load average
 * before the first store (the timings are wall time: a busy machine shows in them).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { loadKnowledge } from '../../src/app/index.js';
import { ContactService, type ChatIdentity, type Contact, type ContactsRepository } from '../../src/contacts/index.js';
import { ticketRouting, type KnowledgeBase, type TicketType } from '../../src/knowledge/index.js';
import type { NoticeDelivery, NoticesRepository } from '../../src/notices/index.js';
import { LowdbStore, PgStore, STORE_FILE_NAME } from '../../src/store/index.js';
import { TicketService, type TicketsRepository } from '../../src/tickets/index.js';
import { dropSchemas, freshSchema } from '../support/postgres.js';

const SIZES = [1_000, 100_000] as const;
const SAMPLES = 50;
const WARM_UP = 5;
const SEED_BATCH = 10_000;
const DATABASE_URL = process.env.ITKONTAKT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** What the bench needs of either store. */
interface BenchedStore {
  readonly contacts: ContactsRepository;
  readonly tickets: TicketsRepository;
  readonly notices: NoticesRepository;
  close(): Promise<void>;
}

const label = (size: number): string => (size >= 1_000 ? `${size / 1_000}k` : String(size));

/** A notice delivery as the dispatcher leaves it once sent: 1 000 to a notice, each to its own address. */
function sentDelivery(index: number): NoticeDelivery {
  const noticeId = `GBG-DRIFT-2025-${String(1 + Math.floor(index / 1_000)).padStart(4, '0')}`;
  return {
    id: `${noticeId}:publish:${index}`,
    noticeId,
    municipality: 'goteborg',
    purpose: 'publish',
    revision: 1,
    reminderHours: null,
    channel: 'email',
    recipient: `c-bench-${index}`,
    address: { kind: 'email', email: `kontakt.${index}@omsorg-bench.se` },
    label: `Kontakt ${index}`,
    status: 'sent',
    attempts: 1,
    notBefore: '2025-11-25T09:00:00.000Z',
    claimedUntil: null,
    lastError: null,
    sentAt: '2025-11-25T09:00:01.000Z',
    posted: null,
    createdAt: '2025-11-25T09:00:00.000Z',
  };
}

async function seedDeliveries(store: BenchedStore, count: number): Promise<void> {
  for (let from = 0; from < count; from += SEED_BATCH) {
    const rows = Array.from({ length: Math.min(SEED_BATCH, count - from) }, (_, offset) => sentDelivery(from + offset));
    await store.notices.write(async (transaction) => transaction.putDeliveries(rows));
  }
}

/** A ticket type that is routed (mailed and/or posted) and asks only for text, so any text files it. */
function textOnlyType(knowledge: KnowledgeBase): TicketType {
  const type = knowledge.ticketTypes.find((candidate) => ticketRouting(candidate) === 'routed' && candidate.fields.every((field) => !field.required || field.type === 'text' || field.type === 'multiline'));
  if (!type) throw new Error('no routed ticket type with text fields only in the bundled knowledge base');
  return type;
}

const percentile = (sorted: readonly number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

/** Files WARM_UP + SAMPLES tickets as one IT-contact in chat; returns the timed ones' milliseconds, sorted. */
async function timeFiling(store: BenchedStore, knowledge: KnowledgeBase, type: TicketType): Promise<number[]> {
  const now = (): Date => new Date();
  const identity: ChatIdentity = { platform: 'teams', tenantId: 'bench-tenant-0000-0000-000000000001', userId: '00000000-0000-0000-0000-0000000000f1' };
  const at = now().toISOString();
  const filer: Contact = {
    id: 'c-bench-filer',
    municipality: type.municipalityId,
    provider: { name: 'Omsorg Bänk AB', orgNumber: '5560360793' },
    name: 'Kontakt Filare',
    email: 'filare@omsorg-bench.se',
    phone: '+46701234567',
    language: 'sv',
    identities: [identity],
    active: true,
    createdAt: at,
    updatedAt: at,
  };
  await store.contacts.write(async (transaction) => transaction.putContact(filer));
  const contacts = new ContactService(store.contacts, { now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  const principal = await contacts.principalFor(identity);
  const timings: number[] = [];
  for (let index = 0; index < WARM_UP + SAMPLES; index += 1) {
    const values = Object.fromEntries(type.fields.filter((field) => field.required).map((field) => [field.key, `Exempel ${index}: skrivaren på avdelningen svarar inte`]));
    const started = performance.now();
    const filed = await tickets.file(principal, { municipality: type.municipalityId, typeId: type.id, values, identity });
    const ms = performance.now() - started;
    if (!filed.ok) throw new Error(`filing failed: ${JSON.stringify(filed.reason)}`);
    if (index >= WARM_UP) timings.push(ms);
  }
  return timings.sort((a, b) => a - b);
}

interface Figures {
  readonly medianMs: number;
  readonly p95Ms: number;
}

function figures(sorted: readonly number[]): Figures {
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return { medianMs: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)) };
}

/** Opens a fresh store of this kind, seeds it, times it, closes and removes it. */
async function benchOne(kind: 'lowdb' | 'postgres', size: number, knowledge: KnowledgeBase, type: TicketType): Promise<Figures> {
  let store: BenchedStore;
  let where: () => Promise<string>;
  let remove: () => Promise<void>;
  if (kind === 'lowdb') {
    const dataDir = await mkdtemp(join(tmpdir(), 'itkontakt-bench-store-'));
    store = await LowdbStore.open(dataDir);
    where = async () => `store file ${((await stat(join(dataDir, STORE_FILE_NAME))).size / 1e6).toFixed(1)} MB`;
    remove = () => rm(dataDir, { recursive: true, force: true });
  } else {
    const schema = freshSchema('itk_bench_store');
    store = await PgStore.open(DATABASE_URL, { schema, maxConnections: 4 });
    where = async () => `schema ${schema}`;
    remove = () => dropSchemas(DATABASE_URL, [schema]);
  }
  try {
    const seeding = performance.now();
    await seedDeliveries(store, size);
    const seededIn = (performance.now() - seeding) / 1000;
    const timings = await timeFiling(store, knowledge, type);
    const result = figures(timings);
    console.log(`${kind.padEnd(8)} ${label(size).padStart(4)} deliveries: median ${result.medianMs.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms per ticket (n=${SAMPLES}; seeded in ${seededIn.toFixed(1)} s; ${await where()})`);
    return result;
  } finally {
    await store.close();
    await remove();
  }
}

/** Why PostgreSQL cannot be used, or undefined when it can. */
async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const load1 = Math.round(loadavg()[0]! * 100) / 100;
const knowledge = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const type = textOnlyType(knowledge);
const problem = await postgresProblem();
const url = new URL(DATABASE_URL);
console.log(`bench:store: filing ${type.municipalityId}/${type.id} (${SAMPLES} timed after ${WARM_UP} untimed) with ${SIZES.map(label).join(' and ')} notice deliveries stored; load average ${load1}`);
if (problem) console.log(`PostgreSQL at ${url.host}${url.pathname} cannot be reached (${problem}): lowdb only (set ITKONTAKT_TEST_DATABASE_URL to a database this may write to)`);
const result: Record<string, unknown> = { samples: SAMPLES, load1 };
for (const kind of ['lowdb', 'postgres'] as const) {
  if (kind === 'postgres' && problem) {
    result.postgres = null;
    continue;
  }
  const bySize: Record<string, Figures> = {};
  for (const size of SIZES) bySize[label(size)] = await benchOne(kind, size, knowledge, type);
  const ratio = Math.round((bySize[label(SIZES[1])]!.medianMs / bySize[label(SIZES[0])]!.medianMs) * 100) / 100;
  console.log(`${kind.padEnd(8)} ${label(SIZES[1])}/${label(SIZES[0])}: ${ratio}× the median`);
  result[kind] = { ...bySize, ratio };
}
console.log(JSON.stringify(result));
