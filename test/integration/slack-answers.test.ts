import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../src/contacts/index.js';
import { texts } from '../../src/bot/index.js';
import type { AnswerEngine } from '../../src/knowledge/index.js';
import { blockAction, eventEnvelope, postSlackEvent, postSlackInteraction, startFakeSlackApi, type FakeSlackApi, type FakeSlackCall, slackEnv } from '../support/fake-slack-api.js';
import { bundledEngine } from '../support/knowledge.js';
import { nearMiss } from '../support/near-miss.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

/**
 * "Menar du …?" in Slack, over signed requests on loopback against the fake Web API: a near miss
 * comes with a button per suggestion and "Inget av dessa"; pressing one answers that record.
 */

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<Record<string, unknown>> };

let fake: FakeSlackApi;
let server: TestServer;
let engine: AnswerEngine;
let tsCounter = 0;
const nextTs = (): string => `${1_770_000_000 + ++tsCounter}.000100`;

beforeAll(async () => {
  [fake, engine] = await Promise.all([startFakeSlackApi(), bundledEngine()]);
  server = await startTestServer(slackEnv(fake.url));
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

const blocksOf = (value: { args?: Record<string, unknown>; body?: Record<string, unknown> }): Block[] => ((value.args ?? value.body)?.blocks ?? []) as Block[];
const readable = (blocks: Block[]): string => blocks.map((block) => block.text?.text ?? '').join('\n');
const buttons = (blocks: Block[]): Array<Record<string, unknown>> => blocks.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);

/** A DM to the bot; resolves with the bot's next post there. */
async function dm(user: string, channel: string, text: string): Promise<FakeSlackCall> {
  const before = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel).length;
  expect((await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel, user, text, ts: nextTs() }))).status).toBe(200);
  return eventually(() => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === channel)[before]);
}

describe('"Menar du …?" in Slack', () => {
  it('offers the suggestions as buttons; pressing one answers it, "Inget av dessa" offers a ticket, and both are recorded', async () => {
    const user = 'U0NEAR';
    const channel = 'D0NEAR';
    // A name alone answers "which municipality?".
    expect(readable(blocksOf(await dm(user, channel, 'GBG')))).toBe(texts.sv.municipalitySet({ id: 'goteborg', name: 'Göteborgs Stad' }));

    const miss = nearMiss(engine, 'goteborg');
    const offered = await dm(user, channel, miss.question);
    const blocks = blocksOf(offered);
    expect(readable(blocks)).toContain(miss.answer.answer);
    expect(readable(blocks)).toContain(texts.sv.didYouMean);
    const choices = buttons(blocks);
    expect(choices.map((button) => (button.text as { text: string }).text)).toEqual([...miss.answer.suggestions.map((suggestion) => suggestion.label), texts.sv.noneOfThese]);
    // Action ids differ within the block, as Slack requires.
    expect(new Set(choices.map((button) => button.action_id)).size).toBe(choices.length);
    const chosen = miss.answer.suggestions[0]!;
    expect(JSON.parse(String(choices[0]!.value))).toEqual({ question: miss.question, recordId: chosen.id, municipality: 'goteborg', language: 'sv' });

    const message = { channel, ts: String(offered.args.ts ?? nextTs()), blocks, text: String(offered.args.text) };
    const press = (button: Record<string, unknown>, name: string) =>
      postSlackInteraction(server.url, blockAction({ type: 'button', block_id: 'suggestions', action_id: button.action_id, value: button.value, text: button.text }, { userId: user, responseUrl: fake.responseUrl(name), message }));

    expect((await press(choices[0]!, 'near-choose')).status).toBe(200);
    const answer = blocksOf(await fake.waitForResponse('near-choose'));
    const expected = engine.answerRecord(chosen.id, 'sv')!;
    expect(answer[0]).toMatchObject({ type: 'header', text: { text: texts.sv.answerFor(expected.groups[0]!.municipalityName) } });
    expect(readable(answer)).toContain(expected.groups[0]!.records[0]!.text.slice(0, 40));
    expect(buttons(answer).map((button) => button.action_id)).toEqual(['feedback-yes', 'feedback-no', 'create-ticket']);
    expect(JSON.parse(String(buttons(answer)[0]!.value))).toEqual({ answerId: chosen.id, question: miss.question, municipality: chosen.municipalityId, language: 'sv' });

    expect((await press(choices.at(-1)!, 'near-none')).status).toBe(200);
    const none = blocksOf(await fake.waitForResponse('near-none'));
    expect(readable(none)).toContain(miss.answer.answer);
    expect(buttons(none).map((button) => button.action_id)).toEqual(['create-ticket']);

    const stored = JSON.parse(await readFile(join(server.dataDir, 'itkontakt.json'), 'utf8')) as { feedback: FeedbackEntry[] };
    expect(stored.feedback.filter((entry) => entry.kind === 'suggestion').map((entry) => [entry.answerId, entry.platform, entry.question])).toEqual([
      [chosen.id, 'slack', miss.question],
      [null, 'slack', miss.question],
    ]);
  });

  it('an answer from a municipality the question named says so in its header', async () => {
    await dm('U0NAMED', 'D0NAMED', 'kommun Göteborg');
    const blocks = blocksOf(await dm('U0NAMED', 'D0NAMED', 'Hur loggar man in med SITHS i GBG och i Uppsala?'));
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: `${texts.sv.answerForMany} ${texts.sv.askedAbout(['GBG', 'Uppsala'])}` } });
    expect(readable(blocks)).toContain('*Uppsala kommun*');
  });

  it('acknowledges a suggestion button whose value does not match its place, and answers nothing', async () => {
    const value = JSON.stringify({ question: 'Vilken dator?', recordId: null, municipality: 'goteborg', language: 'sv' });
    const response = await postSlackInteraction(
      server.url,
      blockAction({ type: 'button', block_id: 'suggestions', action_id: 'choose-suggestion:0', value }, { userId: 'U0FORGE2', responseUrl: fake.responseUrl('near-forged'), message: { channel: 'D0FORGE2', ts: nextTs(), ephemeral: true } }),
    );
    expect(response.status).toBe(200);
    await eventually(() => server.logs.find((line) => line.reason === 'invalid value for choose-suggestion:0'));
    expect(fake.responses.filter((post) => post.name === 'near-forged')).toHaveLength(0);
  });
});
