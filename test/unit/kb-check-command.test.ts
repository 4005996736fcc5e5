import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { temporaryDataDir } from '../support/server.js';

describe('itkontakt kb check lists what to confirm before go-live', () => {
  it('after OK, grouped by kind with file and line, and still exits 0', async () => {
    const result = await runCliInProcess(['kb', 'check'], { DATA_DIR: await temporaryDataDir() });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^Kunskapsbasen är OK: /u);
    const section = (heading: RegExp): string => out.slice(out.search(heading)).split('\n\n')[0]!;
    expect(section(/^Antaganden /mu)).toMatch(/\n {2}knowledge\/norrtalje\.yaml:\d+: ticketTypes\[\d+\]\.route\.assumption: nor-ticket-access-order: vägen står inte i källan/u);
    expect(section(/^Utan mottagare /mu)).toMatch(/\n {2}knowledge\/goteborg\.yaml:\d+: ticketTypes\[\d+\]\.route: gbg-ticket-access-order: /u);
    expect(section(/^Beställs på annat ställe /mu).match(/vel-ticket-/gu)).toHaveLength(4);
  });

  it('gives the same as notes in --json', async () => {
    const result = await runCliInProcess(['kb', 'check', '--json'], { DATA_DIR: await temporaryDataDir() });
    const output = JSON.parse(result.stdout) as { ok: boolean; notes: Array<{ kind: string; municipality: string; subject: string; line: number }> };
    expect(output.ok).toBe(true);
    expect(output.notes).toContainEqual(expect.objectContaining({ kind: 'no-destination', municipality: 'goteborg', subject: 'gbg-ticket-access-order', line: expect.any(Number) }));
    expect(output.notes.filter((note) => note.kind === 'assumption').map((note) => note.municipality).sort()).toEqual(['goteborg', 'norrtalje', 'uppsala']);
  });
});
