import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { refusalTexts } from '../../src/bot/index.js';
import { configErrorText, errorTexts } from '../../src/cli/error-texts.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import type { KnowledgeBase } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log/index.js';
import { NoticeDispatcher, NoticeScheduler, NoticeService, type DeliveryJob, type DeliveryTransport, type Notice } from '../../src/notices/index.js';
import { recipientKey, type SendOutcome } from '../../src/outbound/index.js';
import { JOURNAL_FILE_NAME, LowdbStore, STORE_FILE_NAME } from '../../src/store/index.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';
import { outboxRow } from '../support/store-delivery.js';

let knowledge: KnowledgeBase;
beforeAll(async () => {
  knowledge = await bundledKnowledge();
});

const DAY_MS = 86_400_000;
const staff = operatorPrincipal('test');

/** A clock the test moves. */
function clock(start: string): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
  let current = new Date(start).getTime();
  return { now: () => new Date(current), set: (iso) => (current = new Date(iso).getTime()), advance: (ms) => (current += ms) };
}

/** Sends everything, except to the addresses told to refuse (a dead letter in the report). */
class Transport implements DeliveryTransport {
  readonly refuse = new Set<string>();
  /** Awaited before each send, to hold a message in flight. */
  beforeSend: () => Promise<void> = async () => undefined;
  private sent = 0;
  constructor(readonly channel: 'chat' | 'email' | 'sms') {}
  rateKeys() {
    return [{ key: this.channel }];
  }
  async send(job: DeliveryJob): Promise<SendOutcome> {
    await this.beforeSend();
    if (this.refuse.has(recipientKey(job.delivery.address))) return { kind: 'refused', reason: 'SMTP 550 no such mailbox' };
    this.sent += 1;
    return { kind: 'sent', ref: { conversationId: this.channel, messageId: `${this.channel}-${this.sent}` } };
  }
}

const storeRows = async (dataDir: string): Promise<Array<{ id: string; noticeId: string }>> =>
  Object.values((JSON.parse(await readFile(join(dataDir, STORE_FILE_NAME), 'utf8')) as { noticeDeliveries: Record<string, { id: string; noticeId: string }> }).noticeDeliveries);
const journalRows = async (dataDir: string): Promise<Array<{ id: string; noticeId: string }>> =>
  (await readFile(join(dataDir, JOURNAL_FILE_NAME), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { delivery: { id: string; noticeId: string } }).delivery);
const fileVersion = async (path: string) => {
  const stats = await stat(path);
  return { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size };
};

/**
 * Göteborg with two IT-contacts (one whose mailbox refuses, for a dead letter), and four notices
 * published on 25 November 2026: outage A (ends 6 December 11:00 UTC), outage B (ends two days
 * later), disruption C (never resolved) and disruption D (resolved the day after).
 */
async function setup() {
  const dataDir = await temporaryDataDir();
  const time = clock('2026-11-25T09:00:00Z');
  const store = await LowdbStore.open(dataDir);
  const contacts = new ContactService(store.contacts, { now: time.now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now: time.now, retentionDays: 90 });
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const scheduler = new NoticeScheduler(notices, logger);
  const email = new Transport('email');
  const dispatcher = new NoticeDispatcher({ repository: store.notices, transports: [new Transport('chat'), email, new Transport('sms')], logger: createLogger({ level: 'silent' }), now: time.now, retryBaseMs: 1_000, random: () => 1 });

  for (const [name, address] of [['Anna', 'anna@omsorg.se'], ['Cilla', 'cilla@vard.se']] as const) {
    const saved = await contacts.saveContact(staff, { municipality: 'goteborg', providerName: `${name} Omsorg AB`, orgNumber: '556036-0793', name, email: address, phone: '070-111 11 11' }, []);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
  }
  email.refuse.add('email:cilla@vard.se');

  const published = async (kind: 'planned' | 'disruption', window?: { start: string; end: string }): Promise<Notice> => {
    const created = await notices.create(staff, {
      municipality: 'goteborg',
      kind,
      title: kind === 'planned' ? 'Uppgradering av Treserva' : 'Phoniro nås inte',
      systems: [kind === 'planned' ? 'treserva' : 'phoniro'],
      description: 'Beskrivning.',
      impact: 'Påverkan.',
      window: window ? { start: new Date(window.start), end: new Date(window.end) } : undefined,
    });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const result = await notices.publish(staff, created.value.id, 'Test av gallring.');
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result.value;
  };
  const a = await published('planned', { start: '2026-12-06T07:00:00Z', end: '2026-12-06T11:00:00Z' });
  const b = await published('planned', { start: '2026-12-06T07:00:00Z', end: '2026-12-08T11:00:00Z' });
  const c = await published('disruption');
  const d = await published('disruption');
  await dispatcher.drain();
  time.advance(3_600_000);
  const updated = await notices.update(staff, a.id, { text: 'Starten flyttas till 08.30.' });
  if (!updated.ok) throw new Error(JSON.stringify(updated));
  time.set('2026-11-26T09:00:00Z');
  const resolved = await notices.resolve(staff, d.id, 'Tjänsten fungerar igen.');
  if (!resolved.ok) throw new Error(JSON.stringify(resolved));
  await dispatcher.drain();
  return { dataDir, time, store, contacts, notices, scheduler, logs, email, dispatcher, ids: { a: a.id, b: b.id, c: c.id, d: d.id } };
}

