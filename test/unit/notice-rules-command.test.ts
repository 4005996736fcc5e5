import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { editFile, knowledgeCopy } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

describe('itkontakt notices rules', () => {
  it('shows each rule in force as the document’s, with its source, or the bot’s default', async () => {
    const result = await runCliInProcess(['notices', 'rules', '--municipality', 'goteborg'], { DATA_DIR: await temporaryDataDir() });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('Regler i kraft för Göteborgs Stad:');
    const after = (rule: string): string => lines[lines.indexOf(rule) + 1]!.trim();
    expect(after('  • Meddelas minst 10 dagar före start.')).toBe('Källa: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Planerade driftstopp');
    expect(after('  • Påminnelse 24 och 1 timmar före start.')).toBe('Botens standard, inte kommunens regel');
    expect(after('  • Går till IT-kontaktpersonerna via sms och e-post.')).toBe('Källa: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Driftstörningar');
  });

  it('says, for a municipality whose document has no rules, that every rule is the default; as JSON too', async () => {
    const text = await runCliInProcess(['notices', 'rules', '--municipality', 'uppsala'], { DATA_DIR: await temporaryDataDir() });
    expect(text.stdout).toContain('  • Inget krav på varsel: kan meddelas när som helst före start.\n    Botens standard, inte kommunens regel');
    expect(text.stdout).toContain('Driftstörningar\n  • Går till IT-kontaktpersonerna via chatt och e-post (inte sms).\n    Botens standard, inte kommunens regel');
    expect(text.stdout).not.toContain('Källa:');
    const json = await runCliInProcess(['notices', 'rules', '--municipality', 'uppsala', '--json'], { DATA_DIR: await temporaryDataDir() });
    expect(JSON.parse(json.stdout)).toEqual({
      municipality: 'uppsala',
      planned: {
        minimumNoticeDays: { value: 0, from: 'default' },
        preferredWindows: { value: [], from: 'default' },
        channels: { value: ['chat', 'email'], from: 'default' },
        remindersHoursBefore: { value: [24, 1], from: 'default' },
      },
      disruption: { channels: { value: ['chat', 'email'], from: 'default' } },
    });
  });

  it('follows the defaults file: a changed default shows where no document decides', async () => {
    const directory = await knowledgeCopy();
    await editFile(directory, 'defaults.yaml', /minimumNoticeDays: 0/u, 'minimumNoticeDays: 5');
    const env = { DATA_DIR: await temporaryDataDir(), KNOWLEDGE_DIR: directory };
    expect((await runCliInProcess(['notices', 'rules', '--municipality', 'vellinge'], env)).stdout).toContain('  • Meddelas minst 5 dagar före start.\n    Botens standard, inte kommunens regel');
    // Göteborg's document decides its notice period; the default does not reach it.
    expect((await runCliInProcess(['notices', 'rules', '--municipality', 'goteborg'], env)).stdout).toContain('  • Meddelas minst 10 dagar före start.\n    Källa: ');
  });

  it('needs the municipality', async () => {
    const result = await runCliInProcess(['notices', 'rules'], { DATA_DIR: await temporaryDataDir() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Ange kommun med --municipality <id>: .*goteborg/u);
  });
});
