// Issue 14, item 3: under a burst of events every acknowledgement waited behind the work of all the
// others (p99 2.1–4.7 s; Slack retries after 3 s). The acknowledgement must never wait for an
// answer, and the work in flight is bounded, so a burst queues. (How fast the acknowledgements
// are is measured by `npm run bench:slack`, not here.)
import { describe, expect, it } from 'vitest';
import { SLACK_WORK_CONCURRENCY } from '../../adapters/slack/index.js';
import { eventEnvelope, postSlackEvent } from '../support/fake-slack-api.js';
import { eventually } from '../support/server.js';
import { useSlackServer } from '../support/slack-server.js';

const BURST = 40;

const slack = useSlackServer();

const channelOf = (index: number): string => `D0BURST${String(index).padStart(3, '0')}`;

describe('Slack: a burst of events (issue 14, item 3)', () => {
  it('acknowledges every event while no answer can be sent, keeps a bounded number at work, then answers each once', async () => {
    // Slack hangs on chat.postMessage: every answer is stuck until released.
    const release = slack.fake.hold('chat.postMessage');
    try {
      const responses = await Promise.all(
        Array.from({ length: BURST }, (_, index) =>
          postSlackEvent(slack.server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: channelOf(index), user: `U0BURST${String(index).padStart(3, '0')}`, text: 'hjälp', ts: `1760001000.${String(index).padStart(6, '0')}` })),
        ),
      );
      // All acknowledged although not one answer has gone out.
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: BURST }, () => 200));
      expect(slack.fake.callsTo('chat.postMessage').every((call) => call.result === undefined)).toBe(true);

      // The work in flight fills its slots and stops there: the rest of the burst waits its turn.
      await eventually(() => slack.fake.callsTo('chat.postMessage').length >= SLACK_WORK_CONCURRENCY);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(slack.fake.callsTo('chat.postMessage').length).toBe(SLACK_WORK_CONCURRENCY);
    } finally {
      release();
    }

    await eventually(() => new Set(slack.fake.callsTo('chat.postMessage').map((call) => call.args.channel)).size === BURST, 10_000);
    const perChannel = new Map<unknown, number>();
    for (const call of slack.fake.callsTo('chat.postMessage')) perChannel.set(call.args.channel, (perChannel.get(call.args.channel) ?? 0) + 1);
    expect([...perChannel.values()].every((count) => count === 1)).toBe(true);
  });
});