const deliveriesOf = (store: LowdbStore, id: string) => store.notices.deliveries(id);

describe('notice retention', () => {
  it('archives what ended more than NOTICE_RETENTION_DAYS ago on a tick: same report, rows gone from the store file, and not what ended later or goes on', async () => {
    const { dataDir, time, store, contacts, notices, scheduler, logs, ids } = await setup();
    // A's window closed 91 days ago, B's 89 days ago; D was resolved 101 days ago; C goes on.
    time.set(new Date(new Date('2026-12-06T11:00:00Z').getTime() + 91 * DAY_MS).toISOString());
    const before = { a: (await notices.report(ids.a))!, b: (await notices.report(ids.b))!, d: (await notices.report(ids.d))! };
    const rowsBefore = { b: await deliveriesOf(store, ids.b), c: await deliveriesOf(store, ids.c) };
    // The reports are worth keeping: sends, a dead letter and more than one event.
    expect(before.a.channels.find((line) => line.channel === 'email')).toMatchObject({ sent: 2, failed: 2 });
    expect(before.a.failures.map((failure) => failure.reason)).toEqual(['avvisat: SMTP 550 no such mailbox', 'avvisat: SMTP 550 no such mailbox']);
    expect(before.a.events.map((event) => event.event)).toEqual(['publish-1', 'update-2']);
    expect(before.d.total).toBeGreaterThan(0);
    expect(rowsBefore.b.length).toBeGreaterThan(0);
    expect(rowsBefore.c.length).toBeGreaterThan(0);

    const { archived } = await scheduler.tick();

    expect([...archived].sort()).toEqual([ids.a, ids.d].sort());
    expect((await notices.report(ids.a))).toEqual(before.a);
    expect((await notices.report(ids.d))).toEqual(before.d);
    expect((await notices.show(ids.a))).toMatchObject({ archivedReport: before.a, archivedAt: time.now().toISOString() });
    expect(await deliveriesOf(store, ids.a)).toEqual([]);
    expect(await deliveriesOf(store, ids.d)).toEqual([]);
    expect(await deliveriesOf(store, ids.b)).toEqual(rowsBefore.b);
    expect(await deliveriesOf(store, ids.c)).toEqual(rowsBefore.c);
    expect((await notices.show(ids.b))!.archivedReport).toBeNull();
    expect((await notices.show(ids.c))!.archivedReport).toBeNull();
    expect(store.read().audit.filter((entry) => entry.action === 'notice.archived').map((entry) => entry.subject).sort()).toEqual([ids.a, ids.d].sort());
    // Logged by count (and notice ids), without names or addresses.
    const line = logs.find((entry) => entry.msg === 'notices archived: delivery rows replaced by their report');
    expect(line).toMatchObject({ archived: 2 });
    expect(JSON.stringify(line)).not.toMatch(/@|Anna|Cilla/u);

    // On disk: the rows are neither in the store file nor in the journal; the others still are.
    const onDisk = [...(await storeRows(dataDir)), ...(await journalRows(dataDir))];
    expect(onDisk.filter((row) => row.noticeId === ids.a || row.noticeId === ids.d)).toEqual([]);
    expect(new Set(onDisk.filter((row) => row.noticeId === ids.b).map((row) => row.id))).toEqual(new Set(rowsBefore.b.map((row) => row.id)));
    const reopened = await LowdbStore.open(dataDir);
    const again = new NoticeService(reopened.notices, { knowledge, contacts, now: time.now });
    expect(await again.report(ids.a)).toEqual(before.a);
    expect(await again.report(ids.b)).toEqual(before.b);
    expect(await deliveriesOf(reopened, ids.a)).toEqual([]);
    expect(await deliveriesOf(reopened, ids.b)).toHaveLength(rowsBefore.b.length);

    // Two days on, B has ended 91 days ago too.
    time.advance(2 * DAY_MS);
    expect((await scheduler.tick()).archived).toEqual([ids.b]);
    expect((await notices.report(ids.b))).toEqual(before.b);
  });

  it('counts from the last change when a completed outage was updated after its window', async () => {
    const { time, notices, scheduler, ids } = await setup();
    time.set('2027-01-10T09:00:00Z');
    expect(await notices.update(staff, ids.a, { text: 'Efterarbetet är klart.' })).toMatchObject({ ok: true });
    time.set(new Date(new Date('2026-12-06T11:00:00Z').getTime() + 91 * DAY_MS).toISOString());
    expect((await scheduler.tick()).archived).toEqual([ids.d]);
    time.set(new Date(new Date('2027-01-10T09:00:00Z').getTime() + 90 * DAY_MS + 60_000).toISOString());
    expect((await scheduler.tick()).archived.sort()).toEqual([ids.a, ids.b].sort());
  });

  it('refuses to change an archived notice, saying why, and changes nothing', async () => {
    const { time, store, notices, scheduler, ids } = await setup();
    time.set(new Date(new Date('2026-12-06T11:00:00Z').getTime() + 91 * DAY_MS).toISOString());
    await scheduler.tick();
    const snapshot = JSON.stringify(store.read());
    const attempts = [
      await notices.update(staff, ids.a, { text: 'Ett tillägg.' }),
      await notices.correct(staff, ids.a, { description: 'Rättad text.' }),
      await notices.cancel(staff, ids.a, 'Ångrat.'),
      await notices.update(staff, ids.d, { text: 'Ett tillägg.' }),
      await notices.resolve(staff, ids.d, 'Åtgärdad igen.'),
    ];
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ ok: false, code: 'conflict', reason: { kind: 'archived', archivedOn: '2027-03-07', retentionDays: 90 } });
      if (!attempt.ok) expect(refusalTexts.sv.notice(attempt.reason, attempt.errors)).toMatch(/^[A-Z]+-DRIFT-2026-\d{4} arkiverades 2027-03-07, när den hade varit avslutad i mer än 90 dagar, och kan inte ändras längre/u);
    }
    expect(JSON.stringify(store.read())).toBe(snapshot);
    // Not yet archived, the same change goes through.
    expect(await notices.update(staff, ids.b, { text: 'Ett tillägg.' })).toMatchObject({ ok: true });
  });

  it('refuses a change that was asked for before the notice was archived but is written after', async () => {
    const { time, store, notices, ids } = await setup();
    time.set(new Date(new Date('2026-12-06T11:00:00Z').getTime() + 91 * DAY_MS).toISOString());
    const archiving = notices.archiveEnded();
    // Asked for now, while the notice is not archived yet; written after the archiving.
    const updating = notices.update(staff, ids.a, { text: 'Ett tillägg.' });
    expect(await archiving).toEqual(expect.arrayContaining([ids.a]));
    expect(await updating).toMatchObject({ ok: false, code: 'conflict', reason: { kind: 'archived', noticeId: ids.a } });
    expect(await deliveriesOf(store, ids.a)).toEqual([]);
    expect((await notices.show(ids.a))!.updates.map((update) => update.text)).not.toContain('Ett tillägg.');
  });

  it('writes nothing on a tick with nothing to archive', async () => {
    const { dataDir, time, store, scheduler, ids } = await setup();
    time.set(new Date(new Date('2026-12-06T11:00:00Z').getTime() + 91 * DAY_MS).toISOString());
    expect((await scheduler.tick()).archived.length).toBe(2);
    await store.flush();
    const file = join(dataDir, STORE_FILE_NAME);
    const journal = join(dataDir, JOURNAL_FILE_NAME);
    const before = { file: await fileVersion(file), journal: await fileVersion(journal), audit: store.read().audit.length };
    time.advance(60_000);
    expect(await scheduler.tick()).toEqual({ reminded: [], archived: [] });
    await store.flush();
    expect({ file: await fileVersion(file), journal: await fileVersion(journal), audit: store.read().audit.length }).toEqual(before);
    expect((await deliveriesOf(store, ids.c)).length).toBeGreaterThan(0);
  });
});

