import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { BotError } from '../../../src/errors/index.js';
import { decodePng, type RgbaImage } from './png.js';

/** The bot id in the committed manifest, replaced by MicrosoftAppId when the package is built. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams(\.Localization)?\.schema\.json$/iu;

/** The fields of a manifest this script reads; the JSON schema checks the rest. */
const manifestShape = z
  .object({
    $schema: z.string(),
    icons: z.object({ color: z.string(), outline: z.string() }).passthrough(),
    bots: z.array(z.object({ botId: z.string() }).passthrough()).default([]),
    localizationInfo: z
      .object({ additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })).default([]) })
      .passthrough()
      .optional(),
  })
  .passthrough();

type Manifest = z.infer<typeof manifestShape>;

/** A checked app package: the manifest with the bot id filled in, and every file that goes into the zip. */
export interface TeamsPackage {
  readonly manifest: Manifest;
  readonly files: Readonly<Record<string, Uint8Array>>;
  /** Everything wrong with it, as "file: problem" lines; empty when it can be uploaded. */
  readonly problems: readonly string[];
}

let schemaRoot: string | undefined;

/** Where @microsoft/app-manifest keeps the schemas it ships (so validation never goes online). */
function bundledSchemaPath(version: string, localization: boolean): string {
  schemaRoot ??= join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
  return join(schemaRoot, `v${version}`, localization ? 'MicrosoftTeams.Localization.schema.json' : 'MicrosoftTeams.schema.json');
}

/**
 * The bundled schema for a `$schema` URL, or why there is none. @microsoft/app-manifest would
 * fetch an unknown schema from the internet; here that is a clear error instead.
 */
async function schemaFor(url: string, localization: boolean): Promise<{ schema: unknown } | { problem: string }> {
  const match = SCHEMA_URL.exec(url);
  if (!match || Boolean(match[2]) !== localization) {
    return { problem: `$schema "${url}" är inte en känd Teams-schemaadress (https://developer.microsoft.com/json-schemas/teams/v1.xx/MicrosoftTeams${localization ? '.Localization' : ''}.schema.json)` };
  }
  const path = bundledSchemaPath(match[1]!, localization);
  if (!existsSync(path)) {
    return { problem: `schemat för manifestversion ${match[1]} finns inte i @microsoft/app-manifest (det finns t.ex. 1.17 och 1.19 eller senare, men inte 1.18); välj en version som finns så att kontrollen kan göras utan internet` };
  }
  // Some schema files contain \a and \v escapes that JSON does not allow (the library does the
  // same), and the localization schemas have patterns like "…\b]\.description$" whose lone "]"
  // ajv's Unicode regular expressions reject; escaping it means the same thing.
  const text = (await readFile(path, 'utf8'))
    .replace(/\\a/gu, '\\u0007')
    .replace(/\\v/gu, '\\u000b')
    .replaceAll('\\\\b]', '\\\\b\\\\]');
  return { schema: JSON.parse(text) as unknown };
}

async function validate(document: unknown, schema: unknown): Promise<string[]> {
  // The library's validator is ajv over the schema given; no schema argument would mean a download.
  return AppManifestUtils.validateAgainstSchema(document as never, schema as never);
}

/** A file named in the manifest must be a plain name inside the package, as Teams reads the zip's root. */
function packagePath(name: string): string | undefined {
  const clean = normalize(name);
  return isAbsolute(clean) || clean.startsWith('..') || clean.includes('/') || clean.includes('\\') ? undefined : clean;
}

function readJson(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/u, '')) as unknown;
}

function iconProblems(file: string, image: RgbaImage, size: number, outline: boolean): string[] {
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) problems.push(`${file}: ska vara ${size}x${size} pixlar, är ${image.width}x${image.height}`);
  if (!outline) return problems;
  let coloured = 0;
  let transparent = 0;
  for (let index = 0; index < image.pixels.length; index += 4) {
    const [red, green, blue, alpha] = [image.pixels[index]!, image.pixels[index + 1]!, image.pixels[index + 2]!, image.pixels[index + 3]!];
    if (alpha === 0) transparent += 1;
    else if (red !== 255 || green !== 255 || blue !== 255) coloured += 1;
  }
  if (coloured > 0) problems.push(`${file}: konturikonen får bara ha vita pixlar (och genomskinliga); ${coloured} pixlar har annan färg`);
  if (transparent === 0) problems.push(`${file}: konturikonen ska ha genomskinlig bakgrund`);
  return problems;
}

/** Every "a.b[0].c" key of a localization file must name something the manifest has. */
function pathExists(manifest: unknown, key: string): boolean {
  let node: unknown = manifest;
  for (const part of key.split(/\.|\[(\d+)\]/u).filter((segment) => segment !== undefined && segment !== '')) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== undefined;
}

