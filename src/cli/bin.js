#!/usr/bin/env node
// The `itkontakt` command. It runs the JavaScript that build.js compiled into dist/ (`npm ci` does
// that once, as the prepare script); when a source file changed since, it compiles again first, so
// the code that runs is never older than the sources. Where dist/ cannot be written, or with
// ITKONTAKT_FROM_SOURCE=1, it runs the TypeScript through tsx instead, compiling on every start.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The module that exports `main`: the compiled one where possible. */
async function mainModule() {
  if (process.env.ITKONTAKT_FROM_SOURCE !== '1') {
    try {
      const { ensureBuild } = await import('./build.js');
      const build = await ensureBuild({
        // Only a person at a terminal is told; a script's or a test's stderr stays as it was.
        onCompile: () => process.stderr.isTTY && process.stderr.write('itkontakt: källkoden har ändrats sedan förra bygget; kompilerar till dist/ …\n'),
      });
      return pathToFileURL(join(build.dir, 'src', 'main.js')).href;
    } catch (error) {
      process.stderr.write(`itkontakt: kan inte kompilera till dist/ (${String(error?.message ?? error).split('\n')[0]}); kör källkoden med tsx i stället, vilket tar längre tid.\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return new URL('../main.ts', import.meta.url).href;
}

// `itkontakt … | head` closes the pipe before the output ends: stop quietly, as command-line tools do.
process.stdout.on('error', (error) => {
  if (error?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { main } = await import(await mainModule());
process.exitCode = await main(process.argv.slice(2), process.env);
