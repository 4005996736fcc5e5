// Issue 14, item 6: a body signed with the real secret but not shaped as Slack sends it answered 500.
// Each must be refused with 400 and a logged reason, reach no handler, and leave no error behind.
import { describe, expect, it } from 'vitest';
import { FAKE_SLACK, eventEnvelope, postSignedSlackBody, slashCommand, viewSubmission } from '../support/fake-slack-api.js';
import { eventually, startTestServer } from '../support/server.js';
import { useSlackServer } from '../support/slack-server.js';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Personal data a hostile body may carry: it must not reach the logs through the refusal. */
const PERSONNUMMER = '19121212-1212';

const slack = useSlackServer();

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const interaction = (payload: unknown): string => form({ payload: JSON.stringify(payload) });

/** A modal submitted as Slack sends it, with `view` changed as given. */
function submitted(callbackId: string, privateMetadata: string, view: Record<string, unknown> = {}): Record<string, unknown> {
  const submission = viewSubmission({ callback_id: callbackId, private_metadata: privateMetadata, blocks: [] }, {}, { userId: 'U0HOSTILE' });
  return { ...submission, view: { ...(submission.view as object), ...view } };
}

const REGISTRATION_METADATA = '{"channel":"U0HOSTILE","language":"sv"}';

const cases: ReadonlyArray<readonly [string, string, string]> = [
  ['JSON null', 'null', JSON_TYPE],
  ['a JSON array', '[{"type":"event_callback"}]', JSON_TYPE],
  ['a JSON string', '"event_callback"', JSON_TYPE],
  ['JSON cut off', '{"type":"event_callback","event":', JSON_TYPE],
  ['an object without a type', '{"team_id":"T0KOMMUN1"}', JSON_TYPE],
  ['url_verification without a challenge', '{"type":"url_verification"}', JSON_TYPE],
  ['an event_callback whose event is a string', JSON.stringify({ ...eventEnvelope({}), event: 'message' }), JSON_TYPE],
  ['an event_callback whose event is null', JSON.stringify({ ...eventEnvelope({}), event: null }), JSON_TYPE],
  ['an app_mention without its channel', JSON.stringify(eventEnvelope({ type: 'app_mention', user: 'U0HOSTILE', text: 'hjälp', ts: '1760000000.000200' })), JSON_TYPE],
  ['a form body with neither payload nor command', form({ text: 'hjälp', user_id: 'U0HOSTILE' }), FORM_TYPE],
  ['an interactivity payload that is null', form({ payload: 'null' }), FORM_TYPE],
  ['an interactivity payload that is not JSON', form({ payload: '{"type":"block_actions",' }), FORM_TYPE],
  ['an interactivity payload that is an array', form({ payload: '[]' }), FORM_TYPE],
  ['block_actions whose actions are null', interaction({ type: 'block_actions', user: { id: 'U0HOSTILE', team_id: FAKE_SLACK.teamId }, team: { id: FAKE_SLACK.teamId }, actions: null }), FORM_TYPE],
  ['block_actions without a user', interaction({ type: 'block_actions', team: null, actions: [{ type: 'button', action_id: 'feedback-yes', value: '{}' }] }), FORM_TYPE],
  ['a view_submission whose view is null', interaction({ type: 'view_submission', user: { id: 'U0HOSTILE', team_id: FAKE_SLACK.teamId }, team: null, view: null }), FORM_TYPE],
  ['a view_submission whose state is null', interaction(submitted('registration', REGISTRATION_METADATA, { state: null })), FORM_TYPE],
  ['a view_submission whose state values are null', interaction(submitted('registration', REGISTRATION_METADATA, { state: { values: null } })), FORM_TYPE],
  ['a view_submission with broken private_metadata', interaction(submitted('registration', `{"channel":"${PERSONNUMMER}",`)), FORM_TYPE],
  ['a view_submission whose private_metadata is not ours', interaction(submitted('registration', '{"channel":"#general; drop","language":"sv"}')), FORM_TYPE],
  ['a ticket modal whose private_metadata is null', interaction(submitted('ticket', '', { private_metadata: null })), FORM_TYPE],
  ['a notice modal with broken private_metadata', interaction(submitted('notice-form', '{"noticeKind":')), FORM_TYPE],
  ['a slash command without a response_url', form({ ...slashCommand('hjälp', { userId: 'U0HOSTILE', responseUrl: 'x' }), response_url: '' }), FORM_TYPE],
  ['a slash command without a user', form({ command: '/it', text: 'hjälp', team_id: FAKE_SLACK.teamId, channel_id: 'C0HOSTILE', response_url: 'http://127.0.0.1:9/x' }), FORM_TYPE],
];

