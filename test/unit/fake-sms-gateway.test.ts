import { afterEach, describe, expect, it } from 'vitest';
import { createSmsGatewayChannel } from '../../adapters/sms/index.js';
import { createSmsTransport, type DeliveryJob, type Notice, type NoticeDelivery } from '../../src/notices/index.js';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { seeded } from '../support/seeded-random.js';

/**
 * The fake SMS gateway of the notice benchmark, checked against the real SMS transport over
 * loopback HTTP: what it records, its rate limit, random faults and gone numbers, each answered
 * the way the transport's contract says and turned into the SendFailure the outbox acts on.
 */

const AT = '2026-11-25T09:00:00.000Z';

const notice: Notice = {
  id: 'GBG-DRIFT-2026-0001',
  municipality: 'goteborg',
  kind: 'disruption',
  title: 'Phoniro nås inte',
  systems: ['phoniro'],
  description: 'Appen kan inte logga in.',
  impact: 'Larm kvitteras i telefonen.',
  window: null,
  state: 'investigating',
  exception: null,
  updates: [{ at: AT, by: 'drift', state: 'investigating', text: 'Appen kan inte logga in.' }],
  sequence: 1,
  createdBy: 'drift',
  createdAt: AT,
  updatedAt: AT,
  publishedAt: AT,
  remindersDone: [],
  reportCards: [],
};

function job(to: string, reference = `${notice.id}/publish-1/sms-${to.slice(-4)}`): DeliveryJob {
  const delivery: NoticeDelivery = {
    id: reference,
    noticeId: notice.id,
    municipality: 'goteborg',
    purpose: 'publish',
    revision: 1,
    reminderHours: null,
    channel: 'sms',
    recipient: `sms:${to}`,
    address: { kind: 'sms', phone: to },
    label: 'Anna (070-*** ** 67)',
    status: 'pending',
    attempts: 1,
    notBefore: AT,
    claimedUntil: null,
    lastError: null,
    sentAt: null,
    posted: null,
    createdAt: AT,
  };
  return { delivery, notice, earlier: [] };
}

