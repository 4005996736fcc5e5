/**
 * npm run bench:notices [-- --crash] [-- --profile]: the notice outbox under a real fan-out.
 *
 * 10 000 deliveries of two Göteborg notices published together: a planned outage (chat + email, by
 * Göteborg's rules) and a disruption (SMS + email). 2 500 IT-contacts, each with an email address
 * and a mobile number; 1 500 reach the bot in a Teams personal chat (a personal destination), 500
 * by a Slack DM to their user id and 500 in a Slack personal destination. So: Teams 1 500, Slack
 * 1 000, email 5 000 (two notices), SMS 2 500.
 *
 * The real server runs in a child process (`serve`, Teams in local mode, Slack against the fake
 * Web API) on a fresh DATA_DIR seeded with the contacts and destinations; the fakes run in this
 * process: the fake Bot Connector, the fake Slack Web API, a real SMTP server on loopback and the
 * fake SMS gateway. The platform fakes impose the limits the server is configured with (429 with
 * Retry-After beyond them) and fail a share of requests at random (429 and 5xx); the SMTP server
 * answers 451 to a share of messages (it has no rate limit of its own: the rate that reached it is
 * checked instead). The notices are created with the `itkontakt` CLI before the server starts, as
 * an operator would, and published together through a NoticeService in the server's
 * process (see publish() for why not with the CLI); the run is complete when `itkontakt notices
 * report` shows nothing pending.
 *
 * With --crash the server is killed (SIGKILL) once 40 % of the recipients have their message, and
 * started again on the same DATA_DIR (lease 5 s, so the claims of the dead one expire quickly).
 * With --profile the server writes a CPU profile (.cpuprofile) into the data directory, which is
 * then kept (as with --keep; otherwise it is removed at the end).
 *
 * Counted at the fakes: delivered = recipients who got the notice, duplicates = extra copies,
 * lost = recipients who never got it (dead letters included). floorSeconds is the least time the
 * configured limits allow: the largest of count/rate over the independent limit groups (each Teams
 * tenant and conversation, the Slack workspace and each channel, email, SMS). seconds runs from
 * the publishing (the notices' publishedAt) to the last recipient's first copy (to when the bench
 * stopped waiting, if deliveries were still pending after 100 s, 150 s with --crash). The last line is
 * one JSON object:
 *   {"recipients","delivered","duplicates","lost","seconds","floorSeconds","efficiency"}
 * Targets: lost 0, duplicates 0, efficiency ≥ 0.9. Crash mode: lost 0, and no more duplicates than
 * the messages that had reached their recipients at the kill without being recorded as sent (in
 * flight, or their outcome not yet written; counted from the store right after the kill); its
 * seconds include the restart and the lease, so its efficiency is reported but not a target.
 * Only loopback connections.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// The load and the limits.

const CONTACTS = 2_500;
/** Of every 5 contacts, 3 have a Teams personal chat with the bot, 1 gets Slack DMs by user id, 1 has a Slack personal destination. */
const TEAMS_SHARE = 3;
const SLACK_DM_SHARE = 1;

/** The server's limits (environment) and the fakes' alike. */
const LIMITS = {
  teamsPerConversation: 7,
  teamsPerTenant: 50,
  slackPerChannel: 1,
  slackPerWorkspace: 40,
  emailPerSecond: 160,
  smsPerSecond: 80,
} as const;

/** Random faults at each fake: 2 % rate-limited and 2 % server errors (SMTP: 2 % 451). */
const FAULT_RATE = 0.02;
const TEAMS_TENANT = 'bench-tenant-0000-0000-000000000001';
const SEED = 20_261_125;
const CRASH_AT = 0.4;

const crashMode = process.argv.includes('--crash');
const profile = process.argv.includes('--profile');
const keep = profile || process.argv.includes('--keep');

// ---------------------------------------------------------------------------------------------
// Helpers.

