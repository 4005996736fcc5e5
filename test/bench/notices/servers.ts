// The `serve` children of the bench: started, asked for their CPU, told to publish, stopped.
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER_CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export interface ServerChild {
  /** "instance 0", "instance 1", … (a restarted one keeps its name). */
  readonly name: string;
  readonly child: ChildProcess;
  /** Seconds from fork to listening. */
  readonly startedIn: number;
  /** The CPU it had used by then (loading the code, opening the store): part of every reading below. */
  readonly startupCpuMs: number;
  /** Its CPU (process.cpuUsage, user + system) at its last reading: just before the kill, or at the end. */
  cpuMs: number | undefined;
}

/** Forks a server (server-child.ts) with this environment, its output appended to `logPath`; resolves once it listens. */
export function startServer(name: string, env: Record<string, string>, logPath: string, profileDir: string | undefined): Promise<ServerChild> {
  const started = performance.now();
  const log = openSync(logPath, 'a');
  const execArgv = [...process.execArgv, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(SERVER_CHILD, [], { env, execArgv, stdio: ['ignore', log, log, 'ipc'] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ name, child, startedIn: (performance.now() - started) / 1000, startupCpuMs: (message as { cpuMs: number }).cpuMs, cpuMs: undefined }));
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before listening; see ${logPath}`)));
  });
}

/** The child's CPU so far in ms (its own process.cpuUsage()), or undefined when it does not answer within `timeoutMs`. */
export function cpuOf(child: ChildProcess, timeoutMs = 2_000): Promise<number | undefined> {
  if (child.exitCode !== null || !child.connected) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('message', listener);
      resolve(undefined);
    }, timeoutMs);
    const listener = (message: unknown): void => {
      if (typeof (message as { cpuMs?: unknown }).cpuMs === 'number') {
        clearTimeout(timer);
        child.off('message', listener);
        resolve((message as { cpuMs: number }).cpuMs);
      }
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

export async function stopServer(server: ServerChild): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export type PublishResult = { readonly id: string; readonly publishedAt: string; readonly queued: number } | { readonly id: string; readonly error: string };

/**
 * Publishes the notices through a NoticeService on a store of its own in the server's process: the
 * server learns of the write as it would of `itkontakt notices publish` (another writer of the
 * file: at once, by watching it; on PostgreSQL every server at its next poll, within a second), and
 * both notices go at the same moment, so every channel starts together (two CLI runs would start a
 * second or more apart, each compiling the CLI first).
 */
export function publish(child: ChildProcess, ids: readonly string[]): Promise<Array<{ id: string; publishedAt: string; queued: number }>> {
  return new Promise((resolve, reject) => {
    const listener = (message: unknown): void => {
      const results = (message as { published?: PublishResult[] }).published;
      if (!results) return;
      child.off('message', listener);
      const failed = results.find((result) => 'error' in result);
      if (failed && 'error' in failed) reject(new Error(`publishing ${failed.id} failed: ${failed.error}`));
      else resolve(results as Array<{ id: string; publishedAt: string; queued: number }>);
    };
    child.on('message', listener);
    child.send({ publish: ids });
  });
}