describe('Slack: signed but malformed bodies (issue 14, item 6)', () => {
  it.each(cases)('refuses %s with 400 and a logged reason, and handles nothing', async (name, body, contentType) => {
    const logsBefore = slack.server.logs.length;
    const callsBefore = slack.fake.calls.length;
    const response = await postSignedSlackBody(slack.server.url, body, contentType);
    expect(response.status, name).toBe(400);
    expect(response.headers.get('x-slack-no-retry')).toBe('1');
    expect(await response.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^Ogiltig begäran från Slack/u) });

    const logged = slack.server.logs.slice(logsBefore);
    const refusal = logged.find((line) => line.msg === 'slack: request refused, body not valid');
    expect(refusal, `no refusal logged for ${name}`).toBeDefined();
    expect(refusal?.reason).toEqual(expect.any(String));
    expect(logged.filter((line) => line.level === 'error'), 'an error was logged').toEqual([]);
    expect(JSON.stringify(logged)).not.toContain(PERSONNUMMER);
    // Refused before any work: nothing was posted, opened or published for it.
    expect(slack.fake.calls.slice(callsBefore)).toEqual([]);
  });

  it('still answers a well-formed event after all of them', async () => {
    const response = await postSignedSlackBody(slack.server.url, JSON.stringify(eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0AFTER', user: 'U0AFTER', text: 'hjälp', ts: '1760000001.000100' })), JSON_TYPE);
    expect(response.status).toBe(200);
    await slack.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0AFTER');
  });

  it('reads a well-formed event with a field it does not know (which Bolt tripped over: 500) and answers it', async () => {
    const event = eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0EXTRA', user: 'U0EXTRA', text: 'hjälp', ts: '1760000002.000100', item: 'x' });
    const response = await postSignedSlackBody(slack.server.url, JSON.stringify(event), JSON_TYPE);
    expect(response.status).toBe(200);
    await slack.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0EXTRA');
  });

  it('acknowledges a well-formed event of a type it does not handle with 200, not 400', async () => {
    const response = await postSignedSlackBody(slack.server.url, JSON.stringify(eventEnvelope({ type: 'reaction_added', user: 'U0X', reaction: 'eyes', item: { type: 'message', channel: 'C0X', ts: '1.2' } })), JSON_TYPE);
    expect(response.status).toBe(200);
  });
});

describe('Slack over Socket Mode: a malformed body', () => {
  it('is acknowledged (a socket has no status to refuse with), logged with its reason and not handled', async () => {
    const socketServer = await startTestServer({ SLACK_APP_TOKEN: FAKE_SLACK.appToken, SLACK_BOT_TOKEN: FAKE_SLACK.botToken, SLACK_API_URL: slack.fake.url });
    try {
      await slack.fake.socketConnected();
      const callsBefore = slack.fake.calls.length;
      slack.fake.sendEnvelope({ envelope_id: 'env-hostile', type: 'interactive', payload: submitted('registration', REGISTRATION_METADATA, { state: null }), accepts_response_payload: true });
      const ack = await eventually(() => slack.fake.socketMessages.find((message) => message.envelope_id === 'env-hostile'));
      expect(ack.payload ?? {}).toEqual({});
      const refusal = await eventually(() => socketServer.logs.find((line) => line.msg === 'slack: request refused, body not valid'));
      expect(refusal.reason).toBe('invalid payload: view.state: Expected object, received null');
      expect(slack.fake.calls.slice(callsBefore).filter((call) => call.method !== 'apps.connections.open')).toEqual([]);
    } finally {
      await socketServer.stop();
    }
  });
});
