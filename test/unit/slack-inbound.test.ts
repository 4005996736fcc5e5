import { describe, expect, it } from 'vitest';
import { eventIdOf, plainTextFromSlack, readSlackPayload } from '../../adapters/slack/index.js';

const BOT = 'U0BOT';
const envelope = (event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event });
const read = (body: unknown) => readSlackPayload(body, { botUserId: BOT });

describe('plainTextFromSlack', () => {
  it('removes the bot’s mention wherever it is, and a mention that opens the message', () => {
    expect(plainTextFromSlack(`<@${BOT}> Vad gäller för lösenord?`, BOT)).toBe('Vad gäller för lösenord?');
    expect(plainTextFromSlack(`Hej <@${BOT}>, vad gäller?`, BOT)).toBe('Hej , vad gäller?');
    expect(plainTextFromSlack('<@U0OTHER|itkontakt> hjälp')).toBe('hjälp');
  });

  it('shows links, channels and other mentions as their labels and undoes Slack’s escapes', () => {
    expect(plainTextFromSlack(`<@${BOT}> Gäller <https://goteborg.se/it|IT-kraven> för <#C123|it-drift> &amp; <@U9|anna>? 1 &lt; 2 &gt; 0`, BOT)).toBe(
      'Gäller IT-kraven för #it-drift & @anna? 1 < 2 > 0',
    );
    expect(plainTextFromSlack('Se <mailto:support@kommun.se>')).toBe('Se mailto:support@kommun.se');
  });
});

