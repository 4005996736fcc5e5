import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { AnswerEngine, loadKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/index.js';

let bundled: Promise<KnowledgeBase> | undefined;

/** The bundled knowledge base, loaded once per test file. */
export function bundledKnowledge(): Promise<KnowledgeBase> {
  bundled ??= loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR).then((result) => {
    if (!result.ok) throw new Error(`bundled knowledge base is invalid: ${JSON.stringify(result.issues.slice(0, 3))}`);
    return result.knowledge;
  });
  return bundled;
}

export async function bundledEngine(): Promise<AnswerEngine> {
  return new AnswerEngine(await bundledKnowledge());
}

/** A writable copy of the bundled knowledge base, to break on purpose. */
export async function knowledgeCopy(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'itkontakt-kb-'));
  await cp(BUNDLED_KNOWLEDGE_DIR, directory, { recursive: true });
  return directory;
}

/** Replaces the first occurrence of `search` in a file of a knowledge copy. */
export async function editFile(directory: string, file: string, search: string | RegExp, replacement: string): Promise<void> {
  const path = join(directory, file);
  const text = await readFile(path, 'utf8');
  const changed = text.replace(search, replacement);
  if (changed === text) throw new Error(`${file}: nothing matched ${String(search)}`);
  await writeFile(path, changed);
}

/** The mailbox a copy of the knowledge base gives Vellinge when it takes orders through the bot. */
export const VELLINGE_ORDERS_MAILBOX = 'bestallning@vellinge.example';

/**
 * A copy of the knowledge base in which Vellinge has chosen to take its orders through the bot
 * (takenByBot, with a mailbox), as a municipality that agrees to it would write it.
 */
export async function knowledgeWithVellingeTakingOrders(): Promise<string> {
  const directory = await knowledgeCopy();
  const path = join(directory, 'vellinge.yaml');
  const text = await readFile(path, 'utf8');
  const changed = text.replaceAll('takenByBot: false', 'takenByBot: true').replaceAll(/(\n\s+route:\n\s+)email: \[\]/gu, `$1email: [${VELLINGE_ORDERS_MAILBOX}]`);
  if (!changed.includes(VELLINGE_ORDERS_MAILBOX)) throw new Error('vellinge.yaml: no route to give a mailbox');
  await writeFile(path, changed);
  return directory;
}

export interface QuestionItem {
  readonly id: string;
  readonly municipality: string;
  readonly question: string;
  readonly expect?: readonly string[];
  readonly forbid?: readonly string[];
  readonly found: boolean;
}

export async function questionFixture(name: string): Promise<readonly QuestionItem[]> {
  const text = await readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { items: QuestionItem[] }).items;
}

/** The question sets written from each municipality's source document, as question and municipality. */
export async function sourceQuestions(): Promise<Array<{ readonly question: string; readonly municipality: string }>> {
  const sets = await Promise.all(['goteborg', 'norrtalje', 'orebro', 'uppsala', 'vellinge'].map((name) => questionFixture(`questions/${name}.json`)));
  return sets.flat().map(({ question, municipality }) => ({ question, municipality }));
}
