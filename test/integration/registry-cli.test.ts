import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../support/cli.js';
import { temporaryDataDir } from '../support/server.js';

const CSV = [
  'kommun;utförare;organisationsnummer;namn;e-post;telefon',
  'goteborg;Omsorg AB;556036-0793;Anna Andersson;anna@omsorg.se;070-123 45 67',
  'uppsala;Vård AB;556036-0794;Bo Berg;bo@;123',
  '',
  'orebro;Hem AB;5566778899;Cia Carlsson;cia@hem.se;019-12 34 56',
].join('\n');

describe('contacts, staff and audit from the command line', () => {
  it('imports a CSV precisely: bad rows by line and reason, nothing or the good rows, idempotent', { timeout: 90_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const file = join(dataDir, 'kontakter.csv');
    await writeFile(file, CSV);
    const env = { DATA_DIR: dataDir };

    const refused = await runBin(['contacts', 'import', file], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}:3: organisationsnummer: Organisationsnumret ska vara 10 siffror`);
    expect(refused.stderr).toContain(`${file}:3: e-post: E-postadressen ser inte rätt ut`);
    expect(refused.stderr).toContain(`${file}:3: telefon: Telefonnumret ska vara ett svenskt nummer`);
    expect(refused.stderr).toMatch(/Inget importerades/u);
    expect(JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout)).toEqual([]);

    const imported = await runBin(['contacts', 'import', file, '--skip-invalid', '--json'], { env });
    expect(JSON.parse(imported.stdout)).toMatchObject({ applied: true, created: 2, updated: 0, unchanged: 0, invalid: [{ line: 3 }] });
    const again = await runBin(['contacts', 'import', file, '--skip-invalid', '--json'], { env });
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2 });

    const contacts = JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout) as Array<Record<string, unknown>>;
    expect(contacts.map((contact) => [contact.municipality, contact.name, contact.role])).toEqual([
      ['goteborg', 'Anna Andersson', 'it-contact'],
      ['orebro', 'Cia Carlsson', 'it-contact'],
    ]);

    const exported = await runBin(['contacts', 'export', '--output', join(dataDir, 'ut.csv')], { env });
    expect(exported.code).toBe(0);
    const roundTrip = await runBin(['contacts', 'import', join(dataDir, 'ut.csv'), '--json'], { env });
    expect(JSON.parse(roundTrip.stdout)).toMatchObject({ applied: true, unchanged: 2, created: 0 });
    expect(await readFile(join(dataDir, 'ut.csv'), 'utf8')).toMatch(/^\uFEFFkommun;utförare;organisationsnummer;namn;e-post;telefon/u);

    const [anna] = contacts;
    const deactivated = await runBin(['contacts', 'deactivate', String(anna!.id)], { env });
    expect(deactivated.stdout).toMatch(/Avaktiverad/u);
    expect(JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout)).toHaveLength(1);

    const audit = JSON.parse((await runBin(['audit', 'list', '--municipality', 'goteborg', '--json'], { env })).stdout) as Array<Record<string, unknown>>;
    expect(audit.map((entry) => entry.action)).toEqual(['contact.created', 'contact.deactivated']);
    expect(audit[1]).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(String(audit[0]!.actor)).toMatch(/^cli:/u);
    const future = JSON.parse((await runBin(['audit', 'list', '--since', '2999-01-01', '--json'], { env })).stdout);
    expect(future).toEqual([]);
  });

  it('takes a guest through registration in the terminal chat, staff approve, and the role shows in contacts list', { timeout: 60_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const env = { DATA_DIR: dataDir };
    const input = ['registrera', 'Göteborg', 'Omsorg i Väst AB', '556036-0794', 'Anna Andersson', 'anna@omsorgivast.se', '070-123 45 67', '', '', '556036-0793', '', '', '', 'avsluta', ''].join('\n');
    const chat = await runBin(['chat'], { env, input });
    expect(chat.code).toBe(0);
    expect(chat.stdout).toMatch(/Registrera dig som IT-kontaktperson/u);
    expect(chat.stdout).toMatch(/Organisationsnummer: Organisationsnumret ska vara 10 siffror/u);
    expect(chat.stdout).toMatch(/Organisationsnummer \(NNNNNN-NNNN\) \[556036-0794\]: /u);
    expect(chat.stdout).toMatch(/Tack Anna Andersson! Din ansökan \(r-[0-9a-f]+\)/u);

    const pending = JSON.parse((await runBin(['registrations', 'list', '--status', 'pending', '--json'], { env })).stdout) as Array<{ id: string; municipality: string; phone: string }>;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ municipality: 'goteborg', phone: '+46701234567' });
    const approved = await runBin(['registrations', 'approve', pending[0]!.id], { env });
    expect(approved.stdout).toMatch(/Godkänd: r-[0-9a-f]+ → kontakt c-/u);
    const contacts = JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout) as Array<Record<string, unknown>>;
    expect(contacts).toMatchObject([{ name: 'Anna Andersson', municipality: 'goteborg', role: 'it-contact', identities: [{ platform: 'console' }] }]);
    const audit = JSON.parse((await runBin(['audit', 'list', '--json'], { env })).stdout) as Array<{ action: string }>;
    expect(audit.map((entry) => entry.action)).toEqual(['registration.submitted', 'contact.created', 'registration.approved']);
  });

  it('reports a file without the right header and a missing file', async () => {
    const dataDir = await temporaryDataDir();
    const file = join(dataDir, 'fel.csv');
    await writeFile(file, 'namn,e-post\nAnna,a@b.se\n');
    const result = await runBin(['contacts', 'import', file], { env: { DATA_DIR: dataDir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rad 1: rubrikraden saknar kommun, utförare, organisationsnummer, telefon/u);
    const missing = await runBin(['contacts', 'import', join(dataDir, 'finns-inte.csv')], { env: { DATA_DIR: dataDir } });
    expect(missing.stderr).toMatch(/finns inte/u);
  });

  it('says what is wrong with an import, and with a contact added by hand, in the command line\'s language: the locale or ITKONTAKT_LANGUAGE', { timeout: 90_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const file = join(dataDir, 'kontakter.csv');
    const header = join(dataDir, 'fel.csv');
    await writeFile(file, CSV);
    await writeFile(header, 'namn,e-post\nAnna,a@b.se\n');
    const run = (args: string[], env: Record<string, string>) => runBin(args, { env: { DATA_DIR: dataDir, ...env } });

    // An English locale (the first of LC_ALL, LC_MESSAGES, LANG that is set), or ITKONTAKT_LANGUAGE=en over a Swedish one.
    for (const env of [{ LANG: 'en_GB.UTF-8' }, { LC_ALL: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' }, { LC_MESSAGES: 'en', LANG: 'sv_SE.UTF-8' }, { ITKONTAKT_LANGUAGE: 'en', LANG: 'sv_SE.UTF-8' }] as Array<Record<string, string>>) {
      const refused = await run(['contacts', 'import', file], env);
      expect(refused.code, JSON.stringify(env)).toBe(1);
      expect(refused.stderr, JSON.stringify(env)).toContain(`${file}:3: organisation number: The organisation number must be 10 digits`);
      expect(refused.stderr).toContain(`${file}:3: email: The email address does not look right`);
      expect(refused.stderr).toContain(`${file}:3: phone: The phone number must be a Swedish number`);
      expect(refused.stderr).toContain('Nothing was imported: 1 rows have errors.');
      expect(refused.stderr).not.toMatch(/organisationsnummer|Inget importerades/u);
    }
    const english = { LANG: 'en_GB.UTF-8' };
    expect((await run(['contacts', 'import', header], english)).stderr).toContain(`${header}: line 1: the header row lacks municipality, provider, organisation number, phone (it should be: kommun;utförare;organisationsnummer;namn;e-post;telefon;språk, or in English municipality;provider;organisation_number;name;email;phone;language`);
    expect((await run(['contacts', 'import', join(dataDir, 'finns-inte.csv')], english)).stderr).toContain(`The file ${join(dataDir, 'finns-inte.csv')} does not exist.`);
    const bad = await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'X', '--org-number', '1', '--name', 'Y', '--email', 'nej', '--phone', '070-1234567'], english);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^The details need fixing\.\n/u);
    expect(bad.stderr).toContain('\n  organisation number: The organisation number must be 10 digits');
    expect(bad.stderr).toContain('\n  email: The email address does not look right');
    const badJson = JSON.parse((await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'X', '--org-number', '1', '--name', 'Y', '--email', 'nej', '--phone', '070-1234567', '--json'], english)).stdout) as { errors: Array<{ field: string; message: string }> };
    expect(badJson.errors).toEqual([{ field: 'orgNumber', message: expect.stringMatching(/^The organisation number/u) }, { field: 'email', message: expect.stringMatching(/^The email address/u) }]);
    const imported = await run(['contacts', 'import', file, '--skip-invalid'], english);
    expect(imported.stdout).toContain('Imported: 2 new, 0 updated, 0 unchanged, 1 invalid rows skipped.');

    // Swedish otherwise: no locale, a Swedish or C one, or ITKONTAKT_LANGUAGE=sv over an English one.
    for (const env of [{}, { LANG: 'C.UTF-8' }, { LANG: 'sv_SE.UTF-8' }, { ITKONTAKT_LANGUAGE: 'sv', LANG: 'en_GB.UTF-8' }] as Array<Record<string, string>>) {
      const refused = await run(['contacts', 'import', header], env);
      expect(refused.stderr, JSON.stringify(env)).toContain(`${header}: rad 1: rubrikraden saknar kommun, utförare, organisationsnummer, telefon (den ska vara: kommun;utförare;organisationsnummer;namn;e-post;telefon;språk, där språk får utelämnas)`);
    }
    const swedish = await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'X', '--org-number', '1', '--name', 'Y', '--email', 'nej', '--phone', '070-1234567'], { ITKONTAKT_LANGUAGE: 'sv', LANG: 'en_GB.UTF-8' });
    expect(swedish.stderr).toMatch(/^Uppgifterna behöver rättas\.\n  organisationsnummer: Organisationsnumret ska vara 10 siffror/u);

    // A language the CLI does not write stops it, naming the variable, before anything is done.
    const unknown = await run(['contacts', 'import', file], { ITKONTAKT_LANGUAGE: 'fr' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ITKONTAKT_LANGUAGE: ska vara sv (svenska) eller en (engelska)');
  });

  it('adds and removes staff, and validates a contact added by hand', async () => {
    const dataDir = await temporaryDataDir();
    const env = { DATA_DIR: dataDir };
    const added = JSON.parse((await runBin(['staff', 'add', '--municipality', 'goteborg', '--name', 'Sara Support', '--teams-user', 'u1', '--teams-tenant', 't1', '--json'], { env })).stdout);
    expect(added).toMatchObject({ ok: true, staff: { role: 'staff', municipality: 'goteborg', identities: [{ platform: 'teams', userId: 'u1', tenantId: 't1' }] } });
    const both = await runBin(['staff', 'add', '--admin', '--municipality', 'goteborg', '--name', 'X'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/antingen --municipality/u);
    expect((await runBin(['staff', 'remove', added.staff.id], { env })).stdout).toMatch(/Borttagen/u);

    const bad = await runBin(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'X', '--org-number', '1', '--name', 'Y', '--email', 'nej', '--phone', '070-1234567', '--json'], { env });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, code: 'invalid', errors: [{ field: 'orgNumber' }, { field: 'email' }] });
  });
});

describe('kb gaps', () => {
  it('groups unanswered questions and answers that did not help, most frequent first', { timeout: 60_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const env = { DATA_DIR: dataDir };
    const input = ['kommun Göteborg', 'Vad blir det för lunch?', 'vad blir det för lunch', 'Hur blir vädret?', 'Måste datorerna ha antivirus?', 'nej', 'avsluta', ''].join('\n');
    expect((await runBin(['chat'], { env, input })).code).toBe(0);
    const gaps = JSON.parse((await runBin(['kb', 'gaps', '--municipality', 'goteborg', '--json'], { env })).stdout) as Array<{ kind: string; subject: string; count: number }>;
    expect(gaps[0]).toMatchObject({ kind: 'unanswered', count: 2 });
    expect(gaps.map((gap) => gap.kind).sort()).toEqual(['not-helpful', 'unanswered', 'unanswered']);
    const notHelpful = gaps.find((gap) => gap.kind === 'not-helpful')!;
    expect(notHelpful.subject).toMatch(/^gbg-/u);
    expect(JSON.parse((await runBin(['kb', 'gaps', '--municipality', 'uppsala', '--json'], { env })).stdout)).toEqual([]);
  });
});
