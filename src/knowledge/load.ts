import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import type { HandledElsewhereNote, KnowledgeBase, KnowledgeRecord, Municipality, NoticeRules, TicketType } from './model.js';
import { routeNotes, type KnowledgeNote } from './route-notes.js';
import { rulesInForce } from './rules-in-force.js';
import {
  defaultsFileSchema,
  glossaryFileSchema,
  municipalityFileSchema,
  systemsFileSchema,
  type GlossaryEntry,
  type MunicipalityFile,
  type SystemEntry,
} from './schema.js';
import { stem, tokenize, wordParts, type Language } from './text/index.js';
import { checkMunicipality } from './check-municipality.js';
import { pathLabel, type KnowledgeIssue } from './knowledge-issue.js';
import type { YamlFile } from './yaml-file.js';

export { formatIssue, type KnowledgeIssue } from './knowledge-issue.js';

export type LoadResult =
  | { readonly ok: true; readonly knowledge: KnowledgeBase; readonly files: readonly string[]; readonly notes: readonly KnowledgeNote[] }
  | { readonly ok: false; readonly issues: readonly KnowledgeIssue[] };

const SYSTEMS_FILE = 'systems.yaml';
const GLOSSARY_FILE = 'glossary.yaml';
const DEFAULTS_FILE = 'defaults.yaml';
const SHARED_FILES = new Set([SYSTEMS_FILE, GLOSSARY_FILE, DEFAULTS_FILE]);
const SOURCES_DIR = 'sources';

function displayPath(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath.startsWith('..') ? file : relativePath;
}

/**
 * Loads and checks the knowledge base in `directory`: every file against its schema, then the rules
 * that span files (unique ids, references, quotes in their sources, every heading covered).
 * Returns every issue found, not just the first, so a maintainer can fix them in one go.
 */
