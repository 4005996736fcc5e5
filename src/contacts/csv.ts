import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Contact } from './model.js';
import type { ImportRow } from './contact-import.js';
import { formatPhone } from './validation.js';

/**
 * The CSV format for contact lists, as municipalities keep them in a spreadsheet. The header row
 * names the columns (Swedish or English, any order); comma or semicolon separated (Swedish Excel
 * writes semicolons); UTF-8 with or without BOM.
 */
export const CSV_COLUMNS = [
  { key: 'municipality', header: 'kommun', aliases: ['municipality', 'kommun-id'] },
  { key: 'providerName', header: 'utförare', aliases: ['utforare', 'provider', 'företag', 'foretag'] },
  { key: 'orgNumber', header: 'organisationsnummer', aliases: ['orgnr', 'org_number', 'organisation_number', 'organisationsnr'] },
  { key: 'name', header: 'namn', aliases: ['name', 'kontaktperson'] },
  { key: 'email', header: 'e-post', aliases: ['epost', 'email', 'e-mail', 'mejl'] },
  { key: 'phone', header: 'telefon', aliases: ['phone', 'mobil', 'telefonnummer'] },
  // Optional: lists from before contacts had a language import as before (Swedish).
  { key: 'language', header: 'språk', aliases: ['sprak', 'language', 'lang'], optional: true },
] as const;

/** What is wrong with a contact CSV as a whole, for the command line to word in its language. */
export type CsvProblem =
  /** Not CSV at all (an unclosed quote, …); `detail` is the parser's own reason, in English. */
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'empty' }
  /** The required columns the header row lacks, as the fields' keys (`providerName`). */
  | { readonly kind: 'missing-columns'; readonly missing: readonly string[] };

/** A contact CSV that cannot be imported at all; `line` is the file's line. The message is for logs, not people. */
export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    readonly problem: CsvProblem,
  ) {
    super(`line ${line}: ${problem.kind === 'missing-columns' ? `the header lacks ${problem.missing.join(', ')}` : problem.kind === 'unreadable' ? `not CSV (${problem.detail})` : 'empty file'}`);
    this.name = 'CsvFormatError';
  }
}

const normalizeHeader = (header: string): string => header.trim().toLowerCase();

// A cell that a spreadsheet would run as a formula starts with =, +, -, @, tab or a line break
// (OWASP's list, plus LF). Names and providers come from guests' registration forms, so any cell may
// be hostile. Apostrophes already in front of such a character belong to the value and get one more
// on export, so that the import can always take exactly one off.
const FORMULA_CELL = /^'*[=+\-@\t\r\n]/u;
const PROTECTED_CELL = /^'+[=+\-@\t\r\n]/u;

/**
 * A value as it is written into the CSV: with a leading apostrophe when a spreadsheet would take it
 * for a formula ("=HYPERLINK(…)", but also "+46 70…" and "-"), which makes the spreadsheet show it
 * as text.
 */
export function protectCell(value: string): string {
  return FORMULA_CELL.test(value) ? `'${value}` : value;
}

/**
 * The value a cell stands for: `protectCell` undone. Only an apostrophe in front of a formula
 * character is taken off, the one a spreadsheet user also types to enter "+46 70…" as text; "O'Brien"
 * and "'t Hooft" are kept as they are.
 */
export function unprotectCell(cell: string): string {
  return PROTECTED_CELL.test(cell) ? cell.slice(1) : cell;
}

/** Parses a contact CSV into rows keyed by field, with their line numbers in the file. */
export function parseContactsCsv(text: string): ImportRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, delimiter: [',', ';'], skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new CsvFormatError(line, { kind: 'unreadable', detail: (error as Error).message.split(':')[0] ?? '' });
  }
  const [header, ...body] = records;
  if (!header) throw new CsvFormatError(1, { kind: 'empty' });
  const columns = header.record.map((name) => {
    const wanted = normalizeHeader(name);
    return CSV_COLUMNS.find((column) => column.header === wanted || (column.aliases as readonly string[]).includes(wanted))?.key;
  });
  const missing = CSV_COLUMNS.filter((column) => !('optional' in column) && !columns.includes(column.key)).map((column) => column.key);
  if (missing.length > 0) throw new CsvFormatError(header.info.lines, { kind: 'missing-columns', missing });
  return body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    columns.forEach((key, index) => {
      if (key) values[key] = unprotectCell(record[index] ?? '');
    });
    return { line: info.lines, values };
  });
}

/**
 * Writes contacts in the same format the import reads (semicolon-separated, with BOM for Excel),
 * every cell protected against being run as a formula.
 */
export function contactsToCsv(contacts: readonly Contact[]): string {
  const rows = contacts.map((contact) => [contact.municipality, contact.provider.name, contact.provider.orgNumber, contact.name, contact.email, formatPhone(contact.phone), contact.language].map(protectCell));
  // The import takes commas as separators too: a value with a comma ("Vård, Omsorg AB") is quoted.
  return `\uFEFF${stringify([CSV_COLUMNS.map((column) => column.header), ...rows], { delimiter: ';', quoted_match: ',' })}`;
}
