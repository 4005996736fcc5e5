import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IFlattenedRuleSet } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/architecture');

// The rules live in .dependency-cruiser.cjs, so `npx depcruise src adapters` checks the same ones.
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: IFlattenedRuleSet['forbidden']; options: Record<string, unknown> };
const tsConfig = extractTSConfig(join(ROOT, 'tsconfig.json'));

/** The rule violations in `directories` under `baseDir`, one readable line each. */
async function violations(baseDir: string, directories: string[]): Promise<string[]> {
  const { output } = await cruise(
    directories,
    {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      baseDir,
      tsConfig: { fileName: join(ROOT, 'tsconfig.json') },
    },
    undefined,
    { tsConfig },
  );
  const result = output as ICruiseResult;
  return result.summary.violations.map((violation) => {
    const path = violation.cycle ? [violation.from, ...violation.cycle.map((step) => step.name)].join(' → ') : `${violation.from} → ${violation.to}`;
    return `${violation.rule.name}: ${path}`;
  });
}

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, directory), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ts$/u.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('architecture', () => {
  it('imports run one way through the layers, without circles, through each folder\'s index.ts', async () => {
    // One line per violation: the rule's name says what is wrong, .dependency-cruiser.cjs says why.
    expect(await violations(ROOT, ['src', 'adapters'])).toEqual([]);
  });

  it('the rules report an upward import, a circle, a deep import, the store outside src/app and express in the core', async () => {
    const found = await violations(FIXTURE, ['src']);
    expect(found).toContain('core-not-upward: src/knowledge/index.ts → src/bot/index.ts');
    expect(found).toContainEqual(expect.stringMatching(/^no-circular: src\/contacts\/(index|roles)\.ts → src\/contacts\/(roles|index)\.ts → src\/contacts\/(index|roles)\.ts$/u));
    expect(found).toContain('through-the-index: src/bot/index.ts → src/contacts/roles.ts');
    expect(found).toContain('store-only-from-app: src/bot/index.ts → src/store/index.ts');
    expect(found).toContainEqual(expect.stringMatching(/^express-only-at-the-edge: src\/contacts\/roles\.ts → .*node_modules\/express\//u));
  });

  it('only the composition root reads process.env', async () => {
    const readers: string[] = [];
    for (const file of [...(await sourceFiles('src')), ...(await sourceFiles('adapters'))]) {
      if (/process\.env\b/u.test(await readFile(join(ROOT, file), 'utf8'))) readers.push(file);
    }
    expect(readers.filter((file) => !['src/main.ts'].includes(file) && !file.includes('/manifest/'))).toEqual([]);
  });
});
