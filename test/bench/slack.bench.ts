/**
 * npm run bench:slack: a burst of Slack events, acknowledged at once and answered once each.
 *
 * The real server runs in a child process (`serve`, Slack over HTTP with the test signing secret,
 * against the fake Slack Web API); the fake runs in this process and records when each answer
 * arrives. 200 IT-contacts, each in a DM with the bot and with a municipality already chosen (as
 * after their first day with the bot), send one question each, all at the same moment: 200
 * concurrent signed `message.im` events, the questions varied (the question fixtures of every
 * municipality), so each is a real knowledge-base search and a real answer posted with
 * chat.postMessage.
 *
 * Measured per event: the acknowledgement (request sent until the whole 200 response is read) and
 * the answer (request sent until the fake records the chat.postMessage for that DM). An event is
 * answered when its DM received exactly one message; a second one would be a duplicate. Prints
 * progress lines and, as its last line, one JSON object:
 *   {"events", "answered", "ackP50Ms", "ackP99Ms", "answerP99Ms"}
 * Target: ackP99Ms ≤ 300 (Slack retries an event after 3 s without an acknowledgement) and every
 * event answered once. Only loopback connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

const EVENTS = 200;
/** Users who ask once before the burst, so the burst meets a server that has answered before. */
const WARMUP = 10;
const TARGET_ACK_P99_MS = 300;
/** How long the burst may take to be answered before the bench stops waiting. */
const ANSWER_TIMEOUT_MS = 60_000;
/** After the last answer: how long to keep listening for duplicates. */
const DUPLICATE_GRACE_MS = 1_000;

// ---------------------------------------------------------------------------------------------
// The server, in a child process of this script (`--role=server`).

async function serveItkontakt(): Promise<void> {
  const { loadConfig } = await import('../../src/config/index.js');
  const { createLogger } = await import('../../src/log/index.js');
  const { serve } = await import('../../src/main.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'itkontakt-bench-slack-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: process.env.BENCH_SLACK_SIGNING_SECRET,
    SLACK_BOT_TOKEN: process.env.BENCH_SLACK_BOT_TOKEN,
    SLACK_API_URL: process.env.BENCH_SLACK_API_URL,
  });
  const running = await serve(config, createLogger({ level: 'silent' }));
  process.send?.({ port: Number(new URL(running.server.url).port) });
  process.on('disconnect', () => {
    void running.stop().finally(() => rm(dataDir, { recursive: true, force: true }).finally(() => process.exit(0)));
  });
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['--role=server'], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, url: `http://127.0.0.1:${(message as { port: number }).port}` }));
    child.once('exit', (code) => reject(new Error(`the server exited with ${String(code)} before listening`)));
  });
}

// ---------------------------------------------------------------------------------------------
// The load.

interface Question {
  readonly question: string;
  readonly municipality: string;
}