/**
 * Reads manifest/teams, fills in the bot id and checks everything Teams checks on upload that can
 * be checked offline: the manifest and its translations against the JSON schemas bundled in
 * @microsoft/app-manifest, the icon sizes, a white-on-transparent outline icon, translations that
 * name real manifest fields, and no placeholder bot id left.
 */
export async function checkTeamsPackage(manifestDir: string, appId: string): Promise<TeamsPackage> {
  const problems: string[] = [];
  const files: Record<string, Uint8Array> = {};
  if (!GUID.test(appId)) problems.push(`MicrosoftAppId: "${appId}" är inte ett GUID (botens app-id från Azure eller Teams Developer Portal)`);
  else if (appId === PLACEHOLDER_BOT_ID) problems.push('MicrosoftAppId: nollornas GUID är platshållaren, inte ett riktigt app-id');

  let raw: unknown;
  try {
    raw = readJson(await readFile(join(manifestDir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new BotError('TEAMS_MANIFEST_UNREADABLE', `Kan inte läsa ${join(manifestDir, 'manifest.json')}: ${(error as Error).message}`, { cause: error });
  }
  const shape = manifestShape.safeParse(raw);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    return { manifest: raw as Manifest, files, problems: [...problems, `manifest.json: ${issue.path.join('.') || '(roten)'}: ${issue.message}`] };
  }
  const manifest: Manifest = { ...shape.data, bots: shape.data.bots.map((bot) => ({ ...bot, botId: appId })) };

  const schema = await schemaFor(manifest.$schema, false);
  if ('problem' in schema) problems.push(`manifest.json: ${schema.problem}`);
  else problems.push(...(await validate(manifest, schema.schema)).map((problem) => `manifest.json:${problem.startsWith(' ') ? '' : ' '}${problem}`));
  files['manifest.json'] = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');

  for (const [role, size] of [
    ['color', COLOR_ICON_SIZE],
    ['outline', OUTLINE_ICON_SIZE],
  ] as const) {
    const name = packagePath(manifest.icons[role]);
    if (!name) {
      problems.push(`manifest.json: icons.${role} "${manifest.icons[role]}" ska vara ett filnamn i samma mapp`);
      continue;
    }
    try {
      const bytes = await readFile(join(manifestDir, name));
      problems.push(...iconProblems(name, decodePng(bytes), size, role === 'outline'));
      files[name] = bytes;
    } catch (error) {
      problems.push(`${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'filen saknas' : (error as Error).message}`);
    }
  }

  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const name = packagePath(language.file);
    if (!name) {
      problems.push(`manifest.json: översättningen ${language.languageTag} "${language.file}" ska vara ett filnamn i samma mapp`);
      continue;
    }
    let translation: Record<string, unknown>;
    try {
      const bytes = await readFile(join(manifestDir, name));
      translation = readJson(bytes.toString('utf8')) as Record<string, unknown>;
      files[name] = bytes;
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    const localizationSchema = await schemaFor(String(translation.$schema ?? ''), true);
    if ('problem' in localizationSchema) problems.push(`${name}: ${localizationSchema.problem}`);
    else problems.push(...(await validate(translation, localizationSchema.schema)).map((problem) => `${name}:${problem.startsWith(' ') ? '' : ' '}${problem}`));
    for (const key of Object.keys(translation)) {
      if (key !== '$schema' && !pathExists(manifest, key)) problems.push(`${name}: "${key}" finns inte i manifest.json`);
    }
  }
  return { manifest, files, problems };
}

/**
 * Checks manifest/teams and writes the upload-ready zip (manifest, icons and translations at the
 * zip's root, as Teams wants them). Throws a BotError listing every problem instead of writing a
 * package Teams would refuse.
 */
export async function buildTeamsPackage(options: { manifestDir: string; outDir: string; appId: string }): Promise<{ path: string; manifest: Manifest }> {
  const checked = await checkTeamsPackage(options.manifestDir, options.appId);
  if (checked.problems.length > 0) {
    throw new BotError('TEAMS_PACKAGE_INVALID', ['Teams-paketet byggdes inte:', ...checked.problems.map((problem) => `  ${problem}`)].join('\n'));
  }
  const version = typeof checked.manifest.version === 'string' ? checked.manifest.version : '0.0.0';
  const zip = zipSync(Object.fromEntries(Object.entries(checked.files).map(([name, bytes]) => [basename(name), new Uint8Array(bytes)])), { level: 9 });
  await mkdir(options.outDir, { recursive: true });
  const path = join(options.outDir, `itkontakt-teams-${version}.zip`);
  await writeFile(path, zip);
  return { path, manifest: checked.manifest };
}
