import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import type { Citation, HandledElsewhereNote, KnowledgeBase, KnowledgeRecord, Municipality, NoticeRules, TicketType } from './model.js';
import { formatContactAnswer } from './contact-answer.js';
import { routeNotes, type KnowledgeNote } from './route-notes.js';
import { rulesInForce, type StatedNoticeRules } from './rules-in-force.js';
import {
  defaultsFileSchema,
  glossaryFileSchema,
  municipalityFileSchema,
  systemsFileSchema,
  type GlossaryEntry,
  type MunicipalityFile,
  type SourceRef,
  type SystemEntry,
} from './schema.js';
import { displayHeading, headingLikeLines, headingText, resolveHeadingPath, resolveOutline, type OutlineEntry } from './source-outline.js';
import { normalizeWhitespace, stem, tokenize, wordParts, type Language } from './text/index.js';
import type { YamlFile } from './yaml-file.js';

/** One thing wrong in the knowledge base, with where to fix it. */
export interface KnowledgeIssue {
  /** The file, relative to the working directory where possible. */
  readonly file: string;
  readonly line?: number | undefined;
  /** The value's path in the file ("requirements[3].source.quote"). */
  readonly path?: string | undefined;
  readonly message: string;
}

export type LoadResult =
  | { readonly ok: true; readonly knowledge: KnowledgeBase; readonly files: readonly string[]; readonly notes: readonly KnowledgeNote[] }
  | { readonly ok: false; readonly issues: readonly KnowledgeIssue[] };

const SYSTEMS_FILE = 'systems.yaml';
const GLOSSARY_FILE = 'glossary.yaml';
const DEFAULTS_FILE = 'defaults.yaml';
const SHARED_FILES = new Set([SYSTEMS_FILE, GLOSSARY_FILE, DEFAULTS_FILE]);
const SOURCES_DIR = 'sources';

