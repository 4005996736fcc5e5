import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { BotError } from '../errors/index.js';
import { formatStockholm } from '../time/index.js';

/** The file in DATA_DIR that names the server using the directory. */
export const SERVER_LOCK_FILE_NAME = 'itkontakt.server.lock';

// A holder on another host cannot be asked whether it is alive; it proves it by touching the file.
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_STALE_MS = 30_000;

const holderSchema = z.object({ pid: z.number().int().positive(), hostname: z.string(), startedAt: z.string().datetime() });
type Holder = z.infer<typeof holderSchema>;

/** Lock files this process holds: a second server in the same process is refused too. */
const heldHere = new Set<string>();

/** Whether a process with this id runs on this host. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<{ holder: Holder | undefined; mtimeMs: number } | undefined> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, { mtimeMs }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const holder = holderSchema.safeParse(parsed);
  return { holder: holder.success ? holder.data : undefined, mtimeMs };
}

/**
 * Whether the server named in the lock still runs. On this host the process table says so at once,
 * so a server killed with kill -9 does not block its restart. The lock's pid being this process's
 * own, while this process does not hold it, means it was left by an earlier life under the same pid
 * (a container's pid 1). On another host (a shared directory) only the heartbeat can tell.
 */
function stillHeld(path: string, holder: Holder, mtimeMs: number, now: number): boolean {
  if (holder.hostname !== hostname()) return now - mtimeMs < HEARTBEAT_STALE_MS;
  if (holder.pid === process.pid) return heldHere.has(path);
  return processExists(holder.pid);
}

function inUse(dataDir: string, path: string, holder: Holder | undefined): BotError {
  const who = holder ? `process ${holder.pid} på ${holder.hostname}, startad ${formatStockholm(new Date(holder.startedAt))}` : `låsfilen ${path} går inte att läsa`;
  return new BotError(
    'STORE_IN_USE',
    [
      `Datakatalogen ${dataDir} används redan av en annan itkontakt-server: ${who}.`,
      'Stoppa den först: den inbäddade lagringen tar en server åt gången (CLI-kommandona går bra bredvid den).',
      'Flera servrar på samma data kräver PostgreSQL (DATABASE_URL, se README: PostgreSQL).',
      holder ? `Är process ${holder.pid} inte itkontakt, ta bort ${path} och starta igen.` : `Kör ingen annan server på katalogen, ta bort ${path} och starta igen.`,
    ].join('\n'),
  );
}

/**
 * The embedded store's hold on its directory for a server's life. Slack and Teams retries are
 * deduplicated per process, so two servers behind one URL on the same data would answer a retried
 * event twice: the second is refused. CLI commands do not take it and run beside the server.
 */
export class ServerLock {
  private constructor(
    private readonly path: string,
    private readonly heartbeat: NodeJS.Timeout,
  ) {}

  /** Takes the directory for this process, or throws STORE_IN_USE naming the server that has it. */
  static async acquire(dataDir: string): Promise<ServerLock> {
    const path = join(dataDir, SERVER_LOCK_FILE_NAME);
    // Looking at the lock and taking it is one step: of two servers starting at once over a lock
    // left behind, only one may take it. The guard is held for milliseconds only.
    const releaseGuard = await lockfile.lock(path, { realpath: false, lockfilePath: `${path}.guard`, stale: 5_000, retries: { retries: 100, minTimeout: 5, maxTimeout: 100 } });
    try {
      const found = await readHolder(path);
      if (found && (!found.holder || stillHeld(path, found.holder, found.mtimeMs, Date.now()))) throw inUse(dataDir, path, found.holder);
      const holder: Holder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
      // Written whole and renamed into place: a crash mid-write never leaves a lock nobody can read.
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, `${JSON.stringify(holder)}\n`);
        await rename(temporary, path);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
      heldHere.add(path);
    } finally {
      await releaseGuard();
    }
    const heartbeat = setInterval(() => {
      const now = new Date();
      utimes(path, now, now).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    return new ServerLock(path, heartbeat);
  }

  /** Gives the directory up (on a clean stop). */
  async release(): Promise<void> {
    clearInterval(this.heartbeat);
    if (!heldHere.delete(this.path)) return;
    const found = await readHolder(this.path);
    // Only our own lock: never one another server took over after ours went stale.
    if (found?.holder?.pid === process.pid && found.holder.hostname === hostname()) await unlink(this.path).catch(() => undefined);
  }
}
