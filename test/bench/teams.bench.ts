/**
 * npm run bench:teams: throughput of POST /api/messages over loopback HTTP. Runs, one after the
 * other, a bare botbuilder echo bot and the real itkontakt server (each in its own process, local
 * mode), and drives each with the same concurrent stream of Teams message activities for a fixed
 * time; both reply to a local fake Bot Connector in this process. itkontakt does what it does in
 * Teams: typing indicator, knowledge-base search, an Adaptive Card with sources. Prints as its last
 * line one JSON object:
 *   {"rps", "echoRps", "ratio", "p99Ms"}
 * Target: ratio ≥ 0.8 (itkontakt within 80 % of an echo bot's throughput). The two bots are
 * measured in alternating windows, so other load on the machine affects both alike; the CPU time
 * per request of each bot's process is printed too. About 10–15 s in all, most of it starting the
 * two processes. Only loopback connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { sourceQuestions } from '../support/knowledge.js';

type Question = Awaited<ReturnType<typeof sourceQuestions>>[number];

const CONCURRENCY = 16;
const WARMUP_MS = 500;
/** Measured time per bot, split into ROUNDS windows that alternate between the two bots. */
const MEASURE_MS = 2_400;
const ROUNDS = 4;
const TARGET_RATIO = 0.8;

// ---------------------------------------------------------------------------------------------
// The two bots, each started in a child process of this script (`--role bot|echo`).

async function serveItkontakt(): Promise<number> {
  const { loadConfig } = await import('../../src/config/index.js');
  const { createLogger } = await import('../../src/log/index.js');
  const { serve } = await import('../../src/server/index.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'itkontakt-bench-teams-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', TEAMS_LOCAL: '1' });
  const running = await serve(config, createLogger({ level: 'silent' }));
  return Number(new URL(running.server.url).port);
}

async function serveEcho(): Promise<number> {
  const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = await import('botbuilder');
  const { default: express } = await import('express');
  // No credentials: the Emulator-style local mode, like itkontakt's in this benchmark.
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post('/api/messages', express.json(), async (request_, response) => {
    await adapter.process(request_, response, async (context) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    });
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

const role = process.argv.find((argument) => argument.startsWith('--role='))?.slice('--role='.length);
if (role) {
  const port = role === 'echo' ? await serveEcho() : await serveItkontakt();
  process.send?.({ port });
  // The parent asks for the CPU time used so far, to report CPU per request next to throughput
  // (a number that other load on the machine does not skew).
  process.on('message', (message) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send?.({ cpuMs: (usage.user + usage.system) / 1000 });
    }
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const listener = (message: unknown): void => {
      if (typeof (message as { cpuMs?: unknown }).cpuMs === 'number') {
        child.off('message', listener);
        resolve((message as { cpuMs: number }).cpuMs);
      }
    };
    child.on('message', listener);
    child.send('cpu');
  });
}

function startChild(childRole: 'bot' | 'echo'): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), [`--role=${childRole}`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}` }));
    child.once('exit', (code) => reject(new Error(`${childRole} exited with ${String(code)} before listening`)));
  });
}

// ---------------------------------------------------------------------------------------------
// The fake Bot Connector: counts what the bots send and answers like the connector. (The test
// suite's fake also validates every card; here that would measure the validator.)

async function startCountingConnector(): Promise<{ serviceUrl: string; counts: Map<string, number>; close(): void }> {
  const counts = new Map<string, number>();
  const server = createServer((request_, response) => {
    const chunks: Buffer[] = [];
    request_.on('data', (chunk: Buffer) => chunks.push(chunk));
    request_.on('end', () => {
      let type = 'unparsable';
      try {
        type = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string }).type ?? 'untyped';
      } catch {
        // counted as unparsable
      }
      counts.set(type, (counts.get(type) ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"id":"bench-${counts.get(type)}"}`);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, counts, close: () => server.close() };
}

// ---------------------------------------------------------------------------------------------
// The load.


