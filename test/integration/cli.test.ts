import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runBin, startBin } from '../support/cli.js';
import { editFile, knowledgeCopy, questionFixture } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

describe('npx itkontakt', () => {
  it('--help lists every command', async () => {
    const result = await runBin(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'ask', 'chat', 'kb check', 'help']) expect(result.stdout).toContain(`itkontakt ${command}`);
  });

  it('rejects an unknown command with a hint and exit code 2', async () => {
    const result = await runBin(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Okänt kommando "frobnicate".*--help/u);
  });

  it('a group of commands answers --help with its commands, and flags are explained in Swedish', async () => {
    const help = await runBin(['notices', '--help']);
    expect(help.code).toBe(0);
    for (const command of ['create', 'publish', 'update', 'cancel', 'resolve', 'list', 'show', 'report']) expect(help.stdout).toContain(`itkontakt notices ${command}`);
    const unknown = await runBin(['notices', 'list', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Okänd flagga --bogus\.\nAnvändning: itkontakt notices list/u);
    const missing = await runBin(['notices', 'list', '--municipality']);
    expect(missing.stderr).toMatch(/^--municipality behöver ett värde\./u);
    // Asked for JSON: the usage error comes as JSON too.
    const asJson = await runBin(['notices', 'create', '--municipality', 'goteborg', '--kind', 'sometimes', '--json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, errors: [{ field: 'usage', message: expect.stringMatching(/^--kind ska vara planned/u) }] });
  });

  it('ask --json prints exactly one JSON object with the contract fields', async () => {
    const result = await runBin(['ask', 'Vilken e-postadress har Intraservice support?', '--municipality', 'goteborg', '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['answer', 'found', 'language', 'municipality', 'sources']);
    expect(answer).toMatchObject({ found: true, municipality: 'goteborg', language: 'sv' });
    expect(answer.answer).toMatch(/support\.intraservice@intraservice\.goteborg\.se/u);
    expect((answer.sources as Array<Record<string, string>>)[0]).toMatchObject({ municipality: 'goteborg', file: '004_e3550580cd7c5777.txt' });
  });

  it('ask --json answers the out-of-scope development question with found: false', async () => {
    const item = (await questionFixture('dev-questions.json')).find((candidate) => !candidate.found)!;
    const result = await runBin(['ask', item.question, '--municipality', item.municipality, '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ found: false, sources: [], municipality: item.municipality });
  });

  it('ask explains a bad flag value', async () => {
    const result = await runBin(['ask', 'Vad gäller?', '--municipality', 'atlantis']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Okänd kommun "atlantis".*goteborg/u);
    const language = await runBin(['ask', 'Vad gäller?', '--lang', 'de']);
    expect(language.stderr).toMatch(/--lang ska vara sv eller en/u);
  });

  it('kb check passes on the bundled knowledge base', async () => {
    const result = await runBin(['kb', 'check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Kunskapsbasen är OK: \d+ poster i 5 kommuner/u);
  });

  it('kb check fails with file and line on a broken knowledge base', async () => {
    const directory = await knowledgeCopy();
    await editFile(directory, 'goteborg.yaml', /antivirusprogram samt brandvägg/u, 'antivirusprogram med brandvägg');
    const result = await runBin(['kb', 'check'], { env: { KNOWLEDGE_DIR: directory } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/goteborg\.yaml:\d+: requirements\[\d+\]\.source\.quote: citatet finns inte ordagrant/u);
  });

  it('names a bad environment variable', async () => {
    const result = await runBin(['kb', 'check'], { env: { PORT: 'hög' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT: ska vara ett heltal/u);
  });

  it('chat answers in the terminal, remembers the municipality and takes feedback', async () => {
    const dataDir = await temporaryDataDir();
    const result = await runBin(['chat'], { env: { DATA_DIR: dataDir }, input: 'kommun Göteborg\nVilket telefonnummer har supporten?\nja\navsluta\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Det här kan jag/u);
    expect(result.stdout).toMatch(/Göteborgs Stad/u);
    expect(result.stdout).toMatch(/031-368 68 00/u);
    expect(result.stdout).toMatch(/Källa: Göteborgs Stad/u);
    expect(result.stdout).toMatch(/Tack! Bra att svaret hjälpte/u);
    const again = await runBin(['chat'], { env: { DATA_DIR: dataDir }, input: 'hjälp\n' });
    expect(again.stdout).toMatch(/Din kommun: Göteborgs Stad/u);
  });
});

describe('npx itkontakt serve', () => {
  it('serves /healthz, logs that it is local-only, and stops cleanly on SIGTERM', async () => {
    const dataDir = await temporaryDataDir();
    const { child, url, output } = await startBin({ PORT: '0', DATA_DIR: dataDir });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { status: string; knowledge: { records: number; municipalities: number }; store: { kind: string; path: string } };
    expect(health.status).toBe('ok');
    expect(health.knowledge.municipalities).toBe(5);
    expect(health.knowledge.records).toBeGreaterThan(100);
    expect(health.store).toEqual({ kind: 'lowdb', path: `${dataDir}/itkontakt.json` });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/u);
    expect(output()).toMatch(/local mode, listening on loopback only/u);
    const notFound = await fetch(`${url}/nowhere`);
    expect(notFound.status).toBe(404);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toMatch(/"msg":"stopped"/u);
  });

  it('exits with a clear message when the port is taken', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await runBin(['serve'], { env: { PORT: String(port), DATA_DIR: await temporaryDataDir() } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`Porten ${port} på 127\\.0\\.0\\.1 används redan`, 'u'));
    } finally {
      blocker.close();
    }
  });

  it('refuses to start on an invalid knowledge base, saying what to fix', async () => {
    const directory = await knowledgeCopy();
    await editFile(directory, 'orebro.yaml', /responsible: provider/u, 'responsible: nobody');
    const result = await runBin(['serve'], { env: { PORT: '0', KNOWLEDGE_DIR: directory, DATA_DIR: await temporaryDataDir() } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Kunskapsbasen i .* har \d+ fel:\n\s+.*orebro\.yaml:\d+: requirements\[\d+\]\.responsible/u);
  });
});
