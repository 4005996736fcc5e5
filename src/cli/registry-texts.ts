import { CSV_COLUMNS, type CsvProblem } from '../contacts/index.js';
import { bilingual } from '../knowledge/index.js';

// The registry commands' words, in the command line's language (ITKONTAKT_LANGUAGE, else the
// locale, see src/config): the names of a contact's fields and what is wrong with a CSV import.

/** The columns as the English aliases the import also reads. */
const ENGLISH_HEADER = 'municipality;provider;organisation_number;name;email;phone;language';

/** What the import counted. */
interface ImportCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

export const registryTexts = bilingual(
  {
    /** A contact's fields as a person fixes them: the CSV's column names. */
    fieldLabels: { municipality: 'kommun', providerName: 'utförare', orgNumber: 'organisationsnummer', name: 'namn', email: 'e-post', phone: 'telefon', language: 'språk' } as Readonly<Record<string, string>>,
    csvProblem: (line: number, problem: CsvProblem): string => {
      switch (problem.kind) {
        case 'unreadable':
          return `rad ${line}: filen kan inte läsas som CSV (${problem.detail})`;
        case 'empty':
          return `rad ${line}: filen är tom: första raden ska vara rubrikraden`;
        case 'missing-columns':
          return `rad ${line}: rubrikraden saknar ${problem.missing.map((key) => registryTexts.sv.fieldLabels[key] ?? key).join(', ')} (den ska vara: ${CSV_COLUMNS.map((column) => column.header).join(';')}, där språk får utelämnas)`;
      }
    },
    fileMissing: (file: string) => `Filen ${file} finns inte.`,
    imported: (counts: ImportCounts) => `Importerat: ${counts.created} nya, ${counts.updated} uppdaterade, ${counts.unchanged} oförändrade${counts.skipped > 0 ? `, ${counts.skipped} felaktiga rader hoppades över` : ''}.`,
    nothingImported: (invalid: number) => `Inget importerades: ${invalid} rader har fel. Rätta dem, eller kör med --skip-invalid för att importera de andra.`,
  },
  {
    fieldLabels: { municipality: 'municipality', providerName: 'provider', orgNumber: 'organisation number', name: 'name', email: 'email', phone: 'phone', language: 'language' } as Readonly<Record<string, string>>,
    csvProblem: (line: number, problem: CsvProblem): string => {
      switch (problem.kind) {
        case 'unreadable':
          return `line ${line}: the file cannot be read as CSV (${problem.detail})`;
        case 'empty':
          return `line ${line}: the file is empty: the first line must be the header row`;
        case 'missing-columns':
          return `line ${line}: the header row lacks ${problem.missing.map((key) => registryTexts.en.fieldLabels[key] ?? key).join(', ')} (it should be: ${CSV_COLUMNS.map((column) => column.header).join(';')}, or in English ${ENGLISH_HEADER}; the language column may be left out)`;
      }
    },
    fileMissing: (file: string) => `The file ${file} does not exist.`,
    imported: (counts: ImportCounts) => `Imported: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged${counts.skipped > 0 ? `, ${counts.skipped} invalid rows skipped` : ''}.`,
    nothingImported: (invalid: number) => `Nothing was imported: ${invalid} rows have errors. Correct them, or run with --skip-invalid to import the others.`,
  },
);
