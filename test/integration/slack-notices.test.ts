import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { noticeFormTexts } from '../../src/bot/index.js';
import { formatStockholm } from '../../src/time/index.js';
import { runCliInProcess } from '../support/cli.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { FAKE_SLACK, blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, startFakeSlackApi, viewSubmission, type FakeSlackApi, type FakeSlackCall, type FakeSlackMessage, type OpenedView, slackEnv } from '../support/fake-slack-api.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Issue 8's done path in Slack, over real HTTP on loopback: Göteborg staff announce a planned
 * Treserva outage on a Sunday 08–12, twelve days or more ahead (inside Göteborg's rules), from the
 * `/it nytt driftstopp` modal; every Göteborg IT-contact gets it once as a Slack DM and once by email
 * (the one without a Slack identity by email only), the channel made Göteborg's notice channel with
 * `driftkanal` gets it once, and Örebro's contact and channel get nothing. An update from the
 * delivery report threads under the first message (thread_ts in Slack, In-Reply-To in email),
 * `/it driftinfo` lists the notice, and `notices report` shows every delivery sent.
 */

type Block = { type: string; block_id?: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown> };

const TEAM = FAKE_SLACK.teamId;
const WAIT_MS = 10_000;
const TITLE = 'Uppgradering av Treserva';
const HEADING = `Planerat driftstopp: ${TITLE}`;
const UPDATE_HEADING = `Uppdatering – planerat driftstopp: ${TITLE}`;
const UPDATE_TEXT = 'Starten flyttas till 08.30.';

/** Slack user ids; a post to a user id lands in the bot's DM with them, D + the rest (as the fake does it). */
const sara = { userId: 'U0SARA', dm: 'D0SARA' };
const anna = { userId: 'U0ANNA', dm: 'D0ANNA', email: 'anna@omsorgivast.se' };
const bo = { userId: 'U0BOBERG', dm: 'D0BOBERG', email: 'bo@hemtjanstbo.se' };
const cilla = { email: 'cilla@vardhemmet.se' };
const olle = { userId: 'U0OLLE', dm: 'D0OLLE', email: 'olle@omsorgorebro.se' };
const GBG_CHANNEL = 'C0GBGDRIFT';
const ORE_CHANNEL = 'C0OREDRIFT';

let fake: FakeSlackApi;
let smtp: TestSmtpServer;
let server: TestServer;
let env: Record<string, string>;
let tsCounter = 0;
const nextTs = (): string => `${1_790_000_000 + ++tsCounter}.000100`;

const blocksOf = (value: { args?: Record<string, unknown>; body?: Record<string, unknown>; blocks?: unknown }): Block[] => ((value.args ?? value.body)?.blocks ?? value.blocks ?? []) as Block[];

/** Everything a person can read in a message: header, section (and its fields) and context texts. */
function readable(blocks: readonly Block[]): string {
  return blocks
    .flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text), ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])])
    .join('\n');
}

