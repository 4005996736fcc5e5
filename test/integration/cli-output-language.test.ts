import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { loadKnowledgeBase } from '../../src/knowledge/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { TicketService } from '../../src/tickets/index.js';
import { runBin } from '../support/cli.js';
import { editFile, knowledgeCopy } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

// What the commands print when they succeed, and the errors that come from below the command line
// (configuration, port, database, knowledge base), in the command line's language: English with an
// English locale, Swedish with ITKONTAKT_LANGUAGE=sv over it (and by default). Real processes.

const ENGLISH = { LANG: 'en_GB.UTF-8' };
const SWEDISH = { ITKONTAKT_LANGUAGE: 'sv', LANG: 'en_GB.UTF-8' };

/** A data directory with one Örebro ticket filed by an IT-contact at 2026-06-01T22:30Z (00:30 on 2 June in Stockholm). */
async function dataDirWithTicket(): Promise<{ dataDir: string; id: string }> {
  const loaded = await loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error('knowledge base invalid');
  const kb = loaded.knowledge;
  const dataDir = await temporaryDataDir();
  const store = await LowdbStore.open(dataDir);
  try {
    const now = (): Date => new Date('2026-06-01T22:30:00Z');
    const contacts = new ContactService(store.contacts, { now, municipalities: kb.municipalities.map((municipality) => municipality.id) });
    const tickets = new TicketService(store.tickets, { knowledge: kb, contacts, now });
    const saved = await contacts.saveContact(operatorPrincipal('t'), { municipality: 'orebro', providerName: 'Omsorg AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'anna@omsorg.se', phone: '070-123 45 67' });
    if (!saved.ok) throw new Error('contact not saved');
    const type = kb.ticketTypes.find((candidate) => candidate.municipalityId === 'orebro' && candidate.fields.every((field) => field.type === 'text' || !field.required))
      ?? kb.ticketTypes.find((candidate) => candidate.municipalityId === 'orebro' && candidate.route.email.includes('vardochstod@orebro.se'))!;
    const values = Object.fromEntries(type.fields.map((field) => [field.key, sample(field.type, field.options?.[0]?.sv)]));
    const filed = await tickets.file({ role: 'it-contact', label: 'contact:anna', municipalities: [], contactIds: [saved.value.contact.id] }, { municipality: 'orebro', typeId: type.id, values });
    if (!filed.ok) throw new Error(`ticket not filed: ${JSON.stringify(filed)}`);
    return { dataDir, id: filed.value.id };
  } finally {
    await store.close();
  }
}

/** A value each field type accepts. */
function sample(type: string, firstOption: string | undefined): string {
  const values: Record<string, string> = { personnummer: '19121212-1212', 'hsa-id': 'SE2321000016-1003', email: 'anna@omsorg.se', phone: '070-123 45 67', 'ipv4-public': '81.2.3.4', date: '2026-11-01', 'date-not-past': '2099-12-31' };
  return type === 'choice' ? firstOption! : (values[type] ?? `Exempel ${type}`);
}

describe('what the commands print when they succeed, in the command line\'s language', () => {
  it('tickets list shows the time in Stockholm and the status in the chosen language; show and set-status too', { timeout: 60_000 }, async () => {
    const { dataDir, id } = await dataDirWithTicket();
    const english = await runBin(['tickets', 'list'], { env: { ...ENGLISH, DATA_DIR: dataDir } });
    expect(english.code).toBe(0);
    const [line] = english.stdout.trim().split('\n');
    expect(line!.split('\t')).toEqual([id, 'New', expect.any(String), 'Anna Andersson', '2026-06-02 00:30']);
    expect(english.stdout).not.toContain('2026-06-01T22:30');

    const swedish = await runBin(['tickets', 'list'], { env: { ...SWEDISH, DATA_DIR: dataDir } });
    expect(swedish.stdout.trim().split('\t')).toEqual([id, 'Ny', expect.any(String), 'Anna Andersson', '2026-06-02 00:30']);

    // JSON keeps its fields and the stored instant.
    const json = JSON.parse((await runBin(['tickets', 'list', '--json'], { env: { ...ENGLISH, DATA_DIR: dataDir } })).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ id, status: 'new', createdAt: '2026-06-01T22:30:00.000Z' });

    expect((await runBin(['tickets', 'show', id], { env: { ...ENGLISH, DATA_DIR: dataDir } })).stdout).toMatch(new RegExp(`^${id} .+ \\(New\\)\\n`, 'u'));
    const changed = await runBin(['tickets', 'set-status', id, 'in-progress'], { env: { ...ENGLISH, DATA_DIR: dataDir } });
    expect(changed).toMatchObject({ code: 0, stdout: `${id}: In progress\n` });
    expect((await runBin(['tickets', 'list'], { env: { ...SWEDISH, DATA_DIR: dataDir } })).stdout).toContain(`${id}\tPågår\t`);
  });

  it('the registry, notices and kb check say what they did in English, and in Swedish with ITKONTAKT_LANGUAGE=sv', { timeout: 90_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const env = { ...ENGLISH, DATA_DIR: dataDir };
    const swedish = { ...SWEDISH, DATA_DIR: dataDir };
    expect((await runBin(['staff', 'list'], { env })).stdout).toBe('No staff registered. Add them with itkontakt staff add.\n');
    expect((await runBin(['contacts', 'list'], { env: swedish })).stdout).toBe('Inga kontakter registrerade.\n');
    const contact = ['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg i Väst AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', 'anna@omsorg.se', '--phone', '070-123 45 67'];
    expect((await runBin(contact, { env })).stdout).toMatch(/^Added: c-\S+ Anna Andersson \(Omsorg i Väst AB, goteborg\)\n$/u);
    expect((await runBin(contact, { env: swedish })).stdout).toMatch(/^Oförändrad: c-\S+ Anna Andersson/u);
    const listed = (await runBin(['contacts', 'list'], { env })).stdout.split('\n');
    expect(listed[0]).toBe('id\tmunicipality\tprovider\torganisation number\tname\temail\tphone\trole\tstatus');
    expect(listed[1]).toMatch(/\tactive$/u);
    expect((await runBin(['contacts', 'list'], { env: swedish })).stdout).toMatch(/^id\tkommun\tutförare\t.*\n.*\taktiv\n$/u);
    expect((await runBin(['staff', 'add', '--admin', '--name', 'Ada Admin', '--email', 'ada@kommun.se'], { env })).stdout).toMatch(/^Added: s-\S+ Ada Admin \(administrator\)\n$/u);

    const created = await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'disruption', '--title', 'Treserva down', '--systems', 'treserva', '--description', 'No login.'], { env });
    expect(created.code).toBe(0);
    const [id, state, kind, title] = created.stdout.trim().split('\t');
    expect([state, kind, title]).toEqual(['Draft', 'disruption', 'Treserva down']);
    expect((await runBin(['notices', 'list'], { env: swedish })).stdout).toBe(`${id}\tUtkast\tstörning\tTreserva down\n`);
    const shown = await runBin(['notices', 'show', id!], { env });
    expect(shown.stdout).toContain('  Status: Draft, disruption\n');
    expect(shown.stdout).toContain('  Description: No login.\n');
    expect(shown.stdout).toMatch(/ {2}Created by .+, not published\n/u);
    const published = await runBin(['notices', 'publish', id!], { env });
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(new RegExp(`^${id}\\tInvestigating\\tdisruption\\tTreserva down\\n`, 'u'));
    expect(published.stdout).toMatch(/(No new messages queued|messages? queued, which will be sent when the server starts \(npm start\))/u);
    expect((await runBin(['notices', 'report', id!], { env })).stdout).toMatch(new RegExp(`^Delivery of ${id}: \\d+ messages?`, 'u'));
    expect((await runBin(['notices', 'report', id!], { env: swedish })).stdout).toMatch(new RegExp(`^Leverans av ${id}: \\d+ meddelanden`, 'u'));

    const check = await runBin(['kb', 'check'], { env: ENGLISH });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^The knowledge base is OK: \d+ records in 5 municipalities, \d+ systems, \d+ glossary entries\.\n/u);
    expect(check.stdout).toMatch(/^ {2}goteborg +\d+ records {2}/mu);
    expect(check.stdout).not.toMatch(/Kunskapsbasen|poster|Antaganden/u);
    expect((await runBin(['kb', 'check'], { env: SWEDISH })).stdout).toMatch(/^Kunskapsbasen är OK: \d+ poster i 5 kommuner/u);
  });

  it('notices rules, the chat\'s greeting and a refusal\'s field names follow the language too', { timeout: 60_000 }, async () => {
    const rules = await runBin(['notices', 'rules', '--municipality', 'goteborg'], { env: ENGLISH });
    expect(rules.stdout).toMatch(/^Rules in force for Göteborgs Stad:\n\nPlanned outages\n {2}• /u);
    expect((await runBin(['notices', 'rules', '--municipality', 'goteborg'], { env: SWEDISH })).stdout).toMatch(/^Regler i kraft för Göteborgs Stad:\n\nPlanerade driftstopp\n/u);
    const dataDir = await temporaryDataDir();
    const chat = await runBin(['chat'], { env: { ...ENGLISH, DATA_DIR: dataDir }, input: 'quit\n' });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('What I can do');
    expect(chat.stdout).not.toContain('Det här kan jag');
    expect((await runBin(['chat'], { env: { ...SWEDISH, DATA_DIR: dataDir }, input: 'avsluta\n' })).stdout).toContain('Det här kan jag');
    const nobody = await runBin(['staff', 'add', '--admin', '--name', 'Ada Admin'], { env: { ...ENGLISH, DATA_DIR: dataDir } });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/\n {2}email or chat account: /u);
  });
});