function activity(serviceUrl: string, worker: number, sequence: number, fields: Record<string, unknown>): string {
  return JSON.stringify({
    id: `bench-${worker}-${sequence}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-user-${worker}`, aadObjectId: `00000000-0000-0000-0000-${String(worker).padStart(12, '0')}`, name: `Bench ${worker}` },
    recipient: { id: '28:bench-bot', name: 'itkontakt' },
    conversation: { id: `a:bench-${worker}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
    locale: 'sv-SE',
    ...fields,
  });
}

interface Window {
  readonly completed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly latencies: number[];
  /** CPU milliseconds the bot's process spent in the window. */
  readonly cpuMs: number;
}

interface Target {
  readonly child: ChildProcess;
  readonly url: string;
  readonly users: ReadonlyArray<{ readonly municipality: string; readonly mine: readonly Question[] }>;
  sequence: number;
}

function post(agent: Agent, url: string, body: string): Promise<number> {
  return request(`${url}/api/messages`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body }).then(async (response) => {
    await response.body.dump();
    return response.statusCode;
  });
}

/** CONCURRENCY users, each of whom has chosen a municipality, as after their first day with the bot. */
async function prepare(bot: { child: ChildProcess; url: string }, serviceUrl: string, items: readonly Question[], agent: Agent): Promise<Target> {
  const users = Array.from({ length: CONCURRENCY }, (_, worker) => {
    const municipality = items[(worker * 7) % items.length]!.municipality;
    return { municipality, mine: items.filter((item) => item.municipality === municipality) };
  });
  await Promise.all(
    users.map(({ municipality }, worker) => post(agent, bot.url, activity(serviceUrl, worker, 0, { type: 'message', value: { verb: 'choose-municipality', municipality, lang: 'sv' } }))),
  );
  return { ...bot, users, sequence: 1 };
}

/** The users ask their questions back to back for `ms` milliseconds. */
async function window(target: Target, serviceUrl: string, agent: Agent, ms: number): Promise<Window> {
  let stop = false;
  let completed = 0;
  let failed = 0;
  const latencies: number[] = [];
  const cpuBefore = await cpuOf(target.child);
  const started = performance.now();
  const worker = async (index: number): Promise<void> => {
    const { mine } = target.users[index]!;
    while (!stop) {
      target.sequence += 1;
      const item = mine[target.sequence % mine.length]!;
      const sent = performance.now();
      const status = await post(agent, target.url, activity(serviceUrl, index, target.sequence, { type: 'message', text: item.question, textFormat: 'plain' }));
      if (status === 200) {
        completed += 1;
        latencies.push(performance.now() - sent);
      } else failed += 1;
    }
  };
  const running = Array.from({ length: CONCURRENCY }, (_, index) => worker(index));
  await new Promise((resolve) => setTimeout(resolve, ms));
  stop = true;
  await Promise.all(running);
  const seconds = (performance.now() - started) / 1000;
  return { completed, failed, seconds, latencies, cpuMs: (await cpuOf(target.child)) - cpuBefore };
}

function total(windows: readonly Window[]): Window {
  return windows.reduce((sum, next) => ({
    completed: sum.completed + next.completed,
    failed: sum.failed + next.failed,
    seconds: sum.seconds + next.seconds,
    latencies: [...sum.latencies, ...next.latencies],
    cpuMs: sum.cpuMs + next.cpuMs,
  }));
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const items = await sourceQuestions();
  const connector = await startCountingConnector();
  const agent = new Agent({ connections: CONCURRENCY * 2, keepAliveTimeout: 30_000 });
  const children: ChildProcess[] = [];
  try {
    const startedAt = performance.now();
    const [echoBot, itkontakt] = await Promise.all([startChild('echo'), startChild('bot')]);
    const startupSeconds = (performance.now() - startedAt) / 1000;
    children.push(echoBot.child, itkontakt.child);
    const echo = await prepare(echoBot, connector.serviceUrl, items, agent);
    const bot = await prepare(itkontakt, connector.serviceUrl, items, agent);
    await window(echo, connector.serviceUrl, agent, WARMUP_MS);
    await window(bot, connector.serviceUrl, agent, WARMUP_MS);
    connector.counts.clear();
    // Alternating windows, so that whatever else the machine does affects both bots alike.
    const echoWindows: Window[] = [];
    const botWindows: Window[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      echoWindows.push(await window(echo, connector.serviceUrl, agent, MEASURE_MS / ROUNDS));
      botWindows.push(await window(bot, connector.serviceUrl, agent, MEASURE_MS / ROUNDS));
    }
    const echoPhase = total(echoWindows);
    const botPhase = total(botWindows);

    const rps = botPhase.completed / botPhase.seconds;
    const echoRps = echoPhase.completed / echoPhase.seconds;
    const ratio = rps / echoRps;
    const p99Ms = percentile(botPhase.latencies, 0.99);
    const cpu = (phase: Window): string => `${(phase.cpuMs / Math.max(1, phase.completed)).toFixed(2)} CPU ms/request`;
    const counts = [...connector.counts].map(([type, count]) => `${type} ${count}`).join(', ');
    console.log(`echo bot:  ${echoPhase.completed} in ${echoPhase.seconds.toFixed(1)} s, ${echoPhase.failed} failed, ${cpu(echoPhase)}, p50 ${percentile(echoPhase.latencies, 0.5).toFixed(1)} ms`);
    console.log(`itkontakt: ${botPhase.completed} in ${botPhase.seconds.toFixed(1)} s, ${botPhase.failed} failed, ${cpu(botPhase)}, p50 ${percentile(botPhase.latencies, 0.5).toFixed(1)} ms`);
    console.log(`the fake Bot Connector received: ${counts}`);
    console.log(`started in ${startupSeconds.toFixed(1)} s; ${CONCURRENCY} concurrent users, ${ROUNDS} alternating windows each; target ratio ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}`);
    console.log(JSON.stringify({ rps: Math.round(rps), echoRps: Math.round(echoRps), ratio: Math.round(ratio * 100) / 100, p99Ms: Math.round(p99Ms * 10) / 10 }));
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    connector.close();
    await agent.close();
  }
}
