import { beforeAll, describe, expect, it } from 'vitest';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { SendFailure } from '../../src/errors/index.js';
import type { KnowledgeBase } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log/index.js';
import { NoticeDispatcher, NoticeService, RateLimiter, type DeliveryJob, type DeliveryTransport, type Notice } from '../../src/notices/index.js';
import { outcomeOfError, recipientKey, type SendOutcome } from '../../src/outbound/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

let knowledge: KnowledgeBase;
beforeAll(async () => {
  knowledge = await bundledKnowledge();
});

/** A clock the test moves. */
function clock(start: string): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
  let current = new Date(start).getTime();
  return { now: () => new Date(current), set: (iso) => (current = new Date(iso).getTime()), advance: (ms) => (current += ms) };
}

/** A transport that records what it was asked to send and fails as told. */
class RecordingTransport implements DeliveryTransport {
  readonly jobs: DeliveryJob[] = [];
  failures = new Map<string, Error[]>();
  constructor(readonly channel: 'chat' | 'email' | 'sms') {}
  rateKeys() {
    return [{ key: this.channel }];
  }
  async send(job: DeliveryJob): Promise<SendOutcome> {
    this.jobs.push(job);
    const queued = this.failures.get(recipientKey(job.delivery.address));
    const failure = queued?.shift();
    if (failure) return outcomeOfError(failure);
    return { kind: 'sent', ref: { conversationId: this.channel, messageId: `${this.channel}-${this.jobs.length}` } };
  }
  /** The jobs to one recipient, by its key ("email:anna@omsorg.se"). */
  to(recipient: string): DeliveryJob[] {
    return this.jobs.filter((job) => recipientKey(job.delivery.address) === recipient);
  }
}

const staff = operatorPrincipal('test');

async function setup(start = '2026-11-25T09:00:00Z') {
  const time = clock(start);
  const store = await LowdbStore.open(await temporaryDataDir());
  const contacts = new ContactService(store.contacts, { now: time.now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now: time.now });
  const add = async (name: string, email: string, phone: string, identities: Array<{ platform: 'teams' | 'slack'; tenantId: string; userId: string }> = []) => {
    const saved = await contacts.saveContact(staff, { municipality: 'goteborg', providerName: `${name} Omsorg AB`, orgNumber: '556036-0793', name, email, phone }, identities);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    return saved.value.contact;
  };
  const transports = { chat: new RecordingTransport('chat'), email: new RecordingTransport('email'), sms: new RecordingTransport('sms') };
  const dispatcher = (options: Partial<ConstructorParameters<typeof NoticeDispatcher>[0]> = {}) =>
    new NoticeDispatcher({ repository: store.notices, transports: Object.values(transports), logger: createLogger({ level: 'silent' }), now: time.now, retryBaseMs: 1_000, random: () => 1, ...options });
  // Sunday 6 December 2026 08:00 in Stockholm: within Göteborg's preferred window, 11 days ahead.
  const planned = async (startIso = '2026-12-06T07:00:00Z', reason?: string): Promise<Notice> => {
    const start = new Date(startIso);
    const created = await notices.create(staff, { municipality: 'goteborg', kind: 'planned', title: 'Uppgradering av Treserva', systems: ['treserva'], description: 'Ny version installeras.', impact: 'Treserva går inte att nå.', window: { start, end: new Date(start.getTime() + 4 * 3_600_000) } });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const published = await notices.publish(staff, created.value.id, reason);
    if (!published.ok) throw new Error(JSON.stringify(published));
    return published.value;
  };
  return { time, store, contacts, notices, add, transports, dispatcher, planned };
}

