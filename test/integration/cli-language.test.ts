import { describe, expect, it } from 'vitest';
import { runBin, withOperator } from '../support/cli.js';
import { knowledgeWithVellingeTakingOrders } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

// The command line's own words (help, usage lines, what is wrong with a call, and what the tickets
// and notices commands refuse) in its language: English with an English locale or
// ITKONTAKT_LANGUAGE=en, Swedish otherwise. Real processes, as a person at a terminal runs them.

const ENGLISH = { LANG: 'en_GB.UTF-8' };
const SWEDISH_OVER_ENGLISH = { ITKONTAKT_LANGUAGE: 'sv', LANG: 'en_GB.UTF-8' };

/** A date `days` from now, as the notice commands take it (Stockholm time is close enough here). */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the command line speaks its language: help and usage', () => {
  it('--help, a group\'s --help and a command\'s --help are in English for an English locale, in Swedish otherwise', { timeout: 60_000 }, async () => {
    for (const env of [ENGLISH, { ITKONTAKT_LANGUAGE: 'en', LANG: 'sv_SE.UTF-8' }, { LC_ALL: 'en_US.UTF-8' }] as Array<Record<string, string>>) {
      const help = await runBin(['--help'], { env });
      expect(help.code, JSON.stringify(env)).toBe(0);
      expect(help.stdout).toMatch(/^itkontakt: the IT-contacts' bot/u);
      expect(help.stdout).toContain('Usage: npx itkontakt <command> [options]');
      expect(help.stdout).toContain('itkontakt ask "<question>" [--municipality <id>]');
      expect(help.stdout).toContain('Files a ticket from the command line in the name of a person');
      expect(help.stdout).toContain('itkontakt notices create --municipality <id> --kind planned|disruption --title <text> --systems <id,id> --description <text> [--impact <text>] [--start "YYYY-MM-DD HH:MM"');
      expect(help.stdout).toContain('Environment variables: PORT, HOST');
      expect(help.stdout).not.toMatch(/Användning|Kommandon|Skapar|Listar|Miljövariabler/u);
    }
    const group = await runBin(['tickets', '--help'], { env: ENGLISH });
    expect(group.stdout).toContain('itkontakt tickets file --municipality <id> --type <type> --field key=value ... [--as <staff or contact id, or email>] [--json]');
    expect(group.stdout).toContain('Lists tickets. Status: new, in-progress, waiting-for-requester, resolved, rejected.');
    const command = await runBin(['notices', 'publish', '--help'], { env: ENGLISH });
    expect(command.stdout).toBe("Usage: itkontakt notices publish <id> [--reason <reason>] [--json]\nPublishes a draft. When it breaks the municipality's rules (too short notice, say), --reason is required, and kept.\n");
    const contacts = await runBin(['contacts', 'import', '--help'], { env: ENGLISH });
    expect(contacts.stdout).toContain('Imports contacts from CSV with the header row kommun;utförare;organisationsnummer;namn;e-post;telefon;språk (or in English municipality;provider;organisation_number;name;email;phone;language)');

    for (const env of [{}, SWEDISH_OVER_ENGLISH, { LANG: 'C.UTF-8' }] as Array<Record<string, string>>) {
      const help = await runBin(['--help'], { env });
      expect(help.stdout, JSON.stringify(env)).toContain('Användning: npx itkontakt <kommando> [flaggor]');
      expect(help.stdout).toContain('itkontakt ask "<fråga>"');
      expect(help.stdout).not.toMatch(/Usage:|Commands:/u);
    }
    expect((await runBin(['notices', 'publish', '--help'], { env: SWEDISH_OVER_ENGLISH })).stdout).toMatch(/^Användning: itkontakt notices publish <id> \[--reason <skäl>\]/u);
  });

  it('says what is wrong with a call, and the usage line, in English', { timeout: 60_000 }, async () => {
    const unknown = await runBin(['frobnicate'], { env: ENGLISH });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('Unknown command "frobnicate". See "itkontakt --help" for every command.\n');
    const near = await runBin(['tickets', 'frob'], { env: ENGLISH });
    expect(near.stderr).toMatch(/^Unknown command "tickets frob"\. Did you mean: itkontakt tickets types, /u);
    const flag = await runBin(['notices', 'list', '--bogus'], { env: ENGLISH });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('Unknown option --bogus.\nUsage: itkontakt notices list [--municipality <id>] [--json]\n');
    expect((await runBin(['notices', 'list', '--municipality'], { env: ENGLISH })).stderr).toMatch(/^--municipality needs a value\.\nUsage: /u);
    expect((await runBin(['ask', 'What?', '--json=yes'], { env: ENGLISH })).stderr).toMatch(/^--json takes no value\./u);
    expect((await runBin(['ask', 'What?', '--municipality', 'atlantis'], { env: ENGLISH })).stderr).toMatch(/^Unknown municipality "atlantis"\. Choose one of: goteborg, .*\nUsage: itkontakt ask "<question>"/u);
    expect((await runBin(['ask'], { env: ENGLISH })).stderr).toMatch(/^Write the question in quotes/u);
    expect((await runBin(['staff', 'remove'], { env: ENGLISH })).stderr).toMatch(/^Give the id \(see itkontakt staff list\)\.\nUsage: itkontakt staff remove <id>/u);
    // The same in Swedish under ITKONTAKT_LANGUAGE=sv.
    expect((await runBin(['notices', 'list', '--bogus'], { env: SWEDISH_OVER_ENGLISH })).stderr).toBe('Okänd flagga --bogus.\nAnvändning: itkontakt notices list [--municipality <id>] [--json]\n');
  });
});