/** A seeded random source (mulberry32): the same faults on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, length: number): string => String(value).padStart(length, '0');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const BIN = fileURLToPath(new URL('../../src/cli/bin.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `itkontakt <args>` as its own process, as an operator would; resolves with its stdout. */
function itkontakt(args: readonly string[], dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
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
async function sundayWindow(days: number): Promise<{ start: string; end: string }> {
  const { stockholmDate } = await import('../../src/time/index.js');
  const DAY = 86_400_000;
  let day = new Date(Date.now() + days * DAY);
  while (new Date(`${stockholmDate(day)}T12:00:00Z`).getUTCDay() !== 0) day = new Date(day.getTime() + DAY);
  const date = stockholmDate(day);
  return { start: `${date} 08:00`, end: `${date} 12:00` };
}

// ---------------------------------------------------------------------------------------------
// The registry: contacts and their chat destinations, written straight into the store.

type Channel = 'teams' | 'slack' | 'email' | 'sms';
const CHANNELS: readonly Channel[] = ['teams', 'slack', 'email', 'sms'];

interface Expected {
  /** Per channel, the keys the fakes see for each recipient (a Teams conversation, a Slack channel, "address|notice", a number). */
  readonly keys: Record<Channel, Set<string>>;
  /** Per independent limit group, how many messages it must carry, and its rate. */
  readonly groups: Map<string, { count: number; perSecond: number }>;
}

async function seed(dataDir: string, serviceUrl: string, slackTeam: string): Promise<{ teams: string[]; slack: string[]; emails: string[]; phones: string[] }> {
  const { LowdbStore } = await import('../../src/store/index.js');
  const store = await LowdbStore.open(dataDir);
  const at = new Date().toISOString();
  const teams: string[] = [];
  const slack: string[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  await store.update((data) => {
    for (let index = 0; index < CONTACTS; index += 1) {
      const number = pad(index, 5);
      const email = `kontakt.${number}@omsorg-bench.se`;
      const phone = `+4670${pad(index, 7)}`;
      const kind = index % 5 < TEAMS_SHARE ? 'teams' : index % 5 < TEAMS_SHARE + SLACK_DM_SHARE ? 'slack-dm' : 'slack-personal';
      let identity: { platform: 'teams' | 'slack'; tenantId: string; userId: string };
      if (kind === 'teams') {
        const aad = `00000000-0000-0000-0000-${pad(index, 12)}`;
        const conversationId = `a:bench-personal-${number}`;
        identity = { platform: 'teams', tenantId: TEAMS_TENANT, userId: aad };
        const key = `teams:${TEAMS_TENANT}:${conversationId}`;
        // As the Teams adapter stores a personal chat when the person installs the app.
        data.destinations[key] = {
          key,
          platform: 'teams',
          tenantId: TEAMS_TENANT,
          conversationId,
          kind: 'personal',
          reference: {
            channelId: 'msteams',
            serviceUrl,
            conversation: { id: conversationId, conversationType: 'personal', tenantId: TEAMS_TENANT },
            bot: { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'itkontakt' },
            user: { id: `29:bench-user-${number}`, name: `Kontakt ${number}`, aadObjectId: aad },
            locale: 'sv-SE',
          },
          installedBy: `teams:${TEAMS_TENANT}:${aad}`,
          installedAt: at,
          municipality: null,
          inactiveSince: null,
        };
        teams.push(conversationId);
      } else if (kind === 'slack-dm') {
        identity = { platform: 'slack', tenantId: slackTeam, userId: `U0B${number}` };
        slack.push(identity.userId);
      } else {
        identity = { platform: 'slack', tenantId: slackTeam, userId: `U0P${number}` };
        const channel = `D0P${number}`;
        const key = `slack:${slackTeam}:${channel}`;
        data.destinations[key] = {
          key,
          platform: 'slack',
          tenantId: slackTeam,
          conversationId: channel,
          kind: 'personal',
          reference: { channel, team: slackTeam },
          installedBy: `slack:${slackTeam}:${identity.userId}`,
          installedAt: at,
          municipality: null,
          inactiveSince: null,
        };
        slack.push(channel);
      }
      data.contacts[`c-bench-${number}`] = {
        id: `c-bench-${number}`,
        municipality: 'goteborg',
        provider: { name: `Omsorg Bänk ${pad(Math.floor(index / 50), 3)} AB`, orgNumber: '5560360793' },
        name: `Kontakt ${number}`,
        email,
        phone,
        language: 'sv',
        identities: [identity],
        active: true,
        createdAt: at,
        updatedAt: at,
      };
      emails.push(email);
      phones.push(phone);
    }
  });
  await store.flush();
  return { teams, slack, emails, phones };
}

// ---------------------------------------------------------------------------------------------
// What arrived where, and when.

interface Tally {
  /** Per channel and key: copies received and when the first came. */
  readonly seen: Record<Channel, Map<string, { copies: number; firstAt: number }>>;
  /** Keys that arrived without being expected (a bug in the bench or the server). */
  unexpected: number;
  lastFirstAt: number;
  lastArrivalAt: number;
  /** Accepted messages' arrival times per channel, for the rate check. */
  readonly times: Record<Channel, number[]>;
}

function newTally(): Tally {
  return {
    seen: { teams: new Map(), slack: new Map(), email: new Map(), sms: new Map() },
    unexpected: 0,
    lastFirstAt: 0,
    lastArrivalAt: 0,
    times: { teams: [], slack: [], email: [], sms: [] },
  };
}

function record(tally: Tally, expected: Expected, channel: Channel, key: string, at: number): void {
  tally.times[channel].push(at);
  tally.lastArrivalAt = Math.max(tally.lastArrivalAt, at);
  if (!expected.keys[channel].has(key)) {
    tally.unexpected += 1;
    return;
  }
  const entry = tally.seen[channel].get(key);
  if (entry) entry.copies += 1;
  else {
    tally.seen[channel].set(key, { copies: 1, firstAt: at });
    tally.lastFirstAt = Math.max(tally.lastFirstAt, at);
  }
}

/** The most messages that arrived in any one second. */
function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= 1_000) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

// ---------------------------------------------------------------------------------------------
// The run.

interface ServerChild {
  readonly child: ChildProcess;
  readonly startedIn: number;
}

function startServer(env: Record<string, string>, logPath: string, profileDir: string | undefined): Promise<ServerChild> {
  const started = performance.now();
  const log = openSync(logPath, 'a');
  const execArgv = [...process.execArgv, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(fileURLToPath(import.meta.url), ['--role=server'], { env, execArgv, stdio: ['ignore', log, log, 'ipc'] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve({ child, startedIn: (performance.now() - started) / 1000 }));
    child.once('exit', (code, signal) => reject(new Error(`the server exited (${code ?? signal}) before listening; see ${logPath}`)));
  });
}

function cpuOf(child: ChildProcess): Promise<number | undefined> {
  if (child.exitCode !== null || !child.connected) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 2_000);
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

async function stopServer(server: ServerChild): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

type PublishResult = { readonly id: string; readonly publishedAt: string; readonly queued: number } | { readonly id: string; readonly error: string };

/**
 * Publishes the notices through a NoticeService on a store of its own in the server's process: the
 * server learns of the write as it would of `itkontakt notices publish` (another writer of the
 * file), and both notices go at the same moment, so every channel starts together (two CLI runs
 * would start a second or more apart, each compiling the CLI first).
 */
function publish(child: ChildProcess, ids: readonly string[]): Promise<Array<{ id: string; publishedAt: string; queued: number }>> {
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

interface NoticeReportJson {
  readonly total: number;
  readonly complete: boolean;
  readonly channels: ReadonlyArray<{ channel: string; sent: number; pending: number; failed: number }>;
  readonly failures: ReadonlyArray<{ channel: string; reason: string }>;
}

async function reports(ids: readonly string[], dataDir: string): Promise<NoticeReportJson[]> {
  return Promise.all(ids.map(async (id) => (JSON.parse(await itkontakt(['notices', 'report', id, '--json'], dataDir)) as { report: NoticeReportJson }).report));
}

/** How many deliveries the store records as sent (read as the CLI would, in this process). */
async function recordedSent(dataDir: string): Promise<number> {
  const { LowdbStore } = await import('../../src/store/index.js');
  const store = await LowdbStore.open(dataDir);
  return Object.values(store.read().noticeDeliveries).filter((delivery) => delivery.status === 'sent').length;
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const { startFakeBotConnector } = await import('../support/fake-bot-connector.js');
  const { startFakeSlackApi, FAKE_SLACK } = await import('../support/fake-slack-api.js');
  const { startSmtpServer } = await import('../support/smtp.js');
  const { startFakeSmsGateway } = await import('../support/fake-sms-gateway.js');

  const connector = await startFakeBotConnector({
    validateCards: false,
    failures: [
      { rate: FAULT_RATE, status: 429, retryAfterSeconds: 1 },
      { rate: FAULT_RATE / 2, status: 500 },
      { rate: FAULT_RATE / 2, status: 503 },
    ],
    random: seeded(SEED + 1),
    perConversationPerSecond: LIMITS.teamsPerConversation,
    perTenantPerSecond: LIMITS.teamsPerTenant,
  });
  const slack = await startFakeSlackApi({
    failures: [
      { rate: FAULT_RATE, kind: 'ratelimited', retryAfterSeconds: 1 },
      { rate: FAULT_RATE, kind: 'server-error' },
    ],
    random: seeded(SEED + 2),
    perChannelPerSecond: LIMITS.slackPerChannel,
    perWorkspacePerSecond: LIMITS.slackPerWorkspace,
  });
  // Killing the server resets its pooled SMTP connections: the SMTP server counts them.
  const smtp = await startSmtpServer();
  const smtpRandom = seeded(SEED + 3);
  const sms = await startFakeSmsGateway({
    perSecond: LIMITS.smsPerSecond,
    failures: [
      { rate: FAULT_RATE, status: 429, retryAfterSeconds: 1 },
      { rate: FAULT_RATE, status: 503 },
    ],
    random: seeded(SEED + 4),
  });

  const dataDir = await mkdtemp(join(tmpdir(), 'itkontakt-bench-notices-'));
  const logPath = join(dataDir, 'server.log');
  const children: ServerChild[] = [];
  try {
    const registry = await seed(dataDir, connector.serviceUrl, FAKE_SLACK.teamId);
    const window = await sundayWindow(12);
    const common = ['--municipality', 'goteborg', '--json'];
    const planned = JSON.parse(
      await itkontakt(['notices', 'create', ...common, '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Treserva uppgraderas till en ny version.', '--impact', 'Treserva går inte att nå under fönstret.', '--start', window.start, '--end', window.end], dataDir),
    ).notice.id as string;
    const disruption = JSON.parse(await itkontakt(['notices', 'create', ...common, '--kind', 'disruption', '--title', 'Phoniro nås inte', '--systems', 'phoniro', '--description', 'Appen kan inte logga in.', '--impact', 'Larm kvitteras i telefonen tills vidare.'], dataDir)).notice.id as string;

    const expected: Expected = {
      keys: {
        teams: new Set(registry.teams),
        slack: new Set(registry.slack),
        email: new Set(registry.emails.flatMap((email) => [`${email}|${planned}`, `${email}|${disruption}`])),
        sms: new Set(registry.phones),
      },
      groups: new Map([
        [`teams tenant ${TEAMS_TENANT.slice(0, 12)}…`, { count: registry.teams.length, perSecond: LIMITS.teamsPerTenant }],
        ['teams conversation (each)', { count: 1, perSecond: LIMITS.teamsPerConversation }],
        [`slack workspace ${FAKE_SLACK.teamId}`, { count: registry.slack.length, perSecond: LIMITS.slackPerWorkspace }],
        ['slack channel (each)', { count: 1, perSecond: LIMITS.slackPerChannel }],
        ['email', { count: registry.emails.length * 2, perSecond: LIMITS.emailPerSecond }],
        ['sms', { count: registry.phones.length, perSecond: LIMITS.smsPerSecond }],
      ]),
    };
    const recipients = CHANNELS.reduce((sum, channel) => sum + expected.keys[channel].size, 0);
    const floor = [...expected.groups].map(([name, group]) => ({ name, seconds: group.count / group.perSecond })).sort((a, b) => b.seconds - a.seconds);
    const floorSeconds = floor[0]!.seconds;
    console.log(`bench:notices${crashMode ? ' --crash' : ''}: ${recipients} recipients (Teams ${expected.keys.teams.size}, Slack ${expected.keys.slack.size}, email ${expected.keys.email.size}, SMS ${expected.keys.sms.size}); data in ${dataDir}`);
    console.log(`limits: Teams ${LIMITS.teamsPerTenant}/s per tenant, Slack ${LIMITS.slackPerWorkspace}/s per workspace, email ${LIMITS.emailPerSecond}/s, SMS ${LIMITS.smsPerSecond}/s; faults ${FAULT_RATE * 100} % 429 + ${FAULT_RATE * 100} % 5xx (SMTP ${FAULT_RATE * 100} % 451)`);
    console.log(`floor: ${floor.slice(0, 4).map((group) => `${group.name} ${group.seconds.toFixed(1)} s`).join(', ')}`);

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SLACK_SIGNING_SECRET: FAKE_SLACK.signingSecret,
      SLACK_BOT_TOKEN: FAKE_SLACK.botToken,
      SLACK_API_URL: slack.url,
      // Teams without credentials next to Slack: the explicit local mode, to the fake connector on loopback.
      TEAMS_LOCAL: '1',
      SMTP_URL: smtp.url,
      SMS_GATEWAY_URL: sms.url,
      NOTICE_TEAMS_PER_CONVERSATION: String(LIMITS.teamsPerConversation),
      NOTICE_TEAMS_PER_TENANT: String(LIMITS.teamsPerTenant),
      NOTICE_SLACK_PER_CHANNEL: String(LIMITS.slackPerChannel),
      NOTICE_SLACK_PER_WORKSPACE: String(LIMITS.slackPerWorkspace),
      NOTICE_EMAIL_PER_SECOND: String(LIMITS.emailPerSecond),
      NOTICE_SMS_PER_SECOND: String(LIMITS.smsPerSecond),
      ...(crashMode ? { NOTICE_LEASE_SECONDS: '5' } : {}),
      // Experiments: pass NOTICE_* (concurrency, lease…) through from the bench's own environment.
      ...Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('NOTICE_') && entry[1] !== undefined)),
    };
    children.push(await startServer(env, logPath, profile ? dataDir : undefined));
    console.log(`server started in ${children[0]!.startedIn.toFixed(1)} s (log: ${logPath})`);

    // The taps: what each fake accepted, stamped as it arrives (the Teams fake and the SMTP server
    // keep no arrival time, so they are read every few milliseconds).
    const tally = newTally();
    const read = { teams: 0, slack: 0, email: 0, sms: 0 };
    let smtpFaults = 0;
    const tap = (): void => {
      const now = Date.now();
      for (; read.teams < connector.received.length; read.teams += 1) {
        const activity = connector.received[read.teams]!;
        if (activity.activity.type === 'message') record(tally, expected, 'teams', activity.channelConversationId, now);
      }
      // Slack: every accepted chat.postMessage, at the time the fake took it.
      const calls = slack.calls;
      for (; read.slack < calls.length; read.slack += 1) {
        const call = calls[read.slack]!;
        // The fake answers in the same tick it records a call; a refused one (429, 5xx) gets no result.
        if (call.method === 'chat.postMessage' && call.result?.ok === true) record(tally, expected, 'slack', String(call.args.channel), call.at);
      }
      for (; read.email < smtp.messages.length; read.email += 1) {
        const mail = smtp.messages[read.email]!;
        const notice = /^<(GBG-DRIFT-\d{4}-\d{4})\./u.exec(mail.headers['message-id'] ?? '')?.[1] ?? '?';
        record(tally, expected, 'email', `${mail.to[0] ?? '?'}|${notice}`, now);
        // A share of the next messages is answered 451 (try again later), as a busy mail server does
        // (armed here for the next message; two hits in one tap arm one, so smtpFaults is approximate).
        if (smtpRandom() < FAULT_RATE) {
          smtp.failNext(1, 451);
          smtpFaults += 1;
        }
      }
      for (; read.sms < sms.messages.length; read.sms += 1) {
        const message = sms.messages[read.sms]!;
        record(tally, expected, 'sms', message.to, message.at);
      }
    };
    const tapTimer = setInterval(tap, 5);
    const delivered = (): number => CHANNELS.reduce((sum, channel) => sum + tally.seen[channel].size, 0);

    // Publish both together.
    const published = await publish(children[0]!.child, [planned, disruption]);
    const publishedAt = Math.min(...published.map((result) => Date.parse(result.publishedAt)));
    const queued = published.reduce((sum, result) => sum + result.queued, 0);
    console.log(`published ${planned} and ${disruption}: ${queued} deliveries queued`);

    let crashedAt: number | undefined;
    let crashDelivered = 0;
    /** At the kill: messages the recipients had that the store did not record as sent. */
    let unrecordedAtKill = 0;
    let lastProgress = 0;
    let lastDelivered = 0;
    let lastChangeAt = Date.now();
    let checking: Promise<NoticeReportJson[]> | undefined;
    let finalReports: NoticeReportJson[] | undefined;
    /** When the bench stopped waiting without the reports showing nothing pending. */
    let gaveUpAt: number | undefined;
    const deadline = Date.now() + (crashMode ? 150_000 : 100_000);
    const refusedCounts = (): string => {
      const slackRefused = slack.calls.filter((call) => call.method === 'chat.postMessage' && call.result === undefined).length;
      return `refused: teams ${connector.refused.length}, slack ${slackRefused}, sms ${sms.refused.length}, smtp ${smtpFaults}`;
    };
    for (;;) {
      await sleep(100);
      const now = Date.now();
      const count = delivered();
      if (count !== lastDelivered) {
        lastDelivered = count;
        lastChangeAt = now;
      }
      if (now - lastProgress >= 2_000) {
        lastProgress = now;
        const line = CHANNELS.map((channel) => `${channel} ${tally.seen[channel].size}/${expected.keys[channel].size}`).join('  ');
        console.log(`${((now - publishedAt) / 1000).toFixed(1).padStart(6)} s  ${line}  (${refusedCounts()})`);
      }
      if (crashMode && crashedAt === undefined && count >= CRASH_AT * recipients) {
        children[0]!.child.kill('SIGKILL');
        crashedAt = now;
        crashDelivered = count;
        console.log(`${((now - publishedAt) / 1000).toFixed(1).padStart(6)} s  kill -9 the server at ${count} delivered; starting it again on the same DATA_DIR`);
        // What the dead server had sent but not yet recorded is what a restart sends again. Counted
        // while the new server starts (it sends nothing before it is up).
        const [again] = await Promise.all([
          startServer(env, logPath, profile ? dataDir : undefined),
          sleep(100).then(async () => {
            const arrived = delivered();
            unrecordedAtKill = Math.max(0, arrived - (await recordedSent(dataDir)));
          }),
        ]);
        children.push(again);
        console.log(`${((Date.now() - publishedAt) / 1000).toFixed(1).padStart(6)} s  server restarted in ${again.startedIn.toFixed(1)} s`);
      }
      // Done when the report shows nothing pending: asked once everyone has the notice, or when
      // nothing has arrived for a while (retries far off, or dead letters).
      if (!checking && (count === recipients || now - lastChangeAt > 8_000)) {
        checking = reports([planned, disruption], dataDir);
      }
      if (checking) {
        const settled = await Promise.race([checking.then((value) => ({ value })), sleep(0).then(() => undefined)]);
        if (settled) {
          checking = undefined;
          if (settled.value.every((report) => report.complete)) {
            finalReports = settled.value;
            break;
          }
          lastChangeAt = now;
        }
      }
      if (now > deadline) {
        console.log('deadline passed: stopping with what arrived');
        gaveUpAt = now;
        finalReports = await reports([planned, disruption], dataDir);
        break;
      }
    }
    // Anything still in flight (a duplicate after the crash) has had time to land.
    await sleep(500);
    tap();
    clearInterval(tapTimer);
    const live = children.at(-1)!;
    const cpuMs = await cpuOf(live.child);
    await stopServer(live);

    // --- The figures.
    let duplicates = 0;
    for (const channel of CHANNELS) for (const entry of tally.seen[channel].values()) duplicates += entry.copies - 1;
    const deliveredCount = delivered();
    const lost = recipients - deliveredCount;
    // An unfinished run took at least until the bench stopped waiting: its efficiency says so.
    const seconds = ((gaveUpAt ?? tally.lastFirstAt) - publishedAt) / 1000;
    const efficiency = floorSeconds / seconds;

    console.log('');
    for (const channel of CHANNELS) {
      const seen = [...tally.seen[channel].values()];
      const last = seen.length > 0 ? `${((Math.max(...seen.map((entry) => entry.firstAt)) - publishedAt) / 1000).toFixed(1)} s` : 'never';
      const copies = seen.reduce((sum, entry) => sum + entry.copies - 1, 0);
      const limit = { teams: LIMITS.teamsPerTenant, slack: LIMITS.slackPerWorkspace, email: LIMITS.emailPerSecond, sms: LIMITS.smsPerSecond }[channel];
      const group = { teams: expected.keys.teams.size, slack: expected.keys.slack.size, email: expected.keys.email.size, sms: expected.keys.sms.size }[channel];
      console.log(
        `${channel.padEnd(6)} ${String(seen.length).padStart(5)}/${group} delivered, ${copies} duplicates, last at ${last} (floor ${(group / limit).toFixed(1)} s), peak ${peakPerSecond(tally.times[channel])}/s (limit ${limit}/s)`,
      );
    }
    console.log('(peak: most arrivals in any one second at the fake, counted when the fake has read them; the SMTP server enforces no limit of its own)');
    const requests = { teams: connector.received.length + connector.refused.length, slack: slack.callsTo('chat.postMessage').length, email: smtp.messages.length + smtpFaults, sms: sms.messages.length + sms.refused.length };
    console.log(`requests per delivery: ${CHANNELS.map((channel) => `${channel} ${(requests[channel] / Math.max(1, expected.keys[channel].size)).toFixed(3)}`).join(', ')}; ${refusedCounts()}`);
    const refusedBy = new Map<string, number>();
    for (const refusal of connector.refused) refusedBy.set(`teams ${refusal.status} ${refusal.reason}`, (refusedBy.get(`teams ${refusal.status} ${refusal.reason}`) ?? 0) + 1);
    for (const refusal of sms.refused) refusedBy.set(`sms ${refusal.status} ${refusal.reason}`, (refusedBy.get(`sms ${refusal.status} ${refusal.reason}`) ?? 0) + 1);
    console.log(`refusals: ${[...refusedBy].map(([what, count]) => `${what} ${count}`).join(', ')}`);
    if (crashedAt === undefined && smtp.connectionErrors.length > 0) console.log(`SMTP connection errors: ${smtp.connectionErrors.map((error) => error.code ?? error.message).join(', ')}`);
    if (tally.unexpected > 0) console.log(`unexpected messages (not to a seeded recipient): ${tally.unexpected}`);
    const reportedTotal = (finalReports ?? []).reduce((sum, report) => sum + report.total, 0);
    if (reportedTotal !== recipients) console.log(`the reports count ${reportedTotal} deliveries, not the ${recipients} planned: a publish was lost or the audience differs`);
    for (const report of finalReports ?? []) {
      console.log(`report: ${report.total} deliveries, ${report.complete ? 'nothing pending' : 'STILL PENDING'}; ${report.channels.map((line) => `${line.channel} ${line.sent} sent/${line.pending} pending/${line.failed} failed`).join(', ')}`);
      for (const failure of report.failures.slice(0, 5)) console.log(`  dead letter (${failure.channel}): ${failure.reason}`);
    }
    const logLines = readFileSync(logPath, 'utf8').split('\n').filter(Boolean);
    const byMessage = new Map<string, number>();
    for (const line of logLines) {
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string };
        if (entry.level === 'info' && !/retried/u.test(entry.msg ?? '')) continue;
        const key = `${entry.level}: ${entry.msg}`;
        byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
      } catch {
        byMessage.set('unparsable', (byMessage.get('unparsable') ?? 0) + 1);
      }
    }
    console.log(`server log: ${[...byMessage].map(([message, count]) => `${count}× ${message}`).join('; ')}`);
    if (crashedAt !== undefined) {
      console.log(`crash: killed at ${((crashedAt - publishedAt) / 1000).toFixed(1)} s with ${crashDelivered} delivered; restarted in ${children[1]?.startedIn.toFixed(1)} s; ${smtp.connectionErrors.length} SMTP connections reset by the kill`);
      console.log(
        `crash: ${unrecordedAtKill} messages had reached their recipients without being recorded as sent (in flight at the kill, or their outcome not yet written): at most these may go twice; ${duplicates} did (${duplicates <= unrecordedAtKill ? 'within' : 'MORE than'} that)`,
      );
    }
    if (cpuMs !== undefined) console.log(`server CPU: ${(cpuMs / 1000).toFixed(1)} s${children.length > 1 ? ' (the restarted process)' : ''}, ${((cpuMs / Math.max(1, deliveredCount)) * 1000).toFixed(0)} µs per delivery; bench process CPU ${((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)} s`);
    if (gaveUpAt !== undefined) console.log(`NOT FINISHED: deliveries were still pending when the bench stopped waiting; seconds counts until then`);
    // After a kill -9 the messages in flight may go twice, and the downtime counts in the seconds.
    const targets = crashedAt === undefined ? lost === 0 && duplicates === 0 && efficiency >= 0.9 : lost === 0 && duplicates <= unrecordedAtKill;
    const targetText = crashedAt === undefined ? 'lost 0, duplicates 0, efficiency ≥ 0.9' : 'after a kill: lost 0, duplicates no more than were in flight';
    console.log(`${seconds.toFixed(1)} s from publishing to ${gaveUpAt === undefined ? 'the last delivery' : 'giving up'}, floor ${floorSeconds.toFixed(1)} s (${floor[0]!.name}); targets (${targetText}): ${targets ? 'met' : 'NOT met'}; wall time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
    console.log(JSON.stringify({ recipients, delivered: deliveredCount, duplicates, lost, seconds: Math.round(seconds * 10) / 10, floorSeconds: Math.round(floorSeconds * 10) / 10, efficiency: Math.round(efficiency * 100) / 100 }));
  } finally {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.allSettled([connector.close(), slack.close(), smtp.close(), sms.close()]);
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The server, in a child process of this script (`--role=server`), configured by its environment;
// without a role, the bench. (Last, so that every constant above is initialised.)

const role = process.argv.find((argument) => argument.startsWith('--role='))?.slice('--role='.length);
if (role === 'server') {
  const { loadConfig } = await import('../../src/config/index.js');
  const { createLogger } = await import('../../src/log/index.js');
  const { serve } = await import('../../src/server/index.js');
  const { openServices } = await import('../../src/app/index.js');
  const { operatorPrincipal } = await import('../../src/contacts/index.js');
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const running = await serve(config, logger);
  // Staff publish through a notice service on a store of its own (as `itkontakt notices publish`
  // does in a process of its own; see publish()).
  const registry = await openServices(config, logger);
  process.send?.({ port: Number(new URL(running.server.url).port) });
  process.on('message', (message) => {
    if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send?.({ cpuMs: (usage.user + usage.system) / 1000 });
    } else if (message === 'stop') {
      void running.stop().finally(() => process.exit(0));
    } else if (typeof message === 'object' && message !== null && 'publish' in message) {
      // Both at once: the store writes them together, so every channel starts at the same moment.
      const ids = (message as { publish: string[] }).publish;
      void Promise.all(
        ids.map(async (id): Promise<PublishResult> => {
          const result = await registry.notices.publish(operatorPrincipal('bench'), id);
          return result.ok ? { id, publishedAt: result.value.publishedAt ?? '', queued: registry.notices.queuedBy(id) } : { id, error: result.reason.kind };
        }),
      ).then((results) => process.send?.({ published: results }));
    }
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}
