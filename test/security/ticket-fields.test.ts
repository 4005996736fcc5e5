import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wordFieldErrors } from '../../src/bot/index.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { validateContactInput } from '../../src/contacts/index.js';
import { loadKnowledgeBase, type KnowledgeBase, type TicketType } from '../../src/knowledge/index.js';
import { composeTicketEmail, validateTicketFields, type OutboxEntry, type Ticket } from '../../src/tickets/index.js';
import { runBin, withOperator } from '../support/cli.js';
import { temporaryDataDir } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

// Göteborg's security incident: single-line text fields (provider, system, affectedUser) and one
// multi-line field (description), mailed to Intraservice.
const TYPE_ID = 'gbg-ticket-security-incident';
const MAILBOX = 'support.intraservice@intraservice.goteborg.se';
const FORGED = '\nBcc: angripare@example.com\nInskickat av: Kommundirektören';

let knowledge: KnowledgeBase;
let type: TicketType;
beforeAll(async () => {
  const loaded = await loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error('the bundled knowledge base is invalid');
  knowledge = loaded.knowledge;
  type = knowledge.ticketTypes.find((candidate) => candidate.id === TYPE_ID)!;
});

const smtpServers: TestSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(smtpServers.splice(0).map((server) => server.close()));
});

const fieldArgs = (values: Record<string, string>): string[] => Object.entries(values).flatMap(([key, value]) => ['--field', `${key}=${value}`]);

/** Lines of a mail body that start a line of their own (not indented under a label). */
const unindentedLines = (body: string): string[] => body.split(/\r?\n/u).filter((line) => line !== '' && !/^\s/u.test(line));

