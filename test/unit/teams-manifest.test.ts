import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  ACCENT,
  MANIFEST_DIR,
  PLACEHOLDER_BOT_ID,
  buildTeamsPackage,
  checkTeamsPackage,
  decodePng,
  drawColorIcon,
  drawOutlineIcon,
  encodePng,
  runBuildPackage,
} from '../../adapters/teams/manifest/index.js';

const APP_ID = '6b1d4f3e-2c1a-4e5b-9f7d-0a1b2c3d4e5f';
const ROOT = new URL('../..', import.meta.url);

async function manifestCopy(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'itkontakt-teams-manifest-'));
  await cp(MANIFEST_DIR, directory, { recursive: true, filter: (source) => !source.includes('/build') });
  return directory;
}

async function editJson(path: string, change: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  change(json);
  await writeFile(path, JSON.stringify(json, null, 2));
}

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString('utf8')), done()) }), text: () => chunks.join('') };
}

describe('Teams app package', () => {
  it('manifest/teams validates offline against its bundled schema, with the bot id filled in', async () => {
    const checked = await checkTeamsPackage(MANIFEST_DIR, APP_ID);
    expect(checked.problems).toEqual([]);
    const manifest = checked.manifest as Record<string, unknown> & { bots: Array<Record<string, unknown>> };
    expect(manifest.$schema).toMatch(/\/teams\/v1\.(?:17|19|2\d)\/MicrosoftTeams\.schema\.json$/u);
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] });
    const commands = (manifest.bots[0]!.commandLists as Array<{ commands: Array<{ title: string; description: string }> }>)[0]!.commands;
    expect(commands.map((command) => command.title)).toEqual(['hjälp', 'kommun', 'ärende', 'mina ärenden', 'registrera', 'personalkanal', 'driftinfo']);
    const english = JSON.parse(Buffer.from(checked.files['en.json']!).toString('utf8')) as Record<string, string>;
    expect(commands.map((_, index) => english[`bots[0].commandLists[0].commands[${index}].title`])).toEqual(['help', 'municipality', 'ticket', 'my tickets', 'register', 'staff channel', 'outages']);
    expect(Object.keys(checked.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
  });

  it('the committed manifest keeps the placeholder bot id; the placeholder is refused as an app id', async () => {
    const committed = JSON.parse(await readFile(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as { bots: Array<{ botId: string }> };
    expect(committed.bots[0]!.botId).toBe(PLACEHOLDER_BOT_ID);
    expect((await checkTeamsPackage(MANIFEST_DIR, PLACEHOLDER_BOT_ID)).problems).toEqual([expect.stringMatching(/^MicrosoftAppId: nollornas GUID/u)]);
    expect((await checkTeamsPackage(MANIFEST_DIR, 'my-bot')).problems).toEqual([
      expect.stringMatching(/^MicrosoftAppId: "my-bot" är inte ett GUID/u),
      expect.stringMatching(/^manifest\.json: \/bots\/0\/botId must match pattern/u),
    ]);
  });

  it('the icons are 192x192 in colour and 32x32 white on transparent, and match what the drawing code draws', async () => {
    const color = decodePng(await readFile(join(MANIFEST_DIR, 'color.png')));
    const outline = decodePng(await readFile(join(MANIFEST_DIR, 'outline.png')));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect([...color.pixels.subarray(0, 4)]).toEqual([...ACCENT, 255]);
    const outlinePixels = [...Array(32 * 32).keys()].map((index) => [...outline.pixels.subarray(index * 4, index * 4 + 4)]);
    expect(outlinePixels.every(([red, green, blue, alpha]) => alpha === 0 || (red === 255 && green === 255 && blue === 255))).toBe(true);
    expect(outlinePixels.filter(([, , , alpha]) => alpha! > 0).length).toBeGreaterThan(50);
    expect(outlinePixels[0]![3]).toBe(0);
    // Regenerating gives the committed files (node --import tsx adapters/teams/manifest/draw-icons.ts).
    expect(Buffer.compare(encodePng(drawColorIcon()), await readFile(join(MANIFEST_DIR, 'color.png')))).toBe(0);
    expect(Buffer.compare(encodePng(drawOutlineIcon()), await readFile(join(MANIFEST_DIR, 'outline.png')))).toBe(0);
  });

  it('finds what Teams would refuse: unknown schema version, schema errors, wrong icons, stray translations', async () => {
    const directory = await manifestCopy();
    await editJson(join(directory, 'manifest.json'), (manifest) => {
      manifest.$schema = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.18/MicrosoftTeams.schema.json';
    });
    expect((await checkTeamsPackage(directory, APP_ID)).problems).toEqual([expect.stringMatching(/^manifest\.json: schemat för manifestversion 1\.18 finns inte/u)]);

    await cp(join(MANIFEST_DIR, 'manifest.json'), join(directory, 'manifest.json'));
    await editJson(join(directory, 'manifest.json'), (manifest) => {
      delete (manifest.developer as Record<string, unknown>).privacyUrl;
      manifest.accentColor = 'blue';
    });
    await cp(join(MANIFEST_DIR, 'color.png'), join(directory, 'outline.png'));
    await editJson(join(directory, 'en.json'), (translation) => {
      translation['bots[0].commandLists[0].commands[7].title'] = 'ghost';
      translation['description.short'] = 'x'.repeat(81);
    });
    const problems = (await checkTeamsPackage(directory, APP_ID)).problems.join('\n');
    expect(problems).toMatch(/manifest\.json: \/developer must have required property 'privacyUrl'/u);
    expect(problems).toMatch(/manifest\.json: \/accentColor/u);
    expect(problems).toMatch(/outline\.png: ska vara 32x32 pixlar, är 192x192/u);
    expect(problems).toMatch(/outline\.png: konturikonen får bara ha vita pixlar/u);
    expect(problems).toMatch(/en\.json: "bots\[0\]\.commandLists\[0\]\.commands\[7\]\.title" finns inte i manifest\.json/u);
    expect(problems).toMatch(/en\.json: \/description\.short must NOT have more than 80 characters/u);
  });

  it('writes an upload-ready zip with everything at its root, which validates again', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'itkontakt-teams-zip-'));
    const built = await buildTeamsPackage({ manifestDir: MANIFEST_DIR, outDir, appId: APP_ID });
    expect(built.path).toBe(join(outDir, 'itkontakt-teams-1.1.0.zip'));
    const entries = unzipSync(new Uint8Array(await readFile(built.path)));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    expect((JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as { bots: Array<{ botId: string }> }).bots[0]!.botId).toBe(APP_ID);

    const unpacked = await mkdtemp(join(tmpdir(), 'itkontakt-teams-unzipped-'));
    for (const [name, bytes] of Object.entries(entries)) await writeFile(join(unpacked, name), bytes);
    expect((await checkTeamsPackage(unpacked, APP_ID)).problems).toEqual([]);
  });

  it('the script refuses to build without MicrosoftAppId, with a clear message and exit code 1', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'itkontakt-teams-script-'));
    const stdout = collect();
    const stderr = collect();
    expect(await runBuildPackage(['--out', outDir], {}, { stdout: stdout.stream, stderr: stderr.stream })).toBe(1);
    expect(stderr.text()).toMatch(/^MicrosoftAppId saknas\./u);
    expect(await readdir(outDir)).toEqual([]);

    expect(await runBuildPackage(['--out', outDir], { MicrosoftAppId: APP_ID }, { stdout: stdout.stream, stderr: stderr.stream })).toBe(0);
    expect(stdout.text()).toMatch(/Teams-paketet är klart: .*itkontakt-teams-1\.1\.0\.zip/u);
    expect(await readdir(outDir)).toEqual(['itkontakt-teams-1.1.0.zip']);
  });

  it('npm run manifest:teams runs the same script (exit 1 and the message when MicrosoftAppId is missing)', async () => {
    const env = { ...process.env };
    delete env.MicrosoftAppId;
    const outDir = await mkdtemp(join(tmpdir(), 'itkontakt-teams-npm-'));
    const result = await promisify(execFile)('npm', ['run', '--silent', 'manifest:teams', '--', '--out', outDir], { cwd: ROOT, env }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId saknas/u);
  });
});

