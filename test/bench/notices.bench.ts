/**
 * npm run bench:notices [-- --crash] [-- --profile] [-- --store postgres] [-- --instances N] [-- --keep]:
 * the notice outbox under a real fan-out.
 *
 * 10 000 deliveries of two Göteborg notices published together: a planned outage (chat + email, by
 * Göteborg's rules) and a disruption (SMS + email). 2 500 IT-contacts, each with an email address
 * and a mobile number; 1 500 reach the bot in a Teams personal chat (a personal destination), 500
 * by a Slack DM to their user id and 500 in a Slack personal destination. So: Teams 1 500, Slack
 * 1 000, email 5 000 (two notices), SMS 2 500.
 *
 * The real server runs in a child process (`serve`, Teams in local mode, Slack against the fake
 * Web API; notices/server-child.ts) on a fresh DATA_DIR seeded with the contacts and destinations;
 * the fakes run in this process: the fake Bot Connector, the fake Slack Web API, a real SMTP server
 * on loopback and the fake SMS gateway. The platform fakes impose the limits the server is
 * configured with (429 with Retry-After beyond them) and fail a share of requests at random (429
 * and 5xx); the SMTP server answers 451 to a share of messages (it has no rate limit of its own:
 * the rate that reached it is checked instead). The notices are created with the `itkontakt` CLI
 * before the server starts, as an operator would, and published together through a NoticeService
 * in the (first) server's process (see publish() in notices/servers.ts for why not with the CLI);
 * the run is complete when `itkontakt notices report` shows nothing pending.
 *
 * --store postgres: the servers use a fresh schema in the database at ITKONTAKT_TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test), selected by DATABASE_URL's search_path. The
 * registry is seeded into the embedded store as above and moved with `itkontakt db migrate` and
 * `itkontakt db copy --from-data-dir`; the schema is dropped at the end unless --keep.
 * --instances N (PostgreSQL only: the embedded store's directory is one server's): N servers on
 * the same database, each on its own port and DATA_DIR, all dispatching; the notices are published
 * through the first. Their rate limits are each server's own, so N servers together may send the
 * fakes more than their limits allow: the fakes then answer 429, and the peaks below show it.
 *
 * With --crash the first server is killed (SIGKILL) once 40 % of the recipients have their message
 * (NOTICE_LEASE_SECONDS 5, so the claims of the dead one expire quickly). With one instance it is
 * started again on the same store; with more, it is not, and the others take over its expired
 * claims. With --profile each server writes a CPU profile (.cpuprofile) into the data directory,
 * which is then kept (as with --keep; otherwise it is removed at the end).
 *
 * Counted at the fakes: delivered = recipients who got the notice, duplicates = extra copies,
 * lost = recipients who never got it (dead letters included). floorSeconds is the least time a
 * sender that keeps the configured limits and obeys every Retry-After could take: the largest, over
 * the independent limit groups (each Teams tenant and conversation, the Slack workspace and each
 * channel, email, SMS), of count/rate plus the time the fakes told the whole group to stop (the SMS
 * gateway's injected 429s; see notices/floor.ts for why only those). limitsFloorSeconds is
 * count/rate alone (before 2026-12-04 that was floorSeconds, which no compliant sender could
 * reach: the SMS gateway's 429s demand about a minute of silence per run). seconds runs from
 * the publishing (the notices' publishedAt) to the last recipient's first copy (to when the bench
 * stopped waiting, if deliveries were still pending after 150 s, 200 s with --crash).
 * serverCpuMsPerDelivery is the CPU (user + system) of all server processes together, start-up
 * included, per delivered message: each server's process.cpuUsage() as it reports it over IPC at
 * the end of the run, and for a killed server its reading taken just before the kill (the bench
 * asks, waits for the answer, then kills: only the few ms between are missed). null if a server
 * did not answer. The last line is one JSON object:
 *   {"recipients","delivered","duplicates","lost","seconds","floorSeconds","limitsFloorSeconds",
 *    "efficiency","serverCpuMsPerDelivery","store","instances"}
 * Targets: lost 0, duplicates 0, efficiency ≥ 0.9. Crash mode: lost 0, and no more duplicates than
 * the messages that had reached their recipients at the kill without being recorded as sent (in
 * flight, or their outcome not yet written; counted from the store 100 ms after the kill; with
 * other servers running on, their own sends not yet recorded are counted too, so it is an upper
 * bound); its seconds include the restart (or the others taking over) and the lease, so its
 * efficiency is reported but not a target. Only loopback connections.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DATABASE_URL, lowdbBenchStore, postgresBenchStore, type BenchStore } from './notices/bench-store.js';
import { itkontakt, reports, sundayWindow, type NoticeReportJson } from './notices/operator.js';
import { seedRegistry, TEAMS_TENANT } from './notices/registry.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { seeded } from '../support/seeded-random.js';
import { cpuOf, publish, startServer, stopServer, type ServerChild } from './notices/servers.js';
import { floorsOf, unionSeconds } from './notices/floor.js';
import { CHANNELS, newTally, peakPerSecond, record, tallyKeyOf, type Expected } from './notices/tally.js';

// ---------------------------------------------------------------------------------------------
// The load and the limits (the registry's size and mix: notices/registry.ts).

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
const SEED = 20_261_125;
const CRASH_AT = 0.4;

/** `--name value` or `--name=value`. */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const crashMode = process.argv.includes('--crash');
const profile = process.argv.includes('--profile');
const keepSchema = process.argv.includes('--keep');
const keep = profile || keepSchema;
const storeKind = option('store') ?? 'lowdb';
const instances = Number(option('instances') ?? '1');
if (storeKind !== 'lowdb' && storeKind !== 'postgres') throw new Error(`--store ${storeKind}: lowdb or postgres`);
if (!Number.isInteger(instances) || instances < 1) throw new Error(`--instances ${option('instances')}: a whole number, 1 or more`);
if (instances > 1 && storeKind !== 'postgres') throw new Error('--instances above 1 needs --store postgres: the embedded store is one server\'s');

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
  // One server on the embedded store: its log as before; several: one log each.
  const logPathOf = (instance: number): string => join(dataDir, instances === 1 ? 'server.log' : `server-${instance}.log`);
  const children: ServerChild[] = [];
  let store: BenchStore | undefined;
  try {
    const registry = await seedRegistry(dataDir, connector.serviceUrl, FAKE_SLACK.teamId);
    store = storeKind === 'postgres' ? await postgresBenchStore(BENCH_DATABASE_URL, dataDir, { keep: keepSchema }) : lowdbBenchStore(dataDir);
    const operatorEnv = { DATA_DIR: dataDir, ...store.env };
    const window = await sundayWindow(12);
    const common = ['--municipality', 'goteborg', '--json'];
    const planned = JSON.parse(
      await itkontakt(['notices', 'create', ...common, '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Treserva uppgraderas till en ny version.', '--impact', 'Treserva går inte att nå under fönstret.', '--start', window.start, '--end', window.end], operatorEnv),
    ).notice.id as string;
    const disruption = JSON.parse(await itkontakt(['notices', 'create', ...common, '--kind', 'disruption', '--title', 'Phoniro nås inte', '--systems', 'phoniro', '--description', 'Appen kan inte logga in.', '--impact', 'Larm kvitteras i telefonen tills vidare.'], operatorEnv)).notice.id as string;

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
    // The limits alone; the pauses the fakes demand are added at the end (notices/floor.ts).
    const limitsFloor = floorsOf(expected.groups);
    const variant = `${crashMode ? ' --crash' : ''}${storeKind === 'postgres' ? ' --store postgres' : ''}${instances > 1 ? ` --instances ${instances}` : ''}`;
    console.log(`bench:notices${variant}: ${recipients} recipients (Teams ${expected.keys.teams.size}, Slack ${expected.keys.slack.size}, email ${expected.keys.email.size}, SMS ${expected.keys.sms.size}); data in ${dataDir}`);
    console.log(`limits: Teams ${LIMITS.teamsPerTenant}/s per tenant, Slack ${LIMITS.slackPerWorkspace}/s per workspace, email ${LIMITS.emailPerSecond}/s, SMS ${LIMITS.smsPerSecond}/s; faults ${FAULT_RATE * 100} % 429 + ${FAULT_RATE * 100} % 5xx (SMTP ${FAULT_RATE * 100} % 451)`);
    console.log(`floor of the limits: ${limitsFloor.slice(0, 4).map((group) => `${group.name} ${group.seconds.toFixed(1)} s`).join(', ')} (plus, at the end, the SMS gateway's 429 pauses)`);

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
      ...store.env,
      // Experiments: pass NOTICE_* (concurrency, lease…) through from the bench's own environment.
      ...Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('NOTICE_') && entry[1] !== undefined)),
    };
    // On PostgreSQL each server has a data directory of its own (its heartbeat), as on separate hosts.
    const envOf = async (instance: number): Promise<Record<string, string>> => {
      if (!store!.shared) return env;
      const own = join(dataDir, `instance-${instance}`);
      await mkdir(own, { recursive: true });
      return { ...env, DATA_DIR: own };
    };
    const start = async (instance: number): Promise<ServerChild> => startServer(`instance ${instance}`, await envOf(instance), logPathOf(instance), profile ? dataDir : undefined);
    // Started together, as a deployment's instances are (the migrations are applied already).
    children.push(...(await Promise.all(Array.from({ length: instances }, (_, instance) => start(instance)))));
    if (instances === 1) console.log(`server started in ${children[0]!.startedIn.toFixed(1)} s (log: ${logPathOf(0)})`);
    else console.log(`${instances} servers started in ${children.map((server) => `${server.startedIn.toFixed(1)} s`).join(', ')} (logs: ${join(dataDir, 'server-*.log')})`);

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
    let restarted: ServerChild | undefined;
    /** At the kill: messages the recipients had that the store did not record as sent. */
    let unrecordedAtKill = 0;
    /** PostgreSQL: recipients whose row was still claimed (not settled) at the kill although their message had arrived. */
    let claimedAndArrivedAtKill: Set<string> | undefined;
    let lastProgress = 0;
    let lastDelivered = 0;
    let lastChangeAt = Date.now();
    let checking: Promise<NoticeReportJson[]> | undefined;
    let finalReports: NoticeReportJson[] | undefined;
    /** When the bench stopped waiting without the reports showing nothing pending. */
    let gaveUpAt: number | undefined;
    // Room for the SMS gateway's demanded pauses (their floor alone is ~85–90 s) and the report
    // check after the last delivery: at 100 s a run that kept every limit could be cut short.
    const deadline = Date.now() + (crashMode ? 200_000 : 150_000);
    const refusedCounts = (): string => {
      const slackRefused = slack.calls.filter((call) => call.method === 'chat.postMessage' && call.result === undefined).length;
      return `refused: teams ${connector.refused.length}, slack ${slackRefused}, sms ${sms.refused.length}, smtp ${smtpFaults}`;
    };
    const at = (time: number): string => ((time - publishedAt) / 1000).toFixed(1).padStart(6);
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
        console.log(`${at(now)} s  ${line}  (${refusedCounts()})`);
      }
      if (crashMode && crashedAt === undefined && count >= CRASH_AT * recipients) {
        const victim = children[0]!;
        // Its CPU so far, asked just before the kill (it cannot be asked after).
        victim.cpuMs = await cpuOf(victim.child, 1_000);
        victim.child.kill('SIGKILL');
        crashedAt = Date.now();
        crashDelivered = delivered();
        const survivors = children.length - 1;
        console.log(`${at(crashedAt)} s  kill -9 ${instances === 1 ? 'the server' : victim.name} at ${crashDelivered} delivered; ${survivors === 0 ? `starting it again on the same ${store.kind === 'postgres' ? 'database' : 'DATA_DIR'}` : `not restarted: ${survivors} other server(s) take over its claims when they expire`}`);
        // What the dead server had sent but not yet recorded is what may go twice. Counted 100 ms
        // after the kill (while a restarted server starts: it sends nothing before it is up); the
        // store is read before the arrivals, so a survivor's sends meanwhile can only raise it.
        const counting = sleep(100).then(async () => {
          const recorded = await store!.recordedSent();
          const claimed = await store!.claimedRows();
          tap();
          unrecordedAtKill = Math.max(0, delivered() - recorded);
          if (claimed) {
            claimedAndArrivedAtKill = new Set();
            for (const row of claimed) {
              const key = tallyKeyOf(row);
              if (key && tally.seen[key.channel].has(key.key)) claimedAndArrivedAtKill.add(`${key.channel} ${key.key}`);
            }
          }
        });
        if (survivors === 0) {
          [restarted] = await Promise.all([start(0), counting]);
          children.push(restarted);
          console.log(`${at(Date.now())} s  server restarted in ${restarted.startedIn.toFixed(1)} s`);
        } else await counting;
      }
      // Done when the report shows nothing pending: asked once everyone has the notice, or when
      // nothing has arrived for a while (retries far off, or dead letters).
      if (!checking && (count === recipients || now - lastChangeAt > 8_000)) {
        checking = reports([planned, disruption], operatorEnv);
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
        finalReports = await reports([planned, disruption], operatorEnv);
        break;
      }
    }
    // Anything still in flight (a duplicate after the crash) has had time to land.
    await sleep(500);
    tap();
    clearInterval(tapTimer);
    const live = children.filter((server) => server.child.exitCode === null && server.child.signalCode === null);
    for (const server of live) server.cpuMs = await cpuOf(server.child);
    await Promise.all(live.map((server) => stopServer(server)));

    // --- The figures.
    let duplicates = 0;
    const duplicated: string[] = [];
    for (const channel of CHANNELS) {
      for (const [key, entry] of tally.seen[channel]) {
        duplicates += entry.copies - 1;
        if (entry.copies > 1) duplicated.push(`${channel} ${key}`);
      }
    }
    const deliveredCount = delivered();
    const lost = recipients - deliveredCount;
    // A gateway's 429 stops every SMS for its Retry-After: time no compliant sender can use.
    const smsPauses = sms.refused.filter((refusal) => refusal.reason === 'injected' && refusal.status === 429).map((refusal): [number, number] => [refusal.at, refusal.at + (refusal.retryAfterSeconds ?? 0) * 1000]);
    const floor = floorsOf(expected.groups, new Map([['sms', unionSeconds(smsPauses)]]));
    const floorSeconds = floor[0]!.seconds;
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
    console.log(`floor: ${floor.slice(0, 4).map((group) => `${group.name} ${group.seconds.toFixed(1)} s${group.pauseSeconds > 0 ? ` (${group.limitSeconds.toFixed(1)} s of the limit + ${group.pauseSeconds.toFixed(1)} s of ${smsPauses.length} 429 pauses)` : ''}`).join(', ')}`);
    console.log('(peak: most arrivals in any one second at the fake, counted when the fake has read them; the SMTP server enforces no limit of its own)');
    if (instances > 1) console.log(`(each of the ${instances} servers keeps its own rate limits: together they may exceed the fakes' limits and be answered 429)`);
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
    const byMessage = new Map<string, number>();
    for (let instance = 0; instance < instances; instance += 1) {
      // Something outside the bench may clear old temporary directories while it runs: say so, and still print the figures.
      if (!existsSync(logPathOf(instance))) {
        byMessage.set(`${logPathOf(instance)} is gone (removed during the run)`, 1);
        continue;
      }
      for (const line of readFileSync(logPathOf(instance), 'utf8').split('\n').filter(Boolean)) {
        try {
          const entry = JSON.parse(line) as { level?: string; msg?: string };
          if (entry.level === 'info' && !/retried/u.test(entry.msg ?? '')) continue;
          const key = `${entry.level}: ${entry.msg}`;
          byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
        } catch {
          byMessage.set('unparsable', (byMessage.get('unparsable') ?? 0) + 1);
        }
      }
    }
    console.log(`server log${instances > 1 ? 's' : ''}: ${[...byMessage].map(([message, count]) => `${count}× ${message}`).join('; ')}`);
    if (crashedAt !== undefined) {
      const after = restarted ? `restarted in ${restarted.startedIn.toFixed(1)} s` : `not restarted (${instances - 1} other server(s) ran on)`;
      console.log(`crash: killed at ${((crashedAt - publishedAt) / 1000).toFixed(1)} s with ${crashDelivered} delivered; ${after}; ${smtp.connectionErrors.length} SMTP connections reset by the kill`);
      console.log(
        `crash: ${unrecordedAtKill} messages had reached their recipients without being recorded as sent (in flight at the kill, or their outcome not yet written${instances > 1 ? ', on any server' : ''}): at most these may go twice; ${duplicates} did (${duplicates <= unrecordedAtKill ? 'within' : 'MORE than'} that)`,
      );
      if (claimedAndArrivedAtKill) {
        const explained = duplicated.filter((key) => claimedAndArrivedAtKill!.has(key)).length;
        console.log(`crash: ${claimedAndArrivedAtKill.size} recipients had their message while its row was still claimed 100 ms after the kill; ${explained} of the ${duplicated.length} recipients who got a copy more are among them${explained < duplicated.length ? ` (NOT: ${duplicated.filter((key) => !claimedAndArrivedAtKill!.has(key)).slice(0, 5).join(', ')})` : ''}`);
      }
    }
    // All servers together: each one's last reading (a killed one's just before the kill).
    const cpuKnown = children.every((server) => server.cpuMs !== undefined);
    const cpuMs = children.reduce((sum, server) => sum + (server.cpuMs ?? 0), 0);
    const startupCpuMs = children.reduce((sum, server) => sum + server.startupCpuMs, 0);
    const cpuPerDelivery = cpuMs / Math.max(1, deliveredCount);
    const perServer = children.length > 1 ? ` (${children.map((server, index) => `${server.name}${index === 0 && crashedAt !== undefined ? ' killed, read before the kill' : ''}${server === restarted ? ' restarted' : ''} ${server.cpuMs === undefined ? 'no answer' : `${(server.cpuMs / 1000).toFixed(1)} s`}`).join(', ')})` : '';
    console.log(
      `server CPU: ${(cpuMs / 1000).toFixed(1)} s${cpuKnown ? '' : ' (INCOMPLETE: a server did not answer)'}${perServer}, ${(cpuPerDelivery * 1000).toFixed(0)} µs per delivery, of which start-up ${(startupCpuMs / 1000).toFixed(1)} s; bench process CPU ${((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)} s`,
    );
    if (gaveUpAt !== undefined) console.log(`NOT FINISHED: deliveries were still pending when the bench stopped waiting; seconds counts until then`);
    // After a kill -9 the messages in flight may go twice, and the downtime counts in the seconds.
    const targets = crashedAt === undefined ? lost === 0 && duplicates === 0 && efficiency >= 0.9 : lost === 0 && duplicates <= unrecordedAtKill;
    const targetText = crashedAt === undefined ? 'lost 0, duplicates 0, efficiency ≥ 0.9' : 'after a kill: lost 0, duplicates no more than were in flight';
    console.log(`${seconds.toFixed(1)} s from publishing to ${gaveUpAt === undefined ? 'the last delivery' : 'giving up'}, floor ${floorSeconds.toFixed(1)} s (${floor[0]!.name}); targets (${targetText}): ${targets ? 'met' : 'NOT met'}; wall time ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
    console.log(
      JSON.stringify({
        recipients,
        delivered: deliveredCount,
        duplicates,
        lost,
        seconds: Math.round(seconds * 10) / 10,
        floorSeconds: Math.round(floorSeconds * 10) / 10,
        limitsFloorSeconds: Math.round(limitsFloor[0]!.seconds * 10) / 10,
        efficiency: Math.round(efficiency * 100) / 100,
        serverCpuMsPerDelivery: cpuKnown ? Math.round(cpuPerDelivery * 100) / 100 : null,
        store: storeKind,
        instances,
      }),
    );
  } finally {
    for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.allSettled([connector.close(), slack.close(), smtp.close(), sms.close()]);
    await store?.close();
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
