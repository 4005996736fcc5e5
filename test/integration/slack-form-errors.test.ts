import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/bot/index.js';
import { runCliInProcess } from '../support/cli.js';
import { FAKE_SLACK, eventEnvelope, postSlackCommand, postSlackEvent, postSlackInteraction, slashCommand, slackEnv, startFakeSlackApi, viewSubmission, type FakeSlackApi, type OpenedView } from '../support/fake-slack-api.js';
import { eventually, startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * A ticket modal's field errors in Slack, over signed requests on loopback: the service says what
 * is wrong as codes, and the bot words them in the user's language, under each field of the modal
 * (`response_action: "errors"`). Eric chose English ("language english"); Sven writes Swedish.
 */

const eric = { userId: 'U0ERIC', dm: 'D0ERIC' };
const sven = { userId: 'U0SVEN', dm: 'D0SVEN' };
let fake: FakeSlackApi;
let server: TestServer;
let tsCounter = 0;
const nextTs = (): string => `${1_796_000_000 + ++tsCounter}.000100`;

/** Opens Örebro's one ticket type with "/it <word>" and submits it with a tab pasted into the function and a malformed HSA-id. */
async function submitBadTicket(user: { userId: string }, word: string): Promise<{ modalLanguage: unknown; errors: Record<string, string> }> {
  const before = fake.callsTo('views.open').length;
  await postSlackCommand(server.url, slashCommand(word, { userId: user.userId, responseUrl: fake.responseUrl(`${user.userId}-command`) }));
  const opened = await eventually(() => fake.callsTo('views.open').slice(before).find((call) => (call.args.view as OpenedView).callback_id === 'ticket'));
  const modal = opened.args.view as OpenedView;
  const typed = { 'ticket:name': 'Berit Berg', 'ticket:function': 'Enhets\tchef', 'ticket:hsaId': 'SE123', 'ticket:treservaUsername': 'berber01' };
  const response = await postSlackInteraction(server.url, viewSubmission(modal, typed, { userId: user.userId }));
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { response_action: string; errors: Record<string, string> };
  expect(answer.response_action).toBe('errors');
  return { modalLanguage: (JSON.parse(String(modal.private_metadata)) as { language: unknown }).language, errors: answer.errors };
}

beforeAll(async () => {
  fake = await startFakeSlackApi();
  const env = { DATA_DIR: await temporaryDataDir() };
  for (const [user, name, email] of [
    [eric, 'Eric Evans', 'eric@carewest.se'],
    [sven, 'Sven Svensson', 'sven@omsorgorebro.se'],
  ] as const) {
    const added = await runCliInProcess(['contacts', 'add', '--municipality', 'orebro', '--provider', 'Omsorg i Örebro AB', '--org-number', '556036-0793', '--name', name, '--email', email, '--phone', '070-555 55 55', '--slack-user', user.userId, '--slack-team', FAKE_SLACK.teamId], env);
    expect(added.code, added.stderr).toBe(0);
  }
  server = await startTestServer(slackEnv(fake.url), env.DATA_DIR);
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('a ticket modal’s field errors in Slack', () => {
  it('reach a user who chose English in English, under the fields at fault', async () => {
    const before = fake.callsTo('chat.postMessage').filter((call) => call.args.channel === eric.dm).length;
    await postSlackEvent(server.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: eric.dm, user: eric.userId, text: 'language english', ts: nextTs() }));
    const confirmed = await eventually(() => fake.callsTo('chat.postMessage').filter((call) => call.args.channel === eric.dm)[before]);
    expect((confirmed.args.blocks as Array<{ text?: { text: string } }>)[0]?.text?.text).toBe(texts.en.language(true));

    const { modalLanguage, errors } = await submitBadTicket(eric, 'ticket');
    expect(modalLanguage).toBe('en');
    expect(Object.keys(errors).sort()).toEqual(['ticket:function', 'ticket:hsaId']);
    expect(errors['ticket:function']).toBe('Function (role) must be on one line, without line breaks, tabs or other control characters.');
    expect(errors['ticket:hsaId']).toMatch(/^In an HSA id the ten-digit organisation number follows SE directly/u);
  });

  it('reach a Swedish user in Swedish, as before', async () => {
    const { modalLanguage, errors } = await submitBadTicket(sven, 'ärende');
    expect(modalLanguage).toBe('sv');
    expect(errors['ticket:function']).toBe('Funktion ska stå på en rad, utan radbrytningar, tabbar eller andra styrtecken.');
    expect(errors['ticket:hsaId']).toMatch(/^I HSA-id står organisationsnumret med tio siffror direkt efter SE/u);
  });
});