export async function loadKnowledgeBase(directory: string): Promise<LoadResult> {
  // The YAML parser is loaded only here: a start served from the knowledge cache does without it.
  const { isYamlError, parseYamlFile } = await import('./yaml-file.js');
  const issues: KnowledgeIssue[] = [];
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => /\.ya?ml$/u.test(name)).sort();
  } catch (error) {
    return { ok: false, issues: [{ file: displayPath(directory), message: `kunskapskatalogen kan inte läsas: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }

  const parsed = new Map<string, { file: YamlFile; value: unknown }>();
  for (const name of names) {
    const path = join(directory, name);
    const result = parseYamlFile(displayPath(path), await readFile(path, 'utf8'));
    if (isYamlError(result)) issues.push({ file: result.path, line: result.line, message: result.message });
    else parsed.set(name, { file: result, value: result.value });
  }

  const systems = validate(parsed.get(SYSTEMS_FILE), systemsFileSchema, issues, join(directory, SYSTEMS_FILE))?.systems ?? [];
  const glossary = validate(parsed.get(GLOSSARY_FILE), glossaryFileSchema, issues, join(directory, GLOSSARY_FILE))?.terms ?? [];
  const defaults = validate(parsed.get(DEFAULTS_FILE), defaultsFileSchema, issues, join(directory, DEFAULTS_FILE))?.defaults;

  const municipalityFiles: Array<{ file: YamlFile; data: MunicipalityFile }> = [];
  for (const [name, entry] of parsed) {
    if (SHARED_FILES.has(name)) continue;
    const data = validate(entry, municipalityFileSchema, issues, join(directory, name));
    if (!data) continue;
    if (basename(name).replace(/\.ya?ml$/u, '') !== data.municipality.id) {
      issues.push({ file: entry.file.path, line: entry.file.lineOf(['municipality', 'id']), path: 'municipality.id', message: `filen ska heta ${data.municipality.id}.yaml (samma som kommunens id)` });
    }
    municipalityFiles.push({ file: entry.file, data });
  }
  if (municipalityFiles.length === 0 && issues.length === 0) {
    issues.push({ file: displayPath(directory), message: 'inga kommunfiler hittades (en YAML-fil per kommun, t.ex. goteborg.yaml)' });
  }

  checkSystemIds(systems, parsed.get(SYSTEMS_FILE)?.file, issues);

  const systemIds = new Set(systems.map((system) => system.id));
  const seenIds = new Map<string, string>();
  const municipalities: Municipality[] = [];
  const records: KnowledgeRecord[] = [];
  const ticketTypes: TicketType[] = [];
  const handledElsewhere: HandledElsewhereNote[] = [];
  const noticeRules: NoticeRules[] = [];
  const notes: KnowledgeNote[] = [];
  for (const { file, data } of municipalityFiles) {
    const sourcePath = join(directory, SOURCES_DIR, data.document.file);
    let sourceText: string;
    try {
      sourceText = await readFile(sourcePath, 'utf8');
    } catch {
      issues.push({ file: file.path, line: file.lineOf(['document', 'file']), path: 'document.file', message: `källfilen ${displayPath(sourcePath)} finns inte` });
      continue;
    }
    const municipality: Municipality = {
      id: data.municipality.id,
      name: data.municipality.name,
      aliases: data.municipality.aliases,
      ticketPrefix: data.municipality.ticketPrefix ?? data.municipality.id.slice(0, 3).toUpperCase(),
      document: { file: data.document.file, title: data.document.title, version: data.document.version, date: data.document.date, text: sourceText },
    };
    if (municipalities.some((other) => other.id === municipality.id)) {
      issues.push({ file: file.path, line: file.lineOf(['municipality', 'id']), path: 'municipality.id', message: `kommunen ${municipality.id} finns redan i en annan fil` });
      continue;
    }
    municipalities.push(municipality);
    const checked = checkMunicipality(file, data, municipality, sourceText, systemIds, seenIds, issues);
    records.push(...checked.records);
    ticketTypes.push(...checked.ticketTypes);
    handledElsewhere.push(...checked.handledElsewhere);
    if (defaults) noticeRules.push(rulesInForce(municipality.id, defaults.noticeRules, checked.noticeRules));
    notes.push(...routeNotes(data.ticketTypes, municipality.id, (path) => ({ file: file.path, line: file.lineOf(path), path: pathLabel(path) })));
  }

  if (records.length > 0) checkGlossary(glossary, records, parsed.get(GLOSSARY_FILE)?.file, issues);

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, knowledge: { municipalities, records, ticketTypes, handledElsewhere, noticeRules, systems, glossary }, files: [...parsed.values()].map((entry) => entry.file.path), notes };
}

/**
 * Every glossary entry must lead somewhere: at least one of its words (stemmed) occurs in a record
 * of some municipality. An entry whose words all stand nowhere would make everyday words point at
 * nothing, and a misspelt synonym would go unnoticed.
 */
function checkGlossary(glossary: readonly GlossaryEntry[], records: readonly KnowledgeRecord[], file: YamlFile | undefined, issues: KnowledgeIssue[]): void {
  const vocabulary = new Set<string>();
  const learn = (text: string, language: Language): void => {
    for (const token of tokenize(text)) for (const part of wordParts(token.text)) vocabulary.add(stem(part, language));
  };
  for (const record of records) {
    for (const text of [record.answer.sv, record.citation.quote, ...record.citation.headingPath, ...record.topics, ...record.keywords.sv]) learn(text, 'sv');
    for (const text of [record.answer.en, ...record.keywords.en]) learn(text, 'en');
  }
  const standsSomewhere = (word: string, language: Language): boolean => tokenize(word).some((token) => wordParts(token.text).some((part) => vocabulary.has(stem(part, language))));
  for (const [index, entry] of glossary.entries()) {
    if (entry.sv.some((word) => standsSomewhere(word, 'sv')) || entry.en.some((word) => standsSomewhere(word, 'en'))) continue;
    issues.push({
      file: file?.path ?? GLOSSARY_FILE,
      line: file?.lineOf(['terms', index]),
      path: `terms[${index}]`,
      message: `ordlisteposten [${[...entry.sv, ...entry.en].join(', ')}] pekar inte på något: inget av orden står i någon post. Lägg till dokumentens eget ord för saken i posten, eller ta bort den.`,
    });
  }
}

function validate<T>(entry: { file: YamlFile; value: unknown } | undefined, schema: ZodType<T, ZodTypeDef, unknown>, issues: KnowledgeIssue[], expectedPath: string): T | undefined {
  if (!entry) {
    issues.push({ file: displayPath(expectedPath), message: 'filen saknas' });
    return undefined;
  }
  const result = schema.safeParse(entry.value);
  if (result.success) return result.data;
  for (const issue of (result.error as ZodError).issues) {
    issues.push({ file: entry.file.path, line: entry.file.lineOf(issue.path), path: pathLabel(issue.path) || undefined, message: issue.message });
  }
  return undefined;
}

function checkSystemIds(systems: readonly SystemEntry[], file: YamlFile | undefined, issues: KnowledgeIssue[]): void {
  const seen = new Set<string>();
  for (const [index, system] of systems.entries()) {
    if (seen.has(system.id)) {
      issues.push({ file: file?.path ?? SYSTEMS_FILE, line: file?.lineOf(['systems', index, 'id']), path: `systems[${index}].id`, message: `id "${system.id}" finns redan` });
    }
    seen.add(system.id);
  }
}
