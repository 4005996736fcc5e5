import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { Analyzer } from './analyzer.js';
import { AnswerEngine } from './answer.js';
import type { KnowledgeIssue } from './knowledge-issue.js';
import type { KnowledgeBase } from './model.js';
import { Partition, SearchIndex } from './search-index.js';
import { Lexicon } from './text/index.js';
import { Vocabulary } from './vocabulary.js';

/**
 * The knowledge base as parsed, checked and indexed, kept in a cache directory so that a start
 * reads one file instead of parsing the YAML, checking every quote against its source and indexing
 * every record. An entry is named by a hash of everything it was made from: the knowledge files
 * (the YAML and the source documents), this module's own code and the libraries that read them.
 * Any change makes a new entry; an entry that cannot be read is made again, never an error.
 */

// Raised when the layout of an entry changes in a way the code hash would not show.
const CACHE_FORMAT = 2;
const KEEP_ENTRIES = 8;
const SOURCES_DIR = 'sources';
// The libraries whose upgrade may change what the same files parse or index to.
const LIBRARIES = ['yaml', 'zod', 'snowball-stemmers'];

/**
 * The classes an entry holds instances of. A cached entry is the engine itself, structured-cloned
 * (node:v8), which keeps every Map, typed array and shared reference but not prototypes: they are
 * given back on reading. An instance of any other class makes the engine uncacheable (it is then
 * indexed on every start), never wrong.
 */
const CLASSES: ReadonlyMap<string, { readonly prototype: object }> = new Map<string, { readonly prototype: object }>([
  ['AnswerEngine', AnswerEngine],
  ['SearchIndex', SearchIndex],
  ['Partition', Partition],
  ['Analyzer', Analyzer],
  ['Vocabulary', Vocabulary],
  ['Lexicon', Lexicon],
]);

export type CachedLoad =
  | { readonly ok: true; readonly knowledge: KnowledgeBase; readonly engine: AnswerEngine; readonly cached: boolean }
  | { readonly ok: false; readonly issues: readonly KnowledgeIssue[] };

interface Entry {
  readonly format: number;
  readonly key: string;
  readonly knowledge: KnowledgeBase;
  readonly engine: AnswerEngine;
  /** Every class instance in the entry, with its class's name. */
  readonly instances: ReadonlyArray<readonly [object, string]>;
}

const engines = new WeakMap<KnowledgeBase, AnswerEngine>();

/** The answer engine of a knowledge base: the one read from the cache with it, or a new one. */
export function answerEngineFor(knowledge: KnowledgeBase): AnswerEngine {
  let engine = engines.get(knowledge);
  if (!engine) {
    engine = new AnswerEngine(knowledge);
    engines.set(knowledge, engine);
  }
  return engine;
}

/**
 * Loads the knowledge base in `directory` through the cache in `cacheDirectory`: from its entry when
 * nothing changed, else parsed, checked and indexed anew (and the entry written). A knowledge base
 * with issues is never cached: its issues are reported from the files as they are.
 */
export async function loadKnowledgeBaseCached(directory: string, cacheDirectory: string): Promise<CachedLoad> {
  const key = await cacheKey(directory).catch(() => undefined);
  const path = key === undefined ? undefined : join(cacheDirectory, `knowledge-${key}.v8`);
  if (path !== undefined) {
    const entry = await readEntry(path, key!);
    if (entry) {
      engines.set(entry.knowledge, entry.engine);
      return { ok: true, knowledge: entry.knowledge, engine: entry.engine, cached: true };
    }
  }
  // The loader (and the YAML parser with it) is needed only when the cache cannot answer.
  const { loadKnowledgeBase } = await import('./load.js');
  const result = await loadKnowledgeBase(directory);
  if (!result.ok) return result;
  const engine = answerEngineFor(result.knowledge);
  if (path !== undefined) await writeEntry(path, { format: CACHE_FORMAT, key: key!, knowledge: result.knowledge, engine, instances: classInstances(engine) }).catch(() => undefined);
  return { ok: true, knowledge: result.knowledge, engine, cached: false };
}

