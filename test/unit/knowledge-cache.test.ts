import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerEngine, loadKnowledgeBase, loadKnowledgeBaseCached, type CachedLoad } from '../../src/knowledge/index.js';
import { editFile, knowledgeCopy, questionFixture, sourceQuestions } from '../support/knowledge.js';

const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function setUp(): Promise<{ knowledge: string; cache: string }> {
  const knowledge = await knowledgeCopy();
  const cache = await mkdtemp(join(tmpdir(), 'itkontakt-cache-'));
  folders.push(knowledge, cache);
  return { knowledge, cache };
}

function loaded(result: CachedLoad): Extract<CachedLoad, { ok: true }> {
  if (!result.ok) throw new Error(`knowledge base is invalid: ${JSON.stringify(result.issues.slice(0, 3))}`);
  return result;
}

async function entries(cache: string): Promise<string[]> {
  return (await readdir(cache)).filter((name) => name.endsWith('.v8'));
}

describe('the knowledge cache', () => {
  it('answers exactly as the freshly parsed knowledge base', { timeout: 60_000 }, async () => {
    const { knowledge, cache } = await setUp();
    const first = loaded(await loadKnowledgeBaseCached(knowledge, cache));
    expect(first.cached).toBe(false);
    const second = loaded(await loadKnowledgeBaseCached(knowledge, cache));
    expect(second.cached).toBe(true);

    const fresh = await loadKnowledgeBase(knowledge);
    if (!fresh.ok) throw new Error('bundled knowledge base is invalid');
    expect(second.knowledge).toEqual(fresh.knowledge);
    const engine = new AnswerEngine(fresh.knowledge);
    const questions = [
      ...(await questionFixture('dev-questions.json')).map(({ question, municipality }) => ({ question, municipality })),
      ...(await sourceQuestions()),
      { question: 'How do users log in to the IT systems?', municipality: 'goteborg' },
      { question: 'Hur gör de andra kommunerna med lösenord?', municipality: undefined },
      { question: 'Är supporten öppen kl 18 på fredag?', municipality: 'orebro' },
    ];
    expect(questions.length).toBeGreaterThan(100);
    for (const { question, municipality } of questions) {
      expect(second.engine.ask(question, { municipality })).toEqual(engine.ask(question, { municipality }));
    }
    expect(second.engine.explain('Vem ansvarar för SITHS-kort?', { municipality: 'uppsala' })).toEqual(engine.explain('Vem ansvarar för SITHS-kort?', { municipality: 'uppsala' }));
    expect(second.engine.municipalitiesNamedIn('Hur gör man i Göteborgs Stad och Vellinge?')).toEqual(engine.municipalitiesNamedIn('Hur gör man i Göteborgs Stad och Vellinge?'));
  });

  it('is made again when a YAML file or a source document changes', async () => {
    const { knowledge, cache } = await setUp();
    loaded(await loadKnowledgeBaseCached(knowledge, cache));
    const question = { municipality: 'goteborg' } as const;
    const before = loaded(await loadKnowledgeBaseCached(knowledge, cache));
    expect(before.cached).toBe(true);
    const answer = before.engine.ask('Vilka krav gäller för lösenord?', question);
    expect(answer.found).toBe(true);
    const record = before.knowledge.records.find((candidate) => candidate.id === answer.answerId)!;

    await editFile(knowledge, 'goteborg.yaml', record.answer.sv.slice(0, 30), 'ÄNDRAT: ');
    const edited = loaded(await loadKnowledgeBaseCached(knowledge, cache));
    expect(edited.cached).toBe(false);
    expect(edited.engine.ask('Vilka krav gäller för lösenord?', question).answer).toContain('ÄNDRAT: ');
    expect(loaded(await loadKnowledgeBaseCached(knowledge, cache)).cached).toBe(true);

    // A quote that no longer stands in its source: checked again, not served from the cache.
    const document = before.knowledge.municipalities.find((municipality) => municipality.id === 'goteborg')!.document.file;
    await editFile(knowledge, join('sources', document), record.citation.quote.slice(0, 20), 'något helt annat ');
    const broken = await loadKnowledgeBaseCached(knowledge, cache);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.issues.map((issue) => issue.message).join('\n')).toMatch(/citatet/u);
  });

  it('ignores a corrupt or cut-short entry and makes it again', async () => {
    const { knowledge, cache } = await setUp();
    const fresh = loaded(await loadKnowledgeBaseCached(knowledge, cache));
    const [entry] = await entries(cache);
    expect(entry).toBeDefined();
    const bytes = await readFile(join(cache, entry!));
    for (const damaged of [bytes.subarray(0, bytes.length >> 1), Buffer.from('not a cache entry'), Buffer.alloc(0)]) {
      await writeFile(join(cache, entry!), damaged);
      const reloaded = loaded(await loadKnowledgeBaseCached(knowledge, cache));
      expect(reloaded.cached).toBe(false);
      expect(reloaded.knowledge).toEqual(fresh.knowledge);
      expect(loaded(await loadKnowledgeBaseCached(knowledge, cache)).cached).toBe(true);
    }
  });

  it('loads without a cache when the cache cannot be written', async () => {
    const { knowledge, cache } = await setUp();
    // A file where the cache directory should be: nothing can be written under it.
    const blocked = join(cache, 'blocked');
    await writeFile(blocked, 'not a directory');
    const first = loaded(await loadKnowledgeBaseCached(knowledge, blocked));
    const second = loaded(await loadKnowledgeBaseCached(knowledge, blocked));
    expect([first.cached, second.cached]).toEqual([false, false]);
    expect(second.engine.ask('Vilka krav gäller för lösenord?', { municipality: 'goteborg' }).found).toBe(true);
  });
});
