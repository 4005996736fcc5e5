import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTexts, texts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import { FAKE_SLACK, eventEnvelope, postSlackEvent, startFakeSlackApi, slackEnv, type FakeSlackApi, type FakeSlackCall } from '../support/fake-slack-api.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * A user's language in Slack, over signed requests on loopback: a Göteborg IT-contact who writes
 * Swedish chooses English with "language english"; from then on their answers, and the outage
 * notice staff publish in Swedish, come in English (the staff's text as written).
 */

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<Record<string, unknown>> };

const eric = { userId: 'U0ERIC', dm: 'D0ERIC' };
const WAIT_MS = 10_000;
let fake: FakeSlackApi;
let server: TestServer;
let env: Record<string, string>;
let tsCounter = 0;
const nextTs = (): string => `${1_795_000_000 + ++tsCounter}.000100`;

const blocksOf = (call: { args?: Record<string, unknown> }): Block[] => (call.args?.blocks ?? []) as Block[];
/** Everything a person can read in a message: header, sections, their fields and context texts. */
const readable = (blocks: readonly Block[]): string =>
  blocks.flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text), ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])]).join('\n');

async function dm(text: string): Promise<FakeSlackCall> {
  const before = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === eric.dm).length;
  expect((await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: eric.dm, user: eric.userId, text, ts: nextTs() }))).status).toBe(200);
  return eventually(() => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === eric.dm)[before]);
}

async function cli(args: string[]): Promise<string> {
  const result = await runCliInProcess(args, env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  env = { DATA_DIR: await temporaryDataDir() };
  await cli(['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Care West Ltd', '--org-number', '556036-0793', '--name', 'Eric Evans', '--email', 'eric@carewest.se', '--phone', '070-555 55 55', '--slack-user', eric.userId, '--slack-team', FAKE_SLACK.teamId]);
  server = await startTestServer(slackEnv(fake.url), env.DATA_DIR);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('a user’s language in Slack', () => {
  it('follows their Swedish until they choose English; the choice is confirmed in English and wins over their Swedish', async () => {
    expect(readable(blocksOf(await dm('Vad gäller för lösenord?')))).toContain(texts.sv.helpful);
    expect(readable(blocksOf(await dm('language english')))).toBe(texts.en.language(true));
    const answer = readable(blocksOf(await dm('Vad gäller för lösenord?')));
    expect(answer).toContain(texts.en.helpful);
    expect(answer).not.toContain(texts.sv.helpful);
    expect(readable(blocksOf(await dm('hjälp')))).toContain(texts.en.helpLines.at(-2)!);
  });

  it('the outage notice staff publish in Swedish reaches their DM with English fixed parts', async () => {
    const start = new Date(Date.now() + 30 * 3_600_000);
    const when = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(date);
    const created = JSON.parse(
      await cli(['notices', 'create', '--municipality', 'goteborg', '--kind', 'planned', '--title', 'Uppgradering av Treserva', '--systems', 'treserva', '--description', 'Treserva uppgraderas till version 5.', '--start', when(start), '--end', when(new Date(start.getTime() + 7_200_000)), '--json']),
    ) as { notice: { id: string } };
    await cli(['notices', 'publish', created.notice.id, '--reason', 'Säkerhetsuppdatering som inte kan vänta.']);
    const notice = await eventually(() => fake.messagesIn(eric.dm).find((message) => message.text === 'Planned outage: Uppgradering av Treserva'), WAIT_MS);
    const shown = readable(notice.blocks as Block[]);
    expect(shown).toContain('Treserva uppgraderas till version 5.');
    expect(shown).toContain(noticeTexts.en.footer.replace(/</gu, '&lt;').replace(/>/gu, '&gt;'));
    expect(shown).not.toContain(noticeTexts.sv.footer.slice(0, 20));
    expect(shown).not.toMatch(/\bPlanerat driftstopp\b|\bBeskrivning\b|\bNär\b/u);
  });
});
