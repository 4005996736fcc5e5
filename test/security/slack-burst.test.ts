// Issue 14, item 3: under a burst of events every acknowledgement waited behind the work of all the
// others (p99 2.1–4.7 s; Slack retries after 3 s). The acknowledgement must never wait for an
// answer, and the work in flight is bounded, so a burst queues. (How fast the acknowledgements
// are is measured by `npm run bench:slack`, not here.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_WORK_CONCURRENCY } from '../../adapters/slack/index.js';
import { eventEnvelope, postSlackEvent, startFakeSlackApi, type FakeSlackApi, slackEnv } from '../support/fake-slack-api.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

const BURST = 40;

let fake: FakeSlackApi;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeSlackApi();
  server = await startTestServer(slackEnv(fake.url));
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

const channelOf = (index: number): string => `D0BURST${String(index).padStart(3, '0')}`;

describe('Slack: a burst of events (issue 14, item 3)', () => {
  it('acknowledges every event while no answer can be sent, keeps a bounded number at work, then answers each once', async () => {
    // Slack hangs on chat.postMessage: every answer is stuck until released.
    const release = fake.hold('chat.postMessage');
    try {
      const responses = await Promise.all(
        Array.from({ length: BURST }, (_, index) =>
          postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: channelOf(index), user: `U0BURST${String(index).padStart(3, '0')}`, text: 'hjälp', ts: `1760001000.${String(index).padStart(6, '0')}` })),
        ),
      );
      // All acknowledged although not one answer has gone out.
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: BURST }, () => 200));
      expect(fake.callsTo('chat.postMessage').every((call) => call.result === undefined)).toBe(true);

      // The work in flight fills its slots and stops there: the rest of the burst waits its turn.
      await eventually(() => fake.callsTo('chat.postMessage').length >= SLACK_WORK_CONCURRENCY);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(fake.callsTo('chat.postMessage').length).toBe(SLACK_WORK_CONCURRENCY);
    } finally {
      release();
    }

    await eventually(() => new Set(fake.callsTo('chat.postMessage').map((call) => call.args.channel)).size === BURST, 10_000);
    const perChannel = new Map<unknown, number>();
    for (const call of fake.callsTo('chat.postMessage')) perChannel.set(call.args.channel, (perChannel.get(call.args.channel) ?? 0) + 1);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
  });
});
