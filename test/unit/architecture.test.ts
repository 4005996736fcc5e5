import { readdir, readFile } from 'node:fs/promises';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLATFORM_SDKS = /^(?:botbuilder|botframework-|@microsoft\/teams-ai|@slack\/)/u;

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, directory), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ts$/u.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gu), ...text.matchAll(/import\(\s*'([^']+)'\s*\)/gu)].map((match) => match[1]!);
}

/** The module a file belongs to: src/<name> or adapters/<name>. */
function moduleOf(file: string): string | undefined {
  const [top, name] = file.split('/');
  if ((top === 'src' || top === 'adapters') && name && !/\.[jt]s$/u.test(name)) return `${top}/${name}`;
  return undefined;
}

describe('architecture', () => {
  it('the core never imports a chat platform SDK', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src')) {
      for (const specifier of await importsOf(file)) if (PLATFORM_SDKS.test(specifier)) offenders.push(`${file} → ${specifier}`);
    }
    expect(offenders).toEqual([]);
  });

  it('modules use each other only through their index.ts', async () => {
    const offenders: string[] = [];
    for (const file of [...(await sourceFiles('src')), ...(await sourceFiles('adapters'))]) {
      const own = moduleOf(file);
      for (const specifier of await importsOf(file)) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
        const targetModule = moduleOf(target);
        if (!targetModule || targetModule === own) continue;
        if (!/\/index\.(?:js|ts)$/u.test(target) || dirname(target) !== targetModule) offenders.push(`${file} → ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only the composition root reads process.env', async () => {
    const readers: string[] = [];
    for (const file of [...(await sourceFiles('src')), ...(await sourceFiles('adapters'))]) {
      if (/process\.env\b/u.test(await readFile(join(ROOT, file), 'utf8'))) readers.push(file);
    }
    expect(readers.filter((file) => !['src/main.ts'].includes(file) && !file.includes('/manifest/'))).toEqual([]);
  });
});