describe('PNG reading', () => {
  it('decodes PNGs written with every filter type, as image editors write them', () => {
    const width = 5;
    const height = 5;
    const pixels = new Uint8Array(width * height * 4).map((_, index) => (index * 37 + (index >> 2) * 11) & 0xff);
    const stride = width * 4;
    const rows: number[] = [];
    const at = (x: number, y: number): number => (x < 0 || y < 0 ? 0 : pixels[y * stride + x]!);
    for (let y = 0; y < height; y += 1) {
      const filter = y % 5; // none, sub, up, average, paeth
      rows.push(filter);
      for (let x = 0; x < stride; x += 1) {
        const [left, up, upLeft] = [at(x - 4, y), at(x, y - 1), at(x - 4, y - 1)];
        const estimate = left + up - upLeft;
        const paeth = Math.abs(estimate - left) <= Math.abs(estimate - up) && Math.abs(estimate - left) <= Math.abs(estimate - upLeft) ? left : Math.abs(estimate - up) <= Math.abs(estimate - upLeft) ? up : upLeft;
        const predicted = [0, left, up, (left + up) >> 1, paeth][filter]!;
        rows.push((at(x, y) - predicted) & 0xff);
      }
    }
    const reference = encodePng({ width, height, pixels });
    // Swap the encoder's IDAT for the filtered one: same header, same pixels, other filters.
    const idatStart = reference.indexOf('IDAT') - 4;
    const header = reference.subarray(0, idatStart);
    const data = deflateSync(Buffer.from(rows));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const png = Buffer.concat([header, length, Buffer.from('IDAT'), data, Buffer.alloc(4), Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])]);
    expect([...decodePng(png).pixels]).toEqual([...pixels]);
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/not a PNG/u);
  });
});
