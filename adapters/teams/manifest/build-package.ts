/**
 * `npm run manifest:teams`: checks manifest/teams offline and writes the Teams app package
 * (manifest/teams/build/itkontakt-teams-<version>.zip) with the bot id from MicrosoftAppId.
 * Options: --out <dir> writes the zip elsewhere.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isBotError } from '../../../src/errors/index.js';
import { buildTeamsPackage } from './package.js';

export const MANIFEST_DIR = fileURLToPath(new URL('../../../manifest/teams/', import.meta.url));
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../../../manifest/teams/build/', import.meta.url));

/** The script, with its environment and output passed in. Returns the exit code. */
export async function runBuildPackage(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  let out: string;
  try {
    const { values } = parseArgs({ args: [...argv], options: { out: { type: 'string' } }, strict: true });
    out = values.out ? resolve(values.out) : DEFAULT_OUT_DIR;
  } catch (error) {
    output.stderr.write(`${(error as Error).message}\nAnvändning: npm run manifest:teams [-- --out <mapp>]\n`);
    return 2;
  }
  const appId = env.MicrosoftAppId?.trim();
  if (!appId) {
    output.stderr.write(
      'MicrosoftAppId saknas. Sätt botens app-id (från Azure Bot eller Teams Developer Portal), t.ex.\n' +
        '  MicrosoftAppId=00000000-0000-0000-0000-000000000000 npm run manifest:teams\n' +
        'Paketet behöver det som bots[0].botId; utan det kan Teams inte nå boten.\n',
    );
    return 1;
  }
  try {
    const built = await buildTeamsPackage({ manifestDir: MANIFEST_DIR, outDir: out, appId });
    const shown = relative(process.cwd(), built.path);
    output.stdout.write(`Teams-paketet är klart: ${shown && !shown.startsWith('..') ? shown : built.path}\n  app ${String(built.manifest.id)} version ${String(built.manifest.version)}, bot ${appId}\n  Ladda upp det i Teams: Appar → Hantera dina appar → Ladda upp en app.\n`);
    return 0;
  } catch (error) {
    output.stderr.write(`${isBotError(error) ? error.message : String((error as Error).stack ?? error)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runBuildPackage(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
}