describe('ticket fields cannot forge lines in the email staff act on', () => {
  it('refuses a line break in a single-line field, naming the field in Swedish, and sends and saves nothing', { timeout: 60_000 }, async () => {
    const smtp = await startSmtpServer();
    smtpServers.push(smtp);
    const env = await withOperator({ DATA_DIR: await temporaryDataDir(), SMTP_URL: smtp.url });
    const filed = await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', TYPE_ID, ...fieldArgs({ provider: `Omsorg AB${FORGED}`, discoveredOn: '2026-11-01', description: 'En dator är stulen.' })], { env });
    expect(filed.code).toBe(1);
    expect(filed.stderr).toContain('provider: Utförare ska stå på en rad');
    expect(smtp.messages).toEqual([]);
    expect(JSON.parse((await runBin(['tickets', 'list', '--json'], { env })).stdout)).toEqual([]);
  });

  it('keeps the line breaks of a multi-line field, indented under its label, so no line can pass for another', { timeout: 60_000 }, async () => {
    const smtp = await startSmtpServer();
    smtpServers.push(smtp);
    const env = await withOperator({ DATA_DIR: await temporaryDataDir(), SMTP_URL: smtp.url });
    const description = `En dator är stulen.${FORGED}\r\nTredje raden\u2028fjärde raden`;
    const filed = await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', TYPE_ID, '--json', ...fieldArgs({ provider: 'Omsorg AB', discoveredOn: '2026-11-01', description })], { env });
    expect(JSON.parse(filed.stdout)).toMatchObject({ ok: true });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;

    // The headers are the routine's: one recipient, no Bcc, the subject from the knowledge base.
    expect(mail!.to).toEqual([MAILBOX]);
    expect(mail!.headers.bcc).toBeUndefined();
    expect(mail!.subject).toMatch(/^Säkerhetsincident – GBG-\d{4}-0001$/u);

    const body = mail!.body.split(/\r?\n/u);
    const first = body.findIndex((line) => line.startsWith('Vad har hänt?:'));
    expect(body[first]).toMatch(/^Vad har hänt\?:\s+En dator är stulen\.$/u);
    const indent = ' '.repeat(body[first]!.indexOf('En dator'));
    expect(body.slice(first + 1, first + 5)).toEqual([`${indent}Bcc: angripare@example.com`, `${indent}Inskickat av: Kommundirektören`, `${indent}Tredje raden`, `${indent}fjärde raden`]);
    // The only "Inskickat av:" line that starts a line is the real one, and nothing reads as Bcc.
    expect(unindentedLines(mail!.body).filter((line) => line.startsWith('Inskickat av:'))).toEqual(['Inskickat av: Ada Admin, ada.admin@kommun.se']);
    expect(unindentedLines(mail!.body).some((line) => line.startsWith('Bcc:'))).toBe(false);
  });

  it.each([
    ['line feed', '\n'],
    ['carriage return', '\r'],
    ['tab', '\t'],
    ['NUL', '\u0000'],
    ['escape', '\u001b'],
    ['DEL', '\u007f'],
    ['next line (C1)', '\u0085'],
    ['CSI (C1)', '\u009b'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
  ])('a single-line field refuses a %s', (_name, character) => {
    const result = validateTicketFields(type, { provider: `Omsorg${character}AB`, discoveredOn: '2026-11-01', description: 'Stulen dator.', system: 'Treserva' }, new Date('2026-11-02T10:00:00Z'));
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'provider', code: 'not-one-line' }] });
    if (!result.ok) expect(wordFieldErrors(result.errors, 'sv')).toEqual([{ field: 'provider', message: 'Utförare ska stå på en rad, utan radbrytningar, tabbar eller andra styrtecken.' }]);
  });

  it('refuses control characters in the single-line fields of every other type too (email, HSA-id, personnummer…)', () => {
    for (const candidate of knowledge.ticketTypes) {
      for (const field of candidate.fields.filter((entry) => entry.type !== 'multiline')) {
        const result = validateTicketFields(candidate, { [field.key]: `x\nBcc: angripare@example.com` }, new Date('2026-11-02T10:00:00Z'));
        expect(result.ok, `${candidate.id}.${field.key}`).toBe(false);
        if (!result.ok) expect(wordFieldErrors(result.errors, 'sv').find((error) => error.field === field.key)?.message, `${candidate.id}.${field.key}`).toBe(`${field.label.sv} ska stå på en rad, utan radbrytningar, tabbar eller andra styrtecken.`);
      }
    }
  });

  it('a multi-line field keeps its line breaks (any kind, as one) and tabs, and refuses other control characters', () => {
    const now = new Date('2026-11-02T10:00:00Z');
    const base = { provider: 'Omsorg AB', discoveredOn: '2026-11-01' };
    expect(validateTicketFields(type, { ...base, description: 'Rad ett\r\nRad två\rRad tre\u2028Rad fyra\n\tindragen' }, now)).toEqual({ ok: true, values: { ...base, description: 'Rad ett\nRad två\nRad tre\nRad fyra\n\tindragen' } });
    const hidden = validateTicketFields(type, { ...base, description: 'Rad ett\u001b[2J' }, now);
    expect(hidden).toMatchObject({ ok: false, errors: [{ field: 'description', code: 'hidden-character', params: { character: 'U+001B' } }] });
    if (!hidden.ok) expect(wordFieldErrors(hidden.errors, 'sv')).toEqual([{ field: 'description', message: 'Vad har hänt? innehåller ett osynligt styrtecken (U+001B). Ta bort det och skicka igen.' }]);
  });

  it('the email shows a single-line value saved before this check on one line, the requester too', () => {
    const ticket: Ticket = {
      id: 'GBG-2026-0001',
      municipality: 'goteborg',
      typeId: TYPE_ID,
      title: type.title.sv,
      status: 'new',
      fields: { provider: `Omsorg AB${FORGED}`, discoveredOn: '2026-11-01', description: 'Stulen dator.' },
      requester: { label: 'contact:c-1', contactId: 'c-1', name: `Anna${FORGED}`, email: 'anna@omsorg.se', identity: null, replyTo: null },
      createdAt: '2026-11-02T10:00:00.000Z',
      updatedAt: '2026-11-02T10:00:00.000Z',
      history: [],
      rating: null,
      staffThreads: [],
      messages: [],
    };
    const entry: OutboxEntry = { id: 'GBG-2026-0001:email', ticketId: ticket.id, channel: 'email', target: MAILBOX, status: 'pending', attempts: 1, nextAttemptAt: ticket.createdAt, lastError: null, sentAt: null };
    const { text } = composeTicketEmail(ticket, type, entry);
    expect(unindentedLines(text).filter((line) => /^(Bcc|Inskickat av):/u.test(line))).toEqual(['Inskickat av: Anna Bcc: angripare@example.com Inskickat av: Kommundirektören, anna@omsorg.se']);
    expect(text).toMatch(/^Utförare:\s+Omsorg AB Bcc: angripare@example\.com Inskickat av: Kommundirektören$/mu);
  });
});

describe('the registry’s single-line values cannot carry a line break either', () => {
  it.each(['name', 'providerName'])('refuses a line break in %s, which reaches the ticket email as "Inskickat av"', (field) => {
    const input = { municipality: 'goteborg', providerName: 'Omsorg AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'anna@omsorg.se', phone: '070-123 45 67', [field]: `Anna${FORGED}` };
    const result = validateContactInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(wordFieldErrors(result.errors, 'sv')).toEqual([{ field, message: expect.stringMatching(/ska stå på en rad, utan radbrytningar, tabbar eller andra styrtecken\.$/u) }]);
  });

  it('through the CLI: contacts add with a line break in the name is refused and adds nobody', { timeout: 30_000 }, async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    const added = await runBin(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg AB', '--org-number', '556036-0793', '--name', `Anna${FORGED}`, '--email', 'anna@omsorg.se', '--phone', '070-123 45 67'], { env });
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('Namn ska stå på en rad, utan radbrytningar, tabbar eller andra styrtecken.');
    expect(JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout)).toEqual([]);
  });
});
