import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `itkontakt <args>` as a real process, as a user would. */
export function runBin(args: readonly string[], options: { env?: Record<string, string>; input?: string; cwd?: string; nodeOptions?: readonly string[] } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), BIN, ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Starts `itkontakt serve` as a process and waits for its "listening" log line. */
export function startBin(env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*itkontakt is listening/u.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}

/**
 * Runs `itkontakt <args>` inside the test process (the same code as the real command, without the
 * cost of a new process), capturing its output.
 */
export async function runCliInProcess(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const { PassThrough } = await import('node:stream');
  const { createRuntime } = await import('../../src/main.js');
  const { runCli } = await import('../../src/cli/index.js');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await runCli(args, createRuntime({ LOG_LEVEL: 'silent', ...env }, { stdin: new PassThrough(), stdout, stderr }));
  return { code, stdout: out, stderr: err };
}

/**
 * Runs `itkontakt <args>` as a real process and lists the modules it imported (their URLs), as
 * test/support/module-trace.mjs records them.
 */
export async function modulesLoadedBy(args: readonly string[], env: Record<string, string> = {}): Promise<{ result: CliResult; modules: string[] }> {
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const directory = await mkdtemp(join(tmpdir(), 'itkontakt-trace-'));
  const traceFile = join(directory, 'modules.txt');
  try {
    const result = await runBin(args, { env: { MODULE_TRACE_FILE: traceFile, ...env }, nodeOptions: ['--import', fileURLToPath(new URL('./module-trace.mjs', import.meta.url))] });
    const modules = [...new Set((await readFile(traceFile, 'utf8')).split('\n').filter((line) => line !== ''))];
    return { result, modules };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Adds an administrator to the data directory in `env` and returns `env` with ITKONTAKT_OPERATOR
 * naming them, as an administrator would set up the command line: tickets filed there name a person.
 */
export async function withOperator(env: Record<string, string>, name = 'Ada Admin'): Promise<Record<string, string> & { ITKONTAKT_OPERATOR: string }> {
  const added = await runCliInProcess(['staff', 'add', '--admin', '--name', name, '--email', 'ada.admin@kommun.se', '--json'], env);
  const { staff } = JSON.parse(added.stdout) as { staff: { id: string } };
  return { ...env, ITKONTAKT_OPERATOR: staff.id };
}