describe('audience and fan-out', () => {
  it('queues one delivery per recipient and channel of the rules, each address once, and muted systems stay quiet', async () => {
    const { add, notices, store, planned } = await setup();
    const anna = await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    await add('Anna igen', 'ANNA@omsorg.se', '070-111 11 11');
    const bo = await add('Bo', 'bo@vard.se', '070-222 22 22');
    await store.destinations.upsert({ key: 'slack:T1:C-drift', platform: 'slack', tenantId: 'T1', conversationId: 'C-drift', kind: 'channel', reference: { channel: 'C-drift' }, installedBy: 'slack:T1:U1', installedAt: '2026-11-01T00:00:00Z', municipality: 'goteborg' });
    await store.destinations.upsert({ key: 'slack:T1:C-other', platform: 'slack', tenantId: 'T1', conversationId: 'C-other', kind: 'channel', reference: { channel: 'C-other' }, installedBy: 'slack:T1:U1', installedAt: '2026-11-01T00:00:00Z', municipality: 'uppsala' });
    const muted = await notices.follow({ role: 'it-contact', label: 'bo', municipalities: [], contactIds: [bo.id] }, 'goteborg', 'treserva', false);
    expect(muted).toMatchObject({ ok: true, value: ['treserva'] });
    const notice = await planned();
    const deliveries = (await store.notices.deliveries(notice.id));
    // Göteborg: planned outages by chat and email. Anna's two records share an address; Bo muted Treserva.
    expect(deliveries.map((delivery) => [delivery.channel, delivery.address]).sort()).toEqual([
      ['chat', { kind: 'slack', teamId: 'T1', channelId: 'C-drift' }],
      ['email', { kind: 'email', email: 'anna@omsorg.se' }],
    ]);
    expect(deliveries.every((delivery) => delivery.status === 'pending' && !delivery.id.includes('@'))).toBe(true);
    expect(deliveries.find((delivery) => delivery.channel === 'email')!.label).toMatch(/a\*\*\*@omsorg\.se/u);
    expect(anna.id).toBeTruthy();
  });

  it('sends an update only to those already told, and withdraws what is still waiting when an outage is cancelled', async () => {
    const { add, notices, store, planned, dispatcher, transports } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    const notice = await planned();
    // Nothing sent yet: an update adds nothing, the waiting announcement will carry it.
    const updated = await notices.update(staff, notice.id, { text: 'Fönstret gäller.' });
    expect(updated.ok && notices.queuedBy(notice.id)).toBe(0);
    await dispatcher().drain();
    expect(transports.email.to('email:anna@omsorg.se')).toHaveLength(1);
    await notices.update(staff, notice.id, { text: 'Nu med ny version 5.2.' });
    expect(notices.queuedBy(notice.id)).toBe(1);
    await add('Bo', 'bo@vard.se', '070-222 22 22');
    await notices.cancel(staff, notice.id, 'Leverantören sköt upp.');
    const rows = (await store.notices.deliveries(notice.id));
    const bo = rows.filter((delivery) => recipientKey(delivery.address) === 'email:bo@vard.se');
    // Bo was never told of the outage, so he gets no cancellation; Anna's waiting update is withdrawn for it.
    expect(bo).toEqual([]);
    expect(rows.filter((delivery) => delivery.status === 'withdrawn').map((delivery) => delivery.purpose)).toEqual(['update']);
    expect(rows.filter((delivery) => delivery.status === 'pending').map((delivery) => delivery.purpose)).toEqual(['cancel']);
  });
});

