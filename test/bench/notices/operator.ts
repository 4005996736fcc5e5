// What an operator does with the `itkontakt` CLI during the bench: create the notices, read the reports.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../src/cli/bin.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs `itkontakt <args>` as its own process, as an operator would; resolves with its stdout. `env`: DATA_DIR, and DATABASE_URL for PostgreSQL. */
export function itkontakt(args: readonly string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`itkontakt ${args.slice(0, 2).join(' ')} exited with ${code}: ${stderr || stdout}`))));
    child.stdin.end();
  });
}

/** The first Sunday at least `days` days from now, 08:00–12:00 Stockholm time (Göteborg's preferred window). */
export async function sundayWindow(days: number): Promise<{ start: string; end: string }> {
  const { stockholmDate } = await import('../../../src/time/index.js');
  const DAY = 86_400_000;
  let day = new Date(Date.now() + days * DAY);
  while (new Date(`${stockholmDate(day)}T12:00:00Z`).getUTCDay() !== 0) day = new Date(day.getTime() + DAY);
  const date = stockholmDate(day);
  return { start: `${date} 08:00`, end: `${date} 12:00` };
}

export interface NoticeReportJson {
  readonly total: number;
  readonly complete: boolean;
  readonly channels: ReadonlyArray<{ channel: string; sent: number; pending: number; failed: number }>;
  readonly failures: ReadonlyArray<{ channel: string; reason: string }>;
}

export async function reports(ids: readonly string[], env: Record<string, string>): Promise<NoticeReportJson[]> {
  return Promise.all(ids.map(async (id) => (JSON.parse(await itkontakt(['notices', 'report', id, '--json'], env)) as { report: NoticeReportJson }).report));
}
