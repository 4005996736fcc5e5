import { formatContactAnswer } from './contact-answer.js';
import type { Citation, HandledElsewhereNote, KnowledgeRecord, Municipality, TicketType } from './model.js';
import type { MunicipalityFile, SourceRef } from './schema.js';
import { displayHeading, headingLikeLines, headingText, resolveHeadingPath, resolveOutline, type OutlineEntry } from './source-outline.js';
import { normalizeWhitespace } from './text/index.js';
import type { StatedNoticeRules } from './rules-in-force.js';
import type { YamlFile } from './yaml-file.js';
import { pathLabel, type KnowledgeIssue } from './knowledge-issue.js';

/**
 * Checks one municipality's file against its source document and builds its records, ticket
 * types, notes on orders made elsewhere and stated notice rules: headings covered, quotes verbatim,
 * ids unique across the knowledge base, systems known.
 */
export function checkMunicipality(
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
    const entry = resolved.entryIndex < 0 ? { heading: '', line: 1, body: outline.opening } : (outline.entries[resolved.entryIndex] as OutlineEntry);
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

