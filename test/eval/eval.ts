/**
 * npm run eval: both development question sets through the same path as `itkontakt ask --json`
 * (the bundled knowledge base, AnswerEngine.ask with the item's municipality as the asker's), scored
 * per category, with every miss and why it missed. The last line is one JSON object:
 *   {"items", "right", "share", "wrongMunicipality", "outOfScopeAnswered", "categories": {name: {items, right, share}}}
 *
 * Arguments: paths of further question files in the same format (the held-out sets, where one has
 * them); without any, the two development sets in ../shared/eval (or $EVAL_DIR).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { AnswerEngine, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { scoreItem, type EvalItem } from './score.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const defaultDir = process.env.EVAL_DIR ?? resolve(here, '../../../shared/eval');
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dev-questions.json', 'dev-questions-2.json'].map((name) => join(defaultDir, name));

for (const file of files) {
  if (!existsSync(file)) {
    console.error(`Hittar inte ${file}. Ange frågefilerna som argument, eller EVAL_DIR=<katalog>.`);
    process.exit(2);
  }
}

const loaded = await loadKnowledgeBase(BUNDLED_KNOWLEDGE_DIR);
if (!loaded.ok) {
  console.error(`Kunskapsbasen är ogiltig: ${loaded.issues.length} fel (kör itkontakt kb check).`);
  process.exit(1);
}
const engine = new AnswerEngine(loaded.knowledge);
const fileOf = new Map(loaded.knowledge.municipalities.map((municipality) => [municipality.id, municipality.document.file]));

const categories = new Map<string, { items: number; right: number }>();
let wrongMunicipality = 0;
let outOfScopeAnswered = 0;
let total = 0;
let right = 0;
for (const file of files) {
  const { items } = JSON.parse(await readFile(file, 'utf8')) as { items: EvalItem[] };
  const setName = file.replace(/^.*\//u, '').replace(/\.json$/u, '');
  for (const item of items) {
    const answer = engine.ask(item.question, { municipality: item.municipality });
    const result = scoreItem(item, answer, fileOf);
    const category = `${setName}/${item.category ?? 'general'}`;
    const tally = categories.get(category) ?? { items: 0, right: 0 };
    tally.items += 1;
    total += 1;
    if (result.wrongMunicipality) wrongMunicipality += 1;
    if (item.category === 'out_of_scope' && answer.found) outOfScopeAnswered += 1;
    if (result.problems.length === 0) {
      tally.right += 1;
      right += 1;
    } else {
      console.log(`MISS ${category} ${item.id} (${item.municipality}): ${item.question}`);
      for (const problem of result.problems) console.log(`  - ${problem}`);
      console.log(`  answer: ${answer.answer.replace(/\s+/gu, ' ').slice(0, 400)}`);
    }
    categories.set(category, tally);
  }
}

const share = (tally: { items: number; right: number }): number => Math.round((tally.right / Math.max(1, tally.items)) * 1000) / 1000;
console.log('');
for (const [name, tally] of [...categories].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${name.padEnd(36)} ${String(tally.right).padStart(3)}/${String(tally.items).padEnd(3)} ${(share(tally) * 100).toFixed(0)} %`);
}
console.log(
  JSON.stringify({
    items: total,
    right,
    share: share({ items: total, right }),
    wrongMunicipality,
    outOfScopeAnswered,
    categories: Object.fromEntries([...categories].map(([name, tally]) => [name, { ...tally, share: share(tally) }])),
  }),
);
