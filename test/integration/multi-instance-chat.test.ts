import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketTexts } from '../../src/bot/index.js';
import { formatStockholm } from '../../src/time/index.js';
import { runCliInProcess } from '../support/cli.js';
import { cardOf, cardTexts, exchange, installationActivity, messageActivity, personalChat, pressButton, startFakeBotConnector, submitActivity, TEST_TENANT, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { eventEnvelope, FAKE_SLACK, postSlackEvent, slackEnv, startFakeSlackApi, type FakeSlackApi, type FakeSlackCall } from '../support/fake-slack-api.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';
import { registerOrebro } from '../support/registry.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

const suite = TEST_DATABASE_URL ? describe : describe.skip;

/** The Slack workspace limit (sends a second) that both instances share in these tests. */
const WORKSPACE_PER_SECOND = 4;

/** The database URL with a schema of this suite's own as its search path. */
function urlFor(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** The most calls in any window of `windowMs` (the calls' times, as the fakes recorded them, sorted). */
function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[last]! - times[first]! >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

// Two servers on one PostgreSQL schema behind the fake Bot Connector, an SMTP server and a fake
// Slack Web API each (so the test knows which instance sent what, and can answer one of them 429).
suite('two instances on one database, over Teams and Slack', () => {
  // Skipped without a database; the run says so in one line (test/vitest.config.ts).
  const base = TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/unset';
  const schema = freshSchema('itk_chat');
  let connector: FakeBotConnector;
  let smtp: TestSmtpServer;
  const slack: FakeSlackApi[] = [];
  const servers: TestServer[] = [];
  let cli: Record<string, string>;

  beforeAll(async () => {
    [connector, smtp] = await Promise.all([startFakeBotConnector(), startSmtpServer()]);
    slack.push(await startFakeSlackApi(), await startFakeSlackApi());
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const database = urlFor(base, schema);
    cli = { DATABASE_URL: database, DATA_DIR: await temporaryDataDir() };
    const common = {
      TEAMS_LOCAL: '1',
      DATABASE_URL: database,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'itkontakt <itkontakt@kommun.test>',
      OUTBOX_INTERVAL_SECONDS: '0.25',
      NOTICE_SLACK_PER_WORKSPACE: String(WORKSPACE_PER_SECOND),
      // Slack's own figure: a channel takes about one message a second.
      NOTICE_SLACK_PER_CHANNEL: '1',
    };
    for (const fake of slack) servers.push(await startTestServer({ ...slackEnv(fake.url), ...common }));
    // Both count each other before anything is sent (each says so once it may send).
    for (const server of servers) await eventually(() => server.logs.some((line) => String(line.msg).startsWith('notice outbox: 2 instance(s) share the send limits')), 20_000);
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await server.stop();
    await Promise.all([connector?.close(), smtp?.close(), ...slack.map((fake) => fake.close())]);
    await dropSchemas(base, [schema]);
  });

  it('a ticket filed through Teams on one instance is listed in Teams by the other and mailed once', { timeout: 60_000 }, async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const anna = testUser('Anna Andersson');
    const chat = personalChat(anna);
    await registerOrebro(cli, {
      contact: { name: 'Anna Andersson', identity: ['--teams-user', anna.aadObjectId, '--teams-tenant', TEST_TENANT] },
      staff: { name: 'Sara Svensson', identity: ['--email', 'sara@orebro.se'] },
    });
    await exchange(connector, first.url, chat, installationActivity(connector.serviceUrl, anna, chat, 'add'));
    const [form] = await exchange(connector, first.url, chat, messageActivity(connector.serviceUrl, anna, chat, 'ärende'));
    expect(cardTexts(cardOf(form!))[0]).toBe('Ny användare i Lifecare SP (Örebro kommun)');
    const typed = { 'field.name': 'Bo Berg', 'field.function': 'Enhetschef', 'field.hsaId': 'SE2321000016-1003', 'field.treservaUsername': 'bober01' };
    const [receipt] = await exchange(connector, first.url, chat, submitActivity(connector.serviceUrl, anna, chat, pressButton(cardOf(form!), 'Skicka ärendet', typed)));
    const ticketId = /Ärende (ORE-\d{4}-\d{4})/u.exec(receipt!.activity.text ?? '')?.[1];
    expect(ticketId, receipt!.activity.text).toBeDefined();

    // The other instance lists it: the same conversation, the same database.
    const [list] = await exchange(connector, second.url, chat, messageActivity(connector.serviceUrl, anna, chat, 'mina ärenden'));
    const shown = cardTexts(cardOf(list!));
    expect(shown[0]).toBe(ticketTexts.sv.listTitle);
    expect(shown).toContain(`${ticketId}: Ny användare i Lifecare SP`);

    const mails = () => smtp.messages.filter((mail) => mail.subject.includes(ticketId!));
    await eventually(() => mails().length > 0, 20_000);
    // Both outboxes go round several times more: still once.
    const client = new pg.Client({ connectionString: cli.DATABASE_URL });
    await client.connect();
    try {
      await eventually(async () => (await client.query("SELECT 1 FROM ticket_outbox WHERE ticket_id = $1 AND channel = 'email' AND status = 'sent'", [ticketId])).rowCount === 1, 20_000);
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(mails()).toHaveLength(1);
    expect(mails()[0]!.to).toEqual(['vardochstod@orebro.se']);
  });

  it('two instances sending one notice to 40 Slack DMs in one workspace keep the workspace limit together', { timeout: 120_000 }, async () => {
    const people = Array.from({ length: 40 }, (_, index) => `U0KONTAKT${String(index).padStart(2, '0')}`);
    for (const [index, userId] of people.entries()) {
      const added = await runCliInProcess(['contacts', 'add', '--municipality', 'goteborg', '--provider', `Utförare ${index} AB`, '--org-number', '556036-0793', '--name', `Kontakt ${index}`, '--email', `kontakt${index}@utforare.se`, '--phone', `070-${String(1_000_000 + index).slice(1)}`, '--slack-user', userId, '--slack-team', FAKE_SLACK.teamId], cli);
      expect(added.code, added.stderr).toBe(0);
    }
    const day = new Date(Date.now() + 12 * 86_400_000);
    while (new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short' }).format(day) !== 'Sun') day.setTime(day.getTime() + 86_400_000);
    const date = formatStockholm(day).slice(0, 10);
    const created = await runCliInProcess(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Uppgradering.', '--impact', 'Går inte att nå.', '--start', `${date} 08:00`, '--end', `${date} 12:00`, '--json'], cli);
    const { notice } = JSON.parse(created.stdout) as { notice: { id: string } };
    expect((await runCliInProcess(['notices', 'publish', notice.id, '--json'], cli)).code).toBe(0);

    const dms = (fake: FakeSlackApi): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((call) => people.includes(String(call.args.channel)));
    await eventually(() => new Set(slack.flatMap((fake) => dms(fake)).map((call) => String(call.args.channel))).size === people.length, 90_000);
    const calls = slack.flatMap((fake) => dms(fake));
    // Each once, and both instances took part.
    expect(calls.map((call) => String(call.args.channel)).sort()).toEqual([...people].sort());
    expect(slack.map((fake) => dms(fake).length).every((count) => count > 0)).toBe(true);
    // Together within the limit (each alone paces to the full limit: together they would send twice
    // as fast). Measured from the fakes' times with room for a busy machine: in any 3 s at most the
    // limit's 3 s and a burst of 4 more, and over the whole fan-out no more than 10 % over the limit.
    const times = calls.map((call) => call.at).sort((a, b) => a - b);
    expect(mostInAnyWindow(times, 3_000)).toBeLessThanOrEqual(WORKSPACE_PER_SECOND * 3 + 4);
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    expect((times.length - WORKSPACE_PER_SECOND) / seconds).toBeLessThanOrEqual(WORKSPACE_PER_SECOND * 1.1);
  });

  it('a 429 with Retry-After that one instance gets pauses the other instance’s sends to that channel too', { timeout: 120_000 }, async () => {
    const [first] = servers as [TestServer, TestServer];
    const [limited, other] = slack as [FakeSlackApi, FakeSlackApi];
    // Uppsala's staff make a channel Uppsala's notice channel (through the first instance); Uppsala has
    // no IT-contacts here, so each disruption below is one message, to that channel.
    const channel = 'C0UPPDRIFT';
    const staff = await runCliInProcess(['staff', 'add', '--municipality', 'uppsala', '--name', 'Ulla Uppsala', '--slack-user', 'U0ULLA', '--slack-team', FAKE_SLACK.teamId], cli);
    expect(staff.code, staff.stderr).toBe(0);
    await postSlackEvent(first.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel, channel_type: 'C', team: FAKE_SLACK.teamId, inviter: 'U0ULLA' }));
    await limited.waitForCall('chat.postMessage', (call) => call.args.channel === channel);
    await postSlackEvent(first.url, eventEnvelope({ type: 'app_mention', user: 'U0ULLA', text: `<@${FAKE_SLACK.botUserId}> driftkanal`, ts: '1790000001.000100', channel }));
    await limited.waitForCall('chat.postMessage', (call) => call.args.thread_ts === '1790000001.000100');

    const RETRY_AFTER_SECONDS = 10;
    const posts = (fake: FakeSlackApi): FakeSlackCall[] => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel && String(call.args.text ?? '').startsWith('Driftstörning'));
    // The first instance's next post is answered 429, as Slack's limiter answers.
    limited.rateLimit('chat.postMessage', RETRY_AFTER_SECONDS, 1);
    const ids: string[] = [];
    for (let index = 0; index < 16; index += 1) {
      const created = await runCliInProcess(['notices', 'create', '--municipality', 'uppsala', '--kind', 'disruption', '--title', `Phoniro svarar inte ${index}`, '--systems', 'phoniro', '--description', 'Larmen når inte fram.', '--json'], cli);
      expect(created.code, created.stderr).toBe(0);
      ids.push((JSON.parse(created.stdout) as { notice: { id: string } }).notice.id);
    }
    for (const id of ids) expect((await runCliInProcess(['notices', 'publish', id, '--json'], cli)).code).toBe(0);

    const throttled = await eventually(() => limited.calls.find((call) => call.method === 'chat.postMessage' && call.args.channel === channel && !call.result), 30_000);
    await eventually(() => posts(limited).length + posts(other).length >= ids.length + 1, 90_000);
    // Every disruption reached the channel once (and the one answered 429 again after its Retry-After).
    const delivered = [...posts(limited), ...posts(other)].filter((call) => call.result !== undefined);
    expect(delivered).toHaveLength(ids.length);
    expect(new Set(delivered.map((call) => String(call.args.text))).size).toBe(ids.length);
    // Neither instance posted there while the pause held: from three seconds after the 429 (the
    // other learns of it at its next beat, a second apart, later on a busy machine) until a moment
    // before it ended. Without the shared pause the other goes on posting, about one a second.
    const during = delivered.filter((call) => call.at > throttled.at + 3_000 && call.at < throttled.at + RETRY_AFTER_SECONDS * 1000 - 500);
    expect(during.map((call) => ({ at: call.at - throttled.at, text: call.args.text }))).toEqual([]);
  });
});
