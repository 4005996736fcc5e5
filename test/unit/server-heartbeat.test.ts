import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SERVER_BEAT_STALE_MS } from '../../src/outbound/index.js';
import { FileServerPresence } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/data-dir.js';

const NOW = new Date('2026-12-06T08:00:00.000Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('the server heartbeat file', () => {
  it('tells a live server from none: fresh beats count, stale ones and cleared ones do not', async () => {
    const presence = new FileServerPresence(await temporaryDataDir());
    expect(await presence.current(NOW)).toBeUndefined();
    await presence.beat(NOW);
    expect(await presence.current(later(SERVER_BEAT_STALE_MS))).toEqual({ pid: process.pid, hostname: hostname(), at: NOW.toISOString() });
    expect(await presence.current(later(SERVER_BEAT_STALE_MS + 1))).toBeUndefined();
    await presence.beat(later(SERVER_BEAT_STALE_MS + 1));
    expect(await presence.current(later(SERVER_BEAT_STALE_MS + 2))).toMatchObject({ pid: process.pid });
    await presence.clear();
    expect(await presence.current(later(SERVER_BEAT_STALE_MS + 2))).toBeUndefined();
  });

  it('knows a server on this host gone at once (kill -9), trusts the beat of one on another host, and ignores a file it cannot read', async () => {
    const presence = new FileServerPresence(await temporaryDataDir());
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(presence.path, JSON.stringify({ pid: gone, hostname: hostname(), at: NOW.toISOString() }));
    expect(await presence.current(NOW)).toBeUndefined();
    await writeFile(presence.path, JSON.stringify({ pid: gone, hostname: 'another-host', at: NOW.toISOString() }));
    expect(await presence.current(NOW)).toMatchObject({ hostname: 'another-host' });
    // Not ours to clear: a server elsewhere still beats in it.
    await presence.clear();
    expect(JSON.parse(await readFile(presence.path, 'utf8'))).toMatchObject({ hostname: 'another-host' });
    for (const garbage of ['', '{', '{"pid":"1","hostname":"x","at":"nu"}']) {
      await writeFile(presence.path, garbage);
      expect(await presence.current(NOW)).toBeUndefined();
    }
  });
});
