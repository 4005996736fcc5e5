// Issue 14, item 5: a signed request sent again within Slack's five-minute window was handled again
// (only Events API ids were remembered). Each signed request is now handled once; a replay gets 200
// with an empty body and nothing else.
import { describe, expect, it } from 'vitest';
import { blockAction, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand } from '../support/fake-slack-api.js';
import { eventually } from '../support/server.js';
import { useSlackServer } from '../support/slack-server.js';

const slack = useSlackServer();

const REPLAY_LOG = 'slack: signed request already received, replay acknowledged and skipped';
const replaysLogged = (): number => slack.server.logs.filter((line) => line.msg === REPLAY_LOG).length;
const responsesTo = (name: string): number => slack.fake.responses.filter((post) => post.name === name).length;

/**
 * Waits until the replay was either skipped (logged) or answered a second time, whichever comes
 * first, so that the old behaviour fails on the count instead of timing out.
 */
async function settled(name: string, replaysBefore: number): Promise<void> {
  await eventually(() => replaysLogged() > replaysBefore || responsesTo(name) >= 2);
}

describe('Slack: replayed signed requests (issue 14, item 5)', () => {
  it('handles a replayed /it command once and answers the replay with an empty 200', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const command = slashCommand('hjälp', { userId: 'U0REPLAYCMD', responseUrl: slack.fake.responseUrl('replay-command') });
    const first = await postSlackCommand(slack.server.url, command, { timestamp });
    expect(first.status).toBe(200);
    await slack.fake.waitForResponse('replay-command');

    const replaysBefore = replaysLogged();
    const replay = await postSlackCommand(slack.server.url, command, { timestamp });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await settled('replay-command', replaysBefore);
    expect(responsesTo('replay-command')).toBe(1);
    expect(replaysLogged()).toBe(replaysBefore + 1);
  });

  it('handles a replayed button press once', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const press = blockAction(
      { type: 'static_select', block_id: 'municipality:sv', action_id: 'choose-municipality', selected_option: { text: { type: 'plain_text', text: 'Uppsala kommun' }, value: 'uppsala' } },
      { userId: 'U0REPLAYBTN', responseUrl: slack.fake.responseUrl('replay-button'), message: { channel: 'D0REPLAYBTN', ts: '1760000100.000100', blocks: [] } },
    );
    expect((await postSlackInteraction(slack.server.url, press, { timestamp })).status).toBe(200);
    await slack.fake.waitForResponse('replay-button');

    const replaysBefore = replaysLogged();
    const replay = await postSlackInteraction(slack.server.url, press, { timestamp });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await settled('replay-button', replaysBefore);
    expect(responsesTo('replay-button')).toBe(1);
  });

  it('skips a replayed event before its event id is even looked at', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const event = eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0REPLAYEV', user: 'U0REPLAYEV', text: 'hjälp', ts: '1760000200.000100' }, 'Ev0REPLAYSIGNED');
    expect((await postSlackEvent(slack.server.url, event, { timestamp })).status).toBe(200);
    await slack.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0REPLAYEV');

    const replaysBefore = replaysLogged();
    const replay = await postSlackEvent(slack.server.url, event, { timestamp });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await eventually(() => replaysLogged() > replaysBefore || slack.server.logs.some((line) => line.eventId === 'Ev0REPLAYSIGNED'));
    expect(replaysLogged()).toBe(replaysBefore + 1);
    expect(slack.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'D0REPLAYEV')).toHaveLength(1);
  });

  it('still handles the same command signed anew: a person may type it twice', async () => {
    const command = slashCommand('hjälp', { userId: 'U0TWICE', responseUrl: slack.fake.responseUrl('typed-twice') });
    const now = Math.floor(Date.now() / 1000);
    await postSlackCommand(slack.server.url, command, { timestamp: now - 1 });
    await postSlackCommand(slack.server.url, command, { timestamp: now });
    await eventually(() => responsesTo('typed-twice') === 2);
  });
});
