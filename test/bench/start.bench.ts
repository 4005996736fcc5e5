/**
 * npm run bench:start [-- --runs 5]: how fast the commands start.
 *
 * Three figures, each the median of several runs (5 by default), measured as a person meets them:
 * - askMs: the wall time of `itkontakt ask "…"` as its own process, until it exits;
 * - serveMs: from `npm start` (with a free loopback port and a fresh DATA_DIR each run) until
 *   GET /healthz answers 200;
 * - serveRssMB: the resident memory of that server process once /healthz has answered and it has
 *   been idle for half a second.
 * Each is measured for the compiled code (what `npm start` and `npx itkontakt` run) and, as the
 * baseline, for the sources run through tsx (ITKONTAKT_FROM_SOURCE=1, compiled on every start), in
 * the same run, one after the other, so both meet the same load on the machine. One warm-up run of
 * each comes first and is not counted: it compiles the build and fills the knowledge cache if
 * either is missing, as the first command after `npm ci` would.
 * The last line is one JSON object:
 *   {"runs","askMs","serveMs","serveRssMB","tsx":{"askMs","serveMs","serveRssMB"},"ratio":{"askMs","serveMs"},"loadAvg"}
 * (ratio: tsx's time over the compiled one's; loadAvg: the machine's one-minute load average at the
 * end, since other work on a shared machine slows every start). Targets: askMs ≤ 500, serveMs ≤ 1000.
 * Only loopback connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../support/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
const QUESTION = ['ask', 'Vilka krav gäller för lösenord?', '--municipality', 'goteborg'];
const HEALTH_TIMEOUT_MS = 60_000;

type Mode = 'compiled' | 'tsx';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));

function environment(mode: Mode, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: 'warn', ...(mode === 'tsx' ? { ITKONTAKT_FROM_SOURCE: '1' } : {}), ...extra };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `itkontakt ask` as its own process: milliseconds from spawn to exit. */
function timeAsk(mode: Mode): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...QUESTION], { cwd: ROOT, env: environment(mode), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - started;
      if (code !== 0 || !/Källa:/u.test(output)) reject(new Error(`ask (${mode}) exited with ${code}: ${output}`));
      else resolve(elapsed);
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The process ids below `pid` (npm → sh → node), from /proc. */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The resident memory of the server's node process (below npm), in MB. */
function serverRssMB(npm: ChildProcess): number {
  for (const pid of descendants(npm.pid!)) {
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // The node process itself, not the shell that npm started it with.
    const [program, ...args] = command.split('\0');
    if (!program || !/(?:^|\/)node$/u.test(program) || !args.some((arg) => arg.endsWith('bin.js')) || !args.includes('serve')) continue;
    const kb = /VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  }
  throw new Error('the server process was not found below npm');
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** `npm start` until /healthz answers; then its memory; then it is stopped. */
async function timeServe(mode: Mode): Promise<{ ms: number; rssMB: number }> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'itkontakt-bench-start-'));
  const started = performance.now();
  // Its own process group, so that stopping it stops npm, its shell and the server together.
  const npm = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: environment(mode, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let errors = '';
  npm.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  let exited = false;
  npm.on('exit', () => (exited = true));
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (!(await healthy(url))) {
      if (exited) throw new Error(`npm start (${mode}) exited before /healthz answered: ${errors}`);
      if (performance.now() - started > HEALTH_TIMEOUT_MS) throw new Error(`npm start (${mode}): no /healthz within ${HEALTH_TIMEOUT_MS} ms`);
      await sleep(5);
    }
    const ms = performance.now() - started;
    await sleep(500);
    return { ms, rssMB: serverRssMB(npm) };
  } finally {
    if (!exited) {
      const stopped = new Promise((resolve) => npm.once('exit', resolve));
      process.kill(-npm.pid!, 'SIGTERM');
      await stopped;
    }
    // The server has let go of its data directory once its process group is gone.
    await sleep(100);
    await rm(dataDir, { recursive: true, force: true });
  }
}

const MODES: readonly Mode[] = ['compiled', 'tsx'];
const results: Record<Mode, { ask: number[]; serve: number[]; rss: number[] }> = { compiled: { ask: [], serve: [], rss: [] }, tsx: { ask: [], serve: [], rss: [] } };

for (const mode of MODES) {
  await timeAsk(mode);
  await timeServe(mode);
}
for (let run = 1; run <= RUNS; run += 1) {
  for (const mode of MODES) {
    results[mode].ask.push(await timeAsk(mode));
    const serve = await timeServe(mode);
    results[mode].serve.push(serve.ms);
    results[mode].rss.push(serve.rssMB);
  }
  const line = MODES.map((mode) => `${mode}: ask ${Math.round(results[mode].ask.at(-1)!)} ms, serve ${Math.round(results[mode].serve.at(-1)!)} ms, ${Math.round(results[mode].rss.at(-1)!)} MB`).join('; ');
  process.stderr.write(`run ${run}/${RUNS}: ${line}\n`);
}

const figures = (mode: Mode) => ({ askMs: Math.round(median(results[mode].ask)), serveMs: Math.round(median(results[mode].serve)), serveRssMB: Math.round(median(results[mode].rss)) });
const compiled = figures('compiled');
const tsx = figures('tsx');
const ratio = (a: number, b: number): number => Math.round((a / b) * 10) / 10;
console.log(JSON.stringify({ runs: RUNS, ...compiled, tsx, ratio: { askMs: ratio(tsx.askMs, compiled.askMs), serveMs: ratio(tsx.serveMs, compiled.serveMs) }, loadAvg: Math.round(loadavg()[0]! * 10) / 10 }));
