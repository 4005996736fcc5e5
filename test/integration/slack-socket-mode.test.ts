import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SLACK, eventEnvelope, postSlackEvent, slashCommand, startFakeSlackApi, viewSubmission, type FakeSlackApi, type OpenedView } from '../support/fake-slack-api.js';
import { eventually, startTestServer, type TestServer } from '../support/server.js';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(async () => {
  await fake?.close();
});

describe('Slack over Socket Mode (SLACK_APP_TOKEN)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SLACK_APP_TOKEN: FAKE_SLACK.appToken, SLACK_BOT_TOKEN: FAKE_SLACK.botToken, SLACK_API_URL: fake.url });
    await fake.socketConnected();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('opens the connection with the app-level token and mounts no HTTP route', async () => {
    expect(fake.callsTo('apps.connections.open').map((call) => call.token)).toContain(FAKE_SLACK.appToken);
    const response = await postSlackEvent(server.url, eventEnvelope({ type: 'app_mention', user: 'U1', text: 'x', ts: '1.1', channel: 'C1' }));
    expect(response.status).toBe(404);
  });

  it('acknowledges each envelope over the socket and answers a DM, once even when Slack retries it', async () => {
    const payload = eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0SOCKET', user: 'U0SOCKET', text: 'Måste våra datorer ha antivirus?', ts: '1760000001.000100' }, 'Ev0SOCKET');
    fake.sendEnvelope({ envelope_id: 'env-1', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' });
    const answer = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'D0SOCKET');
    expect(JSON.stringify(answer.args.blocks)).toContain('Källa:');
    expect(fake.socketMessages).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));

    fake.sendEnvelope({ envelope_id: 'env-2', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout' });
    await eventually(() => fake.socketMessages.some((message) => message.envelope_id === 'env-2'));
    await eventually(() => server.logs.find((line) => line.eventId === 'Ev0SOCKET' && line.retryNum === 1));
    const answers = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'D0SOCKET' && JSON.stringify(call.args.blocks).includes('feedback-yes'));
    expect(answers).toHaveLength(1);
  });

  it('answers /it through the response_url', async () => {
    const payload = slashCommand('hjälp', { userId: 'U0SOCKCMD', responseUrl: fake.responseUrl('socket-help') });
    fake.sendEnvelope({ envelope_id: 'env-3', type: 'slash_commands', payload, accepts_response_payload: true });
    const post = await fake.waitForResponse('socket-help');
    expect(JSON.stringify(post.body.blocks)).toContain('Det här kan jag');
    expect(fake.socketMessages).toContainEqual(expect.objectContaining({ envelope_id: 'env-3' }));
  });

  it('answers a registration modal’s field errors in the envelope’s acknowledgement', async () => {
    fake.sendEnvelope({ envelope_id: 'env-4', type: 'slash_commands', payload: slashCommand('registrera', { userId: 'U0SOCKREG', responseUrl: fake.responseUrl('socket-reg') }), accepts_response_payload: true });
    const opened = await fake.waitForCall('views.open', (call) => JSON.stringify(call.args.view).includes('U0SOCKREG'));
    const typed = { 'registration:municipality': 'goteborg', 'registration:providerName': 'Omsorg AB', 'registration:orgNumber': '556036-0794', 'registration:name': 'Sam Socket', 'registration:email': 'sam@omsorg.se', 'registration:phone': '070-123 45 67' };
    fake.sendEnvelope({ envelope_id: 'env-5', type: 'interactive', payload: viewSubmission(opened.args.view as OpenedView, typed, { userId: 'U0SOCKREG' }), accepts_response_payload: true });
    const ack = await eventually(() => fake.socketMessages.find((message) => message.envelope_id === 'env-5'));
    expect(ack.payload).toMatchObject({ response_action: 'errors', errors: { 'registration:orgNumber': expect.any(String) } });
  });
});

describe('Slack start-up', () => {
  it('stops the start with a clear error when Slack refuses the bot token (auth.test)', async () => {
    const error = await startTestServer({ SLACK_SIGNING_SECRET: FAKE_SLACK.signingSecret, SLACK_BOT_TOKEN: 'xoxb-9999-wrong', SLACK_API_URL: fake.url }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SLACK_AUTH_FAILED' });
    expect(String((error as Error).message)).toMatch(/SLACK_BOT_TOKEN \(invalid_auth\)/u);
    expect(fake.callsTo('auth.test').some((call) => call.token === 'xoxb-9999-wrong')).toBe(true);
  });

  it('mounts nothing and calls nothing', async () => {
    const before = fake.calls.length;
    const server = await startTestServer({ SLACK_API_URL: fake.url });
    try {
      const response = await postSlackEvent(server.url, { type: 'url_verification', challenge: 'c' });
      expect(response.status).toBe(404);
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { platforms: { slack: boolean } };
      expect(health.platforms.slack).toBe(false);
      expect(fake.calls.length).toBe(before);
    } finally {
      await server.stop();
    }
  });
});
