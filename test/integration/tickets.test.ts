import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpChannel } from '../../adapters/email/index.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { loadKnowledgeBase, ticketRouting, type TicketType } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { composeTicketEmail, TicketOutbox, TicketService, type TicketMailer } from '../../src/tickets/index.js';
import { runCliInProcess, withOperator } from '../support/cli.js';
import { knowledgeWithVellingeTakingOrders } from '../support/knowledge.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { temporaryDataDir } from '../support/server.js';

const servers: TestSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function knowledge() {
  const result = await loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR);
  if (!result.ok) throw new Error('knowledge base invalid');
  return result.knowledge;
}

/** A value each field type accepts, as a user would type it. */
function sampleValue(field: TicketType['fields'][number]): string {
  switch (field.type) {
    case 'personnummer':
      return '19121212-1212';
    case 'hsa-id':
      return 'SE2321000016-1003';
    case 'email':
      return 'anna.andersson@omsorg.se';
    case 'phone':
      return '070-123 45 67';
    case 'ipv4-public':
      return '81.2.3.4';
    case 'date':
      return '2026-11-01';
    case 'date-not-past':
      return '2099-12-31';
    case 'choice':
      return field.options![0]!.sv;
    default:
      return `Exempel ${field.key}`;
  }
}

const CONTACT = { providerName: 'Omsorg AB', orgNumber: '556036-0793', name: 'Anna Andersson', phone: '070-123 45 67' };

