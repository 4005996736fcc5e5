import { rm, writeFile } from 'node:fs/promises';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { bundledKnowledge, editFile, knowledgeCopy } from '../support/knowledge.js';

async function issuesAfter(edit: (directory: string) => Promise<void>): Promise<string[]> {
  const directory = await knowledgeCopy();
  await edit(directory);
  const result = await loadKnowledgeBase(directory);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('the bundled knowledge base', () => {
  it('passes every check and covers all five municipalities', async () => {
    const knowledge = await bundledKnowledge();
    expect(knowledge.municipalities.map((municipality) => municipality.id).sort()).toEqual(['goteborg', 'norrtalje', 'orebro', 'uppsala', 'vellinge']);
    for (const municipality of knowledge.municipalities) {
      const records = knowledge.records.filter((record) => record.municipalityId === municipality.id);
      expect(records.length, municipality.id).toBeGreaterThan(10);
    }
  });

  it('fixes the known flaws of the sources instead of copying them into answers', async () => {
    const knowledge = await bundledKnowledge();
    const answers = knowledge.records.flatMap((record) => [record.answer.sv, record.answer.en]).join('\n');
    expect(answers).not.toMatch(/it\.support@ uppsala\.se|it\.support@upsala\.se/u);
    expect(answers).toMatch(/it\.support@uppsala\.se/u);
    expect(answers).not.toMatch(/Göteborgs Sta(?!d)/u);
    const personnummer = knowledge.records.filter((record) => record.municipalityId === 'vellinge' && /AAMMDDxxxx/u.test(record.citation.quote));
    expect(personnummer.length).toBeGreaterThan(0);
    for (const record of personnummer) expect(record.answer.sv).toMatch(/12 siffror|tolv siffror|ÅÅÅÅMMDDNNNN/iu);
  });

  it('cites every quote from its own municipality’s source file', async () => {
    const knowledge = await bundledKnowledge();
    for (const record of knowledge.records) {
      const municipality = knowledge.municipalities.find((candidate) => candidate.id === record.municipalityId)!;
      expect(record.citation.file).toBe(municipality.document.file);
    }
  });
});

describe('kb check finds what a maintainer broke, with file and line', () => {
  it('reports a quote that is not in the source', async () => {
    const issues = await issuesAfter((directory) => editFile(directory, 'goteborg.yaml', /antivirusprogram samt brandvägg/u, 'antivirusprogram och brandvägg'));
    expect(issues.some((issue) => /goteborg\.yaml:\d+: requirements\[\d+\]\.source\.quote: citatet finns inte ordagrant/u.test(issue))).toBe(true);
  });

  it('checks a quote from the opening lines, before the first heading, against those lines only', async () => {
    const opening = await issuesAfter((directory) => editFile(directory, 'vellinge.yaml', 'Reviderad den 2022-02-01"', 'Reviderad den 2023-02-01"'));
    expect(opening.some((issue) => /vellinge\.yaml:\d+: requirements\[0\]\.source\.quote: citatet finns inte ordagrant/u.test(issue))).toBe(true);
    // A sentence from under a heading is not in the opening lines.
    const misplaced = await issuesAfter((directory) =>
      editFile(directory, 'vellinge.yaml', /quote: "Ansvarig Systemförvaltare Procapita VoO \+ IFO[^"]*"/u, 'quote: "Inloggningen görs med tvåfaktorsautentisering"'),
    );
    expect(misplaced.length).toBeGreaterThan(0);
  });

  it('reports a quote cited under the wrong heading', async () => {
    const directory = await knowledgeCopy();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(join(directory, 'goteborg.yaml'), 'utf8');
    // Move the antivirus quote's record under another heading of the same document.
    const changed = text.replace(
      /(heading: \[)"?Informationssäkerhet"?(\]\s*\n\s*quote: "Privata utförare ansvarar för att de datorer)/u,
      '$1"Planerade driftstopp"$2',
    );
    expect(changed).not.toBe(text);
    await writeFile(join(directory, 'goteborg.yaml'), changed);
    const result = await loadKnowledgeBase(directory);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(formatIssue).join('\n')).toMatch(/står i källan men inte under rubriken "Planerade driftstopp"/u);
  });

  it('reports a duplicate id', async () => {
    const knowledge = await bundledKnowledge();
    const first = knowledge.records.find((record) => record.municipalityId === 'orebro' && record.kind === 'requirement')!;
    const second = knowledge.records.filter((record) => record.municipalityId === 'orebro' && record.kind === 'requirement')[1]!;
    const issues = await issuesAfter((directory) => editFile(directory, 'orebro.yaml', `id: ${second.id}\n`, `id: ${first.id}\n`));
    expect(issues.join('\n')).toMatch(new RegExp(`orebro\\.yaml:\\d+: requirements\\[\\d+\\]\\.id: id "${first.id}" används redan`, 'u'));
  });

  it('reports an unknown system', async () => {
    const issues = await issuesAfter((directory) => editFile(directory, 'orebro.yaml', /systems: \[/u, 'systems: [no-such-system, '));
    expect(issues.join('\n')).toMatch(/orebro\.yaml:\d+: requirements\[\d+\]\.systems\[0\]: systemet "no-such-system" finns inte i systems\.yaml/u);
  });

  it('reports a glossary entry whose words stand in no record, at its line', async () => {
    const issues = await issuesAfter((directory) => editFile(directory, 'glossary.yaml', /^terms:\n/mu, 'terms:\n  - sv: [skruvmejsel, skiftnyckel]\n    en: [screwdriver, wrench]\n'));
    expect(issues.join('\n')).toMatch(/glossary\.yaml:\d+: terms\[0\]: ordlisteposten \[skruvmejsel, skiftnyckel, screwdriver, wrench\] pekar inte på något/u);
    // One word that a record has is enough: everyday words may point at the documents' word.
    const directory = await knowledgeCopy();
    await editFile(directory, 'glossary.yaml', /^terms:\n/mu, 'terms:\n  - sv: [skruvmejsel, lösenord]\n    en: [screwdriver]\n');
    expect((await loadKnowledgeBase(directory)).ok).toBe(true);
  });

  it('reports a heading that is not in the source', async () => {
    const issues = await issuesAfter((directory) => editFile(directory, 'vellinge.yaml', /- "?Bakgrund"?\n/u, '- "Bakgrunden till allt"\n'));
    expect(issues.join('\n')).toMatch(/vellinge\.yaml:\d+: document\.headings\[\d+\]: rubriken "Bakgrunden till allt" finns inte som en egen rad i källan/u);
  });

  it('reports a heading with text that no record cites', async () => {
    const directory = await knowledgeCopy();
    const { readFile } = await import('node:fs/promises');
    const path = join(directory, 'orebro.yaml');
    const text = await readFile(path, 'utf8');
    // Drop every record under "Ansvar: IT-avdelning, Örebro Kommun".
    const { parse, stringify } = await import('yaml');
    const data = parse(text) as { requirements: Array<{ source: { heading: string[] } }> };
    data.requirements = data.requirements.filter((record) => !record.source.heading.at(-1)!.startsWith('Ansvar: IT-avdelning'));
    await writeFile(path, stringify(data));
    const result = await loadKnowledgeBase(directory);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map(formatIssue).join('\n')).toMatch(/rubriken "Ansvar: IT-avdelning, Örebro Kommun" \(rad \d+\) har text men inget krav/u);
  });

  it('reports a schema error at its line, in Swedish', async () => {
    const issues = await issuesAfter((directory) => editFile(directory, 'uppsala.yaml', /responsible: provider/u, 'responsible: somebody'));
    expect(issues.join('\n')).toMatch(/uppsala\.yaml:\d+: requirements\[\d+\]\.responsible: /u);
  });

  it('refuses hostile YAML: custom tags, alias bombs, duplicate keys', async () => {
    const tag = await issuesAfter((directory) => writeFile(join(directory, 'orebro.yaml'), 'municipality: !!js/function "function () { return 1 }"\n'));
    expect(tag.join('\n')).toMatch(/orebro\.yaml:1: .*tag/iu);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    const aliases = await issuesAfter((directory) => writeFile(join(directory, 'orebro.yaml'), bomb));
    expect(aliases.join('\n')).toMatch(/orebro\.yaml: YAML kunde inte läsas: .*alias/iu);
    const duplicate = await issuesAfter((directory) => writeFile(join(directory, 'orebro.yaml'), 'municipality: a\nmunicipality: b\n'));
    expect(duplicate.join('\n')).toMatch(/orebro\.yaml:2: .*unique/iu);
  });

  it('reports an empty or missing municipality file content clearly', async () => {
    const issues = await issuesAfter((directory) => writeFile(join(directory, 'orebro.yaml'), ''));
    expect(issues.join('\n')).toMatch(/orebro\.yaml/u);
  });

  it('reports a missing knowledge directory', async () => {
    const result = await loadKnowledgeBase('/nonexistent/itkontakt-knowledge');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatIssue(result.issues[0]!)).toMatch(/kunskapskatalogen kan inte läsas: ENOENT/u);
  });
});