describe('errors from below the command line, in the command line\'s language', () => {
  it('a bad configuration value, a missing or unreachable database and a bad ITKONTAKT_LANGUAGE, in English', { timeout: 60_000 }, async () => {
    const config = await runBin(['kb', 'check'], { env: { ...ENGLISH, PORT: 'high', LOG_LEVEL: 'loud' } });
    expect(config.code).toBe(1);
    expect(config.stderr).toBe('Invalid configuration:\n  PORT: must be a whole number, e.g. 3978\n  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent\n');
    expect((await runBin(['kb', 'check'], { env: { ...SWEDISH, PORT: 'high' } })).stderr).toBe('Ogiltig konfiguration:\n  PORT: ska vara ett heltal, t.ex. 3978\n');

    const missing = await runBin(['db', 'status'], { env: ENGLISH });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^DATABASE_URL is not set: give the PostgreSQL database/u) });
    const closed = await closedPort();
    const unreachable = await runBin(['db', 'status'], { env: { ...ENGLISH, DATABASE_URL: `postgres://itkontakt:secret@127.0.0.1:${closed}/itkontakt` } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe(`Cannot reach PostgreSQL at 127.0.0.1:${closed}/itkontakt (ECONNREFUSED): check DATABASE_URL and that the database is running.\n`);

    // The language chosen is what is wrong: said in the locale's.
    const language = await runBin(['kb', 'check'], { env: { ...ENGLISH, ITKONTAKT_LANGUAGE: 'fr' } });
    expect(language).toMatchObject({ code: 1, stderr: 'Invalid configuration:\n  ITKONTAKT_LANGUAGE: must be sv (Swedish) or en (English)\n' });
  });

  it('a port in use and a knowledge base that does not load stop serve, said in English', { timeout: 60_000 }, async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as AddressInfo;
    try {
      const taken = await runBin(['serve'], { env: { ...ENGLISH, PORT: String(port), DATA_DIR: await temporaryDataDir(), LOG_LEVEL: 'silent' } });
      expect(taken.code).toBe(1);
      expect(taken.stderr).toBe(`Port ${port} on 127.0.0.1 is already in use by another program. Stop it or choose another port with PORT=...\n`);
    } finally {
      blocker.close();
    }
    const directory = await knowledgeCopy();
    await editFile(directory, 'orebro.yaml', /responsible: provider/u, 'responsible: nobody');
    const broken = await runBin(['serve'], { env: { ...ENGLISH, PORT: '0', KNOWLEDGE_DIR: directory, DATA_DIR: await temporaryDataDir(), LOG_LEVEL: 'silent' } });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^The knowledge base in .+ has \d+ errors?:\n {2}.*orebro\.yaml:\d+: requirements\[\d+\]\.responsible/u);

    // Slack does not answer when serve checks its token.
    const closed = await closedPort();
    const slack = { ...ENGLISH, HOST: '127.0.0.1', PORT: '0', DATA_DIR: await temporaryDataDir(), LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '0123456789abcdef0123', SLACK_API_URL: `http://127.0.0.1:${closed}/api/` };
    const unreachable = await runBin(['serve'], { env: slack });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^Could not reach Slack's Web API at http://127\\.0\\.0\\.1:${closed}/api/ to check SLACK_BOT_TOKEN: `, 'u'));
  });
});

/** A port on loopback that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
