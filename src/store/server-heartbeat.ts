import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { SERVER_BEAT_STALE_MS, type ServerBeat, type ServerPresence } from '../outbound/index.js';
import { processExists } from './server-lock.js';

/** The file in DATA_DIR where the running server says it is alive. */
export const HEARTBEAT_FILE_NAME = 'itkontakt.heartbeat.json';

const beatSchema = z.object({ pid: z.number().int().positive(), hostname: z.string().min(1), at: z.string().datetime({ offset: true }) });

/**
 * The embedded store's heartbeat: a small JSON file beside the store, rewritten whole every few
 * seconds by the server (pid, host, time) and read by commands. It is apart from the server lock,
 * which answers another question (may a second server start?) and is only touched every 10 s.
 */
export class FileServerPresence implements ServerPresence {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, HEARTBEAT_FILE_NAME);
  }

  async beat(now: Date): Promise<void> {
    const beat: ServerBeat = { pid: process.pid, hostname: hostname(), at: now.toISOString() };
    // Written whole and renamed into place: a reader never sees half a beat.
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(beat)}\n`);
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async current(now: Date): Promise<ServerBeat | undefined> {
    const beat = await this.read();
    if (!beat) return undefined;
    const age = now.getTime() - Date.parse(beat.at);
    if (age > SERVER_BEAT_STALE_MS) return undefined;
    // On this host a server killed with kill -9 is known gone at once; elsewhere only the beat tells.
    if (beat.hostname === hostname() && !processExists(beat.pid)) return undefined;
    return beat;
  }

  async clear(): Promise<void> {
    const beat = await this.read();
    // Only our own: never the beat of a server that started after this one.
    if (beat?.pid === process.pid && beat.hostname === hostname()) await unlink(this.path).catch(() => undefined);
  }

  private async read(): Promise<ServerBeat | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const parsed = beatSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
