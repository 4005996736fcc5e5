import { beforeAll, describe, expect, it } from 'vitest';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { SendFailure } from '../../src/errors/index.js';
import type { KnowledgeBase } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log/index.js';
import { NoticeDispatcher, NoticeService, type DeliveryJob, type DeliveryTransport } from '../../src/notices/index.js';
import { outcomeOfError, recipientKey, shareOf, type SendOutcome, type SharedLimits } from '../../src/outbound/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

// The dispatcher as one of several instances on a store, with a hand-written SharedLimits in place
// of the database's: what it may send, and the pauses it honours and tells.

let knowledge: KnowledgeBase;
beforeAll(async () => {
  knowledge = await bundledKnowledge();
});

const NOW = new Date('2026-11-25T09:00:00Z');
const staff = operatorPrincipal('test');

/** The other instances, as far as this one knows: its part of the limits, and the pauses told. */
class OtherInstances implements SharedLimits {
  part = 1;
  readonly told = new Map<string, number>();
  readonly pausedElsewhere = new Map<string, number>();
  share(): number {
    return this.part;
  }
  pauses(): ReadonlyMap<string, number> {
    return this.pausedElsewhere;
  }
  async pause(key: string, until: number): Promise<void> {
    this.told.set(key, until);
  }
}

/** Email, paced per recipient's domain (a limited key), that records what it sent and fails as told. */
class Email implements DeliveryTransport {
  readonly channel = 'email';
  readonly sent: string[] = [];
  readonly failures = new Map<string, Error>();
  rateKeys() {
    return [{ key: 'smtp', limit: { perSecond: 100, burst: 5 } }];
  }
  async send(job: DeliveryJob): Promise<SendOutcome> {
    const recipient = recipientKey(job.delivery.address);
    const failure = this.failures.get(recipient);
    if (failure) return outcomeOfError(failure);
    this.sent.push(recipient);
    return { kind: 'sent', ref: { conversationId: 'email', messageId: `m-${this.sent.length}` } };
  }
}

async function setup() {
  const store = await LowdbStore.open(await temporaryDataDir());
  const now = () => NOW;
  const contacts = new ContactService(store.contacts, { now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now });
  for (const [name, email, phone] of [['Anna', 'anna@omsorg.se', '070-111 11 11'], ['Bo', 'bo@vard.se', '070-222 22 22']] as const) {
    const saved = await contacts.saveContact(staff, { municipality: 'goteborg', providerName: `${name} Omsorg AB`, orgNumber: '556036-0793', name, email, phone }, []);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
  }
  const start = new Date('2026-12-06T07:00:00Z');
  const created = await notices.create(staff, { municipality: 'goteborg', kind: 'planned', title: 'Uppgradering av Treserva', systems: ['treserva'], description: 'Ny version installeras.', impact: 'Treserva går inte att nå.', window: { start, end: new Date(start.getTime() + 4 * 3_600_000) } });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const published = await notices.publish(staff, created.value.id);
  if (!published.ok) throw new Error(JSON.stringify(published));
  const email = new Email();
  const others = new OtherInstances();
  const dispatcher = new NoticeDispatcher({ repository: store.notices, transports: [email], logger: createLogger({ level: 'silent' }), now, random: () => 1, shared: others });
  const pendingEmails = async () => (await store.notices.deliveries(published.value.id)).filter((delivery) => delivery.channel === 'email' && delivery.status === 'pending');
  return { email, others, dispatcher, pendingEmails };
}

describe('the dispatcher among several instances on one store', () => {
  it('claims and sends nothing while the other instances have not counted it, and sends once they have', async () => {
    const { email, others, dispatcher, pendingEmails } = await setup();
    others.part = 0;
    expect(await dispatcher.drain()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(email.sent).toEqual([]);
    // Not claimed either: another instance may send them meanwhile.
    expect((await pendingEmails()).every((delivery) => delivery.claimedUntil === null && delivery.attempts === 0)).toBe(true);
    others.part = 1 / 2;
    expect(await dispatcher.drain()).toMatchObject({ sent: 2 });
    expect(email.sent.sort()).toEqual(['email:anna@omsorg.se', 'email:bo@vard.se']);
  });

  it('honours a pause another instance got a 429 for: the deliveries wait until it ends, without using an attempt', async () => {
    const { email, others, dispatcher, pendingEmails } = await setup();
    const until = NOW.getTime() + 45_000;
    others.pausedElsewhere.set('smtp', until);
    await dispatcher.drain();
    expect(email.sent).toEqual([]);
    const waiting = await pendingEmails();
    expect(waiting).toHaveLength(2);
    for (const delivery of waiting) {
      expect(new Date(delivery.notBefore).getTime()).toBeGreaterThanOrEqual(until);
      expect(delivery.attempts).toBe(0);
    }
  });

  it('tells the other instances of a 429 it gets, on the narrowest key, until its Retry-After', async () => {
    const { email, others, dispatcher } = await setup();
    email.failures.set('email:anna@omsorg.se', new SendFailure('rate-limited', '429', { retryAfterMs: 20_000 }));
    await dispatcher.drain();
    expect([...others.told]).toEqual([['smtp', NOW.getTime() + 20_000]]);
  });

  it('cuts a limit to an instance’s part of it, its burst too, but never below one send at once', () => {
    expect(shareOf({ perSecond: 20, burst: 5 }, 1 / 2)).toEqual({ perSecond: 10, burst: 2.5 });
    expect(shareOf({ perSecond: 1, burst: 2 }, 1 / 3)).toEqual({ perSecond: 1 / 3, burst: 1 });
    expect(shareOf({ perSecond: 7 }, 1)).toEqual({ perSecond: 7 });
  });
});
