import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { NoticeService } from '../../src/notices/index.js';
import { fromStockholm, stockholmDate } from '../../src/time/index.js';
import { runCliInProcess } from '../support/cli.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { startTestServer, temporaryDataDir } from '../support/server.js';

const DAY = 24 * 60 * 60 * 1000;

/** The first Sunday at least `days` days from now, 08:00–12:00 Stockholm time, as the CLI takes it. */
function sundayWindow(days: number): { start: string; end: string } {
  let day = new Date(Date.now() + days * DAY);
  while (new Date(`${stockholmDate(day)}T12:00:00Z`).getUTCDay() !== 0) day = new Date(day.getTime() + DAY);
  const date = stockholmDate(day);
  return { start: `${date} 08:00`, end: `${date} 12:00` };
}

function plannedArgs(window: { start: string; end: string }): string[] {
  return ['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Treserva uppgraderas till en ny version.', '--impact', 'Treserva går inte att nå.', '--start', window.start, '--end', window.end, '--json'];
}

describe('notices from the command line', () => {
  it('refuses a 9-day notice without a reason, records the reason when given, and publishes a 12-day Sunday notice as it is', async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    const start = new Date(Date.now() + 9.5 * DAY);
    const window = { start: start.toISOString(), end: new Date(start.getTime() + 2 * 60 * 60 * 1000).toISOString() };
    const created = JSON.parse((await runCliInProcess(plannedArgs(window), env)).stdout) as { notice: { id: string; state: string } };
    expect(created.notice).toMatchObject({ id: expect.stringMatching(/^GBG-DRIFT-\d{4}-0001$/u), state: 'draft' });
    const refused = await runCliInProcess(['notices', 'publish', created.notice.id, '--json'], env);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, errors: [{ field: 'reason', message: expect.stringMatching(/minst 10 dagar i förväg; det här är 9 dagar/u) }] });
    const published = JSON.parse((await runCliInProcess(['notices', 'publish', created.notice.id, '--reason', 'Kritisk säkerhetsuppdatering', '--json'], env)).stdout);
    expect(published.notice).toMatchObject({ state: 'scheduled', exceptionReason: 'Kritisk säkerhetsuppdatering' });

    const good = JSON.parse((await runCliInProcess(plannedArgs(sundayWindow(12)), env)).stdout) as { notice: { id: string } };
    const clean = JSON.parse((await runCliInProcess(['notices', 'publish', good.notice.id, '--json'], env)).stdout);
    expect(clean.notice).toMatchObject({ state: 'scheduled', exceptionReason: null, sequence: 1 });
    const updated = JSON.parse((await runCliInProcess(['notices', 'update', good.notice.id, '--text', 'Fönstret gäller fortfarande.', '--json'], env)).stdout);
    expect(updated.notice.sequence).toBe(2);
  });

  it('names what is wrong: an unknown municipality, a status that does not exist, an unknown id as JSON', async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    const listed = await runCliInProcess(['notices', 'list', '--municipality', 'gotebrog'], env);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toMatch(/Okänd kommun "gotebrog"\. Välj en av: .*goteborg/u);
    const disruption = JSON.parse((await runCliInProcess(['notices', 'create', '--municipality', 'goteborg', '--kind', 'disruption', '--title', 'Phoniro nås inte', '--systems', 'phoniro', '--description', 'Appen loggar inte in.', '--json'], env)).stdout).notice.id as string;
    await runCliInProcess(['notices', 'publish', disruption], env);
    const bogus = await runCliInProcess(['notices', 'update', disruption, '--text', 'x', '--state', 'bogus'], env);
    expect(bogus.stderr).toMatch(/Okänd status "bogus": välj en av investigating, identified, monitoring, resolved/u);
    const missing = await runCliInProcess(['notices', 'show', 'GBG-DRIFT-2026-9999', '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ ok: false, errors: [{ field: 'id', message: 'Ingen driftinformation med id GBG-DRIFT-2026-9999.' }] });
  });

  it('refuses a date that does not exist instead of rolling it over into the next month or year', async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    // 02:30 on 28 March 2027 is skipped: the clocks go from 02:00 to 03:00.
    for (const start of ['2026-13-01 08:00', '2026-02-30 08:00', '2027-03-28 02:30']) {
      const refused = await runCliInProcess(plannedArgs({ start, end: '2027-01-01 12:00' }), env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--start: "${start}" finns inte i svensk tid`);
    }
    const garbled = await runCliInProcess(plannedArgs({ start: '13/12 08:00', end: '2027-01-01 12:00' }), env);
    expect(garbled.stderr).toContain('--start ska vara "ÅÅÅÅ-MM-DD HH:MM" i svensk tid (eller ISO 8601 med tidszon), inte "13/12 08:00".');
  });

  it('takes a disruption through its states to resolved', async () => {
    const env = { DATA_DIR: await temporaryDataDir() };
    const created = JSON.parse((await runCliInProcess(['notices', 'create', '-m', 'goteborg', '--kind', 'disruption', '--title', 'Phoniro nås inte', '--systems', 'phoniro', '--description', 'Appen kan inte logga in.', '--json'], env)).stdout);
    const id = created.notice.id as string;
    expect(JSON.parse((await runCliInProcess(['notices', 'publish', id, '--json'], env)).stdout).notice).toMatchObject({ state: 'investigating', stateLabel: { sv: 'Felsökning pågår' } });
    expect(JSON.parse((await runCliInProcess(['notices', 'update', id, '--text', 'Fel i leverantörens tjänst.', '--state', 'identified', '--json'], env)).stdout).notice).toMatchObject({ state: 'identified', stateLabel: { sv: 'Orsak identifierad' } });
    const resolved = JSON.parse((await runCliInProcess(['notices', 'resolve', id, '--text', 'Tjänsten fungerar igen.', '--json'], env)).stdout).notice;
    expect(resolved).toMatchObject({ state: 'resolved', stateLabel: { sv: 'Åtgärdad' } });
    expect(resolved.updates.map((update: { state: string }) => update.state)).toEqual(['investigating', 'identified', 'resolved']);
    const again = await runCliInProcess(['notices', 'update', id, '--text', 'x', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/redan avslutad/u) }] });
  });
});

describe('notice feeds', () => {
  it('serve a calendar that a real iCalendar parser reads: stable UID, rising SEQUENCE, cancelled as CANCELLED', async () => {
    const server = await startTestServer();
    try {
      const env = { DATA_DIR: server.dataDir };
      const first = JSON.parse((await runCliInProcess(plannedArgs(sundayWindow(12)), env)).stdout).notice.id as string;
      await runCliInProcess(['notices', 'publish', first], env);
      await runCliInProcess(['notices', 'update', first, '--text', 'Vi börjar 08.00 som planerat.'], env);
      const second = JSON.parse((await runCliInProcess(plannedArgs(sundayWindow(20)), env)).stdout).notice.id as string;
      await runCliInProcess(['notices', 'publish', second], env);
      await runCliInProcess(['notices', 'cancel', second, '--reason', 'Leverantören flyttade uppgraderingen.'], env);
      const draft = JSON.parse((await runCliInProcess(plannedArgs(sundayWindow(30)), env)).stdout).notice.id as string;
      // Short notice, published with a reason: staff see the reason, the public feeds do not.
      const soon = new Date(Date.now() + 9.5 * DAY);
      const urgent = JSON.parse((await runCliInProcess(plannedArgs({ start: soon.toISOString(), end: new Date(soon.getTime() + 2 * 3_600_000).toISOString() }), env)).stdout).notice.id as string;
      await runCliInProcess(['notices', 'publish', urgent, '--reason', 'Intern incident hos leverantören, ärende 4711'], env);
      expect((await runCliInProcess(['notices', 'show', urgent], env)).stdout).toContain('Undantag från reglerna: Intern incident hos leverantören, ärende 4711');

      const response = await fetch(`${server.url}/notices/goteborg.ics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/calendar/u);
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
      expect(events.map((event) => event.uid).sort()).toEqual([`${first}@itkontakt`, `${second}@itkontakt`, `${urgent}@itkontakt`].sort());
      expect(events.map((event) => event.description).join('\n')).not.toContain('4711');
      const byUid = Object.fromEntries(events.map((event) => [event.uid, event]));
      expect(byUid[`${first}@itkontakt`]!.sequence).toBe(2);
      expect(byUid[`${first}@itkontakt`]!.summary).toBe('Planerat driftstopp: Uppgradering av Treserva');
      // An instant (UTC, …Z), not a floating wall-clock time that each client reads in its own zone.
      const start = byUid[`${first}@itkontakt`]!.startDate;
      expect(start.zone.tzid).toBe('UTC');
      expect(start.toJSDate().getTime()).toBe(fromStockholm(sundayWindow(12).start.slice(0, 10), '08:00')!.getTime());
      expect(byUid[`${first}@itkontakt`]!.description).toContain('System: Treserva');
      expect(byUid[`${second}@itkontakt`]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(events.some((event) => event.uid.startsWith(draft))).toBe(false);

      const feedText = await (await fetch(`${server.url}/notices/goteborg.json`)).text();
      const feed = JSON.parse(feedText) as { notices: Array<{ id: string; state: string }> };
      expect(feed.notices.map((notice) => notice.id).sort()).toEqual([first, urgent].sort());
      expect(feedText).not.toContain('4711');
      expect(feedText).not.toContain('exceptionReason');
      expect((await fetch(`${server.url}/notices/atlantis.ics`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});

describe('the server at start', () => {
  it('warns when IT-contacts have Slack ids but Slack is not configured (their chat notices cannot go)', async () => {
    const dataDir = await temporaryDataDir();
    const added = await runCliInProcess(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg AB', '--org-number', '556036-0793', '--name', 'Anna', '--email', 'anna@omsorg.se', '--phone', '070-111 11 11', '--slack-user', 'U0ANNA', '--slack-team', 'T0KOMMUN1'], { DATA_DIR: dataDir });
    expect(added.code).toBe(0);
    const server = await startTestServer({}, dataDir);
    try {
      expect(server.logs.filter((line) => String(line.msg).startsWith('SLACK_BOT_TOKEN is not set'))).toEqual([expect.objectContaining({ contacts: 1, level: 'warn' })]);
    } finally {
      await server.stop();
    }
  });
});

describe('notice permissions', () => {
  it('let only the municipality’s staff and administrators create and publish', async () => {
    const knowledge = await bundledKnowledge();
    const now = () => new Date('2026-11-25T09:00:00Z');
    const store = await LowdbStore.open(await temporaryDataDir());
    const contacts = new ContactService(store.contacts, { now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
    const notices = new NoticeService(store.notices, { knowledge, contacts, now });
    await contacts.addStaff(operatorPrincipal('t'), { role: 'staff', municipality: 'uppsala', name: 'U', email: null, identities: [{ platform: 'teams', tenantId: 'T', userId: 'upp' }] });
    const uppsalaStaff = await contacts.principalFor({ platform: 'teams', tenantId: 'T', userId: 'upp' });
    const draft = { municipality: 'goteborg', kind: 'disruption' as const, title: 'x', systems: ['treserva'], description: 'x', impact: '' };
    expect(await notices.create(uppsalaStaff, draft)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await notices.create({ role: 'guest', label: 'g', municipalities: [], contactIds: [] }, draft)).toMatchObject({ ok: false, code: 'forbidden' });
    const made = await notices.create(operatorPrincipal('t'), draft);
    expect(made.ok).toBe(true);
    expect(await notices.publish(uppsalaStaff, made.ok ? made.value.id : '')).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await notices.create(uppsalaStaff, { ...draft, municipality: 'uppsala' })).ok).toBe(true);
  });
});
