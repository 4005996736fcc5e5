import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config/index.js';
import { ensureBuild } from '../../src/cli/build.js';
import { modulesLoadedBy, PROJECT_ROOT, runBin } from '../support/cli.js';

const projects: string[] = [];

afterEach(async () => {
  for (const project of projects.splice(0)) await rm(project, { recursive: true, force: true });
});

/** A small project with the layout build.js compiles (src/, adapters/). */
async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'itkontakt-build-'));
  projects.push(root);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

async function compiledModule(dir: string, path: string): Promise<Record<string, unknown>> {
  // A query string: each build's module is imported fresh, not from the module cache.
  return (await import(`${pathToFileURL(join(dir, path)).href}?${Date.now()}`)) as Record<string, unknown>;
}

describe('the compiled build', () => {
  it('is made once, and again when a source changes, is added or is removed', async () => {
    const root = await project({ 'src/greeting.ts': "export const greeting: string = 'hej';\n", 'adapters/console/index.ts': "export { greeting } from '../../src/greeting.js';\n" });
    const first = await ensureBuild({ root });
    expect(first.compiled).toBe(true);
    expect((await compiledModule(first.dir, 'adapters/console/index.js')).greeting).toBe('hej');
    expect(await ensureBuild({ root })).toEqual({ ...first, compiled: false });

    // The same size, a later time: still a change.
    await writeFile(join(root, 'src/greeting.ts'), "export const greeting: string = 'hoj';\n");
    const later = new Date(Date.now() + 2000);
    await utimes(join(root, 'src/greeting.ts'), later, later);
    const edited = await ensureBuild({ root });
    expect(edited.compiled).toBe(true);
    expect(edited.key).not.toBe(first.key);
    expect((await compiledModule(edited.dir, 'src/greeting.js')).greeting).toBe('hoj');

    await writeFile(join(root, 'src/added.ts'), 'export const added = 1;\n');
    const added = await ensureBuild({ root });
    expect(added.compiled).toBe(true);
    await rm(join(root, 'src/added.ts'));
    // Back to the sources of the edited build, which is still there.
    expect(await ensureBuild({ root })).toEqual({ ...edited, compiled: false });
  });

  it('keeps the newest builds only', async () => {
    const root = await project({ 'src/count.ts': 'export const count = 0;\n' });
    for (let count = 1; count <= 5; count += 1) {
      await writeFile(join(root, 'src/count.ts'), `export const count = ${count};\n`.padEnd(40));
      await utimes(join(root, 'src/count.ts'), new Date(Date.now() + count * 1000), new Date(Date.now() + count * 1000));
      await ensureBuild({ root });
    }
    expect((await readdir(join(root, 'dist'))).filter((name) => /^[0-9a-f]{16}$/u.test(name))).toHaveLength(3);
  });

  it('builds started at the same moment end with one complete build', async () => {
    const root = await project({ 'src/value.ts': 'export const value: number = 42;\n' });
    const builds = await Promise.all([ensureBuild({ root }), ensureBuild({ root }), ensureBuild({ root })]);
    expect(new Set(builds.map((build) => build.dir)).size).toBe(1);
    expect((await compiledModule(builds[0]!.dir, 'src/value.js')).value).toBe(42);
    expect((await readdir(join(root, 'dist'))).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('import.meta.url in compiled code names the source file, so paths worked out from it hold', async () => {
    const root = await project({ 'src/config/where.ts': "export const here: string = import.meta.url;\nexport const up = new URL('../../knowledge/', import.meta.url).href;\n" });
    const compiled = await compiledModule((await ensureBuild({ root })).dir, 'src/config/where.js');
    expect(compiled.here).toBe(pathToFileURL(join(root, 'src/config/where.ts')).href);
    expect(compiled.up).toBe(pathToFileURL(join(root, 'knowledge')).href + '/');
    // The real config, compiled: the bundled knowledge base is found from dist/ too.
    const config = await compiledModule((await ensureBuild()).dir, 'src/config/index.js');
    expect(config.BUNDLED_KNOWLEDGE_DIR).toBe(BUNDLED_KNOWLEDGE_DIR);
  });

  it('the command runs the compiled code, which answers as the sources do', async () => {
    const question = ['ask', 'Vilka krav gäller för lösenord?', '--municipality', 'goteborg', '--json'];
    const compiled = await modulesLoadedBy(question);
    const source = await runBin(question, { env: { ITKONTAKT_FROM_SOURCE: '1' } });
    expect(compiled.result.code).toBe(0);
    expect(compiled.result.stdout).toBe(source.stdout);
    expect(JSON.parse(compiled.result.stdout)).toMatchObject({ found: true, municipality: 'goteborg' });
    const own = compiled.modules.filter((url) => url.startsWith(pathToFileURL(PROJECT_ROOT).href) && !url.includes('/node_modules/'));
    expect(own.filter((url) => url.endsWith('.ts'))).toEqual([]);
    expect(own).toContainEqual(expect.stringMatching(/\/dist\/[0-9a-f]{16}\/src\/main\.js$/u));
  });
});
