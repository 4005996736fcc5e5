/**
 * npm run bench:slack: a burst of Slack events, acknowledged at once and answered once each.
 *
 * Three processes, so that none times another's work: the real server (`serve`, Slack over HTTP
 * with the test signing secret), the fake Slack Web API (test/support/fake-slack-api.ts, which
 * records when each answer arrives), and this one, which only sends and times. 210 IT-contacts,
 * each in a DM with the bot and with a municipality already chosen (as after their first day with
 * the bot); 10 ask one question each to warm the server up, then the other 200 ask theirs at the
 * same moment: 200 concurrent signed `message.im` events, the questions varied (the question
 * fixtures of every municipality), so each is a real knowledge-base search and a real answer
 * posted with chat.postMessage.
 *
 * Measured per event: the acknowledgement (request sent until its 200 has been read) and the
 * answer (request sent until the fake received the chat.postMessage for that DM; wall-clock times
 * of two processes on one machine). An event is answered when its DM received exactly one message;
 * a second one would be a duplicate. Prints progress lines and, as its last line, one JSON object:
 *   {"events", "answered", "ackP50Ms", "ackP99Ms", "answerP99Ms"}
 * Target: ackP99Ms ≤ 300 (Slack retries an event after 3 s without an acknowledgement) with every
 * event answered once. Only loopback connections.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { sourceQuestions } from '../support/knowledge.js';

const EVENTS = 200;
/** Users who ask once, one after the other, before the burst. */
const WARMUP = 10;
const TARGET_ACK_P99_MS = 300;
/** How long the burst may take to be answered before the bench stops waiting. */
const ANSWER_TIMEOUT_MS = 60_000;
/** After the last answer: how long to keep listening for duplicates. */
const DUPLICATE_GRACE_MS = 1_000;

/** Milliseconds since the epoch, to a fraction: comparable between processes on one machine. */
const wallClock = (): number => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// The two child processes of this script: `--role=server` and `--role=fake`.

interface FakeReport {
  /** When each chat.postMessage arrived (wallClock), by the channel it was posted to. */
  readonly posts: Record<string, number[]>;
  readonly responses: number;
}

async function serveItkontakt(): Promise<void> {
  const { loadConfig } = await import('../../src/config/index.js');
  const { createLogger } = await import('../../src/log/index.js');
  const { serve } = await import('../../src/server/index.js');
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
  process.send?.({ url: running.server.url });
  process.on('disconnect', () => {
    void running.stop().finally(() => rm(dataDir, { recursive: true, force: true }).finally(() => process.exit(0)));
  });
}

async function serveFake(): Promise<void> {
  const { startFakeSlackApi } = await import('../support/fake-slack-api.js');
  const posts: Record<string, number[]> = {};
  const fake = await startFakeSlackApi({
    onRecord: (record) => {
      if (record.kind === 'call' && record.call.method === 'chat.postMessage') (posts[String(record.call.args.channel)] ??= []).push(wallClock());
    },
  });
  process.send?.({ url: fake.url, responseBase: fake.responseUrl('') });
  process.on('message', (message) => {
    if (message === 'report') process.send?.({ report: { posts, responses: fake.responses.length } satisfies FakeReport });
    if (message === 'forget') for (const channel of Object.keys(posts)) delete posts[channel];
  });
  process.on('disconnect', () => void fake.close().finally(() => process.exit(0)));
}