/** The files that make the knowledge base: its YAML files and every source document, sorted. */
async function knowledgeFiles(directory: string): Promise<string[]> {
  const yaml = (await readdir(directory)).filter((name) => /\.ya?ml$/u.test(name));
  const sources = await readdir(join(directory, SOURCES_DIR), { recursive: true, withFileTypes: true }).then(
    (entries) => entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join(entry.parentPath, entry.name))),
    () => [],
  );
  return [...yaml, ...sources].sort();
}

let codeVersion: Promise<string> | undefined;

/** A hash of this module's code (its source files, also when it runs compiled) and the versions of its libraries. */
function knowledgeCodeVersion(): Promise<string> {
  codeVersion ??= (async () => {
    const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\n`);
    const own = dirname(fileURLToPath(import.meta.url));
    const files = (await readdir(own, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    for (const file of files.sort()) hash.update(`${relative(own, file)}\n`).update(await readFile(file));
    const require = createRequire(import.meta.url);
    for (const library of LIBRARIES) {
      const manifest = JSON.parse(await readFile(join(await packageDir(require, library), 'package.json'), 'utf8')) as { version?: string };
      hash.update(`${library}@${manifest.version ?? '?'}\n`);
    }
    return hash.digest('hex');
  })();
  return codeVersion;
}

/** A package's folder, found from its entry point (not every package exports its package.json). */
async function packageDir(require: NodeRequire, name: string): Promise<string> {
  let directory = dirname(require.resolve(name));
  while (!(await stat(join(directory, 'package.json')).then((info) => info.isFile(), () => false))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package.json above ${name}`);
    directory = parent;
  }
  return directory;
}

/** The name of the entry for the knowledge files as they are now. */
async function cacheKey(directory: string): Promise<string> {
  const hash = createHash('sha256').update(await knowledgeCodeVersion());
  for (const file of await knowledgeFiles(directory)) {
    const content = await readFile(join(directory, file));
    hash.update(`\n${file}\n${content.length}\n`).update(content);
  }
  return hash.digest('hex').slice(0, 24);
}

async function readEntry(path: string, key: string): Promise<Entry | undefined> {
  try {
    const entry = deserialize(await readFile(path)) as Partial<Entry> | null;
    if (!entry || entry.format !== CACHE_FORMAT || entry.key !== key || !entry.knowledge || !entry.engine || !Array.isArray(entry.instances)) return undefined;
    for (const [instance, name] of entry.instances) {
      const type = CLASSES.get(name);
      if (!type || typeof instance !== 'object' || instance === null) return undefined;
      Object.setPrototypeOf(instance, type.prototype);
    }
    return entry.engine instanceof AnswerEngine ? (entry as Entry) : undefined;
  } catch {
    // Missing, cut short, corrupt or from another version of Node: made again.
    return undefined;
  }
}

/** Writes the entry whole (a temporary file renamed into place) and drops the oldest entries. */
async function writeEntry(path: string, entry: Entry): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temporary = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temporary, serialize(entry));
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  const names = (await readdir(directory)).filter((name) => /^knowledge-[0-9a-f]+\.v8$/u.test(name));
  const dated = await Promise.all(names.map(async (name) => ({ name, mtimeMs: await stat(join(directory, name)).then((info) => info.mtimeMs, () => 0) })));
  for (const { name } of dated.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(KEEP_ENTRIES)) await rm(join(directory, name), { force: true });
}

/** Every instance of a class in `root`'s object graph; throws on a class the cache cannot revive. */
function classInstances(root: object): Array<readonly [object, string]> {
  const names = new Map([...CLASSES].map(([name, type]) => [type.prototype, name]));
  const found: Array<readonly [object, string]> = [];
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value) || value instanceof RegExp || value instanceof Date) continue;
    seen.add(value);
    if (value instanceof Map) {
      for (const [key, item] of value) pending.push(key, item);
      continue;
    }
    if (value instanceof Set) {
      for (const item of value) pending.push(item);
      continue;
    }
    const prototype = Object.getPrototypeOf(value) as object | null;
    if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
      const name = names.get(prototype);
      if (name === undefined) throw new Error(`the knowledge cache cannot keep an instance of ${prototype.constructor.name}`);
      found.push([value, name]);
    }
    for (const item of Object.values(value)) pending.push(item);
  }
  return found;
}