describe('readSlackPayload', () => {
  it('reads a mention as a message answered in a thread under it (or in the thread it was written in)', () => {
    expect(read(envelope({ type: 'app_mention', user: 'U1', text: `<@${BOT}> kommun Göteborg`, ts: '10.1', channel: 'C1' }))).toEqual({
      kind: 'message',
      source: 'mention',
      teamId: 'T1',
      userId: 'U1',
      channel: 'C1',
      conversationKind: 'channel',
      text: 'kommun Göteborg',
      threadTs: '10.1',
    });
    // In a thread, the core is told which (a ticket's staff thread is the ticket's conversation).
    expect(read(envelope({ type: 'app_mention', user: 'U1', text: 'x', ts: '10.5', thread_ts: '10.1', channel: 'C1' }))).toMatchObject({ threadTs: '10.1', threadId: '10.1' });
    expect(read(envelope({ type: 'app_mention', user: 'U1', text: 'x', ts: '10.1', thread_ts: '10.1', channel: 'C1' }))).not.toHaveProperty('threadId');
  });

  it('reads a channel message only as a reply in a thread the bot started, once, with the thread', () => {
    const reply = { type: 'message', channel_type: 'channel', user: 'U1', text: 'Vilken enhet?', ts: '20.5', thread_ts: '20.1', parent_user_id: BOT, channel: 'C1' };
    expect(read(envelope(reply))).toEqual({ kind: 'message', source: 'thread', teamId: 'T1', userId: 'U1', channel: 'C1', conversationKind: 'channel', text: 'Vilken enhet?', threadTs: '20.1', threadId: '20.1' });
    expect(read(envelope({ ...reply, channel_type: 'group', channel: 'G1' }))).toMatchObject({ kind: 'message', conversationKind: 'channel', channel: 'G1', threadId: '20.1' });
    // Top-level chatter, a thread someone else started, a mention (its app_mention answers), bots and edits: not taken up.
    const { thread_ts: _thread, parent_user_id: _parent, ...topLevel } = reply;
    expect(read(envelope(topLevel))).toMatchObject({ kind: 'ignored' });
    expect(read(envelope({ ...reply, thread_ts: reply.ts }))).toMatchObject({ kind: 'ignored' });
    expect(read(envelope({ ...reply, parent_user_id: 'U2' }))).toMatchObject({ kind: 'ignored' });
    expect(read(envelope({ ...reply, text: `<@${BOT}> hjälp` }))).toMatchObject({ kind: 'ignored' });
    expect(read(envelope({ ...reply, bot_id: 'B1' }))).toMatchObject({ kind: 'ignored' });
    expect(read(envelope({ ...reply, subtype: 'message_changed' }))).toMatchObject({ kind: 'ignored' });
    expect(read(envelope({ ...reply, user: BOT }))).toMatchObject({ kind: 'ignored' });
  });

  it('reads a direct message, and ignores edits, bots, its own posts and channel messages', () => {
    expect(read(envelope({ type: 'message', channel_type: 'im', user: 'U1', text: 'hjälp', ts: '1.1', channel: 'D1' }))).toMatchObject({ kind: 'message', source: 'dm', conversationKind: 'personal', threadTs: undefined });
    expect(read(envelope({ type: 'message', subtype: 'file_share', channel_type: 'im', user: 'U1', text: 'Vad betyder felet?', ts: '1.1', channel: 'D1' }))).toMatchObject({ kind: 'message', text: 'Vad betyder felet?' });
    expect(read(envelope({ type: 'message', subtype: 'message_changed', channel_type: 'im', ts: '1.1', channel: 'D1' })).kind).toBe('ignored');
    expect(read(envelope({ type: 'message', channel_type: 'im', bot_id: 'B1', user: 'U2', text: 'x', ts: '1.1', channel: 'D1' })).kind).toBe('ignored');
    expect(read(envelope({ type: 'message', channel_type: 'im', user: BOT, text: 'x', ts: '1.1', channel: 'D1' })).kind).toBe('ignored');
    expect(read(envelope({ type: 'message', channel_type: 'channel', user: 'U1', text: 'x', ts: '1.1', channel: 'C1' })).kind).toBe('ignored');
  });

  it('reads a slash command, with the conversation kind from the channel', () => {
    const command = { command: '/it', text: ' kommun Uppsala ', team_id: 'T1', user_id: 'U1', channel_id: 'D1', channel_name: 'directmessage', response_url: 'https://hooks.slack.com/commands/T1/1/abc' };
    expect(read(command)).toEqual({
      kind: 'message',
      source: 'command',
      teamId: 'T1',
      userId: 'U1',
      channel: 'D1',
      conversationKind: 'personal',
      text: 'kommun Uppsala',
      responseUrl: 'https://hooks.slack.com/commands/T1/1/abc',
    });
    expect(read({ ...command, channel_id: 'G1', channel_name: 'mpdm-anna--bo-1' })).toMatchObject({ conversationKind: 'group' });
    expect(read({ ...command, command: '/other' }).kind).toBe('unsupported');
    expect(read({ ...command, response_url: 'not a url' }).kind).toBe('invalid');
  });

  it('reads feedback buttons with a validated value', () => {
    const value = JSON.stringify({ answerId: 'gbg-1', question: 'Vad gäller?', municipality: 'goteborg', language: 'en' });
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      container: { type: 'message', message_ts: '5.5', channel_id: 'C1', is_ephemeral: false },
      channel: { id: 'C1' },
      message: { ts: '5.5', thread_ts: '5.0', text: 'svar', blocks: [{ type: 'section' }] },
      response_url: 'https://hooks.slack.com/actions/1',
      actions: [{ type: 'button', action_id: 'feedback-no', block_id: 'answer-actions', value }],
    };
    expect(read(payload)).toMatchObject({
      kind: 'action',
      teamId: 'T1',
      userId: 'U1',
      action: { type: 'feedback', helpful: false, answerId: 'gbg-1', question: 'Vad gäller?', municipality: 'goteborg' },
      language: 'en',
      origin: { type: 'message', channel: 'C1', ts: '5.5', threadTs: '5.0', ephemeral: false, text: 'svar', blocks: [{ type: 'section' }] },
    });
    for (const forged of ['not json', '{"answerId":1}', JSON.stringify({ answerId: 'x', question: 'q', municipality: null, language: 'de' })]) {
      expect(read({ ...payload, actions: [{ ...payload.actions[0], value: forged }] })).toMatchObject({ kind: 'invalid', reason: 'invalid value for feedback-no' });
    }
    expect(read({ ...payload, actions: [{ type: 'button', action_id: 'something-else' }] }).kind).toBe('unsupported');
  });

  it('reads the municipality menu, in the Home tab too, with the language of its block', () => {
    const action = { type: 'static_select', action_id: 'choose-municipality', block_id: 'municipality:en', selected_option: { value: 'uppsala' } };
    expect(read({ type: 'block_actions', team: null, user: { id: 'U1', team_id: 'T1' }, view: { type: 'home' }, container: { type: 'view' }, actions: [action] })).toMatchObject({
      kind: 'action',
      teamId: 'T1',
      action: { type: 'choose-municipality', municipality: 'uppsala' },
      language: 'en',
      origin: { type: 'home' },
    });
  });

  it('reads the bot joining and leaving channels, and ignores other members', () => {
    expect(read(envelope({ type: 'member_joined_channel', user: BOT, channel: 'C9', channel_type: 'C', team: 'T1', inviter: 'U1' }))).toEqual({
      kind: 'bot-joined',
      teamId: 'T1',
      channel: 'C9',
      conversationKind: 'channel',
      userId: 'U1',
    });
    expect(read(envelope({ type: 'member_joined_channel', user: 'U5', channel: 'C9', channel_type: 'C', team: 'T1' })).kind).toBe('ignored');
    expect(read(envelope({ type: 'member_left_channel', user: BOT, channel: 'C9', channel_type: 'C', team: 'T1' }))).toMatchObject({ kind: 'bot-left', channel: 'C9' });
    expect(read(envelope({ type: 'group_left', channel: 'G9' }))).toMatchObject({ kind: 'bot-left', channel: 'G9', teamId: 'T1' });
    // Without knowing its own id the bot cannot tell who joined: nothing is recorded.
    expect(readSlackPayload(envelope({ type: 'member_joined_channel', user: BOT, channel: 'C9' })).kind).toBe('ignored');
  });

  it('marks a body that is not what Slack sends invalid, with a reason, and never throws', () => {
    for (const body of [null, 'text', 42, [], {}, { type: 'view_submission' }, envelope({ type: 'app_mention' }), { type: 'event_callback' }, { command: 42 }]) {
      expect(read(body)).toMatchObject({ kind: 'invalid', reason: expect.any(String) });
    }
    expect(read(null)).toMatchObject({ reason: 'the body is null, not an object' });
    expect(read(envelope({ type: 'app_mention', user: 'U1', text: 'x', ts: '1.1' }))).toMatchObject({ reason: 'invalid payload: channel: Required' });
  });

  it('keeps the reason free of the values it refuses', () => {
    const inbound = read(envelope({ type: 'app_home_opened', user: 'U1', tab: 'x', channel: '19121212-1212'.repeat(10) }));
    expect(inbound.kind).toBe('invalid');
    expect(JSON.stringify(inbound)).not.toContain('19121212-1212');
  });

  it('marks a well-formed payload it does not handle unsupported, keeping the raw payload', () => {
    for (const body of [{ type: 'shortcut', callback_id: 'x' }, envelope({ type: 'reaction_added', user: 'U1' })]) {
      const inbound = read(body);
      expect(inbound.kind).toBe('unsupported');
      if (inbound.kind === 'unsupported') expect(inbound.raw).toBe(body);
    }
  });

  it('finds the event id of Events API bodies only', () => {
    expect(eventIdOf(envelope({ type: 'app_mention' }))).toBe('Ev1');
    expect(eventIdOf({ command: '/it' })).toBeUndefined();
  });
});
