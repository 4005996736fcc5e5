import { describe, expect, it } from 'vitest';
import { temporaryDataDir } from '../support/data-dir.js';
import { modulesLoadedBy } from '../support/cli.js';

/** The packages a process loaded, from the URLs of its modules. */
function packagesOf(modules: readonly string[]): Set<string> {
  return new Set(modules.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//u.exec(url)?.[1] ?? []));
}

/** The project's own modules it loaded, as src/<module> or adapters/<module>. */
function ownModulesOf(modules: readonly string[]): Set<string> {
  return new Set(modules.flatMap((url) => (url.includes('/node_modules/') ? [] : (/\/((?:src|adapters)\/[^/.]+)\//u.exec(url)?.[1] ?? []))));
}

const SERVER_ONLY = ['express', 'nodemailer', 'imapflow', 'mailparser', 'botbuilder', '@microsoft/teams-ai', '@slack/bolt', 'lowdb'];

describe('each command loads only what it uses', () => {
  it('ask loads neither the server, the store, email nor a chat platform', { timeout: 60_000 }, async () => {
    for (const format of [[], ['--json']]) {
      const { result, modules } = await modulesLoadedBy(['ask', 'Vilka krav gäller för lösenord?', '--municipality', 'goteborg', ...format]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/lösenord/iu);
      const packages = packagesOf(modules);
      expect(SERVER_ONLY.filter((name) => packages.has(name))).toEqual([]);
      const own = ownModulesOf(modules);
      expect(['src/server', 'src/store', 'adapters/teams', 'adapters/slack'].filter((name) => own.has(name))).toEqual([]);
      expect(own.has('src/knowledge')).toBe(true);
    }
    // With --json it does not even load the bot: only the knowledge base answers.
    const json = await modulesLoadedBy(['ask', 'Vilka krav gäller för lösenord?', '--json']);
    expect(ownModulesOf(json.modules).has('src/bot')).toBe(false);
  });

  it('a command that opens the store loads it (what the trace sees is what runs)', async () => {
    const { result, modules } = await modulesLoadedBy(['tickets', 'list', '--json'], { DATA_DIR: await temporaryDataDir() });
    expect(result.code).toBe(0);
    expect(packagesOf(modules).has('lowdb')).toBe(true);
    expect(ownModulesOf(modules).has('src/store')).toBe(true);
    expect(packagesOf(modules).has('express')).toBe(false);
  });

  it('a command that can send email loads nodemailer, not the ticket mailbox’s IMAP client and parser', async () => {
    const { result, modules } = await modulesLoadedBy(['tickets', 'list', '--json'], { DATA_DIR: await temporaryDataDir(), SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(result.code).toBe(0);
    const packages = packagesOf(modules);
    expect(packages.has('nodemailer')).toBe(true);
    expect(['imapflow', 'mailparser'].filter((name) => packages.has(name))).toEqual([]);
  });

  it('help still lists the commands of every group', async () => {
    const { result, modules } = await modulesLoadedBy(['--help']);
    for (const command of ['itkontakt ask', 'itkontakt contacts import', 'itkontakt tickets file', 'itkontakt notices publish']) expect(result.stdout).toContain(command);
    expect(packagesOf(modules).has('express')).toBe(false);
  });
});