describe('the dispatcher', () => {
  it('delivers each once, threads later messages under the first, and reports per channel', async () => {
    const { add, notices, planned, dispatcher, transports } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    await add('Bo', 'bo@vard.se', '070-222 22 22');
    const notice = await planned();
    const first = await dispatcher().drain();
    expect(first).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await dispatcher().drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await notices.update(staff, notice.id, { text: 'Start flyttad 30 minuter.' });
    await dispatcher().drain();
    const annas = transports.email.to('email:anna@omsorg.se');
    expect(annas.map((job) => job.delivery.purpose)).toEqual(['publish', 'update']);
    // The update is given the announcement it threads under, with the id the transport returned for it.
    expect(annas[0]!.earlier).toEqual([]);
    expect(annas[1]!.earlier.map((delivery) => [delivery.purpose, delivery.posted?.messageId])).toEqual([['publish', expect.stringMatching(/^email-\d$/u)]]);
    expect(annas[1]!.notice.updates.at(-1)?.text).toBe('Start flyttad 30 minuter.');
    const report = (await notices.report(notice.id))!;
    expect(report.channels).toEqual([{ channel: 'email', sent: 4, pending: 0, failed: 0, withdrawn: 0 }]);
    expect(report.complete).toBe(true);
  });

  it('waits a 429’s Retry-After, backs off on 5xx, and dead-letters refusals and what keeps failing', async () => {
    const { add, planned, dispatcher, transports, notices, time } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    await add('Bo', 'bo@vard.se', '070-222 22 22');
    await add('Cilla', 'cilla@vard.se', '070-333 33 33');
    await add('Dan', 'dan@vard.se', '070-444 44 44');
    // Throttled more often than the attempts allow: a 429 is pacing, not failing, and uses up none.
    transports.email.failures.set('email:anna@omsorg.se', Array.from({ length: 4 }, () => new SendFailure('rate-limited', '429', { retryAfterMs: 30_000 })));
    transports.email.failures.set('email:bo@vard.se', [new SendFailure('transient', 'HTTP 503')]);
    transports.email.failures.set('email:cilla@vard.se', [new SendFailure('rejected', 'SMTP 550 no such mailbox')]);
    transports.email.failures.set('email:dan@vard.se', Array.from({ length: 5 }, () => new Error('ECONNRESET')));
    const notice = await planned();
    const run = dispatcher({ maxAttempts: 3 });
    expect(await run.drain()).toEqual({ sent: 0, retrying: 3, failed: 1 });
    // Not before the Retry-After (30 s) or the backoff (1 s for the first retry).
    time.advance(1_500);
    expect(await run.drain()).toEqual({ sent: 1, retrying: 1, failed: 0 });
    time.advance(30_000);
    expect(await run.drain()).toEqual({ sent: 0, retrying: 1, failed: 1 });
    for (let round = 0; round < 2; round += 1) {
      time.advance(30_000);
      expect(await run.drain()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    }
    time.advance(30_000);
    expect(await run.drain()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const report = (await notices.report(notice.id))!;
    expect(report.channels).toEqual([{ channel: 'email', sent: 2, pending: 0, failed: 2, withdrawn: 0 }]);
    expect(report.failures.map((failure) => failure.reason)).toEqual([expect.stringMatching(/avvisat: SMTP 550/u), expect.stringMatching(/gav upp efter 3 försök: ECONNRESET/u)]);
    expect(transports.email.to('email:anna@omsorg.se')).toHaveLength(5);
  });

  it('paces by the keys the transport names, and a 429 pauses only the narrowest of them', async () => {
    const { add, planned, dispatcher, transports, store, time } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11', [{ platform: 'slack', tenantId: 'T1', userId: 'U-anna' }]);
    await add('Bo', 'bo@vard.se', '070-222 22 22', [{ platform: 'slack', tenantId: 'T1', userId: 'U-bo' }]);
    const asked: string[] = [];
    // As an adapter names them: the workspace, then the person's DM.
    const chat: DeliveryTransport = {
      channel: 'chat',
      rateKeys: (address) => {
        asked.push(address.kind);
        return [{ key: 'workspace', limit: { perSecond: 100, burst: 10 } }, { key: `dm:${recipientKey(address)}`, limit: { perSecond: 100, burst: 2 } }];
      },
      send: (job) => transports.chat.send(job),
    };
    transports.chat.failures.set('chat:user:slack:T1:U-anna', [new SendFailure('rate-limited', '429', { retryAfterMs: 120_000 })]);
    const run = dispatcher({ transports: [chat, transports.email] });
    await planned();
    expect(await run.drain()).toMatchObject({ sent: 3, retrying: 1 });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((kind) => kind === 'slack-user')).toBe(true);
    // A second notice a little later: Bo's DM and the workspace go on, Anna's DM waits out its Retry-After (two minutes).
    time.advance(1_000);
    const second = await planned('2026-12-06T08:00:00Z');
    // Bo's chat and both emails.
    expect(await run.drain()).toMatchObject({ sent: 3 });
    expect(transports.chat.to('chat:user:slack:T1:U-bo')).toHaveLength(2);
    expect(transports.chat.to('chat:user:slack:T1:U-anna')).toHaveLength(1);
    const waiting = (await store.notices.deliveries(second.id)).find((delivery) => delivery.recipient === 'chat:user:slack:T1:U-anna')!;
    expect(waiting.status).toBe('pending');
    expect(new Date(waiting.notBefore).getTime()).toBeGreaterThanOrEqual(new Date('2026-11-25T09:01:59Z').getTime());
  });

  it('deactivates a destination the platform says is gone instead of retrying it', async () => {
    const { store, planned, dispatcher, transports, notices } = await setup();
    await store.destinations.upsert({ key: 'teams:T:19:gone', platform: 'teams', tenantId: 'T', conversationId: '19:gone', kind: 'channel', reference: {}, installedBy: 'teams:T:u', installedAt: '2026-11-01T00:00:00Z', municipality: 'goteborg' });
    transports.chat.failures.set('chat:destination:teams:T:19:gone', [new SendFailure('gone', 'HTTP 403', { status: 403 })]);
    const notice = await planned();
    expect(await dispatcher().drain()).toMatchObject({ failed: 1 });
    expect((await store.destinations.get('teams:T:19:gone'))?.inactiveSince).toBeTruthy();
    await notices.update(staff, notice.id, { text: 'Ny info.' });
    expect(notices.queuedBy(notice.id)).toBe(0);
  });

  it('never has more sends under way on a transport than it can carry (an SMTP pool), nor more than the concurrency', async () => {
    const { add, planned, dispatcher, transports } = await setup();
    for (let index = 0; index < 8; index += 1) await add(`Kontakt ${index}`, `kontakt${index}@omsorg.se`, `070-000 00 0${index}`);
    await planned();
    let underWay = 0;
    let most = 0;
    const slowEmail: DeliveryTransport = {
      channel: 'email',
      rateKeys: () => [{ key: 'email' }],
      maxInFlight: 3,
      async send(job) {
        underWay += 1;
        most = Math.max(most, underWay);
        await new Promise((resolve) => setTimeout(resolve, 20));
        underWay -= 1;
        return transports.email.send(job);
      },
    };
    expect(await dispatcher({ transports: [slowEmail, transports.chat], concurrency: 10 }).drain()).toMatchObject({ sent: 8 });
    expect(most).toBe(3);
    most = 0;
    await planned('2026-12-06T08:00:00Z');
    const unbounded: DeliveryTransport = { ...slowEmail, maxInFlight: undefined };
    expect(await dispatcher({ transports: [unbounded, transports.chat], concurrency: 5 }).drain()).toMatchObject({ sent: 8 });
    expect(most).toBe(5);
  });

  it('sends waiting for a busy transport hold no shared place: the other channels go meanwhile', async () => {
    const { add, planned, dispatcher, transports } = await setup();
    for (let index = 0; index < 4; index += 1) await add(`Kontakt ${index}`, `kontakt${index}@omsorg.se`, `070-000 00 0${index}`, [{ platform: 'slack', tenantId: 'T1', userId: `U${index}` }]);
    await planned();
    const finished: string[] = [];
    const slowEmail: DeliveryTransport = {
      channel: 'email',
      rateKeys: () => [{ key: 'email' }],
      maxInFlight: 1,
      async send(job) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        finished.push('email');
        return transports.email.send(job);
      },
    };
    const chat: DeliveryTransport = { channel: 'chat', rateKeys: () => [{ key: 'chat' }], send: async (job) => (finished.push('chat'), transports.chat.send(job)) };
    // Two shared places: if the emails waiting for the mail transport held them, chat would wait for every email.
    expect(await dispatcher({ transports: [slowEmail, chat], concurrency: 2 }).drain()).toMatchObject({ sent: 8 });
    expect(finished.slice(0, 5).filter((channel) => channel === 'chat')).toHaveLength(4);
  });

  it('sends again what a crashed dispatcher had claimed, once its lease has run out', async () => {
    const { add, planned, dispatcher, transports, store, time } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    const notice = await planned();
    // A dispatcher claims and dies before sending: the claim is in the store, nothing went out.
    await store.notices.write(async (transaction) => {
      const [delivery] = await transaction.deliveries(notice.id);
      await transaction.putDeliveries([{ ...delivery!, attempts: 1, claimedUntil: new Date(time.now().getTime() + 60_000).toISOString() }]);
    });
    expect(await dispatcher().drain()).toMatchObject({ sent: 0 });
    time.advance(61_000);
    expect(await dispatcher().drain()).toMatchObject({ sent: 1 });
    expect(transports.email.jobs).toHaveLength(1);
  });
});