describe('the command line speaks its language: the tickets and notices commands\' errors', () => {
  it('tickets: usage mistakes, who files, the service\'s refusals and each bad field in English, as text and as JSON', { timeout: 90_000 }, async () => {
    const env = { ...ENGLISH, DATA_DIR: await temporaryDataDir() };
    const missing = await runBin(['tickets', 'file', '--municipality', 'goteborg'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Give --municipality and --type \(see itkontakt tickets types\)\.\nUsage: itkontakt tickets file --municipality <id> --type <type> --field key=value/u);
    expect((await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', 't', '--field', 'novalue'], { env })).stderr).toMatch(/^--field must be written key=value, not "novalue"\./u);
    expect((await runBin(['tickets', 'types'], { env })).stderr).toMatch(/^Give --municipality\.\n/u);
    expect((await runBin(['tickets', 'list', '--status', 'later'], { env })).stderr).toMatch(/^--status must be one of new, in-progress, waiting-for-requester, resolved, rejected\./u);
    expect((await runBin(['tickets', 'set-status', 'GBG-2026-0001', 'later'], { env })).stderr).toMatch(/^The status must be one of /u);
    expect((await runBin(['tickets', 'show'], { env })).stderr).toMatch(/^Give the ticket's id, e\.g\. GBG-2026-0001\./u);
    const unnamed = await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', 't'], { env });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(/^Say who files the ticket: --as <staff id or email>.*ITKONTAKT_OPERATOR/u);
    expect((await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', 't'], { env: { ...env, ITKONTAKT_OPERATOR: 's-nobody' } })).stderr).toContain('ITKONTAKT_OPERATOR is "s-nobody", but no member of staff has that id or email');
    expect((await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', 't', '--as', 'nobody@example.se'], { env })).stderr).toContain('No member of staff or contact "nobody@example.se"');

    // The service refuses: an unknown ticket, an unknown type, bad fields (each field's message in English).
    const operator = await withOperator({ DATA_DIR: await temporaryDataDir(), KNOWLEDGE_DIR: await knowledgeWithVellingeTakingOrders() });
    const staffEnv = { ...ENGLISH, ...operator };
    const unknownTicket = await runBin(['tickets', 'show', 'GBG-2026-9999'], { env: staffEnv });
    expect(unknownTicket.code).toBe(1);
    expect(unknownTicket.stderr).toBe('No ticket with id GBG-2026-9999.\n');
    expect((await runBin(['tickets', 'set-status', 'GBG-2026-9999', 'resolved'], { env: staffEnv })).stderr).toBe('No ticket with id GBG-2026-9999.\n');
    expect((await runBin(['tickets', 'file', '--municipality', 'goteborg', '--type', 'no-such-type'], { env: staffEnv })).stderr).toMatch(/^Unknown ticket type "no-such-type"\.\n  type: The ticket types in goteborg: gbg-/u);
    const fields = ['--field', 'personnummer=19121212-1213', '--field', 'validUntil=2001-02-30', '--field', 'nosuch=1'];
    const bad = await runBin(['tickets', 'file', '--municipality', 'vellinge', '--type', 'vel-ticket-termination', ...fields], { env: staffEnv });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^The ticket needs fixing before it is sent\.\n/u);
    expect(bad.stderr).toContain('\n  personnummer: The personal identity number is not valid');
    expect(bad.stderr).toContain('\n  validUntil: 2001-02-30 is not in the calendar');
    expect(bad.stderr).toContain('\n  nosuch: The ticket type has no field "nosuch"');
    const badJson = JSON.parse((await runBin(['tickets', 'file', '--municipality', 'vellinge', '--type', 'vel-ticket-termination', ...fields, '--json'], { env: staffEnv })).stdout) as { errors: Array<{ field: string; message: string }> };
    expect(Object.fromEntries(badJson.errors.map((error) => [error.field, error.message]))).toMatchObject({ personnummer: expect.stringMatching(/^The personal identity number/u), nosuch: expect.stringMatching(/^The ticket type has no field/u) });

    // Swedish with ITKONTAKT_LANGUAGE=sv over the English locale.
    const swedish = await runBin(['tickets', 'file', '--municipality', 'vellinge', '--type', 'vel-ticket-termination', ...fields], { env: { ...staffEnv, ...SWEDISH_OVER_ENGLISH } });
    expect(swedish.stderr).toMatch(/^Ärendet behöver rättas/u);
    expect(swedish.stderr).toContain('kontrollsiffra');
  });

  it('notices: usage mistakes, times that do not exist, the service\'s refusals, bad fields and a broken rule in English', { timeout: 90_000 }, async () => {
    const env = { ...ENGLISH, DATA_DIR: await temporaryDataDir() };
    expect((await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'sometimes'], { env })).stderr).toMatch(/^--kind must be planned \(a planned outage\) or disruption\.\nUsage: itkontakt notices create/u);
    expect((await runBin(['notices', 'create', '--kind', 'planned'], { env })).stderr).toMatch(/^Give --municipality\./u);
    expect((await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--start', '2027-02-30 08:00'], { env })).stderr).toMatch(/^--start: "2027-02-30 08:00" does not exist in Swedish time/u);
    expect((await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--end', 'tomorrow'], { env })).stderr).toMatch(/^--end must be "YYYY-MM-DD HH:MM" in Swedish time/u);
    for (const command of ['publish', 'update', 'cancel', 'resolve', 'show', 'report']) expect((await runBin(['notices', command], { env })).stderr, command).toMatch(/^Give the id \(see itkontakt notices list\)\.\nUsage: /u);
    const asJson = JSON.parse((await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'sometimes', '--json'], { env })).stdout) as { errors: Array<{ message: string }> };
    expect(asJson.errors[0]!.message).toBe('--kind must be planned (a planned outage) or disruption.');

    // The service refuses.
    const publish = await runBin(['notices', 'publish', 'GBG-D-404'], { env });
    expect(publish.code).toBe(1);
    expect(publish.stderr).toBe('No notice with id GBG-D-404.\n');
    expect((await runBin(['notices', 'report', 'GBG-D-404'], { env })).stderr).toBe('No notice with id GBG-D-404.\n');
    expect(JSON.parse((await runBin(['notices', 'report', 'GBG-D-404', '--json'], { env })).stdout)).toEqual({ ok: false, errors: [{ field: 'id', message: 'No notice with id GBG-D-404.' }] });
    const empty = await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'disruption', '--systems', 'treserva'], { env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^--title: /mu);
    expect(empty.stderr).not.toMatch(/måste|ska|saknas/u);

    // A planned outage on short notice is created, and said to break the rule, in English.
    const day = inDays(3);
    const created = await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Treserva upgrade', '--systems', 'treserva', '--description', 'Upgrade.', '--start', `${day} 08:00`, '--end', `${day} 12:00`], { env });
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/^Note: .+ Publish with --reason "<reason>"\.$/mu);
    const id = created.stdout.split('\t')[0]!;
    const refused = await runBin(['notices', 'publish', id], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toMatch(/[åäö]/u);

    // Swedish with ITKONTAKT_LANGUAGE=sv.
    const swedish = { ...env, ...SWEDISH_OVER_ENGLISH };
    expect((await runBin(['notices', 'publish', 'GBG-D-404'], { env: swedish })).stderr).toBe('Ingen driftinformation med id GBG-D-404.\n');
    expect((await runBin(['notices', 'publish'], { env: swedish })).stderr).toMatch(/^Ange id \(se itkontakt notices list\)\.\nAnvändning: /u);
  });
});
