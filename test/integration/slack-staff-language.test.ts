import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationTexts, ticketTexts } from '../../src/bot/index.js';
import { runCliInProcess, withOperator } from '../support/cli.js';
import { FAKE_SLACK, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, slackEnv, startFakeSlackApi, viewSubmission, type FakeSlackApi, type FakeSlackCall, type OpenedView } from '../support/fake-slack-api.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * What goes to a municipality's staff in Slack, over signed requests on loopback against a fake
 * Web API, in the staff's language: two servers, one with STAFF_LANGUAGE=en and one without
 * (Swedish), each with Örebro's staff channel and a support mailbox (a real SMTP server on
 * loopback). A member of staff reached in their own DM gets the language they chose there.
 */

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<Record<string, unknown>> };

interface StaffSide {
  readonly fake: FakeSlackApi;
  readonly server: TestServer;
  readonly smtp: TestSmtpServer;
  readonly env: Record<string, string>;
}

let english: StaffSide;
let swedish: StaffSide;
let tsCounter = 0;
const nextTs = (): string => `${1_770_000_000 + ++tsCounter}.000100`;

/** A server with Örebro's staff (Sara) in the staff channel C0STAFF, Göteborg's staff (Greta, no channel), and an operator for the CLI. */
async function staffSide(env: Record<string, string>): Promise<StaffSide> {
  const [fake, smtp] = await Promise.all([startFakeSlackApi(), startSmtpServer()]);
  const cli = await withOperator({ DATA_DIR: await temporaryDataDir() });
  for (const [municipality, name, userId] of [['orebro', 'Sara Svensson', 'U0SARA'], ['goteborg', 'Greta Göteborg', 'U0GRETA']] as const) {
    const added = await runCliInProcess(['staff', 'add', '--municipality', municipality, '--name', name, '--slack-user', userId, '--slack-team', FAKE_SLACK.teamId], cli);
    expect(added.code, added.stderr).toBe(0);
  }
  const server = await startTestServer({ ...slackEnv(fake.url), SMTP_URL: smtp.url, SMTP_FROM: 'itkontakt <itkontakt@kommun.test>', OUTBOX_INTERVAL_SECONDS: '0.25', ...env }, cli.DATA_DIR);
  await postSlackEvent(server.url, eventEnvelope({ type: 'member_joined_channel', user: FAKE_SLACK.botUserId, channel: 'C0STAFF', channel_type: 'C', team: FAKE_SLACK.teamId, inviter: 'U0SARA' }));
  await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0STAFF');
  const mentionTs = nextTs();
  await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U0SARA', text: `<@${FAKE_SLACK.botUserId}> personalkanal Örebro`, ts: mentionTs, channel: 'C0STAFF' }));
  const set = await fake.waitForCall('chat.postMessage', (call) => call.args.thread_ts === mentionTs);
  expect(readable(blocksOf(set))).toContain(registrationTexts.sv.staffChannelSet('Örebro kommun'));
  return { fake, server, smtp, env: cli };
}

beforeAll(async () => {
  english = await staffSide({ STAFF_LANGUAGE: 'en' });
  swedish = await staffSide({});
}, 60_000);

afterAll(async () => {
  await Promise.all([english, swedish].map(async (side) => Promise.all([side?.server.stop(), side?.fake.close(), side?.smtp.close()])));
});

const blocksOf = (call: FakeSlackCall): Block[] => (call.args.blocks ?? []) as Block[];

/** Everything a person can read in a message: header, section (and its fields), context texts and buttons. */
function readable(blocks: Block[]): string {
  return blocks
    .flatMap((block) => [
      block.text?.text ?? '',
      ...(block.fields ?? []).map((field) => field.text),
      ...(block.elements ?? []).map((element) => String((element.text as { text?: string } | undefined)?.text ?? element.text ?? '')),
    ])
    .join('\n');
}

/** A guest applies with "/it registrera" and the modal, in Swedish, to become IT-contact in a municipality. */
async function apply(side: StaffSide, userId: string, name: string, municipality: string): Promise<void> {
  await postSlackCommand(side.server.url, slashCommand('registrera', { userId, responseUrl: side.fake.responseUrl(`${userId}-command`) }));
  const opened = await side.fake.waitForCall('views.open', (call) => (call.args.view as OpenedView).callback_id === 'registration' && String((call.args.view as OpenedView).private_metadata).includes(userId));
  const typed = { municipality, providerName: 'Omsorg i Örebro AB', orgNumber: '556036-0793', name, email: `${userId.toLowerCase()}@omsorg.se`, phone: '070-123 45 67' };
  const accepted = await postSlackInteraction(side.server.url, viewSubmission(opened.args.view as OpenedView, Object.fromEntries(Object.entries(typed).map(([field, value]) => [`registration:${field}`, value])), { userId }));
  expect(await accepted.text()).toBe('');
}