describe('the rate limiter', () => {
  it('spaces sends by the tightest of their keys and pushes a key past a Retry-After', () => {
    const limiter = new RateLimiter((key) => (key === 'conv' ? { perSecond: 2 } : key === 'tenant' ? { perSecond: 10 } : undefined));
    const slots = Array.from({ length: 4 }, () => limiter.reserve(['tenant', 'conv'], 0));
    expect(slots).toEqual([0, 500, 1000, 1500]);
    // The tenant alone: its own spacing after the last of those (1500 + 100).
    expect(limiter.reserve(['tenant'], 0)).toBe(1600);
    limiter.pause('conv', 10_000);
    expect(limiter.reserve(['conv'], 2_000)).toBe(10_000);
  });
});

describe('reminders', () => {
  it('fire once at their time, and after downtime only the nearest one, while the outage is ahead', async () => {
    const { add, time, notices, store, planned, dispatcher } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    const notice = await planned();
    await dispatcher().drain();
    const start = new Date(notice.window!.start).getTime();
    time.set(new Date(start - 24 * 3_600_000 - 60_000).toISOString());
    expect(await notices.planDueReminders()).toEqual([]);
    time.advance(60_000);
    expect(await notices.planDueReminders()).toEqual([notice.id]);
    expect(await notices.planDueReminders()).toEqual([]);
    // The server was down past the 1-hour reminder too… and past the start: nothing more is sent.
    time.set(new Date(start + 60_000).toISOString());
    await notices.planDueReminders();
    const reminders = (await store.notices.deliveries(notice.id)).filter((delivery) => delivery.purpose === 'reminder');
    expect(reminders.map((delivery) => delivery.reminderHours)).toEqual([24]);
  });

  it('after downtime past both reminders sends one, the nearest, and never again after a restart', async () => {
    const { add, time, notices, store, planned, contacts, dispatcher } = await setup();
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    const notice = await planned();
    await dispatcher().drain();
    const start = new Date(notice.window!.start).getTime();
    time.set(new Date(start - 30 * 60_000).toISOString());
    await notices.planDueReminders();
    // A restart: a new service over the same store.
    const restarted = new NoticeService(store.notices, { knowledge, contacts, now: time.now });
    expect(await restarted.planDueReminders()).toEqual([]);
    const reminders = (await store.notices.deliveries(notice.id)).filter((delivery) => delivery.purpose === 'reminder');
    expect(reminders.map((delivery) => delivery.reminderHours)).toEqual([1]);
  });

  it('count hours across the change to summer time (24 hours before a Sunday 08:00 is Saturday 07:00)', async () => {
    const { add, time, notices, store, contacts, dispatcher } = await setup('2026-03-10T09:00:00Z');
    await add('Anna', 'anna@omsorg.se', '070-111 11 11');
    // Sunday 29 March 2026 08:00 in Stockholm is 06:00 UTC (CEST, clocks went forward at 02:00).
    const created = await notices.create(staff, { municipality: 'goteborg', kind: 'planned', title: 'Treserva', systems: ['treserva'], description: 'x', impact: 'y', window: { start: new Date('2026-03-29T06:00:00Z'), end: new Date('2026-03-29T10:00:00Z') } });
    if (!created.ok) throw new Error(JSON.stringify(created));
    await notices.publish(staff, created.value.id);
    await dispatcher().drain();
    void contacts;
    // Saturday 07:00 CET = 06:00 UTC: exactly 24 hours before.
    time.set('2026-03-28T05:59:00Z');
    expect(await notices.planDueReminders()).toEqual([]);
    time.set('2026-03-28T06:00:00Z');
    expect(await notices.planDueReminders()).toEqual([created.value.id]);
    const reminder = (await store.notices.deliveries(created.value.id)).find((delivery) => delivery.purpose === 'reminder');
    expect(reminder?.reminderHours).toBe(24);
  });
});