describe('tickets from the command line', () => {
  it('files every ticket type of every municipality, with the JSON contract', { timeout: 120_000 }, async () => {
    const env = await withOperator({ DATA_DIR: await temporaryDataDir() });
    const types = (await knowledge()).ticketTypes;
    expect(types.length).toBeGreaterThanOrEqual(10);
    for (const municipality of ['uppsala', 'norrtalje', 'orebro', 'vellinge', 'goteborg']) {
      expect(types.some((type) => type.municipalityId === municipality), municipality).toBe(true);
      const listed = JSON.parse((await runCliInProcess(['tickets', 'types', '--municipality', municipality, '--json'], env)).stdout) as Array<{ id: string; routing: string; fields: unknown[] }>;
      expect(listed.map((type) => type.id)).toEqual(types.filter((type) => type.municipalityId === municipality).map((type) => type.id));
      expect(listed.map((type) => type.routing)).toEqual(types.filter((type) => type.municipalityId === municipality).map((type) => ticketRouting(type)));
    }
    const ids = new Set<string>();
    for (const type of types) {
      const fields = type.fields.flatMap((field) => ['--field', `${field.key}=${sampleValue(field)}`]);
      const result = await runCliInProcess(['tickets', 'file', '--municipality', type.municipalityId, '--type', type.id, ...fields, '--json'], env);
      const output = JSON.parse(result.stdout) as { ok: boolean; id: string; errors: unknown[] };
      // An order the routine has made elsewhere, or one whose routine names no destination, is refused with the reason.
      if (ticketRouting(type) !== 'routed') {
        expect(output, `${type.id}: ${result.stdout}${result.stderr}`).toMatchObject({ ok: false, id: null, errors: [{ message: expect.stringMatching(/beställs inte via boten|anger ingen mottagare/u) }] });
        continue;
      }
      expect(output, `${type.id}: ${result.stdout}${result.stderr}`).toEqual({ ok: true, id: expect.stringMatching(/^[A-Z]{3}-\d{4}-\d{4}$/u), errors: [] });
      ids.add(output.id);
    }
    expect(ids.size).toBe(types.filter((type) => ticketRouting(type) === 'routed').length);
    const listed = JSON.parse((await runCliInProcess(['tickets', 'list', '--municipality', 'goteborg', '--json'], env)).stdout) as Array<Record<string, unknown>>;
    expect(listed.every((ticket) => String(ticket.id).startsWith('GBG-') && !('fields' in ticket))).toBe(true);
  });

  it('reports each bad field with its key and a Swedish message, and files nothing', async () => {
    const env = await withOperator({ DATA_DIR: await temporaryDataDir(), KNOWLEDGE_DIR: await knowledgeWithVellingeTakingOrders() });
    const result = await runCliInProcess(
      ['tickets', 'file', '--municipality', 'vellinge', '--type', 'vel-ticket-termination', '--field', 'personnummer=19121212-1213', '--field', 'validUntil=2001-02-30', '--field', 'nosuch=1', '--json'],
      env,
    );
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { ok: boolean; id: null; errors: Array<{ field: string; message: string }> };
    expect(output.ok).toBe(false);
    expect(output.id).toBeNull();
    const byField = Object.fromEntries(output.errors.map((error) => [error.field, error.message]));
    expect(byField.personnummer).toMatch(/kontrollsiffra/u);
    expect(byField.validUntil).toMatch(/finns inte i kalendern/u);
    expect(byField.nosuch).toMatch(/inget fält "nosuch"/u);
    expect(JSON.parse((await runCliInProcess(['tickets', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('files in the name of the member of staff --as names, and records them, never the OS account', async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    const added = await runCliInProcess(['staff', 'add', '--municipality', 'orebro', '--name', 'Olle Personal', '--email', 'olle@orebro.se', '--json'], env);
    const olle = (JSON.parse(added.stdout) as { staff: { id: string } }).staff.id;
    const type = (await knowledge()).ticketTypes.find((candidate) => candidate.municipalityId === 'orebro')!;
    const fields = type.fields.flatMap((field) => ['--field', `${field.key}=${sampleValue(field)}`]);

    const filed = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', type.id, ...fields, '--as', olle, '--json'], env);
    const { id } = JSON.parse(filed.stdout) as { id: string };
    const ticket = JSON.parse((await runCliInProcess(['tickets', 'show', id, '--json'], env)).stdout) as { requester: Record<string, unknown>; history: Array<{ by: string }> };
    expect(ticket.requester).toMatchObject({ label: `staff:${olle}`, name: 'Olle Personal', email: 'olle@orebro.se', contactId: null });
    expect(ticket.history.map((step) => step.by)).toEqual([`staff:${olle}`]);
    const audit = JSON.parse((await runCliInProcess(['audit', 'list', '--municipality', 'orebro', '--json'], env)).stdout) as Array<{ action: string; actor: string }>;
    expect(audit.filter((entry) => entry.action === 'ticket.filed').map((entry) => entry.actor)).toEqual([`staff:${olle}`]);

    // The same person by ITKONTAKT_OPERATOR, by email; Örebro's staff cannot file for Göteborg.
    const byOperator = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', type.id, ...fields, '--json'], { ...env, ITKONTAKT_OPERATOR: 'olle@orebro.se' });
    expect(JSON.parse(byOperator.stdout)).toMatchObject({ ok: true });
    const gbg = (await knowledge()).ticketTypes.find((candidate) => candidate.municipalityId === 'goteborg')!;
    const elsewhere = await runCliInProcess(['tickets', 'file', '--municipality', 'goteborg', '--type', gbg.id, ...gbg.fields.flatMap((field) => ['--field', `${field.key}=${sampleValue(field)}`]), '--as', olle], env);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(`Olle Personal (${olle}) är personal i orebro och kan inte skapa ärenden i goteborg.`);
    const listed = JSON.parse((await runCliInProcess(['tickets', 'list', '--json'], env)).stdout) as Array<{ municipality: string }>;
    expect(listed.map((ticket) => ticket.municipality)).toEqual(['orebro', 'orebro']);
  });

  it('says how to name the person filing when neither --as nor ITKONTAKT_OPERATOR does, and files nothing', async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    const type = (await knowledge()).ticketTypes.find((candidate) => candidate.municipalityId === 'orebro')!;
    const fields = type.fields.flatMap((field) => ['--field', `${field.key}=${sampleValue(field)}`]);
    const unnamed = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', type.id, ...fields], env);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/Ange vem som skapar ärendet: --as <personal-id eller e-post>.*ITKONTAKT_OPERATOR/u);
    const unknown = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', type.id, ...fields], { ...env, ITKONTAKT_OPERATOR: 's-nobody' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ITKONTAKT_OPERATOR är "s-nobody", men ingen personal har det id:t eller den e-posten');
    expect(JSON.parse((await runCliInProcess(['tickets', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('lets only registered IT-contacts of the municipality file access orders', async () => {
    const dataDir = await temporaryDataDir();
    const env = { DATA_DIR: dataDir };
    await runCliInProcess(['contacts', 'add', '--municipality', 'uppsala', '--provider', 'Vård AB', '--org-number', '5566778899', '--name', 'Bo', '--email', 'bo@vard.se', '--phone', '0701112233'], env);
    const type = (await knowledge()).ticketTypes.find((candidate) => candidate.municipalityId === 'orebro' && candidate.filers === 'it-contact')!;
    const fields = type.fields.flatMap((field) => ['--field', `${field.key}=${sampleValue(field)}`]);
    const refused = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', type.id, ...fields, '--as', 'bo@vard.se', '--json'], env);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, id: null, errors: [{ message: expect.stringMatching(/Bara registrerade IT-kontaktpersoner i orebro/u) }] });
  });
});

describe('ticket delivery', () => {
  async function setup(mailer: TicketMailer | undefined, now: () => Date = () => new Date(), retryBaseMs = 1) {
    const kb = await knowledge();
    const store = await LowdbStore.open(await temporaryDataDir());
    const contacts = new ContactService(store.contacts, { now, municipalities: kb.municipalities.map((municipality) => municipality.id) });
    const tickets = new TicketService(store.tickets, { knowledge: kb, contacts, now });
    const outbox = new TicketOutbox({ repository: store.tickets, knowledge: kb, mailer, staffPoster: undefined, logger: createLogger({ level: 'silent' }), now, retryBaseMs, retryMaxMs: retryBaseMs * 4, leaseMs: 1_000 });
    const saved = await contacts.saveContact(operatorPrincipal('t'), { municipality: 'orebro', email: 'anna@omsorg.se', ...CONTACT });
    const contactId = saved.ok ? saved.value.contact.id : '';
    const asAnna = { role: 'it-contact' as const, label: 'contact:anna', municipalities: [], contactIds: [contactId] };
    const type = kb.ticketTypes.find((candidate) => candidate.municipalityId === 'orebro' && candidate.route.email.includes('vardochstod@orebro.se'))!;
    const values = Object.fromEntries(type.fields.map((field) => [field.key, sampleValue(field)]));
    return { store, tickets, outbox, asAnna, type, values };
  }

  it('sends an Örebro Lifecare SP request by SMTP with the routine’s subject and every field', async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const mailer = createSmtpChannel({ smtpUrl: smtp.url, from: 'itkontakt <bot@kommun.se>', perSecond: 10 });
    const { tickets, outbox, asAnna, type, values } = await setup(mailer);
    const filed = await tickets.file(asAnna, { municipality: 'orebro', typeId: type.id, values });
    expect(filed.ok).toBe(true);
    const id = filed.ok ? filed.value.id : '';
    expect(id).toMatch(/^ORE-\d{4}-0001$/u);
    expect(await outbox.runOnce()).toMatchObject({ sent: 1 });
    mailer.close();
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.to).toEqual(['vardochstod@orebro.se']);
    expect(mail!.subject).toBe(`${type.route.subject} – ${id}`);
    for (const field of type.fields) expect(mail!.body).toContain(`${field.label.sv}:`);
    expect(mail!.body).toContain('SE2321000016-1003');
    expect(mail!.body).toContain('Anna Andersson, anna@omsorg.se');
    expect(await outbox.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it('keeps a ticket when the mail server is down and sends it exactly once when it is back', async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const mailer = createSmtpChannel({ smtpUrl: smtp.url, from: 'itkontakt <itkontakt@localhost>', perSecond: 10 });
    // Retries far enough apart that the first run cannot reach the second attempt, however busy the machine.
    const { tickets, outbox, asAnna, type, values, store } = await setup(mailer, undefined, 400);
    smtp.failNext(2, 421);
    const filed = await tickets.file(asAnna, { municipality: 'orebro', typeId: type.id, values });
    expect(await outbox.runOnce()).toMatchObject({ sent: 0, retrying: 1 });
    const pending = Object.values(store.read().outbox)[0]!;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/Try again later/u) });
    for (let round = 0; round < 300 && smtp.messages.length === 0; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await outbox.runOnce();
    }
    mailer.close();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toContain(filed.ok ? filed.value.id : 'x');
    expect(Object.values(store.read().outbox)[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('marks a message the server refuses for good as failed, with the reason', async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp);
    const mailer = createSmtpChannel({ smtpUrl: smtp.url, from: 'itkontakt <itkontakt@localhost>', perSecond: 10 });
    const { tickets, outbox, asAnna, type, values, store } = await setup(mailer);
    smtp.failNext(1, 550);
    await tickets.file(asAnna, { municipality: 'orebro', typeId: type.id, values });
    expect(await outbox.runOnce()).toMatchObject({ failed: 1 });
    mailer.close();
    expect(Object.values(store.read().outbox)[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/Rejected for good/u) });
  });

  it('resends after a crash mid-send once the claim expires, with the same Message-ID', async () => {
    let clock = new Date('2026-11-25T10:00:00Z');
    const sent: Array<{ messageId: string }> = [];
    let crash = true;
    const mailer: TicketMailer = {
      async send(_address, email) {
        if (crash) throw new Error('process killed mid-send');
        sent.push({ messageId: email.messageId });
        return { kind: 'sent', ref: { conversationId: 'email', messageId: email.messageId } };
      },
    };
    const { tickets, outbox, asAnna, type, values, store } = await setup(mailer, () => clock);
    await tickets.file(asAnna, { municipality: 'orebro', typeId: type.id, values });
    // The first attempt dies; another worker must not take the entry while it is claimed.
    const claimedEntry = await store.tickets.write(async (transaction) => {
      const entry = (await transaction.nextDueOutbox({ now: clock, channels: ['email'] }))!;
      const claimed = { ...entry, attempts: 1, nextAttemptAt: new Date(clock.getTime() + 1_000).toISOString() };
      await transaction.putOutbox(claimed);
      return claimed;
    });
    crash = false;
    expect(await outbox.runOnce()).toMatchObject({ sent: 0 });
    clock = new Date(clock.getTime() + 1_001);
    expect(await outbox.runOnce()).toMatchObject({ sent: 1 });
    expect(await outbox.runOnce()).toMatchObject({ sent: 0 });
    expect(sent).toEqual([{ messageId: composeTicketEmail(Object.values(store.read().tickets)[0]!, type, claimedEntry).messageId }]);
  });
});

describe('ticket permissions', () => {
  it('keeps each municipality’s staff to its own tickets, and requesters to theirs, on every path', async () => {
    const kb = await knowledge();
    const now = () => new Date('2026-11-25T10:00:00Z');
    const store = await LowdbStore.open(await temporaryDataDir());
    const contacts = new ContactService(store.contacts, { now, municipalities: kb.municipalities.map((municipality) => municipality.id) });
    const tickets = new TicketService(store.tickets, { knowledge: kb, contacts, now });
    const admin = operatorPrincipal('t');
    await contacts.addStaff(admin, { role: 'staff', municipality: 'goteborg', name: 'G', email: null, identities: [{ platform: 'slack', tenantId: 'T', userId: 'gbg' }] });
    await contacts.addStaff(admin, { role: 'staff', municipality: 'orebro', name: 'O', email: null, identities: [{ platform: 'slack', tenantId: 'T', userId: 'ore' }] });
    const saved = await contacts.saveContact(admin, { municipality: 'orebro', email: 'anna@omsorg.se', ...CONTACT }, [{ platform: 'slack', tenantId: 'T', userId: 'anna' }]);
    expect(saved.ok).toBe(true);
    const gbgStaff = await contacts.principalFor({ platform: 'slack', tenantId: 'T', userId: 'gbg' });
    const oreStaff = await contacts.principalFor({ platform: 'slack', tenantId: 'T', userId: 'ore' });
    const anna = await contacts.principalFor({ platform: 'slack', tenantId: 'T', userId: 'anna' });
    const other = await contacts.principalFor({ platform: 'slack', tenantId: 'T', userId: 'someone-else' });
    const type = kb.ticketTypes.find((candidate) => candidate.municipalityId === 'orebro')!;
    const filed = await tickets.file(anna, { municipality: 'orebro', typeId: type.id, values: Object.fromEntries(type.fields.map((field) => [field.key, sampleValue(field)])) });
    expect(filed.ok).toBe(true);
    const id = filed.ok ? filed.value.id : '';

    expect(await tickets.list(gbgStaff)).toMatchObject({ ok: true, value: [] });
    expect(await tickets.list(gbgStaff, { municipality: 'orebro' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await tickets.show(gbgStaff, id)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await tickets.setStatus(gbgStaff, id, 'resolved')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await tickets.show(other, id)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await tickets.setStatus(anna, id, 'resolved')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await tickets.file(other, { municipality: 'orebro', typeId: type.id, values: {} })).toMatchObject({ ok: false, code: 'forbidden' });

    expect(await tickets.list(anna)).toMatchObject({ ok: true, value: [{ id }] });
    expect((await tickets.show(oreStaff, id)).ok).toBe(true);
    expect(await tickets.setStatus(oreStaff, id, 'rejected')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await tickets.setStatus(oreStaff, id, 'resolved')).toMatchObject({ ok: true, value: { status: 'resolved' } });
    const audit = await contacts.listAudit(admin, { municipality: 'orebro' });
    expect(audit.ok && audit.value.map((entry) => entry.action)).toEqual(['staff.added', 'contact.created', 'ticket.filed', 'ticket.read', 'ticket.status']);
    expect(JSON.stringify(audit)).not.toContain('SE2321000016-1003');
  });
});

describe('the outbox and closed tickets', () => {
  it('stops trying to post a ticket to staff once it is closed, and queues no chat update for a requester without chat', async () => {
    const kb = await knowledge();
    let clock = new Date('2026-11-25T10:00:00Z');
    const now = () => clock;
    const store = await LowdbStore.open(await temporaryDataDir());
    const contacts = new ContactService(store.contacts, { now, municipalities: kb.municipalities.map((municipality) => municipality.id) });
    const tickets = new TicketService(store.tickets, { knowledge: kb, contacts, now });
    let posts = 0;
    const outbox = new TicketOutbox({
      repository: store.tickets,
      knowledge: kb,
      mailer: undefined,
      staffPoster: async () => {
        posts += 1;
        return false;
      },
      requesterPoster: async () => false,
      logger: createLogger({ level: 'silent' }),
      now,
      retryBaseMs: 1_000,
    });
    // A type that goes only to the staff channel (as an assumption the municipality confirms).
    const type = kb.ticketTypes.find((candidate) => candidate.route.email.length === 0 && ticketRouting(candidate) === 'routed')!;
    const filed = await tickets.file(operatorPrincipal('t'), { municipality: type.municipalityId, typeId: type.id, values: Object.fromEntries(type.fields.map((field) => [field.key, sampleValue(field)])) });
    const id = filed.ok ? filed.value.id : '';
    expect(await outbox.runOnce()).toMatchObject({ retrying: 1 });
    expect(posts).toBe(1);
    await tickets.setStatus(operatorPrincipal('t'), id, 'resolved', 'Klart.', { queueRequesterUpdate: true });
    clock = new Date(clock.getTime() + 60 * 60 * 1000);
    expect(Object.values(store.read().outbox).map((entry) => entry.channel)).toEqual(['staff-channel']);
    expect(await outbox.runOnce()).toMatchObject({ failed: 1 });
    expect(posts).toBe(1);
    expect(Object.values(store.read().outbox)[0]).toMatchObject({ status: 'failed', lastError: 'ärendet avslutades innan det nådde personalen' });
  });
});