let gateway: FakeSmsGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('the fake SMS gateway', () => {
  it('accepts what the SMS transport sends and records number, text and reference (a resend too)', async () => {
    gateway = await startFakeSmsGateway({ token: 'hemlig' });
    const transport = createSmsTransport({ channel: createSmsGatewayChannel({ url: gateway.url, token: 'hemlig', perSecond: 10 }), knowledge: await bundledKnowledge(), now: () => new Date(AT) });
    const posted = await transport.send(job('+46701234567'));
    expect(posted).toEqual({ kind: 'sent', ref: { conversationId: 'sms', messageId: 'sms-1' } });
    await transport.send(job('+46701234567'));
    expect(gateway.messagesTo('+46701234567')).toHaveLength(2);
    expect(gateway.messages[0]).toMatchObject({ to: '+46701234567', reference: `${notice.id}/publish-1/sms-4567` });
    expect(gateway.messages[0]!.message).toContain('Phoniro nås inte');
    expect(gateway.messages[0]!.message).toContain(notice.id);

    const unauthorized = createSmsTransport({ channel: createSmsGatewayChannel({ url: gateway.url, perSecond: 10 }), knowledge: await bundledKnowledge() });
    expect(await unauthorized.send(job('+46701234567'))).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/HTTP 401/u) });
    expect(gateway.refused.at(-1)).toMatchObject({ status: 401, reason: 'unauthorized' });
  });

  it('a long notice is shortened, never the line on how to stop getting SMS', async () => {
    gateway = await startFakeSmsGateway();
    const transport = createSmsTransport({ channel: createSmsGatewayChannel({ url: gateway.url, perSecond: 10 }), knowledge: await bundledKnowledge(), now: () => new Date(AT) });
    const long: DeliveryJob = { ...job('+46701234567'), notice: { ...notice, impact: 'Larm kvitteras i telefonen. '.repeat(40) } };
    expect(await transport.send(long)).toMatchObject({ kind: 'sent' });
    const { message } = gateway.messages[0]!;
    expect(message.length).toBeLessThanOrEqual(459);
    expect(message).toMatch(/… Inga fler SMS\? Be Göteborgs Stad ta bort ditt mobilnummer ur itkontakt\.$/u);
  });

  it('answers 429 with an honest Retry-After beyond perSecond, and counts only what it accepted', async () => {
    let now = 10_000;
    gateway = await startFakeSmsGateway({ perSecond: 2, now: () => now });
    const transport = createSmsTransport({ channel: createSmsGatewayChannel({ url: gateway.url, perSecond: 10 }), knowledge: await bundledKnowledge() });
    await transport.send(job('+46701000001'));
    now += 400;
    await transport.send(job('+46701000002'));
    now += 100;
    // The first leaves the window at 11 000, 500 ms on: Retry-After is whole seconds, at least 1.
    expect(await transport.send(job('+46701000003'))).toMatchObject({ kind: 'retry', afterSeconds: 1 });
    expect(gateway.refused).toEqual([{ at: expect.any(Number), to: '+46701000003', reference: expect.any(String), status: 429, retryAfterSeconds: 1, reason: 'limit' }]);
    now += 500;
    await transport.send(job('+46701000003'));
    expect(gateway.messages.map((message) => message.to)).toEqual(['+46701000001', '+46701000002', '+46701000003']);
  });

  it('injects faults at the configured rate with the random source given, and 404s gone numbers', async () => {
    gateway = await startFakeSmsGateway({ failures: [{ rate: 0.1, status: 429, retryAfterSeconds: 2 }, { rate: 0.1, status: 503 }], random: seeded(7) });
    const transport = createSmsTransport({ channel: createSmsGatewayChannel({ url: gateway.url, perSecond: 10 }), knowledge: await bundledKnowledge() });
    const kinds = new Map<string, number>();
    for (let index = 0; index < 400; index += 1) {
      const number = `+467020${String(index).padStart(5, '0')}`;
      const outcome = await transport.send(job(number));
      // A 429 says how long to wait; a 503 leaves it to the backoff.
      const kind = outcome.kind === 'retry' ? (outcome.afterSeconds === undefined ? 'transient' : 'rate-limited') : outcome.kind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (kind === 'rate-limited') expect(outcome).toMatchObject({ afterSeconds: 2 });
    }
    // About 10 % each (the second is drawn only for requests the first let through: 9 %).
    expect(kinds.get('rate-limited')).toBeGreaterThan(20);
    expect(kinds.get('rate-limited')).toBeLessThan(65);
    expect(kinds.get('transient')).toBeGreaterThan(15);
    expect(kinds.get('transient')).toBeLessThan(60);
    expect(gateway.messages).toHaveLength(kinds.get('sent')!);
    expect(gateway.refused.filter((refusal) => refusal.reason === 'injected')).toHaveLength(400 - kinds.get('sent')!);

    gateway.configure({ failures: [] });
    gateway.goneNumbers.add('+46709999999');
    expect((await transport.send(job('+46709999999'))).kind).toBe('gone');
    expect(gateway.refused.at(-1)).toMatchObject({ status: 404, reason: 'gone', to: '+46709999999' });
  });

  it('refuses a request it cannot read with 400, which the transport takes as a refusal of that message', async () => {
    gateway = await startFakeSmsGateway();
    const transport = createSmsTransport({ channel: createSmsGatewayChannel({ url: gateway.url, perSecond: 10 }), knowledge: await bundledKnowledge() });
    expect((await transport.send(job('0701234567'))).kind).toBe('refused');
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"to":' });
    expect(response.status).toBe(400);
    expect(gateway.refused.map((refusal) => refusal.reason)).toEqual(['invalid', 'invalid']);
    expect(gateway.messages).toHaveLength(0);
  });
});