/** Formats an issue the way editors and CI logs link it: `file:line: path: message`. */
export function formatIssue(issue: KnowledgeIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

function pathLabel(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((label, part) => (typeof part === 'number' ? `${label}[${part}]` : label ? `${label}.${part}` : part), '');
}

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

function checkMunicipality(
  file: YamlFile,
  data: MunicipalityFile,
  municipality: Municipality,
  sourceText: string,
  systemIds: ReadonlySet<string>,
  seenIds: Map<string, string>,
  issues: KnowledgeIssue[],
): { records: KnowledgeRecord[]; ticketTypes: TicketType[]; handledElsewhere: HandledElsewhereNote[]; noticeRules: StatedNoticeRules } {
  const report = (path: ReadonlyArray<string | number>, message: string): void => {
    issues.push({ file: file.path, line: file.lineOf(path), path: pathLabel(path), message });
  };

  const outline = resolveOutline(sourceText, data.document.headings);
  if (!outline.ok) {
    report(['document', 'headings', outline.index], outline.message);
    return { records: [], ticketTypes: [], handledElsewhere: [], noticeRules: {} };
  }
  const declared = new Set(outline.entries.map((entry) => entry.line));
  for (const candidate of headingLikeLines(sourceText)) {
    if (!declared.has(candidate.line)) {
      report(['document', 'headings'], `rad ${candidate.line} i källan ser ut som en rubrik ("${candidate.text}") men saknas i document.headings`);
    }
  }

  const covered = new Set<number>();
  const citationFor = (path: ReadonlyArray<string | number>, source: SourceRef): Citation | undefined => {
    const resolved = resolveHeadingPath(outline.entries, source.heading);
    if ('error' in resolved) {
      report([...path, 'heading'], resolved.error);
      return undefined;
    }
    const entry = outline.entries[resolved.entryIndex] as OutlineEntry;
    if (!entry.body.includes(normalizeWhitespace(source.quote))) {
      const elsewhere = normalizeWhitespace(sourceText).includes(normalizeWhitespace(source.quote));
      report(
        [...path, 'quote'],
        elsewhere
          ? `citatet står i källan men inte under rubriken "${headingText(entry.heading)}" (rad ${entry.line}): ange rätt rubrik`
          : `citatet finns inte ordagrant i ${data.document.file}: kopiera texten exakt ur källan`,
      );
      return undefined;
    }
    covered.add(resolved.entryIndex);
    return {
      municipalityId: municipality.id,
      municipalityName: municipality.name,
      file: data.document.file,
      document: data.document.title,
      headingPath: source.heading,
      heading: displayHeading(source.heading),
      quote: normalizeWhitespace(source.quote),
    };
  };

  const claimId = (path: ReadonlyArray<string | number>, id: string): void => {
    const owner = seenIds.get(id);
    if (owner) report(path, `id "${id}" används redan i ${owner}`);
    else seenIds.set(id, file.path);
  };

  const records: KnowledgeRecord[] = [];
  const contactIds = new Set(data.contacts.map((contact) => contact.id));
  for (const [index, contact] of data.contacts.entries()) {
    claimId(['contacts', index, 'id'], contact.id);
    const citation = citationFor(['contacts', index, 'source'], contact.source);
    if (!citation) continue;
    records.push({
      id: contact.id,
      kind: 'contact',
      municipalityId: municipality.id,
      systems: [],
      topics: ['support', 'kontakt'],
      keywords: { sv: [contact.name.sv, ...contact.email, ...contact.phone], en: [contact.name.en ?? contact.name.sv] },
      responsible: 'municipality',
      answer: formatContactAnswer(contact),
      citation,
      contact: { name: { sv: contact.name.sv, en: contact.name.en ?? contact.name.sv }, hours: contact.hours },
    });
  }

  for (const [index, requirement] of data.requirements.entries()) {
    const at = ['requirements', index] as const;
    claimId([...at, 'id'], requirement.id);
    for (const [systemIndex, system] of requirement.systems.entries()) {
      if (!systemIds.has(system)) report([...at, 'systems', systemIndex], `systemet "${system}" finns inte i systems.yaml`);
    }
    for (const [contactIndex, contact] of requirement.contacts.entries()) {
      if (!contactIds.has(contact)) report([...at, 'contacts', contactIndex], `kontakten "${contact}" finns inte under contacts i den här filen`);
    }
    const citation = citationFor([...at, 'source'], requirement.source);
    if (!citation) continue;
    records.push({
      id: requirement.id,
      kind: 'requirement',
      municipalityId: municipality.id,
      systems: requirement.systems,
      topics: requirement.topics,
      keywords: requirement.keywords,
      responsible: requirement.responsible,
      answer: { sv: requirement.answer.sv, en: requirement.answer.en },
      citation,
    });
  }

  const noteIds = new Set(data.handledElsewhere.map((note) => note.id));
  const ticketTypes: TicketType[] = [];
  for (const [index, definition] of data.ticketTypes.entries()) {
    const at = ['ticketTypes', index] as const;
    claimId([...at, 'id'], definition.id);
    const keys = new Set<string>();
    for (const [fieldIndex, field] of definition.fields.entries()) {
      if (keys.has(field.key)) report([...at, 'fields', fieldIndex, 'key'], `fältet "${field.key}" finns redan i ärendetypen`);
      keys.add(field.key);
    }
    if (definition.orderedElsewhere && !noteIds.has(definition.orderedElsewhere.note)) {
      report([...at, 'orderedElsewhere', 'note'], `"${definition.orderedElsewhere.note}" finns inte under handledElsewhere i den här filen`);
    }
    const citation = citationFor([...at, 'source'], definition.source);
    if (!citation) continue;
    const { source: _source, ...rest } = definition;
    ticketTypes.push({ ...rest, municipalityId: municipality.id, citation });
  }

  const handledElsewhere: HandledElsewhereNote[] = [];
  for (const [index, note] of data.handledElsewhere.entries()) {
    claimId(['handledElsewhere', index, 'id'], note.id);
    if (note.link && !normalizeWhitespace(sourceText).includes(normalizeWhitespace(note.link.text))) {
      report(['handledElsewhere', index, 'link', 'text'], `länktexten finns inte ordagrant i ${data.document.file}: skriv länken som dokumentet gör`);
    }
    const citation = citationFor(['handledElsewhere', index, 'source'], note.source);
    if (citation) handledElsewhere.push({ id: note.id, municipalityId: municipality.id, keywords: note.keywords, answer: note.answer, link: note.link ?? null, citation });
  }

  const noticeRules: StatedNoticeRules = {};
  if (data.noticeRules?.planned) {
    const { source, ...rules } = data.noticeRules.planned;
    const citation = citationFor(['noticeRules', 'planned', 'source'], source);
    if (citation) noticeRules.planned = { rules, citation };
  }
  if (data.noticeRules?.disruption) {
    const { source, ...rules } = data.noticeRules.disruption;
    const citation = citationFor(['noticeRules', 'disruption', 'source'], source);
    if (citation) noticeRules.disruption = { rules, citation };
  }

  for (const [index, entry] of outline.entries.entries()) {
    if (entry.body.length > 0 && !covered.has(index)) {
      report(['document', 'headings', index], `rubriken "${headingText(entry.heading)}" (rad ${entry.line}) har text men inget krav eller ingen kontakt citerar den`);
    }
  }
  return { records, ticketTypes, handledElsewhere, noticeRules };
}

