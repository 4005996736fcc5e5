import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient, renderReply, retryAfterSeconds, sendSlackMessage, updateSlackMessage } from '../../adapters/slack/index.js';
import { createLogger } from '../../src/log/index.js';
import { FAKE_SLACK, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';

let fake: FakeSlackApi;
const logLines: Array<Record<string, unknown>> = [];
const logger = createLogger({
  level: 'debug',
  destination: new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
});

beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake?.close();
});

const message = renderReply({ kind: 'error', language: 'sv', message: 'Driftinformation: inget att visa.' });

/** Records the waits asked for instead of waiting. */
function recordingSleep(): { waits: number[]; sleep: (milliseconds: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (milliseconds) => void waits.push(milliseconds) };
}

describe('sendSlackMessage', () => {
  it('posts blocks to a channel, in a thread when given one, with the bot token', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    const sent = await sendSlackMessage(client, { channel: 'C0NOTICE', threadTs: '1700000000.000100' }, message);
    const call = fake.callsTo('chat.postMessage').find((entry) => entry.args.channel === 'C0NOTICE')!;
    expect(call.token).toBe(FAKE_SLACK.botToken);
    expect(call.args).toMatchObject({ thread_ts: '1700000000.000100', text: message.text, blocks: message.blocks });
    expect(sent).toEqual({ channel: 'C0NOTICE', ts: expect.stringMatching(/^\d+\.\d+$/u) });
  });

  it('posts to a user (the bot’s DM with them), without a thread', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    const sent = await sendSlackMessage(client, { channel: 'U0ANNA' }, message);
    expect(sent.channel).toBe('D0ANNA');
    expect(fake.callsTo('chat.postMessage').find((entry) => entry.args.channel === 'U0ANNA')!.args.thread_ts).toBeUndefined();
  });

  it('waits as long as Retry-After says when Slack answers 429, then sends once', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    const { waits, sleep } = recordingSleep();
    fake.rateLimit('chat.postMessage', 7);
    const before = fake.callsTo('chat.postMessage').length;
    const sent = await sendSlackMessage(client, { channel: 'C0LIMITED' }, message, { sleep, logger });
    expect(waits).toEqual([7_000]);
    expect(fake.callsTo('chat.postMessage').length - before).toBe(2);
    expect(sent.channel).toBe('C0LIMITED');
    expect(logLines.some((line) => line.retryAfterSeconds === 7)).toBe(true);
  });

  it('really waits: Retry-After 1 delays the second attempt by a second', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    fake.rateLimit('chat.postMessage', 1);
    await sendSlackMessage(client, { channel: 'C0REALWAIT' }, message);
    const [limited, delivered] = fake.callsTo('chat.postMessage').slice(-2);
    expect(delivered!.args.channel).toBe('C0REALWAIT');
    expect(delivered!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('gives up after the attempts allowed, with the rate-limit error', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    const { waits, sleep } = recordingSleep();
    fake.rateLimit('chat.postMessage', 2, 5);
    const error = await sendSlackMessage(client, { channel: 'C0GIVEUP' }, message, { sleep, maxAttempts: 3 }).catch((caught: unknown) => caught);
    expect(retryAfterSeconds(error)).toBe(2);
    expect(waits).toEqual([2_000, 2_000]);
    fake.rateLimit('chat.postMessage', 0, 0);
  });

  it('does not wait for a Retry-After longer than allowed', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    const { waits, sleep } = recordingSleep();
    fake.rateLimit('chat.update', 3_600);
    const error = await updateSlackMessage(client, { channel: 'C1', ts: '1.1' }, message, { sleep, maxRetryAfterSeconds: 60 }).catch((caught: unknown) => caught);
    expect(retryAfterSeconds(error)).toBe(3_600);
    expect(waits).toEqual([]);
  });

  it('passes Slack’s other errors through without retrying', async () => {
    const client = createSlackClient(FAKE_SLACK.botToken, { apiUrl: fake.url, logger });
    const { waits, sleep } = recordingSleep();
    fake.failNext('chat.postMessage', 'not_in_channel');
    const error = (await sendSlackMessage(client, { channel: 'C0NOTMEMBER' }, message, { sleep }).catch((caught: unknown) => caught)) as { data?: { error?: string } };
    expect(error.data?.error).toBe('not_in_channel');
    expect(retryAfterSeconds(error)).toBeUndefined();
    expect(waits).toEqual([]);
  });
});
