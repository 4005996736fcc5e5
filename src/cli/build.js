// Compiles the TypeScript of src/ and adapters/ to JavaScript in dist/<key>/, where the key is a
// hash of every source file's path, size and modification time. `npm ci` runs this as the prepare
// script; the `itkontakt` command (bin.js) checks the key on every start (a stat per file, a few
// milliseconds) and compiles again when a source changed, so the code that runs is never older than
// the sources. esbuild only strips the types (under a second for the whole tree): `tsc --noEmit` in
// `npm test` checks them.
import { createHash, randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project folder (the one with package.json). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the builds go: one folder per key, so a build is complete before anyone can see it. */
export const DIST = join(ROOT, 'dist');
const SOURCE_DIRS = ['src', 'adapters'];
// Besides the sources, what changes the output: the compiler settings, this file and esbuild itself.
const BUILD_INPUTS = ['tsconfig.json', 'src/cli/build.js'];
const BUILD_INFO = 'build.json';
// A running server keeps using the build it started from (and may still import a file from it
// later), so older builds are kept for a while rather than removed at once.
const KEEP_BUILDS = 3;
const ABANDONED_MS = 10 * 60_000;

/** The TypeScript files that are compiled, relative to `root`, sorted. */
export async function sourceFiles(root = ROOT) {
  const files = [];
  for (const directory of SOURCE_DIRS) {
    const entries = await readdir(join(root, directory), { withFileTypes: true, recursive: true }).catch((error) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(relative(root, join(entry.parentPath, entry.name)));
    }
  }
  return files.sort();
}

function esbuildPackageJson(root) {
  try {
    return relative(root, createRequire(join(root, 'package.json')).resolve('esbuild/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * The key of the build that the sources in `root` make now: a hash of each input's path, size and
 * modification time. Any edit, added or deleted file, or checkout changes it.
 */
export async function buildKey(root = ROOT) {
  const inputs = [...(await sourceFiles(root)), ...BUILD_INPUTS, esbuildPackageJson(root)].filter((file) => file !== undefined);
  const stats = await Promise.all(inputs.map((file) => stat(join(root, file)).then((info) => `${file}\t${info.size}\t${info.mtimeMs}`, () => `${file}\tmissing`)));
  return createHash('sha256').update(stats.join('\n')).digest('hex').slice(0, 16);
}

/** The folder of the build with this key (complete once it exists: it is renamed into place). */
export function buildDir(key, root = ROOT) {
  return join(root, 'dist', key);
}

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `import.meta.url` in a compiled file stands for its source file, so that paths worked out from
 * it (the bundled knowledge base, the Teams manifest, a package resolved from there) are the same
 * from dist/ as from the sources: the URL is made relative to the compiled file, so a moved project
 * folder still works.
 */
function sourceUrlPlugin(root) {
  return {
    name: 'itkontakt-source-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const compiledDir = join(root, 'dist', 'key', relative(root, dirname(args.path)));
        const back = relative(compiledDir, args.path).split(sep).join('/');
        return { contents: text.replace(/(?<![\w$.])import\.meta\.url\b/gu, `new URL(${JSON.stringify(back)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/** Compiles every source file into a new folder, then renames it into place as dist/<key>/. */
async function compile(root, key) {
  const { build, version } = await import('esbuild');
  const files = await sourceFiles(root);
  const temporary = join(root, 'dist', `.tmp-${process.pid}-${randomUUID().slice(0, 8)}`);
  await mkdir(temporary, { recursive: true });
  try {
    await build({
      entryPoints: files.map((file) => join(root, file)),
      outdir: temporary,
      outbase: root,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [sourceUrlPlugin(root)],
    });
    await writeFile(join(temporary, BUILD_INFO), `${JSON.stringify({ key, files: files.length, esbuild: version, builtAt: new Date().toISOString() })}\n`);
    await rename(temporary, buildDir(key, root));
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    // Another process built the same sources at the same moment: theirs is as good as ours.
    if (['ENOTEMPTY', 'EEXIST'].includes(error?.code) && (await exists(join(buildDir(key, root), BUILD_INFO)))) return;
    throw error;
  }
}

/** Removes all but the newest few builds, and temporary folders that a killed build left behind. */
async function prune(root, key) {
  const entries = await readdir(join(root, 'dist'), { withFileTypes: true });
  const folders = await Promise.all(
    entries.filter((entry) => entry.isDirectory()).map(async (entry) => ({ name: entry.name, mtimeMs: (await stat(join(root, 'dist', entry.name))).mtimeMs })),
  );
  const builds = folders.filter((folder) => /^[0-9a-f]{16}$/u.test(folder.name) && folder.name !== key).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const abandoned = folders.filter((folder) => folder.name.startsWith('.tmp-') && Date.now() - folder.mtimeMs > ABANDONED_MS);
  for (const folder of [...builds.slice(KEEP_BUILDS - 1), ...abandoned]) await rm(join(root, 'dist', folder.name), { recursive: true, force: true });
}

/**
 * The build of the sources as they are now, compiled first if there is none.
 * @param {{ root?: string, onCompile?: () => void }} [options]
 * @returns {Promise<{ dir: string, key: string, compiled: boolean }>}
 */
export async function ensureBuild({ root = ROOT, onCompile } = {}) {
  const key = await buildKey(root);
  const dir = buildDir(key, root);
  if (await exists(join(dir, BUILD_INFO))) return { dir, key, compiled: false };
  onCompile?.();
  await compile(root, key);
  await prune(root, key);
  return { dir, key, compiled: true };
}

// `node src/cli/build.js`: the prepare script (and `npm run build`).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const started = performance.now();
  const { dir, compiled } = await ensureBuild();
  const where = relative(process.cwd(), dir) || dir;
  process.stdout.write(compiled ? `itkontakt: kompilerade till ${where} på ${Math.round(performance.now() - started)} ms\n` : `itkontakt: ${where} är aktuell\n`);
}
