import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/contacts/index.js';
import { isBotError } from '../../src/errors/index.js';
import { CURRENT_SCHEMA_VERSION, LowdbStore, STORE_FILE_NAME } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/server.js';

const actor = (userId: string): Actor => ({ platform: 'teams', userId, tenantId: 'tenant-1' });

async function openError(dataDir: string): Promise<{ code: string; message: string }> {
  try {
    await LowdbStore.open(dataDir);
  } catch (error) {
    if (isBotError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the store to refuse the file');
}

describe('the lowdb store', () => {
  it('creates a versioned file and keeps what is written across a reopen', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    expect(JSON.parse(await readFile(join(dataDir, STORE_FILE_NAME), 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    await store.preferences.set(actor('anna'), { municipality: 'goteborg', askedForMunicipalityAt: null, updatedAt: '2026-11-25T10:00:00+01:00' });
    const reopened = await LowdbStore.open(dataDir);
    expect((await reopened.preferences.get(actor('anna')))?.municipality).toBe('goteborg');
    expect(await reopened.preferences.get({ ...actor('anna'), tenantId: 'other-tenant' })).toBeUndefined();
  });

  it('loses no update when many requests write at once', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        index % 2 === 0
          ? store.preferences.set(actor(`user-${index}`), { municipality: 'uppsala', askedForMunicipalityAt: null, updatedAt: 'x' })
          : store.feedback.add({ kind: 'vote', at: 'x', platform: 'slack', helpful: true, question: `q${index}`, municipality: null, answerId: null }),
      ),
    );
    const reopened = await LowdbStore.open(dataDir);
    expect(Object.keys(reopened.read().preferences)).toHaveLength(100);
    expect(await reopened.feedback.list()).toHaveLength(100);
  });

  it('writes changes that arrive together in one go, each settling with its own result or error', async () => {
    const dataDir = await temporaryDataDir();
    const store = await LowdbStore.open(dataDir);
    const failure = new Error('refused');
    const outcomes = await Promise.allSettled([
      store.update((data) => {
        data.settings.staffChannels.goteborg = 'teams:a';
        return 'first';
      }),
      store.update(() => {
        throw failure;
      }),
      store.update((data) => {
        data.settings.staffChannels.orebro = 'teams:b';
        return 'third';
      }),
    ]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'first' },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'third' },
    ]);
    const reopened = await LowdbStore.open(dataDir);
    expect(reopened.read().settings.staffChannels).toMatchObject({ goteborg: 'teams:a', orebro: 'teams:b' });
  });

  it('migrates a file from an older version, keeping its data', async () => {
    const dataDir = await temporaryDataDir();
    const path = join(dataDir, STORE_FILE_NAME);
    const preferences = { 'teams:tenant-1:anna': { municipality: 'orebro', askedForMunicipalityAt: null, updatedAt: 'x' } };
    await writeFile(path, JSON.stringify({ schemaVersion: 1, preferences, feedback: [], destinations: {} }));
    const store = await LowdbStore.open(dataDir);
    expect((await store.preferences.get(actor('anna')))?.municipality).toBe('orebro');
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, preferences, contacts: {}, audit: [] });
  });

  it('sees and keeps changes another process made to the same file', async () => {
    const dataDir = await temporaryDataDir();
    const server = await LowdbStore.open(dataDir);
    const cli = await LowdbStore.open(dataDir);
    await cli.preferences.set(actor('from-cli'), { municipality: 'vellinge', askedForMunicipalityAt: null, updatedAt: 'x' });
    expect((await server.preferences.get(actor('from-cli')))?.municipality).toBe('vellinge');
    await server.preferences.set(actor('from-server'), { municipality: 'uppsala', askedForMunicipalityAt: null, updatedAt: 'x' });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, index) => cli.feedback.add({ kind: 'vote', at: 'x', platform: 'console', helpful: true, question: `cli ${index}`, municipality: null, answerId: null })),
      ...Array.from({ length: 20 }, (_, index) => server.feedback.add({ kind: 'vote', at: 'x', platform: 'teams', helpful: true, question: `server ${index}`, municipality: null, answerId: null })),
    ]);
    const fresh = await LowdbStore.open(dataDir);
    expect(Object.keys(fresh.read().preferences).sort()).toEqual(['teams:tenant-1:from-cli', 'teams:tenant-1:from-server']);
    expect(await fresh.feedback.list()).toHaveLength(40);
  });

  it('tells a watcher when another process wrote the file, and not for its own writes', async () => {
    const dataDir = await temporaryDataDir();
    const server = await LowdbStore.open(dataDir);
    const cli = await LowdbStore.open(dataDir);
    let calls = 0;
    const stop = server.onWrittenElsewhere(() => (calls += 1));
    try {
      await server.preferences.set(actor('own'), { municipality: 'uppsala', askedForMunicipalityAt: null, updatedAt: 'x' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(0);
      await cli.preferences.set(actor('other'), { municipality: 'vellinge', askedForMunicipalityAt: null, updatedAt: 'x' });
      await expect.poll(() => calls, { timeout: 2_000 }).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });

  it('refuses a corrupt file and leaves it untouched', async () => {
    const dataDir = await temporaryDataDir();
    const path = join(dataDir, STORE_FILE_NAME);
    await writeFile(path, '{"schemaVersion": 1, "preferences": {');
    const error = await openError(dataDir);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toMatch(/inte giltig JSON/u);
    expect(await readFile(path, 'utf8')).toBe('{"schemaVersion": 1, "preferences": {');
  });

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const dataDir = await temporaryDataDir();
    const path = join(dataDir, STORE_FILE_NAME);
    const newer = JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, somethingNew: [] });
    await writeFile(path, newer);
    const error = await openError(dataDir);
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(await readFile(path, 'utf8')).toBe(newer);
  });

  it('refuses a file with the wrong shape, naming where', async () => {
    const dataDir = await temporaryDataDir();
    await writeFile(join(dataDir, STORE_FILE_NAME), JSON.stringify({ schemaVersion: 1, preferences: {}, feedback: 'nope', destinations: {} }));
    const error = await openError(dataDir);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toMatch(/feedback/u);
  });

  it('never leaves a truncated or mixed file when the process is killed during a burst of writes', async () => {
    const dataDir = await temporaryDataDir();
    const writer = fileURLToPath(new URL('../support/store-writer.ts', import.meta.url));
    for (let round = 0; round < 3; round += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 100));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const store = await LowdbStore.open(dataDir);
      const entries = await store.feedback.list();
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.question.startsWith('fråga '))).toBe(true);
    }
  });
});