async function questions(): Promise<Question[]> {
  const items: Question[] = [];
  for (const name of ['goteborg', 'norrtalje', 'orebro', 'uppsala', 'vellinge']) {
    const text = await readFile(new URL(`../fixtures/questions/${name}.json`, import.meta.url), 'utf8');
    items.push(...(JSON.parse(text) as { items: Question[] }).items.map(({ question, municipality }) => ({ question, municipality })));
  }
  return items;
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

const round = (milliseconds: number): number => Math.round(milliseconds * 10) / 10;

async function main(): Promise<void> {
  const { FAKE_SLACK, blockAction, eventEnvelope, slackSignature, startFakeSlackApi } = await import('../support/fake-slack-api.js');
  /** When the fake received each message, by the DM it went to (performance.now(), this process's clock). */
  const postedAt = new Map<string, number[]>();
  const fake = await startFakeSlackApi({
    onRecord: (record) => {
      if (record.kind !== 'call' || record.call.method !== 'chat.postMessage') return;
      const channel = String(record.call.args.channel);
      postedAt.set(channel, [...(postedAt.get(channel) ?? []), performance.now()]);
    },
  });
  const agent = new Agent({ connections: EVENTS * 2, keepAliveTimeout: 30_000 });
  let server: { child: ChildProcess; url: string } | undefined;

  /** POSTs a body to /slack/events signed as Slack signs it; resolves when the response has been read. */
  const post = async (body: string, contentType: string): Promise<number> => {
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await request(`${server!.url}/slack/events`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(FAKE_SLACK.signingSecret, timestamp, body) },
      body,
    });
    await response.body.dump();
    return response.statusCode;
  };
  const user = (index: number): string => `U0BENCH${String(index).padStart(4, '0')}`;
  const dm = (index: number): string => `D0BENCH${String(index).padStart(4, '0')}`;
  const ask = (index: number, question: string): Promise<number> =>
    post(JSON.stringify(eventEnvelope({ type: 'message', channel_type: 'im', channel: dm(index), user: user(index), text: question, ts: `1760000000.${String(index).padStart(6, '0')}` })), 'application/json');

  try {
    const items = await questions();
    const started = performance.now();
    server = await startServer({ BENCH_SLACK_SIGNING_SECRET: FAKE_SLACK.signingSecret, BENCH_SLACK_BOT_TOKEN: FAKE_SLACK.botToken, BENCH_SLACK_API_URL: fake.url });
    console.log(`server started in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Every user has chosen a municipality (the menu under a first answer), twenty at a time.
    const users = Array.from({ length: WARMUP + EVENTS }, (_, index) => items[(index * 7) % items.length]!);
    for (let first = 0; first < users.length; first += 20) {
      await Promise.all(
        users.slice(first, first + 20).map((item, offset) => {
          const index = first + offset;
          const choice = blockAction(
            { type: 'static_select', block_id: 'municipality:sv', action_id: 'choose-municipality', selected_option: { text: { type: 'plain_text', text: item.municipality }, value: item.municipality } },
            { userId: user(index), responseUrl: fake.responseUrl(`choose-${index}`), message: { channel: dm(index), ts: `1750000000.${String(index).padStart(6, '0')}`, blocks: [] } },
          );
          return post(new URLSearchParams({ payload: JSON.stringify(choice) }).toString(), 'application/x-www-form-urlencoded');
        }),
      );
    }
    await waitUntil(() => fake.responses.length >= users.length, ANSWER_TIMEOUT_MS);
    console.log(`${users.length} users have chosen their municipality`);
    postedAt.clear();

    for (let index = 0; index < WARMUP; index += 1) await ask(index, users[index]!.question);
    await waitUntil(() => Array.from({ length: WARMUP }, (_, index) => postedAt.has(dm(index))).every(Boolean), ANSWER_TIMEOUT_MS);
    console.log(`warm-up: ${WARMUP} questions answered one after the other`);

    // The burst: every event sent at once; each acknowledgement and answer timed from its send.
    postedAt.clear();
    const sentAt = new Map<string, number>();
    const burst = Array.from({ length: EVENTS }, (_, offset) => WARMUP + offset);
    const acks = await Promise.all(
      burst.map(async (index) => {
        const sent = performance.now();
        sentAt.set(dm(index), sent);
        const status = await ask(index, users[index]!.question);
        return { status, ms: performance.now() - sent };
      }),
    );
    const refused = acks.filter((ack) => ack.status !== 200).length;
    console.log(`burst: ${EVENTS} events sent at once, ${EVENTS - refused} acknowledged with 200${refused > 0 ? `, ${refused} NOT` : ''}`);
    const done = await waitUntil(() => burst.every((index) => postedAt.has(dm(index))), ANSWER_TIMEOUT_MS);
    if (!done) console.log(`stopped waiting after ${ANSWER_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));

    const counts = burst.map((index) => postedAt.get(dm(index))?.length ?? 0);
    const answered = counts.filter((count) => count === 1).length;
    const duplicated = counts.filter((count) => count > 1).length;
    const unanswered = counts.filter((count) => count === 0).length;
    const answerMs = burst.flatMap((index) => {
      const first = postedAt.get(dm(index))?.[0];
      return first === undefined ? [] : [first - sentAt.get(dm(index))!];
    });
    const ackMs = acks.filter((ack) => ack.status === 200).map((ack) => ack.ms);
    const ackP99Ms = percentile(ackMs, 0.99);
    console.log(`answers: ${answered} once, ${duplicated} more than once, ${unanswered} never; answer p50 ${round(percentile(answerMs, 0.5))} ms, last ${round(Math.max(...answerMs))} ms`);
    console.log(`acknowledgement: p50 ${round(percentile(ackMs, 0.5))} ms, p99 ${round(ackP99Ms)} ms, max ${round(Math.max(...ackMs))} ms`);
    const met = ackP99Ms <= TARGET_ACK_P99_MS && answered === EVENTS && refused === 0;
    console.log(`target ack p99 ≤ ${TARGET_ACK_P99_MS} ms with every event answered once: ${met ? 'met' : 'NOT met'}`);
    console.log(JSON.stringify({ events: EVENTS, answered, ackP50Ms: round(percentile(ackMs, 0.5)), ackP99Ms: round(ackP99Ms), answerP99Ms: round(percentile(answerMs, 0.99)) }));
  } finally {
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.disconnect();
      const timer = setTimeout(() => server!.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await agent.close();
    await fake.close();
  }
}

/** Polls `check` until it holds or `timeoutMs` passes; resolves with whether it held. */
async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

// Last, so that every constant above is initialised before either role runs.
if (process.argv.includes('--role=server')) {
  await serveItkontakt();
} else {
  await main();
}