describe('kb check lists what a municipality must confirm before go-live', () => {
  it('lists routes the source does not state, types without a destination and orders made elsewhere, as notes, not errors', async () => {
    const result = await loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byKind = (kind: string): string[] => result.notes.filter((note) => note.kind === kind).map((note) => note.subject).sort();
    expect(byKind('assumption')).toEqual(['gbg-ticket-it-contact-change', 'nor-ticket-access-order', 'upp-ticket-phoniro-lmo-app']);
    expect(byKind('no-destination')).toEqual(['gbg-ticket-access-order']);
    expect(byKind('ordered-elsewhere')).toEqual(['vel-ticket-change-access', 'vel-ticket-new-employee', 'vel-ticket-siths-certificate', 'vel-ticket-termination']);
    const noDestination = result.notes.find((note) => note.kind === 'no-destination')!;
    expect(formatIssue(noDestination)).toMatch(/^knowledge\/goteborg\.yaml:\d+: ticketTypes\[\d+\]\.route: gbg-ticket-access-order: rutinen anger ingen mottagare/u);
    const norrtalje = result.notes.find((note) => note.subject === 'nor-ticket-access-order')!;
    expect(norrtalje.message).toMatch(/procapitasupport@norrtalje\.se är supportadressen/u);
  });

  it('counts a type as routed once the municipality names its mailbox, and then lists nothing for it', async () => {
    const directory = await knowledgeCopy();
    await editFile(directory, 'goteborg.yaml', /email: \[\]\n(\s+)subject: "Beställning av åtkomst till IT-stöd"/u, 'email: [behorighet@goteborg.se]\n$1subject: "Beställning av åtkomst till IT-stöd"');
    const result = await loadKnowledgeBase(directory);
    expect(result.ok && result.notes.some((note) => note.kind === 'no-destination')).toBe(false);
  });

  it('refuses taking orders through the bot without the municipality’s mailbox', async () => {
    const issues = await issuesAfter((directory) => editFile(directory, 'vellinge.yaml', /takenByBot: false/u, 'takenByBot: true'));
    expect(issues.join('\n')).toMatch(/vellinge\.yaml:\d+: ticketTypes\[0\]\.orderedElsewhere\.takenByBot: takenByBot: true kräver kommunens brevlåda i route\.email/u);
  });

  it('refuses an order made elsewhere whose note does not exist, and a link the document does not have', async () => {
    const note = await issuesAfter((directory) => editFile(directory, 'vellinge.yaml', /note: vel-elsewhere-siths-form/u, 'note: vel-elsewhere-no-such-form'));
    expect(note.join('\n')).toMatch(/vellinge\.yaml:\d+: ticketTypes\[3\]\.orderedElsewhere\.note: "vel-elsewhere-no-such-form" finns inte under handledElsewhere/u);
    const link = await issuesAfter((directory) => editFile(directory, 'vellinge.yaml', /text: "SITHS-kort - beställning — Vellinge kommun"/u, 'text: "SITHS-kort – beställ här"'));
    expect(link.join('\n')).toMatch(/vellinge\.yaml:\d+: handledElsewhere\[\d+\]\.link\.text: länktexten finns inte ordagrant/u);
  });

  it('needs the defaults file, with every rule in it', async () => {
    const missing = await issuesAfter((directory) => rm(join(directory, 'defaults.yaml')));
    expect(missing.join('\n')).toMatch(/defaults\.yaml: filen saknas/u);
    const partial = await issuesAfter((directory) => editFile(directory, 'defaults.yaml', /^\s+minimumNoticeDays: 0\n/mu, '\n'));
    expect(partial.join('\n')).toMatch(/defaults\.yaml:\d+: defaults\.noticeRules\.planned\.minimumNoticeDays: /u);
  });
});
