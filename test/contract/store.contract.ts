import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactsRepository, DestinationRepository, SeenInboundRepository } from '../../src/contacts/index.js';
import type { NoticeDelivery, NoticesRepository } from '../../src/notices/index.js';
import type { TicketsRepository } from '../../src/tickets/index.js';
import { AT, audit, contact, delivery, destination, identity, later, notice, outboxEntry, registration, staff, ticket } from './store-records.js';

/** A store as the contract sees it: the core's repositories over one fresh, empty store. */
export interface StoreUnderTest {
  readonly contacts: ContactsRepository;
  readonly tickets: TicketsRepository;
  readonly notices: NoticesRepository;
  readonly destinations: DestinationRepository;
  readonly seenInbound: SeenInboundRepository;
  /** Whether units of work run side by side (PostgreSQL), rather than one after another (lowdb). */
  readonly concurrentUnits: boolean;
  close(): Promise<void>;
}

const ids = (records: readonly { id: string }[]): string[] => records.map((record) => record.id);
const sorted = (values: readonly string[]): string[] => [...values].sort();
const failing = new Error('the unit of work fails half-way');

/**
 * The one store contract, run against each store: every repository method, units of work that land
 * whole or not at all, tenant (municipality) filters, id series without gaps or repeats under
 * concurrency, and the audit log append-only.
 */
