import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Contact } from './model.js';
import type { ImportRow } from './service.js';
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
] as const;

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`rad ${line}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

const normalizeHeader = (header: string): string => header.trim().toLowerCase();

/** Parses a contact CSV into rows keyed by field, with their line numbers in the file. */
export function parseContactsCsv(text: string): ImportRow[] {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, delimiter: [',', ';'], skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new CsvFormatError(line, `filen kan inte läsas som CSV (${(error as Error).message.split(':')[0]})`);
  }
  const [header, ...body] = records;
  if (!header) throw new CsvFormatError(1, 'filen är tom: första raden ska vara rubrikraden');
  const columns = header.record.map((name) => {
    const wanted = normalizeHeader(name);
    return CSV_COLUMNS.find((column) => column.header === wanted || (column.aliases as readonly string[]).includes(wanted))?.key;
  });
  const missing = CSV_COLUMNS.filter((column) => !columns.includes(column.key)).map((column) => column.header);
  if (missing.length > 0) {
    throw new CsvFormatError(header.info.lines, `rubrikraden saknar ${missing.join(', ')} (den ska vara: ${CSV_COLUMNS.map((column) => column.header).join(';')})`);
  }
  return body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    columns.forEach((key, index) => {
      if (key) values[key] = record[index] ?? '';
    });
    return { line: info.lines, values };
  });
}

/** Writes contacts in the same format the import reads (semicolon-separated, with BOM for Excel). */
export function contactsToCsv(contacts: readonly Contact[]): string {
  const rows = contacts.map((contact) => [contact.municipality, contact.provider.name, contact.provider.orgNumber, contact.name, contact.email, formatPhone(contact.phone)]);
  return `\uFEFF${stringify([CSV_COLUMNS.map((column) => column.header), ...rows], { delimiter: ';' })}`;
}
