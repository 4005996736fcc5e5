import { describe, expect, it } from 'vitest';
import { ContactService, normalizeOrgNumber, normalizePhone, maskPhone, maskOrgNumber, operatorPrincipal, parseContactsCsv, contactsToCsv, CsvFormatError, type ChatIdentity, type Principal } from '../../src/contacts/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/server.js';

const MUNICIPALITIES = ['goteborg', 'uppsala', 'orebro', 'norrtalje', 'vellinge'];
const now = () => new Date('2026-11-25T10:00:00+01:00');
const anna = { municipality: 'goteborg', providerName: 'Omsorg AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'Anna@Omsorg.se', phone: '070-123 45 67' };
const bo = { municipality: 'uppsala', providerName: 'Vård AB', orgNumber: '5566778899', name: 'Bo Berg', email: 'bo@vard.se', phone: '+46 18 12 34 56' };

async function setup(): Promise<{ service: ContactService; store: LowdbStore; admin: Principal; gbgStaff: Principal; uppStaff: Principal }> {
  const store = await LowdbStore.open(await temporaryDataDir());
  const service = new ContactService(store.contacts, { now, municipalities: MUNICIPALITIES });
  const admin = operatorPrincipal('test');
  const gbg: ChatIdentity = { platform: 'teams', tenantId: 't', userId: 'gbg-staff' };
  const upp: ChatIdentity = { platform: 'slack', tenantId: 'T', userId: 'upp-staff' };
  await service.addStaff(admin, { role: 'staff', municipality: 'goteborg', name: 'G', email: null, identities: [gbg] });
  await service.addStaff(admin, { role: 'staff', municipality: 'uppsala', name: 'U', email: null, identities: [upp] });
  return { service, store, admin, gbgStaff: await service.principalFor(gbg), uppStaff: await service.principalFor(upp) };
}

describe('validation', () => {
  it('checks organisation numbers with the Luhn digit and normalises them', () => {
    expect(normalizeOrgNumber('5560360793')).toBe('556036-0793');
    expect(normalizeOrgNumber('556036-0794')).toBeUndefined();
    expect(normalizeOrgNumber('55603607')).toBeUndefined();
  });

  it('normalises Swedish phone numbers to E.164', () => {
    expect(normalizePhone('070-123 45 67')).toBe('+46701234567');
    expect(normalizePhone('0046 31 368 68 00')).toBe('+46313686800');
    expect(normalizePhone('12345')).toBeUndefined();
  });

  it('masks phone and organisation numbers for lists others see', () => {
    expect(maskPhone('+46701234567')).toBe('070-123 ** **');
    expect(maskOrgNumber('556036-0793')).toBe('556036-****');
  });
});

describe('the contact registry', () => {
  it('resolves roles: staff, admin, it-contact, guest', async () => {
    const { service, admin, gbgStaff } = await setup();
    expect(gbgStaff).toMatchObject({ role: 'staff', municipalities: ['goteborg'] });
    const identity: ChatIdentity = { platform: 'teams', tenantId: 't', userId: 'anna' };
    expect((await service.principalFor(identity)).role).toBe('guest');
    await service.saveContact(admin, anna, [identity]);
    expect((await service.principalFor(identity)).role).toBe('it-contact');
  });

  it('keeps staff of one municipality out of another’s contacts on every read and write path', async () => {
    const { service, admin, gbgStaff, uppStaff } = await setup();
    const saved = await service.saveContact(admin, bo);
    expect(saved.ok).toBe(true);
    const boId = saved.ok ? saved.value.contact.id : '';

    // Reads
    const listed = await service.listContacts(gbgStaff);
    expect(listed.ok && listed.value.map((contact) => contact.municipality)).toEqual([]);
    expect(await service.listContacts(gbgStaff, { municipality: 'uppsala' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await service.getContact(gbgStaff, boId)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await service.listAudit(gbgStaff, { municipality: 'uppsala' })).toMatchObject({ ok: false, code: 'forbidden' });
    const audit = await service.listAudit(gbgStaff);
    expect(audit.ok && audit.value.filter((entry) => entry.municipality === 'uppsala')).toEqual([]);
    const staffList = await service.listStaff(gbgStaff);
    expect(staffList.ok && staffList.value.map((member) => member.municipality)).toEqual(['goteborg']);

    // Writes
    expect(await service.saveContact(gbgStaff, bo)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await service.deactivateContact(gbgStaff, boId)).toMatchObject({ ok: false, code: 'not-found' });
    const report = await service.importContacts(gbgStaff, [{ line: 2, values: { ...bo, name: 'Changed' } }], { skipInvalid: false });
    expect(report).toMatchObject({ applied: false, invalid: [{ line: 2 }] });
    expect(await service.addStaff(gbgStaff, { role: 'staff', municipality: 'goteborg', name: 'x', email: 'x@y.se', identities: [] })).toMatchObject({ ok: false, code: 'forbidden' });

    // Registrations
    const request = await service.submitRegistration({ role: 'guest', label: 'teams:t:guest', municipalities: [], contactIds: [] }, { ...bo, email: 'new@vard.se' }, null, null);
    const requestId = request.ok ? request.value.id : '';
    const pending = await service.listRegistrations(gbgStaff);
    expect(pending.ok && pending.value).toEqual([]);
    expect(await service.decideRegistration(gbgStaff, requestId, { approve: true })).toMatchObject({ ok: false, code: 'forbidden' });

    // The right staff can do all of it.
    expect((await service.getContact(uppStaff, boId)).ok).toBe(true);
    expect((await service.decideRegistration(uppStaff, requestId, { approve: true })).ok).toBe(true);
    expect((await service.deactivateContact(uppStaff, boId)).ok).toBe(true);
    // Nothing that gbgStaff tried changed Bo.
    const after = await service.getContact(admin, boId);
    expect(after.ok && after.value.name).toBe('Bo Berg');
  });

  it('refuses guests and IT-contacts the staff views', async () => {
    const { service } = await setup();
    const guest: Principal = { role: 'guest', label: 'g', municipalities: [], contactIds: [] };
    expect(await service.listContacts(guest)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await service.listAudit(guest)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await service.saveContact(guest, anna)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('approves a registration into a contact with the applicant’s chat identity, once', async () => {
    const { service, gbgStaff } = await setup();
    const identity: ChatIdentity = { platform: 'slack', tenantId: 'T', userId: 'U-anna' };
    const submitted = await service.submitRegistration({ role: 'guest', label: 'slack:T:U-anna', municipalities: [], contactIds: [] }, anna, identity, 'slack:T:D1');
    expect(submitted).toMatchObject({ ok: true, value: { status: 'pending', email: 'anna@omsorg.se', phone: '+46701234567', replyTo: 'slack:T:D1' } });
    const id = submitted.ok ? submitted.value.id : '';
    const decided = await service.decideRegistration(gbgStaff, id, { approve: true });
    expect(decided).toMatchObject({ ok: true, value: { request: { status: 'approved', decidedBy: gbgStaff.label } } });
    expect((await service.principalFor(identity)).role).toBe('it-contact');
    expect(await service.decideRegistration(gbgStaff, id, { approve: false, reason: 'x' })).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('keeps what a rejected form said, field by field', async () => {
    const { service } = await setup();
    const result = await service.submitRegistration({ role: 'guest', label: 'g', municipalities: [], contactIds: [] }, { ...anna, orgNumber: '556036-0794', email: 'anna' }, null, null);
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok && result.code === 'invalid') expect(result.errors.map((error) => error.field).sort()).toEqual(['email', 'orgNumber']);
  });

  it('audits every change with who, when, before and after, and re-importing changes nothing', async () => {
    const { service, admin } = await setup();
    const rows = [{ line: 2, values: anna }, { line: 3, values: bo }];
    expect(await service.importContacts(admin, rows, { skipInvalid: false })).toMatchObject({ applied: true, created: 2 });
    const before = await service.listAudit(admin);
    expect(await service.importContacts(admin, rows, { skipInvalid: false })).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2 });
    const after = await service.listAudit(admin);
    expect(after.ok && before.ok && after.value.length).toBe(before.ok ? before.value.length : -1);
    const updated = await service.saveContact(admin, { ...anna, phone: '070-999 88 77' });
    expect(updated).toMatchObject({ ok: true, value: { change: 'updated' } });
    const log = await service.listAudit(admin, { municipality: 'goteborg' });
    const last = log.ok ? log.value.at(-1)! : undefined;
    expect(last).toMatchObject({ action: 'contact.updated', actor: 'cli:test', before: { phone: '+46701234567' }, after: { phone: '+46709998877' } });
    expect(log.ok && log.value.map((entry) => entry.seq)).toEqual([...(log.ok ? log.value.map((entry) => entry.seq) : [])].sort((a, b) => a - b));
  });

  it('imports nothing when a row is bad, unless told to skip it', async () => {
    const { service, admin } = await setup();
    const rows = [{ line: 2, values: anna }, { line: 3, values: { ...bo, orgNumber: '123' } }];
    const refused = await service.importContacts(admin, rows, { skipInvalid: false });
    expect(refused).toMatchObject({ applied: false, created: 0, invalid: [{ line: 3, errors: [{ field: 'orgNumber' }] }] });
    expect(await service.listContacts(admin)).toMatchObject({ ok: true, value: [] });
    expect(await service.importContacts(admin, rows, { skipInvalid: true })).toMatchObject({ applied: true, created: 1 });
  });
});

describe('CSV', () => {
  it('reads semicolon or comma files with a BOM and reports line numbers', () => {
    const rows = parseContactsCsv('\uFEFFkommun;utförare;organisationsnummer;namn;e-post;telefon\n\ngoteborg;"Omsorg; AB";556036-0793;Anna;a@b.se;070-1234567\n');
    expect(rows).toEqual([{ line: 3, values: { municipality: 'goteborg', providerName: 'Omsorg; AB', orgNumber: '556036-0793', name: 'Anna', email: 'a@b.se', phone: '070-1234567' } }]);
    expect(parseContactsCsv('municipality,provider,org_number,name,email,phone\nuppsala,X,1,Y,z,0\n')[0]?.values.providerName).toBe('X');
  });

  it('names the missing columns of a bad header', () => {
    expect(() => parseContactsCsv('kommun;namn\n')).toThrow(CsvFormatError);
    expect(() => parseContactsCsv('kommun;namn\n')).toThrow(expect.objectContaining({ line: 1, problem: { kind: 'missing-columns', missing: ['providerName', 'orgNumber', 'email', 'phone'] } }));
  });

  it('exports what it imports', async () => {
    const { service, admin } = await setup();
    await service.saveContact(admin, anna);
    const listed = await service.listContacts(admin);
    const csv = contactsToCsv(listed.ok ? listed.value : []);
    const [row] = parseContactsCsv(csv);
    expect(row?.values).toMatchObject({ municipality: 'goteborg', orgNumber: '556036-0793', email: 'anna@omsorg.se', phone: '070-123 45 67' });
  });
});

describe('a contact’s language (for email and SMS notices)', () => {
  it('is Swedish unless set, taken from the CSV’s optional språk column, and exported', async () => {
    const { service, admin } = await setup();
    const rows = parseContactsCsv(['kommun;utförare;organisationsnummer;namn;e-post;telefon;språk', 'goteborg;Omsorg AB;556036-0793;Anna;anna@omsorg.se;070-1234567;', 'uppsala;Vård AB;5566778899;Bo;bo@vard.se;018-123456;engelska'].join('\n'));
    expect(await service.importContacts(admin, rows, { skipInvalid: false })).toMatchObject({ applied: true, created: 2 });
    const listed = await service.listContacts(admin);
    const contacts = listed.ok ? listed.value : [];
    expect(Object.fromEntries(contacts.map((contact) => [contact.name, contact.language]))).toEqual({ Anna: 'sv', Bo: 'en' });
    const exported = parseContactsCsv(contactsToCsv(contacts));
    expect(exported.map((row) => row.values.language).sort()).toEqual(['en', 'sv']);
    // Importing a list without the column changes nobody's language.
    const without = parseContactsCsv(['kommun;utförare;organisationsnummer;namn;e-post;telefon', 'uppsala;Vård AB;5566778899;Bo;bo@vard.se;018-123456'].join('\n'));
    await service.importContacts(admin, without, { skipInvalid: false });
    expect(await service.languageOfAddress('email', 'BO@vard.se')).toBe('en');
  });

  it('refuses a language it does not know, in the CSV and the CLI’s way to set it', async () => {
    const { service, admin } = await setup();
    const rows = parseContactsCsv(['kommun;utförare;organisationsnummer;namn;e-post;telefon;language', 'goteborg;Omsorg AB;556036-0793;Anna;anna@omsorg.se;070-1234567;tyska'].join('\n'));
    const report = await service.importContacts(admin, rows, { skipInvalid: false });
    expect(report.invalid).toEqual([{ line: 2, errors: [{ field: 'language', code: 'language', params: {} }] }]);
    const saved = await service.saveContact(admin, anna);
    const id = saved.ok ? saved.value.contact.id : '';
    expect(await service.setContactLanguage(admin, id, 'tyska')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await service.setContactLanguage(admin, id, 'English')).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(await service.languageOfAddress('sms', '+46701234567')).toBe('en');
  });

  it('an address two contacts share is English only when both asked for it', async () => {
    const { service, admin } = await setup();
    await service.saveContact(admin, { ...anna, language: 'en' });
    await service.saveContact(admin, { ...anna, municipality: 'uppsala' });
    expect(await service.languageOfAddress('email', 'anna@omsorg.se')).toBe('sv');
    await service.saveContact(admin, { ...anna, municipality: 'uppsala', language: 'en' });
    expect(await service.languageOfAddress('email', 'anna@omsorg.se')).toBe('en');
  });

  it('a store file from before contacts had a language loads them as Swedish', async () => {
    const { service, admin, store } = await setup();
    await service.saveContact(admin, anna);
    const dataDir = store.path.replace(/\/itkontakt\.json$/u, '');
    await store.close();
    const { readFile, writeFile } = await import('node:fs/promises');
    const file = JSON.parse(await readFile(`${dataDir}/itkontakt.json`, 'utf8')) as { contacts: Record<string, Record<string, unknown>> };
    for (const contact of Object.values(file.contacts)) delete contact.language;
    await writeFile(`${dataDir}/itkontakt.json`, JSON.stringify(file));
    const reopened = await LowdbStore.open(dataDir);
    const again = new ContactService(reopened.contacts, { now, municipalities: MUNICIPALITIES });
    const listed = await again.listContacts(admin);
    expect(listed.ok && listed.value.map((contact) => contact.language)).toEqual(['sv']);
    await reopened.close();
  });
});