export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`the store contract: ${name}`, () => {
    let store: StoreUnderTest;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('contacts', () => {
      beforeEach(async () => {
        await store.contacts.write(async (transaction) => {
          await transaction.putContact(contact('c1', 'goteborg', { identities: [identity('U1')], email: 'Anna@Omsorg.se' }));
          await transaction.putContact(contact('c2', 'uppsala', { identities: [identity('U1')], phone: '+46709999999' }));
          await transaction.putContact(contact('c3', 'goteborg', { active: false, provider: { name: 'Vård AB', orgNumber: '556677-8899' } }));
          await transaction.putStaff(staff('s1', 'goteborg', { identities: [identity('S1')] }));
          await transaction.putStaff(staff('s2', 'uppsala'));
          await transaction.putStaff(staff('a1', null, { identities: [identity('S1')] }));
          await transaction.putRegistration(registration('r1', 'goteborg'));
          await transaction.putRegistration(registration('r2', 'uppsala', { status: 'approved' }));
        });
      });

      it('finds a contact by id, and none for an unknown id', async () => {
        expect(await store.contacts.contact('c1')).toMatchObject({ id: 'c1', municipality: 'goteborg', identities: [identity('U1')] });
        expect(await store.contacts.contact('nope')).toBeUndefined();
      });

      it('answers each contact question, every given field narrowing it', async () => {
        const find = async (query: Parameters<ContactsRepository['findContacts']>[0]): Promise<string[]> => sorted(ids(await store.contacts.findContacts(query)));
        expect(await find({})).toEqual(['c1', 'c2', 'c3']);
        expect(await find({ municipality: 'goteborg' })).toEqual(['c1', 'c3']);
        expect(await find({ municipality: 'goteborg', activeOnly: true })).toEqual(['c1']);
        expect(await find({ municipalities: ['uppsala', 'orebro'] })).toEqual(['c2']);
        expect(await find({ municipalities: [] })).toEqual([]);
        expect(await find({ identity: identity('U1') })).toEqual(['c1', 'c2']);
        expect(await find({ identity: { ...identity('U1'), tenantId: 'T2' } })).toEqual([]);
        expect(await find({ ids: ['c2', 'c3', 'nope'] })).toEqual(['c2', 'c3']);
        expect(await find({ orgNumber: '556677-8899' })).toEqual(['c3']);
        expect(await find({ email: 'anna@omsorg.SE' })).toEqual(['c1']);
        expect(await find({ phone: '+46709999999' })).toEqual(['c2']);
      });

      it('finds a contact by its new email and phone once they change, and not by the old ones', async () => {
        const find = async (query: Parameters<ContactsRepository['findContacts']>[0]): Promise<string[]> => sorted(ids(await store.contacts.findContacts(query)));
        expect(await find({ email: 'anna@omsorg.se' })).toEqual(['c1']);
        await store.contacts.write(async (transaction) => {
          await transaction.putContact({ ...(await transaction.contact('c1'))!, email: 'anna@vard.se', phone: '+46701111111' });
        });
        expect(await find({ email: 'anna@omsorg.se' })).toEqual([]);
        expect(await find({ email: 'Anna@Vard.se' })).toEqual(['c1']);
        expect(await find({ phone: '+46701111111' })).toEqual(['c1']);
      });

      it('answers staff questions: by id, identity, role and municipality (administrators have none)', async () => {
        expect(await store.contacts.staffMember('s1')).toMatchObject({ role: 'staff', municipality: 'goteborg' });
        expect(sorted(ids(await store.contacts.findStaff({ identity: identity('S1') })))).toEqual(['a1', 's1']);
        expect(ids(await store.contacts.findStaff({ role: 'staff', municipality: 'uppsala' }))).toEqual(['s2']);
        expect(sorted(ids(await store.contacts.findStaff({ municipalities: ['goteborg', 'uppsala'] })))).toEqual(['s1', 's2']);
        expect(ids(await store.contacts.findStaff({ role: 'admin' }))).toEqual(['a1']);
      });

      it('answers registration questions and applies a removal of staff', async () => {
        expect(await store.contacts.registration('r2')).toMatchObject({ status: 'approved' });
        expect(ids(await store.contacts.findRegistrations({ status: 'pending' }))).toEqual(['r1']);
        expect(ids(await store.contacts.findRegistrations({ municipalities: ['uppsala'] }))).toEqual(['r2']);
        expect(ids(await store.contacts.findRegistrations({ municipality: 'goteborg', orgNumber: '556036-0793', email: 'R1@omsorg.se' }))).toEqual(['r1']);
        await store.contacts.write((transaction) => transaction.removeStaff('s2'));
        expect(await store.contacts.staffMember('s2')).toBeUndefined();
      });

      it('reads its own changes inside a unit of work, and replaces a record put twice', async () => {
        await store.contacts.write(async (transaction) => {
          await transaction.putContact(contact('c1', 'goteborg', { name: 'Ny' }));
          expect((await transaction.contact('c1'))?.name).toBe('Ny');
          expect(ids(await transaction.findContacts({ municipality: 'goteborg', activeOnly: true }))).toEqual(['c1']);
          await transaction.removeStaff('s1');
          expect(await transaction.staffMember('s1')).toBeUndefined();
        });
        expect((await store.contacts.contact('c1'))?.name).toBe('Ny');
        expect(await store.contacts.findContacts({})).toHaveLength(3);
      });
    });

    describe('the audit log', () => {
      it('filters by municipality (unscoped entries only when asked) and time', async () => {
        await store.contacts.write(async (transaction) => {
          await transaction.appendAudit(audit('goteborg', 'a', AT));
          await transaction.appendAudit(audit('uppsala', 'b', later(1)));
          await transaction.appendAudit(audit(null, 'c', later(2)));
        });
        const actions = async (query: Parameters<ContactsRepository['audit']>[0]): Promise<string[]> => (await store.contacts.audit(query)).map((entry) => entry.action);
        expect(await actions({ includeUnscoped: true })).toEqual(['a', 'b', 'c']);
        expect(await actions({ includeUnscoped: false })).toEqual(['a', 'b']);
        expect(await actions({ municipalities: ['uppsala'], includeUnscoped: false })).toEqual(['b']);
        expect(await actions({ municipalities: [], includeUnscoped: true })).toEqual(['c']);
        expect(await actions({ includeUnscoped: true, since: new Date(later(1)) })).toEqual(['b', 'c']);
      });

      it('is append-only: numbered in order across repositories, earlier entries never change', async () => {
        await store.contacts.write((transaction) => transaction.appendAudit(audit('goteborg', 'first')));
        const before = await store.contacts.audit({ includeUnscoped: true });
        await store.tickets.write((transaction) => transaction.appendAudit(audit('goteborg', 'ticket')));
        await store.notices.write((transaction) => transaction.appendAudit(audit('goteborg', 'notice')));
        const after = await store.contacts.audit({ includeUnscoped: true });
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.map((entry) => entry.action)).toEqual(['first', 'ticket', 'notice']);
        const seqs = after.map((entry) => entry.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(seqs.length);
      });
    });

    describe('tickets', () => {
      beforeEach(async () => {
        await store.tickets.write(async (transaction) => {
          await transaction.putTicket(ticket('GBG-1', 'goteborg', { createdAt: later(1), staffThreads: [{ destinationKey: 'slack:T1:C1', threadId: '111.1' }] }));
          await transaction.putTicket(ticket('GBG-2', 'goteborg', { createdAt: later(2), status: 'resolved', requester: { ...ticket('x', 'x').requester, label: 'slack:T1:U1' } }));
          await transaction.putTicket(ticket('UPP-1', 'uppsala', { createdAt: later(3), requester: { ...ticket('x', 'x').requester, contactId: 'c9' } }));
          await transaction.putOutbox(outboxEntry('GBG-1', 'email', { nextAttemptAt: later(5) }));
          await transaction.putOutbox(outboxEntry('GBG-1', 'staff-channel', { nextAttemptAt: later(1) }));
          await transaction.putOutbox(outboxEntry('UPP-1', 'email', { nextAttemptAt: later(0) }));
          await transaction.putOutbox(outboxEntry('GBG-2', 'email', { nextAttemptAt: AT, status: 'sent' }));
        });
      });

      it('finds a ticket by id, by its staff thread, and its outbox', async () => {
        expect(await store.tickets.ticket('GBG-1')).toMatchObject({ municipality: 'goteborg' });
        expect(await store.tickets.ticket('GBG-9')).toBeUndefined();
        expect((await store.tickets.ticketByStaffThread('slack:T1:C1', '111.1'))?.id).toBe('GBG-1');
        expect(await store.tickets.ticketByStaffThread('slack:T1:C1', '222.2')).toBeUndefined();
        expect(sorted((await store.tickets.outboxOf('GBG-1')).map((entry) => entry.channel))).toEqual(['email', 'staff-channel']);
      });

      it('lists tickets of a municipality by status, oldest first, a page at a time', async () => {
        expect(ids(await store.tickets.findTickets({}))).toEqual(['GBG-1', 'GBG-2', 'UPP-1']);
        expect(ids(await store.tickets.findTickets({ municipality: 'goteborg' }))).toEqual(['GBG-1', 'GBG-2']);
        expect(ids(await store.tickets.findTickets({ municipality: 'goteborg', status: 'resolved' }))).toEqual(['GBG-2']);
        expect(ids(await store.tickets.findTickets({ limit: 2 }))).toEqual(['GBG-1', 'GBG-2']);
        expect(ids(await store.tickets.findTickets({ limit: 2, offset: 2 }))).toEqual(['UPP-1']);
      });

      it('shows a principal only what is theirs: their municipalities, their own filings, their contact records', async () => {
        const visible = async (municipalities: readonly string[] | null, requesterLabel: string, contactIds: readonly string[]): Promise<string[]> =>
          ids(await store.tickets.findTickets({ visibleTo: { municipalities, requesterLabel, contactIds } }));
        expect(await visible(null, 'cli:admin', [])).toEqual(['GBG-1', 'GBG-2', 'UPP-1']);
        expect(await visible(['uppsala'], 'slack:T1:S', [])).toEqual(['UPP-1']);
        expect(await visible([], 'slack:T1:U1', [])).toEqual(['GBG-2']);
        expect(await visible([], 'slack:T1:U2', ['c9'])).toEqual(['UPP-1']);
        expect(await visible([], 'slack:T1:U3', [])).toEqual([]);
      });

      it('gives the due outbox entry that waited longest, of the channels asked for', async () => {
        const due = (now: string, channels: Array<'email' | 'staff-channel' | 'requester'>, ticketId?: string) =>
          store.tickets.write((transaction) => transaction.nextDueOutbox({ now: new Date(now), channels, ticketId }));
        expect((await due(later(10), ['email', 'staff-channel']))?.ticketId).toBe('UPP-1');
        expect((await due(later(10), ['staff-channel']))?.ticketId).toBe('GBG-1');
        expect((await due(later(10), ['email'], 'GBG-1'))?.channel).toBe('email');
        expect(await due(later(4), ['email'], 'GBG-1')).toBeUndefined();
        expect(await due(later(10), ['requester'])).toBeUndefined();
      });
    });

    describe('notices', () => {
      beforeEach(async () => {
        await store.notices.write(async (transaction) => {
          await transaction.putNotice(notice('N1', 'goteborg', { createdAt: later(1) }));
          await transaction.putNotice(notice('N2', 'goteborg', { createdAt: later(2), kind: 'planned', state: 'scheduled' }));
          await transaction.putNotice(notice('N3', 'uppsala', { createdAt: later(3), archivedAt: later(3), archivedReport: { noticeId: 'N3', total: 0, channels: [], failures: [], events: [], complete: true } }));
        });
      });

      it('finds a notice by id and lists notices newest first by municipality, kind, state and archive', async () => {
        expect(await store.notices.notice('N1')).toMatchObject({ municipality: 'goteborg' });
        expect(await store.notices.notice('N9')).toBeUndefined();
        expect(ids(await store.notices.findNotices({}))).toEqual(['N3', 'N2', 'N1']);
        expect(ids(await store.notices.findNotices({ municipality: 'goteborg' }))).toEqual(['N2', 'N1']);
        expect(ids(await store.notices.findNotices({ kind: 'planned', states: ['scheduled'] }))).toEqual(['N2']);
        expect(ids(await store.notices.findNotices({ archived: true }))).toEqual(['N3']);
        expect(ids(await store.notices.findNotices({ archived: false, municipality: 'uppsala' }))).toEqual([]);
        await store.notices.write((transaction) => transaction.removeNotice('N1'));
        expect(await store.notices.notice('N1')).toBeUndefined();
      });

      it("keeps one notice's deliveries, subscriptions, and the destinations a municipality's notices go to", async () => {
        await store.destinations.upsert(destination('slack:T1:C1', { municipality: 'goteborg' }));
        await store.destinations.upsert(destination('slack:T1:C2', { municipality: 'uppsala' }));
        await store.destinations.upsert(destination('slack:T1:D1', { kind: 'personal', installedBy: 'slack:T1:U1' }));
        await store.destinations.upsert(destination('slack:T1:D2', { kind: 'personal', installedBy: 'slack:T1:U2' }));
        await store.notices.write(async (transaction) => {
          await transaction.putDeliveries([delivery('N1', 'a'), delivery('N1', 'b'), delivery('N2', 'a')]);
          await transaction.putSubscription('c1', { muted: ['treserva'], updatedAt: AT });
        });
        expect(sorted((await store.notices.deliveries('N1')).map((row) => row.recipient))).toEqual(['a', 'b']);
        expect([...(await store.notices.subscriptions(['c1', 'c2'])).entries()]).toEqual([['c1', { muted: ['treserva'], updatedAt: AT }]]);
        const keys = async (): Promise<string[]> => sorted((await store.notices.noticeDestinations('goteborg', ['slack:T1:U1'])).map((found) => found.key));
        expect(await keys()).toEqual(['slack:T1:C1', 'slack:T1:D1']);
        await store.notices.write((transaction) => transaction.deactivateDestination('slack:T1:C1', later(1)));
        expect(await keys()).toEqual(['slack:T1:D1']);
        await store.notices.write((transaction) => transaction.removeDeliveries([delivery('N1', 'a').id]));
        expect((await store.notices.deliveries('N1')).map((row) => row.recipient)).toEqual(['b']);
      });

      it('offers the first pending delivery of each thread that is due and unclaimed, retries first', async () => {
        await store.notices.write((transaction) =>
          transaction.putDeliveries([
            delivery('N1', 'a'),
            delivery('N1', 'a', { id: 'N1/update-2/a', purpose: 'update', revision: 2, createdAt: later(1) }),
            delivery('N1', 'b', { notBefore: later(5) }),
            delivery('N1', 'c', { claimedUntil: later(5) }),
            delivery('N1', 'd', { attempts: 2, notBefore: later(2) }),
            delivery('N1', 'e', { status: 'sent', sentAt: AT }),
            delivery('N1', 'f', { channel: 'sms', address: { kind: 'sms', phone: '+46701234567' } }),
          ]),
        );
        const due = async (now: string, excluding: readonly string[] = [], limitPerChannel = 10): Promise<string[]> =>
          (await store.notices.dueDeliveries({ now: new Date(now), channels: ['email'], excluding: new Set(excluding), limitPerChannel })).map((row) => row.id);
        expect(await due(later(3))).toEqual([delivery('N1', 'd').id, delivery('N1', 'a').id]);
        expect(await due(later(3), [delivery('N1', 'd').id])).toEqual([delivery('N1', 'a').id]);
        expect(await due(later(6), [], 2)).toEqual([delivery('N1', 'd').id, delivery('N1', 'a').id]);
        expect(sorted(await due(later(6)))).toEqual(sorted([delivery('N1', 'a').id, delivery('N1', 'b').id, delivery('N1', 'c').id, delivery('N1', 'd').id]));
        expect((await store.notices.sentInThreads([{ noticeId: 'N1', recipient: 'e' }, { noticeId: 'N1', recipient: 'a' }])).map((row) => row.recipient)).toEqual(['e']);
      });

      it("sees inside a unit of work the rows it added and removed, thread by thread", async () => {
        const sent = { status: 'sent', attempts: 1, sentAt: AT } as const;
        const seen = await store.notices.write(async (transaction) => {
          const ids = async (recipient: string): Promise<string[]> => (await transaction.sentInThreads([{ noticeId: 'N1', recipient }])).map((row) => row.id);
          await transaction.putDeliveries([delivery('N1', 'a', sent)]);
          const first = await ids('a');
          await transaction.removeDeliveries([delivery('N1', 'a').id]);
          await transaction.putDeliveries([delivery('N1', 'b', sent)]);
          return { first, a: await ids('a'), b: await ids('b') };
        });
        expect(seen).toEqual({ first: [delivery('N1', 'a').id], a: [], b: [delivery('N1', 'b').id] });
      });

      it("limits the due deliveries per channel, so one channel's backlog does not hide another's", async () => {
        const sms = { channel: 'sms', address: { kind: 'sms', phone: '+46701234567' } } as const;
        await store.notices.write((transaction) =>
          transaction.putDeliveries([
            delivery('N1', 'a'),
            delivery('N1', 'b', { createdAt: later(1) }),
            delivery('N1', 'c', { createdAt: later(2) }),
            delivery('N2', 'x', { ...sms, createdAt: later(3) }),
            delivery('N2', 'y', { ...sms, createdAt: later(4) }),
          ]),
        );
        const due = await store.notices.dueDeliveries({ now: new Date(later(5)), channels: ['email', 'sms'], excluding: new Set(), limitPerChannel: 2 });
        expect(due.map((row) => row.id)).toEqual([delivery('N1', 'a').id, delivery('N1', 'b').id, delivery('N2', 'x', sms).id, delivery('N2', 'y', sms).id]);
        // A channel may have a limit of its own: the others keep the common one.
        const limited = await store.notices.dueDeliveries({ now: new Date(later(5)), channels: ['email', 'sms'], excluding: new Set(), limitPerChannel: 2, channelLimits: { email: 1 } });
        expect(limited.map((row) => row.id)).toEqual([delivery('N1', 'a').id, delivery('N2', 'x', sms).id, delivery('N2', 'y', sms).id]);
      });

      it('claims only what is still claimable, counting the attempt; a second claim gets nothing', async () => {
        await store.notices.write((transaction) =>
          transaction.putDeliveries([delivery('N1', 'a'), delivery('N1', 'a', { id: 'N1/update-2/a', revision: 2, createdAt: later(1) }), delivery('N1', 'b', { notBefore: later(5) })]),
        );
        const claim = (at: string) => store.notices.write((transaction) => transaction.claimDeliveries(['N1/update-2/a', delivery('N1', 'a').id, delivery('N1', 'b').id], { now: new Date(at), claimedUntil: later(10) }));
        const first = await claim(later(1));
        expect(first.map((row) => [row.id, row.attempts, row.claimedUntil])).toEqual([[delivery('N1', 'a').id, 1, later(10)]]);
        expect(await claim(later(2))).toEqual([]);
        expect((await store.notices.deliveries('N1')).find((row) => row.id === delivery('N1', 'a').id)).toMatchObject({ attempts: 1, claimedUntil: later(10) });
      });
    });

    describe('settling a claim', () => {
      it("writes a delivery's outcome only while the claim is still the claimer's", async () => {
        await store.notices.write((transaction) => transaction.putDeliveries([delivery('N1', 'a'), delivery('N1', 'b')]));
        const claim = (at: string, until: string) => store.notices.write((transaction) => transaction.claimDeliveries([delivery('N1', 'a').id, delivery('N1', 'b').id], { now: new Date(at), claimedUntil: until }));
        const mine = await claim(later(0), later(1));
        expect(mine).toHaveLength(2);
        // The lease of `a` runs out and another dispatcher claims it; `b` is left alone.
        await store.notices.write((transaction) => transaction.claimDeliveries([delivery('N1', 'a').id], { now: new Date(later(2)), claimedUntil: later(3) }));
        const settled = await store.notices.write((transaction) => transaction.settleDeliveries(mine.map((claimed) => ({ claimed, next: { ...claimed, status: 'sent', sentAt: later(2), claimedUntil: null } }))));
        expect(settled).toEqual([delivery('N1', 'b').id]);
        const rows = new Map((await store.notices.deliveries('N1')).map((row) => [row.recipient, row]));
        expect(rows.get('a')).toMatchObject({ status: 'pending', attempts: 2, claimedUntil: later(3) });
        expect(rows.get('b')).toMatchObject({ status: 'sent', attempts: 1, claimedUntil: null });
      });

      it("writes a ticket message's outcome only while the claim is still the claimer's", async () => {
        await store.tickets.write((transaction) => transaction.putOutbox(outboxEntry('GBG-1', 'email')));
        // A claim is the entry's next attempt moved out by the lease, as the outbox makes it.
        const claim = (at: string, until: string) =>
          store.tickets.write(async (transaction) => {
            const due = (await transaction.nextDueOutbox({ now: new Date(at), channels: ['email'] }))!;
            const claimed = { ...due, attempts: due.attempts + 1, nextAttemptAt: until };
            await transaction.putOutbox(claimed);
            return claimed;
          });
        const first = await claim(AT, later(1));
        const second = await claim(later(2), later(3));
        expect(await store.tickets.write((transaction) => transaction.settleOutbox(first, { ...first, status: 'sent', sentAt: later(2) }))).toBe(false);
        expect(await store.tickets.write((transaction) => transaction.settleOutbox(second, { ...second, status: 'sent', sentAt: later(2) }))).toBe(true);
        expect(await store.tickets.outboxOf('GBG-1')).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
      });
    });

    describe('withdrawing deliveries', () => {
      it('withdraws only deliveries still pending and unclaimed, saying why; a claimed one is left to its claimer', async () => {
        await store.notices.write((transaction) => transaction.putDeliveries([delivery('N1', 'a'), delivery('N1', 'b', { claimedUntil: later(5), attempts: 1 }), delivery('N1', 'c', { status: 'sent', sentAt: AT })]));
        const ids = ['a', 'b', 'c', 'x'].map((recipient) => delivery('N1', recipient).id);
        expect(await store.notices.write((transaction) => transaction.withdrawDeliveries(ids, { now: new Date(later(1)), lastError: 'stoppad' }))).toEqual([delivery('N1', 'a').id]);
        const rows = new Map((await store.notices.deliveries('N1')).map((row) => [row.recipient, row]));
        expect(rows.get('a')).toMatchObject({ status: 'withdrawn', lastError: 'stoppad' });
        expect(rows.get('b')).toMatchObject({ status: 'pending', claimedUntil: later(5), attempts: 1 });
        expect(rows.get('c')).toMatchObject({ status: 'sent' });
      });

      it('does not withdraw a delivery claimed elsewhere after the unit of work read it: each row is claimed or withdrawn, never both', async () => {
        await store.notices.write((transaction) => transaction.putDeliveries([delivery('N1', 'a'), delivery('N2', 'b')]));
        const both = [delivery('N1', 'a').id, delivery('N2', 'b').id];
        let claiming: Promise<readonly NoticeDelivery[]> = Promise.resolve([]);
        const withdrawn = await store.notices.write(async (transaction) => {
          const seen = [...(await transaction.deliveries('N1')), ...(await transaction.deliveries('N2'))];
          expect(seen.map((row) => [row.status, row.claimedUntil])).toEqual([['pending', null], ['pending', null]]);
          // Another instance claims `a` now; on lowdb it can only run once this unit of work is done.
          claiming = store.notices.write((other) => other.claimDeliveries([both[0]!], { now: new Date(later(1)), claimedUntil: later(10) }));
          if (store.concurrentUnits) expect((await claiming).map((row) => row.id)).toEqual([both[0]]);
          return transaction.withdrawDeliveries(both, { now: new Date(later(1)), lastError: 'stoppad' });
        });
        const claimed = (await claiming).map((row) => row.id);
        expect(sorted([...claimed, ...withdrawn])).toEqual(sorted(both));
        const rows = [...(await store.notices.deliveries('N1')), ...(await store.notices.deliveries('N2'))];
        for (const row of rows) expect(row.status).toBe(claimed.includes(row.id) ? 'pending' : 'withdrawn');
        if (store.concurrentUnits) expect(withdrawn).toEqual([both[1]]);
      });
    });

    describe('inbound events seen', () => {
      it('says an event is new once, until its record expires; of many offering it at once, one is first', async () => {
        const seen = (key: string, now: string, until: string) => store.seenInbound.firstTime(key, { now: new Date(now), expiresAt: new Date(until) });
        expect(await seen('slack:Ev1', AT, later(60))).toBe(true);
        expect(await seen('slack:Ev1', later(59), later(119))).toBe(false);
        expect(await seen('teams:c1:Ev1', later(59), later(119))).toBe(true);
        expect(await seen('slack:Ev1', later(60), later(120))).toBe(true);
        expect(await seen('slack:Ev1', later(61), later(121))).toBe(false);
        const racing = await Promise.all(Array.from({ length: 10 }, () => seen('slack:Ev2', AT, later(60))));
        expect(racing.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('units of work', () => {
      it('a ticket, its outbox rows, its number and its audit entry land whole or not at all', async () => {
        await expect(
          store.tickets.write(async (transaction) => {
            const number = await transaction.nextNumber('GBG-2026');
            await transaction.putTicket(ticket(`GBG-2026-${number}`, 'goteborg'));
            await transaction.putOutbox(outboxEntry(`GBG-2026-${number}`, 'email'));
            await transaction.appendAudit(audit('goteborg', 'ticket.filed'));
            throw failing;
          }),
        ).rejects.toBe(failing);
        expect(await store.tickets.findTickets({})).toEqual([]);
        expect(await store.tickets.outboxOf('GBG-2026-1')).toEqual([]);
        expect(await store.contacts.audit({ includeUnscoped: true })).toEqual([]);
        // The number the failed unit took is not used up: the series has no gap.
        expect(await store.tickets.write((transaction) => transaction.nextNumber('GBG-2026'))).toBe(1);
      });

      it('a notice, its deliveries and its audit entry land whole or not at all', async () => {
        await expect(
          store.notices.write(async (transaction) => {
            await transaction.putNotice(notice('N1', 'goteborg'));
            await transaction.putDeliveries([delivery('N1', 'a')]);
            await transaction.appendAudit(audit('goteborg', 'notice.published'));
            throw failing;
          }),
        ).rejects.toBe(failing);
        expect(await store.notices.notice('N1')).toBeUndefined();
        expect(await store.notices.deliveries('N1')).toEqual([]);
        expect(await store.contacts.audit({ includeUnscoped: true })).toEqual([]);
      });

      it('changes a held notice once per unit of work when many change it at once (no lost update)', async () => {
        await store.notices.write((transaction) => transaction.putNotice(notice('N1', 'goteborg', { sequence: 0 })));
        await Promise.all(
          Array.from({ length: 10 }, () =>
            store.notices.write(async (transaction) => {
              const held = (await transaction.lockNotice('N1'))!;
              await transaction.putNotice({ ...held, sequence: held.sequence + 1 });
            }),
          ),
        );
        expect((await store.notices.notice('N1'))?.sequence).toBe(10);
      });

      it('numbers a series without gaps or repeats when many units of work take numbers at once', async () => {
        // Tickets and notices share the series table; half the units of work take theirs through each.
        const taken = await Promise.all(Array.from({ length: 25 }, (_, index) => (index % 2 ? store.tickets.write((transaction) => transaction.nextNumber('S')) : store.notices.write((transaction) => transaction.nextNumber('S')))));
        expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
        expect(await store.notices.write((transaction) => transaction.nextNumber('T'))).toBe(1);
      });
    });
  });
}
