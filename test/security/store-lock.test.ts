import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBotError } from '../../src/errors/index.js';
import { LowdbStore, SERVER_LOCK_FILE_NAME } from '../../src/store/index.js';
import { BIN, PROJECT_ROOT, runBin, startBin } from '../support/cli.js';
import { startTestServer, temporaryDataDir } from '../support/server.js';

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/**
 * Runs `itkontakt serve` expecting it to stop by itself; one that starts listening instead is
 * stopped and reported, so a regression fails the test instead of hanging it.
 */
async function serveExpectingRefusal(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (/itkontakt is listening/u.test(stdout)) child.kill('SIGKILL');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** The message (and code) LowdbStore.open refuses with, or undefined when it opened. */
async function refusal(dataDir: string): Promise<{ code: string; message: string } | undefined> {
  try {
    const store = await LowdbStore.open(dataDir, { exclusive: true });
    await store.close();
    return undefined;
  } catch (error) {
    if (isBotError(error)) return { code: error.code, message: error.message };
    throw error;
  }
}

describe('one server per data directory', () => {
  it('a second serve on the same DATA_DIR stops, naming the first; the CLI works beside it; a kill -9 does not block the restart', { timeout: 120_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const env = { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    const first = await startBin(env);
    let restarted: Awaited<ReturnType<typeof startBin>> | undefined;
    try {
      const second = await serveExpectingRefusal(env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`Datakatalogen ${dataDir} används redan av en annan itkontakt-server: process ${first.child.pid} på ${hostname()}, startad `);
      expect(second.stderr).toMatch(/Flera servrar på samma data kräver PostgreSQL \(DATABASE_URL/u);
      expect(second.stdout).not.toMatch(/itkontakt is listening/u);
      // The first one did not notice.
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

      // Administration commands keep working beside the running server.
      const added = await runBin(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', 'anna@omsorg.se', '--phone', '070-123 45 67'], { env: { DATA_DIR: dataDir } });
      expect(added.code).toBe(0);
      expect(JSON.parse((await runBin(['contacts', 'list', '--json'], { env: { DATA_DIR: dataDir } })).stdout)).toMatchObject([{ name: 'Anna Andersson' }]);

      // Killed without a chance to clean up: the lock stays behind, naming a process that is gone.
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');
      const left = JSON.parse(await readFile(join(dataDir, SERVER_LOCK_FILE_NAME), 'utf8')) as { pid: number };
      expect(left.pid).toBe(first.child.pid);
      // The restart right after starts on its first try.
      restarted = await startBin(env);
      expect((await fetch(`${restarted.url}/healthz`)).status).toBe(200);
      expect(JSON.parse(await readFile(join(dataDir, SERVER_LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: restarted.child.pid });

      // A clean stop releases the directory.
      restarted.child.kill('SIGTERM');
      expect((await once(restarted.child, 'exit'))[0]).toBe(0);
      restarted = undefined;
      expect(await exists(join(dataDir, SERVER_LOCK_FILE_NAME))).toBe(false);
    } finally {
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      restarted?.child.kill('SIGKILL');
    }
  });

  it('refuses a second server in the same process too, and frees the directory when the first stops', { timeout: 60_000 }, async () => {
    const dataDir = await temporaryDataDir();
    const server = await startTestServer({}, dataDir);
    try {
      await expect(startTestServer({}, dataDir)).rejects.toMatchObject({ code: 'STORE_IN_USE', message: expect.stringContaining(`process ${process.pid}`) });
    } finally {
      await server.stop();
    }
    const again = await startTestServer({}, dataDir);
    await again.stop();
  });

  it('lets exactly one of two servers starting at once over a stale lock have the directory', async () => {
    const dataDir = await temporaryDataDir();
    await writeFile(join(dataDir, SERVER_LOCK_FILE_NAME), JSON.stringify({ pid: 2 ** 22 + 1, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const results = await Promise.allSettled([LowdbStore.open(dataDir, { exclusive: true }), LowdbStore.open(dataDir, { exclusive: true })]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    for (const result of results) if (result.status === 'fulfilled') await result.value.close();
  });

  it('takes over a lock that names this very process id but is not held here (a container restarted as pid 1)', async () => {
    const dataDir = await temporaryDataDir();
    await writeFile(join(dataDir, SERVER_LOCK_FILE_NAME), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await refusal(dataDir)).toBeUndefined();
  });

  it('counts a lock from another host as held while it is refreshed, and as left behind after 30 seconds without', async () => {
    const dataDir = await temporaryDataDir();
    const path = join(dataDir, SERVER_LOCK_FILE_NAME);
    await writeFile(path, JSON.stringify({ pid: 1, hostname: 'annan-server', startedAt: '2026-01-01T00:00:00.000Z' }));
    expect(await refusal(dataDir)).toMatchObject({ code: 'STORE_IN_USE', message: expect.stringContaining('process 1 på annan-server') });
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(path, longAgo, longAgo);
    expect(await refusal(dataDir)).toBeUndefined();
  });

  it('leaves a lock it does not recognise alone, and says what to do', async () => {
    const dataDir = await temporaryDataDir();
    await writeFile(join(dataDir, SERVER_LOCK_FILE_NAME), 'inte json');
    expect(await refusal(dataDir)).toMatchObject({ code: 'STORE_IN_USE', message: expect.stringContaining(`ta bort ${join(dataDir, SERVER_LOCK_FILE_NAME)}`) });
  });
});
