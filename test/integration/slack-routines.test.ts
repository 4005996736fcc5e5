import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketTexts } from '../../src/bot/index.js';
import { runBin } from '../support/cli.js';
import { FAKE_SLACK, eventEnvelope, postSlackEvent, startFakeSlackApi, slackEnv, type FakeSlackApi, type FakeSlackCall } from '../support/fake-slack-api.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Vellinge's orders are made in its own e-service: in Slack too, the bot shows the way there and offers no form. */

type Block = { type: string; text?: { text: string }; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown> };

let fake: FakeSlackApi;
let server: TestServer;
const TEAM = FAKE_SLACK.teamId;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  server = await startTestServer(slackEnv(fake.url));
  const added = await runBin(
    ['contacts', 'add', '--municipality', 'vellinge', '--provider', 'Omsorg i Vellinge AB', '--org-number', '556036-0793', '--name', 'Vera Vellinge', '--email', 'vera@omsorg.se', '--phone', '070-123 45 67', '--slack-user', 'U0VERA', '--slack-team', TEAM, '--json'],
    { env: { DATA_DIR: server.dataDir } },
  );
  expect(added.stderr).toBe('');
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

const blocksOf = (call: FakeSlackCall): Block[] => (call.args.blocks ?? []) as Block[];
const texts = (blocks: readonly Block[]): string => blocks.flatMap((block) => [block.text?.text ?? '', ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])]).join('\n');
const actionIds = (blocks: readonly Block[]): unknown[] => blocks.flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory ? [block.accessory] : [])]).map((element) => element.action_id);

describe('Vellinge in Slack', () => {
  it('a new-user question gets the e-service, in the document’s words with its link, and no form', async () => {
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0VERA', user: 'U0VERA', text: 'Vi behöver beställa behörighet till en nyanställd i Procapita, hur gör vi?', ts: '1780000001.000100' }));
    const elsewhere = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0VERA' && texts(blocksOf(call)).includes(ticketTexts.sv.handledElsewhereTitle));
    expect(texts(blocksOf(elsewhere))).toMatch(/i e-tjänsten på Vellinge kommuns hemsida/u);
    expect(texts(blocksOf(elsewhere))).toContain('Länk i rutinen: "VoO behörigheter till Procapita och Life Care - beställning — Vellinge kommun"');
    // The answer and the way there are all the bot says: no form, and no button that opens one.
    const toVera = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'D0VERA');
    expect(toVera.flatMap((call) => actionIds(blocksOf(call)))).not.toContain('ticket-open-form');
    expect(toVera.some((call) => texts(blocksOf(call)).includes(ticketTexts.sv.formIntro))).toBe(false);
  });
});