function button(blocks: readonly Block[], actionId: string): Record<string, unknown> {
  const found = blocks
    .flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory?.type === 'button' ? [block.accessory] : [])])
    .find((candidate) => candidate.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks)}`);
  return found;
}

const viewOf = (call: FakeSlackCall): OpenedView => call.args.view as OpenedView;

/** The notice messages (announcement or update) the bot posted in a channel or DM, in order. */
const noticesIn = (channel: string): FakeSlackMessage[] => fake.messagesIn(channel).filter((message) => message.text === HEADING || message.text === UPDATE_HEADING);
const mailsTo = (address: string): ReceivedMail[] => smtp.messages.filter((mail) => mail.to.includes(address));

/** The first Sunday (Stockholm) at least `days` days from now, as YYYY-MM-DD: inside Göteborg's preferred window. */
function sundayAtLeast(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  while (new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', weekday: 'short' }).format(day) !== 'Sun') day.setTime(day.getTime() + 86_400_000);
  return formatStockholm(day).slice(0, 10);
}

interface Report {
  readonly complete: boolean;
  readonly total: number;
  readonly channels: ReadonlyArray<{ channel: string; sent: number; pending: number; failed: number; withdrawn: number }>;
  readonly failures: readonly unknown[];
  readonly events: ReadonlyArray<{ event: string; planned: number; sent: number; pending: number }>;
}

/** `itkontakt notices report <id> --json`, as the operator runs it while the server sends. */
async function reportOf(noticeId: string): Promise<Report> {
  const shown = await runCliInProcess(['notices', 'report', noticeId, '--json'], env);
  expect(shown.code, shown.stderr).toBe(0);
  return (JSON.parse(shown.stdout) as { report: Report }).report;
}

beforeAll(async () => {
  [fake, smtp] = await Promise.all([startFakeSlackApi(), startSmtpServer()]);
  env = { DATA_DIR: await temporaryDataDir() };
  const run = async (args: string[]): Promise<void> => {
    const result = await runCliInProcess(args, env);
    expect(result.code, result.stderr).toBe(0);
  };
  // The administrator registers Göteborg's staff member and IT-contacts with their Slack identities,
  // one contact with only an email address, and an Örebro IT-contact, as the README says.
  await run(['staff', 'add', '--municipality', 'goteborg', '--name', 'Sara Svensson', '--slack-user', sara.userId, '--slack-team', TEAM]);
  await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg i Väst AB', '--org-number', '556036-0793', '--name', 'Anna Andersson', '--email', anna.email, '--phone', '070-111 11 11', '--slack-user', anna.userId, '--slack-team', TEAM]);
  await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Hemtjänst Bo AB', '--org-number', '556036-0793', '--name', 'Bo Berg', '--email', bo.email, '--phone', '070-222 22 22', '--slack-user', bo.userId, '--slack-team', TEAM]);
  await run(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Vårdhemmet AB', '--org-number', '556036-0793', '--name', 'Cilla Carlsson', '--email', cilla.email, '--phone', '070-333 33 33']);
  await run(['contacts', 'add', '--municipality', 'orebro', '--provider', 'Omsorg i Örebro AB', '--org-number', '556036-0793', '--name', 'Olle Olsson', '--email', olle.email, '--phone', '070-444 44 44', '--slack-user', olle.userId, '--slack-team', TEAM]);
  server = await startTestServer({ ...slackEnv(fake.url), SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <drift@goteborg.test>' }, env.DATA_DIR);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([fake?.close(), smtp?.close()]);
});

describe('notices in Slack: Göteborg staff announce a planned Treserva outage', () => {
  const sunday = sundayAtLeast(12);
  let noticeId: string;
  let report: Block[];
  let reportTs: string;

  it('Sara adds the bot to a channel and makes it Göteborg’s notice channel; Olle’s channel becomes Örebro’s', { timeout: 15_000 }, async () => {
    // Staff add the bot to their channel: it says hello, but a staff channel gets no notices unless asked.
    await postSlackEvent(server.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: GBG_CHANNEL, channel_type: 'C', team: TEAM, inviter: sara.userId }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === GBG_CHANNEL);
    const mentionTs = nextTs();
    await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: sara.userId, text: `<@${FAKE_SLACK.botUserId}> driftkanal`, ts: mentionTs, channel: GBG_CHANNEL }));
    const confirmed = await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === mentionTs);
    expect(confirmed.args.channel).toBe(GBG_CHANNEL);
    expect(readable(blocksOf(confirmed))).toBe('Den här kanalen får nu driftinformation för Göteborgs Stad. Skriv "driftkanal av" för att sluta.');
    // An Örebro IT-contact adds the bot to their channel: it gets Örebro's notices, not Göteborg's.
    await postSlackEvent(server.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: ORE_CHANNEL, channel_type: 'C', team: TEAM, inviter: olle.userId }));
    await fake.waitForCall('chat.postMessage', (call) => call.args.channel === ORE_CHANNEL);
  });

  it('Sara opens the form with /it nytt driftstopp, fills in the modal and previews the draft in her DM', { timeout: 15_000 }, async () => {
    const command = await postSlackCommand(server.url, slashCommand('nytt driftstopp', { userId: sara.userId, channelId: sara.dm, channelName: 'directmessage', responseUrl: fake.responseUrl('sara-new') }));
    expect(command.status).toBe(200);
    const opened = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'notice-form');
    const modal = viewOf(opened);
    expect(readable(modal.blocks as Block[])).toContain('Planerat driftstopp i Göteborgs Stad');
    const submitted = await postSlackInteraction(
      server.url,
      viewSubmission(
        modal,
        {
          'notice:title': TITLE,
          'notice:systems': 'treserva',
          'notice:startDate': sunday,
          'notice:startTime': '08:00',
          'notice:endDate': sunday,
          'notice:endTime': '12:00',
          'notice:description': 'Treserva uppgraderas till version 5.',
          'notice:impact': 'Treserva går inte att nå.',
        },
        { userId: sara.userId },
      ),
    );
    // No field errors: the modal closes (an empty 200).
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');
    const [preview] = await eventually(() => {
      const found = fake.messagesIn(sara.dm).filter((message) => message.text.startsWith('Förhandsgranskning'));
      return found.length > 0 ? found : undefined;
    }, WAIT_MS);
    const shown = readable(blocksOf(preview!));
    // Two Slack DMs, three emails and the channel; inside the rules, so no reason is asked for.
    expect(preview!.text).toBe('Förhandsgranskning – går till 6 mottagare när du publicerar');
    expect(shown).toContain(HEADING);
    expect(shown).toContain(`${sunday} 08:00–12:00`);
    expect(shown).not.toMatch(/Bryter mot kommunens regler/u);
    expect(JSON.parse(String(button(blocksOf(preview!), 'notice-publish').value))).toMatchObject({ needsReason: false });
    // Nothing is sent before it is published.
    expect([...noticesIn(anna.dm), ...noticesIn(bo.dm), ...noticesIn(GBG_CHANNEL)]).toEqual([]);
    expect(smtp.messages).toEqual([]);
  });

  it('Publicera publishes it: the preview says so and Sara gets the delivery report in her DM', { timeout: 15_000 }, async () => {
    const preview = fake.messagesIn(sara.dm).find((message) => message.text.startsWith('Förhandsgranskning'))!;
    const blocks = blocksOf(preview);
    const pressed = button(blocks, 'notice-publish');
    const response = await postSlackInteraction(
      server.url,
      blockAction({ type: 'button', action_id: 'notice-publish', block_id: 'notice-preview-actions', value: pressed.value }, { userId: sara.userId, responseUrl: fake.responseUrl('sara-publish'), message: { channel: sara.dm, ts: preview.ts, blocks, text: preview.text } }),
    );
    expect(response.status).toBe(200);
    // The preview is replaced by the outcome, so nobody publishes it twice.
    const recorded = await eventually(() => fake.updates.find((update) => update.channel === sara.dm && update.ts === preview.ts), WAIT_MS);
    const match = /^(GBG-DRIFT-\d{4}-\d{4}) är publicerad och går till 6 mottagare\.$/u.exec(recorded.text);
    expect(match, recorded.text).toBeTruthy();
    noticeId = match![1]!;
    // The delivery report, with the buttons to change the notice: a message of its own in her DM
    // (not a reply to the press, which could not be updated as delivery goes).
    const reportTitle = `Leverans av ${noticeId}: ${TITLE}`;
    const posted = await eventually(() => fake.messagesIn(sara.dm).find((message) => message.text === reportTitle), WAIT_MS);
    reportTs = posted.ts;
    report = blocksOf(posted);
    expect(fake.responses.filter((post) => post.name === 'sara-publish' && post.body.text === reportTitle)).toEqual([]);
    expect(JSON.parse(String(button(report, 'notice-change-update').value))).toEqual({ noticeId, mode: 'update', language: 'sv' });
  });

  it('every Göteborg IT-contact gets one DM and one email, the channel one post, and Örebro nothing', { timeout: 15_000 }, async () => {
    // What recipients see arrive: each DM and the channel, and the three mailboxes.
    for (const channel of [anna.dm, bo.dm, GBG_CHANNEL]) await eventually(() => noticesIn(channel).length > 0, WAIT_MS);
    await eventually(() => [anna, bo, cilla].every((person) => mailsTo(person.email).length > 0), WAIT_MS);
    // Then until the server has sent all it queued (the operator's report): nothing more is coming, so count.
    const done = await eventually(async () => {
      const shown = await reportOf(noticeId);
      return shown.complete ? shown : undefined;
    }, WAIT_MS);
    expect(done.total).toBe(6);
    // Sara's report updated itself in place until nothing was waiting.
    const finalReport = await eventually(() => fake.updates.filter((update) => update.channel === sara.dm && update.ts === reportTs).find((update) => readable(blocksOf(update)).includes('Klart: inget väntar.')), WAIT_MS);
    expect(readable(blocksOf(finalReport))).toMatch(/\*Chatt\*\n3 skickade, 0 väntar, 0 misslyckade\n\*E-post\*\n3 skickade, 0 väntar, 0 misslyckade/u);
    expect(done.channels).toEqual([
      { channel: 'chat', sent: 3, pending: 0, failed: 0, withdrawn: 0 },
      { channel: 'email', sent: 3, pending: 0, failed: 0, withdrawn: 0 },
    ]);

    for (const person of [anna, bo]) {
      const posts = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === person.userId);
      // Posted to the user id (Slack opens the DM), once.
      expect(posts, person.userId).toHaveLength(1);
      const [message] = noticesIn(person.dm);
      expect(noticesIn(person.dm), person.dm).toHaveLength(1);
      expect(message!.requestedChannel).toBe(person.userId);
      expect(message!.threadTs).toBeUndefined();
      const shown = readable(blocksOf(message!));
      expect(shown).toContain(HEADING);
      expect(shown).toContain(`${sunday} 08:00–12:00`);
      expect(shown).toContain(`Id: ${noticeId} (Göteborgs Stad)`);
    }
    const [post] = noticesIn(GBG_CHANNEL);
    expect(noticesIn(GBG_CHANNEL)).toHaveLength(1);
    expect(post!.threadTs).toBeUndefined();
    expect(readable(blocksOf(post!))).toContain('Treserva går inte att nå.');

    const mails = smtp.messages.filter((mail) => mail.subject === HEADING);
    expect(mails.flatMap((mail) => mail.to).sort()).toEqual([anna.email, bo.email, cilla.email].sort());
    for (const person of [anna, bo, cilla]) expect(mailsTo(person.email), person.email).toHaveLength(1);
    expect(mails[0]!.body).toContain(`När: ${sunday} 08:00–12:00`);

    // Örebro's IT-contact and channel get nothing; the publisher, not an IT-contact, gets no copy.
    expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === olle.userId || call.args.channel === olle.dm)).toEqual([]);
    // (The Örebro channel has only the bot's hello from when it was added.)
    expect(fake.messagesIn(ORE_CHANNEL).map((message) => message.text)).toEqual([expect.stringMatching(/^Hej! Jag är itkontakt\./u)]);
    expect(mailsTo(olle.email)).toEqual([]);
    expect(noticesIn(sara.dm)).toEqual([]);
  });

  it('an update from the report goes in each recipient’s thread: thread_ts in Slack, In-Reply-To in email', { timeout: 15_000 }, async () => {
    const firsts = new Map([anna.dm, bo.dm, GBG_CHANNEL].map((channel) => [channel, noticesIn(channel)[0]!]));
    const firstMails = new Map([anna, bo, cilla].map((person) => [person.email, mailsTo(person.email)[0]!.headers['message-id']]));
    const pressed = button(report, 'notice-change-update');
    await postSlackInteraction(server.url, blockAction({ type: 'button', action_id: 'notice-change-update', value: pressed.value }, { userId: sara.userId, responseUrl: fake.responseUrl('sara-update'), message: { channel: sara.dm, ts: nextTs(), ephemeral: true } }));
    const opened = await fake.waitForCall('views.open', (call) => viewOf(call).callback_id === 'notice-change');
    const submitted = await postSlackInteraction(server.url, viewSubmission(viewOf(opened), { 'notice-change:text': UPDATE_TEXT }, { userId: sara.userId }));
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');

    for (const [channel, first] of firsts) {
      const update = await eventually(() => noticesIn(channel).find((message) => message.text === UPDATE_HEADING), WAIT_MS);
      // In the same DM or channel, in the first message's thread.
      expect(update.channel).toBe(channel);
      expect(update.threadTs).toBe(first.ts);
      expect(readable(blocksOf(update))).toContain(UPDATE_TEXT);
    }
    const updates = await eventually(() => {
      const found = smtp.messages.filter((mail) => mail.subject.startsWith('Uppdatering'));
      return found.length >= 3 ? found : undefined;
    }, WAIT_MS);
    expect(updates.flatMap((mail) => mail.to).sort()).toEqual([anna.email, bo.email, cilla.email].sort());
    for (const mail of updates) {
      const first = firstMails.get(mail.to[0]!);
      expect(first).toBeTruthy();
      expect(mail.headers['in-reply-to']).toBe(first);
      expect(mail.headers.references).toContain(first!);
      expect(mail.body).toContain(UPDATE_TEXT);
    }
  });

  it('/it driftinfo lists the notice for a Göteborg IT-contact, and not for Örebro’s', { timeout: 15_000 }, async () => {
    await postSlackCommand(server.url, slashCommand('driftinfo', { userId: anna.userId, channelId: anna.dm, channelName: 'directmessage', responseUrl: fake.responseUrl('anna-driftinfo') }));
    const answer = await fake.waitForResponse('anna-driftinfo', undefined, WAIT_MS);
    // Only Anna sees it, wherever she asked.
    expect(answer.body.response_type).toBe('ephemeral');
    const shown = readable(blocksOf(answer));
    expect(shown).toContain('Driftinformation för Göteborgs Stad');
    expect(shown).toContain(HEADING);
    expect(shown).toContain(noticeId);
    expect(shown).toContain(`${sunday} 08:00–12:00`);
    // An IT-contact reads; the buttons to publish are staff's.
    expect(JSON.stringify(answer.body.blocks)).not.toContain('notice-new-planned');

    await postSlackCommand(server.url, slashCommand('driftinfo', { userId: olle.userId, channelId: olle.dm, channelName: 'directmessage', responseUrl: fake.responseUrl('olle-driftinfo') }));
    const other = await fake.waitForResponse('olle-driftinfo', undefined, WAIT_MS);
    const theirs = readable(blocksOf(other));
    expect(theirs).toContain('Driftinformation för Örebro kommun');
    expect(theirs).not.toContain(TITLE);
  });

  it('notices report shows every delivery sent, nothing pending', { timeout: 15_000 }, async () => {
    const shown = await eventually(async () => {
      const current = await reportOf(noticeId);
      return current.complete ? current : undefined;
    }, WAIT_MS);
    expect(shown.total).toBe(12);
    expect(shown.channels).toEqual([
      { channel: 'chat', sent: 6, pending: 0, failed: 0, withdrawn: 0 },
      { channel: 'email', sent: 6, pending: 0, failed: 0, withdrawn: 0 },
    ]);
    expect(shown.failures).toEqual([]);
    expect(shown.events).toEqual([
      { event: 'publish-1', planned: 6, sent: 6, pending: 0 },
      { event: expect.stringMatching(/^update-\d+$/u), planned: 6, sent: 6, pending: 0 },
    ]);
    // Still once each: the update was one more message per recipient, nothing was repeated.
    for (const channel of [anna.dm, bo.dm, GBG_CHANNEL]) expect(noticesIn(channel), channel).toHaveLength(2);
    for (const person of [anna, bo, cilla]) expect(mailsTo(person.email), person.email).toHaveLength(2);
  });
});

describe('the Slack notice modal: the municipality’s own systems, start and end picked in Swedish time', () => {
  const openForm = async (response: string): Promise<OpenedView> => {
    const before = fake.callsTo('views.open').length;
    await postSlackCommand(server.url, slashCommand('nytt driftstopp', { userId: sara.userId, channelId: sara.dm, channelName: 'directmessage', responseUrl: fake.responseUrl(response) }));
    return viewOf(await eventually(() => fake.callsTo('views.open')[before], WAIT_MS));
  };
  type Input = { type: string; block_id: string; element: { type: string; options?: Array<{ text: { text: string }; value: string }>; timezone?: string } };
  const inputsOf = (view: OpenedView): Input[] => (view.blocks as unknown as Input[]).filter((block) => block.type === 'input');

  it('offers only Göteborg’s systems, and a date picker and a Swedish-time time picker for start and end', { timeout: 15_000 }, async () => {
    const inputs = inputsOf(await openForm('sara-systems'));
    const knowledge = await bundledKnowledge();
    const own = new Set(knowledge.records.filter((record) => record.municipalityId === 'goteborg').flatMap((record) => record.systems));
    const offered = inputs.find((block) => block.block_id === 'notice:systems')!.element.options!.map((option) => option.value);
    expect(offered).toContain('treserva');
    expect(new Set(offered)).toEqual(own);
    expect(offered).not.toContain('phoniro');
    expect(inputs.filter((block) => /^notice:(start|end)/u.test(block.block_id)).map((block) => [block.block_id, block.element.type, block.element.timezone])).toEqual([
      ['notice:startDate', 'datepicker', undefined],
      ['notice:startTime', 'timepicker', 'Europe/Stockholm'],
      ['notice:endDate', 'datepicker', undefined],
      ['notice:endTime', 'timepicker', 'Europe/Stockholm'],
    ]);
  });

  it('reads a date and time picked on the day clocks go forward as the right instants, and refuses the hour that does not exist, in the modal', { timeout: 15_000 }, async () => {
    const modal = await openForm('sara-dst');
    const typed = { 'notice:title': 'Sommartid i Treserva', 'notice:systems': 'treserva', 'notice:startDate': '2027-03-28', 'notice:endDate': '2027-03-28', 'notice:endTime': '03:30', 'notice:description': 'Omstart.' };
    const refused = await postSlackInteraction(server.url, viewSubmission(modal, { ...typed, 'notice:startTime': '02:30' }, { userId: sara.userId }));
    expect(await refused.json()).toEqual({ response_action: 'errors', errors: { 'notice:startDate': noticeFormTexts.sv.when('skipped-hour', 'start') } });

    const accepted = await postSlackInteraction(server.url, viewSubmission(modal, { ...typed, 'notice:startTime': '01:30' }, { userId: sara.userId }));
    expect(await accepted.text()).toBe('');
    const notices = Object.values((JSON.parse(await readFile(join(env.DATA_DIR!, 'itkontakt.json'), 'utf8')) as { notices: Record<string, { title: string; window: unknown }> }).notices);
    // 01:30 is still winter time (UTC+1), 03:30 already summer time (UTC+2): an hour apart.
    expect(notices.filter((notice) => notice.title === 'Sommartid i Treserva').map((notice) => notice.window)).toEqual([{ start: '2027-03-28T00:30:00.000Z', end: '2027-03-28T01:30:00.000Z' }]);
  });
});