const isReview = (call: FakeSlackCall): boolean => blocksOf(call).some((block) => block.elements?.some((element) => element.action_id === 'registration-approve'));

describe('staff texts in Slack follow the staff language', () => {
  it('the application in the staff channel: English under STAFF_LANGUAGE=en, Swedish by default; the applicant keeps their own', async () => {
    const shown: Record<string, string> = {};
    for (const [language, side] of [['en', english], ['sv', swedish]] as const) {
      await apply(side, 'U0ANNA', 'Anna Andersson', 'orebro');
      const review = await side.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0STAFF' && isReview(call));
      shown[language] = `${String(review.args.text)}\n${readable(blocksOf(review))}`;
      const received = await side.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0ANNA');
      expect(readable(blocksOf(received))).toContain('Tack Anna Andersson! Din ansökan');
    }
    const request = { name: 'Anna Andersson', providerName: 'Omsorg i Örebro AB' } as Parameters<typeof registrationTexts.sv.reviewTitle>[0];
    expect(shown.en).toContain(registrationTexts.en.reviewTitle(request));
    expect(shown.en).toContain(registrationTexts.en.approve);
    expect(shown.en).not.toContain(registrationTexts.sv.approve);
    expect(shown.sv).toContain(registrationTexts.sv.reviewTitle(request));
    expect(shown.sv).toContain(registrationTexts.sv.approve);
  });

  it('a member of staff reached in their own DM gets the language they chose there', async () => {
    // Göteborg has no staff channel: Greta is reached directly, and she chose English in her DM.
    await postSlackEvent(swedish.server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0GRETA', user: 'U0GRETA', text: 'language english', ts: nextTs() }));
    await swedish.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0GRETA');
    await apply(swedish, 'U0GUSTAV', 'Gustav Gren', 'goteborg');
    const review = await swedish.fake.waitForCall('chat.postMessage', (call) => (call.args.channel === 'U0GRETA' || call.args.channel === 'D0GRETA') && isReview(call));
    expect(readable(blocksOf(review))).toContain(registrationTexts.en.reviewTitle({ name: 'Gustav Gren', providerName: 'Omsorg i Örebro AB' } as Parameters<typeof registrationTexts.en.reviewTitle>[0]));
    expect(readable(blocksOf(review))).toContain(registrationTexts.en.approve);
  });

  it('a filed ticket: its staff-channel message and its email to the support mailbox in English under STAFF_LANGUAGE=en, Swedish by default, the values as filed', async () => {
    const fields = { provider: 'Omsorg i Örebro AB', name: 'Bo Berg', function: 'Enhetschef', hsaId: 'SE2321000016-1003', treservaUsername: 'bober01' };
    const filed: Record<string, { post: string; mail: string }> = {};
    for (const [language, side] of [['en', english], ['sv', swedish]] as const) {
      const result = await runCliInProcess(['tickets', 'file', '--municipality', 'orebro', '--type', 'ore-ticket-lifecare-sp-user', ...Object.entries(fields).flatMap(([key, value]) => ['--field', `${key}=${value}`]), '--json'], side.env);
      expect(result.code, result.stderr).toBe(0);
      const { id } = JSON.parse(result.stdout) as { id: string };
      const post = await side.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0STAFF' && String(call.args.text).includes(id), 8_000);
      const mail = await eventually(() => side.smtp.messages.find((message) => message.subject.includes(id)), 8_000);
      expect(mail.subject).toBe(`Anmälan av användare till Lifecare SP – ${id}`);
      filed[language] = { post: readable(blocksOf(post)), mail: mail.body };
      expect(post.args.text).toBe(ticketTexts[language].staffTitle({ id, title: language === 'en' ? 'New user in Lifecare SP' : 'Ny användare i Lifecare SP' } as Parameters<typeof ticketTexts.sv.staffTitle>[0]));
      for (const value of Object.values(fields)) {
        expect(filed[language]!.post).toContain(value);
        expect(filed[language]!.mail).toContain(value);
      }
    }
    expect(filed.en!.post).toContain('*Name of the authorised person*\nBo Berg');
    expect(filed.en!.post).toContain(`*${ticketTexts.en.requester}:*`);
    expect(filed.en!.post).toContain(ticketTexts.en.take);
    expect(filed.en!.post).not.toContain('Namn på behörig');
    expect(filed.en!.mail).toMatch(/^Submitted by: Ada Admin, ada\.admin@kommun\.se$/mu);
    expect(filed.en!.mail).not.toMatch(/Inskickat|Namn på behörig/u);
    expect(filed.sv!.post).toContain('*Namn på behörig*\nBo Berg');
    expect(filed.sv!.post).toContain(`*${ticketTexts.sv.requester}:*`);
    expect(filed.sv!.mail).toMatch(/^Inskickat av: Ada Admin, ada\.admin@kommun\.se$/mu);
    expect(filed.sv!.mail).not.toMatch(/Submitted by|Name of the authorised person/u);
  });
});