describe('the dispatcher and archiving', () => {
  it('does not bring back the row of a notice archived while its message was being sent', async () => {
    const { time, store, notices, email, dispatcher, ids } = await setup();
    time.set(new Date(new Date('2026-12-06T11:00:00Z').getTime() + 91 * DAY_MS).toISOString());
    const sent = (await deliveriesOf(store, ids.a)).find((row) => row.channel === 'email' && row.status === 'sent')!;
    await store.notices.write(async (transaction) => transaction.putDeliveries([{ ...sent, id: `${sent.id}-late`, status: 'pending', attempts: 0, sentAt: null, posted: null, notBefore: time.now().toISOString() }]));
    let inFlight!: () => void;
    let release!: () => void;
    const sending = new Promise<void>((resolve) => (inFlight = resolve));
    email.beforeSend = () => {
      inFlight();
      return new Promise<void>((resolve) => (release = resolve));
    };
    const draining = dispatcher.drain();
    await sending;
    expect(await notices.archiveEnded()).toEqual(expect.arrayContaining([ids.a]));
    release();
    expect(await draining).toMatchObject({ sent: 1 });
    expect(await deliveriesOf(store, ids.a)).toEqual([]);
    expect((await notices.report(ids.a))).toEqual((await notices.show(ids.a))!.archivedReport);
  });
});