function startChild<T>(role: 'server' | 'fake', env: Record<string, string> = {}): Promise<{ child: ChildProcess; hello: T }> {
  const child = fork(fileURLToPath(import.meta.url), [`--role=${role}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (hello) => resolve({ child, hello: hello as T }));
    child.once('exit', (code) => reject(new Error(`the ${role} exited with ${String(code)} before listening`)));
  });
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function reportOf(fake: ChildProcess): Promise<FakeReport> {
  return new Promise((resolve) => {
    const listener = (message: unknown): void => {
      const report = (message as { report?: FakeReport }).report;
      if (!report) return;
      fake.off('message', listener);
      resolve(report);
    };
    fake.on('message', listener);
    fake.send('report');
  });
}

// ---------------------------------------------------------------------------------------------
// The load.


function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

const round = (milliseconds: number): number => Math.round(milliseconds * 10) / 10;

/** Polls `check` until it holds or `timeoutMs` passes; resolves with whether it held. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function main(): Promise<void> {
  const { FAKE_SLACK, blockAction, eventEnvelope, slackSignature } = await import('../support/fake-slack-api.js');
  const agent = new Agent({ connections: EVENTS * 2, keepAliveTimeout: 30_000 });
  let fake: ChildProcess | undefined;
  let server: ChildProcess | undefined;
  try {
    const items = await sourceQuestions();
    const started = performance.now();
    const fakeStarted = await startChild<{ url: string; responseBase: string }>('fake');
    fake = fakeStarted.child;
    const serverStarted = await startChild<{ url: string }>('server', {
      BENCH_SLACK_SIGNING_SECRET: FAKE_SLACK.signingSecret,
      BENCH_SLACK_BOT_TOKEN: FAKE_SLACK.botToken,
      BENCH_SLACK_API_URL: fakeStarted.hello.url,
    });
    server = serverStarted.child;
    const endpoint = `${serverStarted.hello.url}/slack/events`;
    console.log(`server and fake Slack started in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    /** A request to /slack/events, signed now as Slack signs it: built before it is timed. */
    const signed = (body: string, contentType: string): { body: string; headers: Record<string, string> } => {
      const timestamp = Math.floor(Date.now() / 1000);
      return { body, headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(FAKE_SLACK.signingSecret, timestamp, body) } };
    };
    const send = async (prepared: { body: string; headers: Record<string, string> }): Promise<number> => {
      const response = await request(endpoint, { method: 'POST', dispatcher: agent, ...prepared });
      await response.body.dump();
      return response.statusCode;
    };
    const user = (index: number): string => `U0BENCH${String(index).padStart(4, '0')}`;
    const dm = (index: number): string => `D0BENCH${String(index).padStart(4, '0')}`;
    const question = (index: number, text: string) =>
      signed(JSON.stringify(eventEnvelope({ type: 'message', channel_type: 'im', channel: dm(index), user: user(index), text, ts: `1760000000.${String(index).padStart(6, '0')}` })), 'application/json');

    // Every user has chosen a municipality (the menu under a first answer), twenty at a time.
    const users = Array.from({ length: WARMUP + EVENTS }, (_, index) => items[(index * 7) % items.length]!);
    for (let first = 0; first < users.length; first += 20) {
      await Promise.all(
        users.slice(first, first + 20).map((item, offset) => {
          const index = first + offset;
          const choice = blockAction(
            { type: 'static_select', block_id: 'municipality:sv', action_id: 'choose-municipality', selected_option: { text: { type: 'plain_text', text: item.municipality }, value: item.municipality } },
            { userId: user(index), responseUrl: `${fakeStarted.hello.responseBase}choose-${index}`, message: { channel: dm(index), ts: `1750000000.${String(index).padStart(6, '0')}`, blocks: [] } },
          );
          return send(signed(new URLSearchParams({ payload: JSON.stringify(choice) }).toString(), 'application/x-www-form-urlencoded'));
        }),
      );
    }
    await waitUntil(async () => (await reportOf(fake!)).responses >= users.length, ANSWER_TIMEOUT_MS);
    console.log(`${users.length} users have chosen their municipality`);

    fake.send('forget');
    for (let index = 0; index < WARMUP; index += 1) await send(question(index, users[index]!.question));
    await waitUntil(async () => Object.keys((await reportOf(fake!)).posts).length >= WARMUP, ANSWER_TIMEOUT_MS);
    console.log(`warm-up: ${WARMUP} questions answered one after the other`);

    // The burst: every event signed beforehand, then all sent at once, each timed from its send.
    fake.send('forget');
    const burst = Array.from({ length: EVENTS }, (_, offset) => WARMUP + offset);
    const prepared = burst.map((index) => question(index, users[index]!.question));
    const sentAt = new Map<string, number>();
    const acks = await Promise.all(
      burst.map(async (index, position) => {
        const sent = wallClock();
        sentAt.set(dm(index), sent);
        const status = await send(prepared[position]!);
        return { status, ms: wallClock() - sent };
      }),
    );
    const refused = acks.filter((ack) => ack.status !== 200).length;
    console.log(`burst: ${EVENTS} events sent at once, ${EVENTS - refused} acknowledged with 200${refused > 0 ? `, ${refused} NOT` : ''}`);
    const done = await waitUntil(async () => {
      const { posts } = await reportOf(fake!);
      return burst.every((index) => posts[dm(index)] !== undefined);
    }, ANSWER_TIMEOUT_MS);
    if (!done) console.log(`stopped waiting after ${ANSWER_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));

    const { posts } = await reportOf(fake);
    const counts = burst.map((index) => posts[dm(index)]?.length ?? 0);
    const answered = counts.filter((count) => count === 1).length;
    const duplicated = counts.filter((count) => count > 1).length;
    const unanswered = counts.filter((count) => count === 0).length;
    const answerMs = burst.flatMap((index) => {
      const first = posts[dm(index)]?.[0];
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
    await stopChild(server);
    await stopChild(fake);
    await agent.close();
  }
}

// Last, so that every constant above is initialised before any role runs.
const role = process.argv.find((argument) => argument.startsWith('--role='))?.slice('--role='.length);
if (role === 'server') await serveItkontakt();
else if (role === 'fake') await serveFake();
else await main();