describe('removing outbox rows', () => {
  it('writes the store file whole, never the journal, so a removed row stays removed after reopening', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    await store.notices.write(async (transaction) => transaction.putDeliveries([outboxRow(1), outboxRow(2)]));
    // A change of rows only is journalled: the store file does not have them yet.
    expect((await journalRows(dataDir)).map((row) => row.id)).toEqual([outboxRow(1).id, outboxRow(2).id]);
    const file = await fileVersion(join(dataDir, STORE_FILE_NAME));
    await store.notices.write(async (transaction) => {
      await transaction.removeDeliveries([outboxRow(1).id]);
      expect((await transaction.deliveries(outboxRow(2).noticeId)).map((row) => row.id)).toEqual([outboxRow(2).id]);
    });
    expect(await fileVersion(join(dataDir, STORE_FILE_NAME))).not.toEqual(file);
    expect(await journalRows(dataDir)).toEqual([]);
    expect((await storeRows(dataDir)).map((row) => row.id)).toEqual([outboxRow(2).id]);
    const reopened = await LowdbStore.open(dataDir);
    expect((await reopened.notices.deliveries(outboxRow(2).noticeId)).map((row) => row.id)).toEqual([outboxRow(2).id]);
  });
});

describe('NOTICE_RETENTION_DAYS', () => {
  it('is 90 days unless set, and a whole number of days from 1', () => {
    expect(loadConfig({}).notices.retentionDays).toBe(90);
    expect(loadConfig({ NOTICE_RETENTION_DAYS: ' 30 ' }).notices.retentionDays).toBe(30);
    for (const bad of ['0', '-1', '1.5', 'nittio']) {
      const error = (() => {
        try {
          loadConfig({ NOTICE_RETENTION_DAYS: bad });
        } catch (thrown) {
          return thrown as ConfigError;
        }
        throw new Error(`${bad} was taken`);
      })();
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect(configErrorText(error.issues, errorTexts.sv), bad).toMatch(/NOTICE_RETENTION_DAYS: ska vara ett antal dagar/u);
    }
  });
});
