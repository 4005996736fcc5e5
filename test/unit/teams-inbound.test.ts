import { describe, expect, it } from 'vitest';
import { activityToEvent, decodeCardAction, isLoopbackAddress, stripBotMention, type InboundEvent } from '../../adapters/teams/index.js';
import {
  TEST_BOT,
  TEST_TENANT,
  executeActivity,
  groupChat,
  installationActivity,
  membersActivity,
  messageActivity,
  personalChat,
  submitActivity,
  teamChannel,
  teamsActivity,
  testUser,
} from '../support/fake-bot-connector.js';

const SERVICE = 'http://127.0.0.1:9/';

function turnOf(event: InboundEvent) {
  if (event.kind !== 'turn') throw new Error(`expected a turn, got ${event.kind}: ${event.reason}`);
  return event.turn;
}

describe('Teams activity → Turn', () => {
  it('a personal message becomes a message turn by the Entra user in the tenant', () => {
    const user = testUser();
    const event = activityToEvent(messageActivity(SERVICE, user, personalChat(user), 'Vilka krav gäller för lösenord?'));
    expect(event).toMatchObject({ kind: 'turn', invoke: false, language: 'sv' });
    expect(turnOf(event)).toEqual({
      kind: 'message',
      // The client's locale rides along: a hint of the user's language until their messages show it.
      actor: { platform: 'teams', userId: user.aadObjectId, tenantId: TEST_TENANT, displayName: user.name, locale: 'sv-SE' },
      conversation: { platform: 'teams', id: personalChat(user).conversationId, kind: 'personal', tenantId: TEST_TENANT },
      text: 'Vilka krav gäller för lösenord?',
    });
  });

  it('an English message is marked English, for the apology if answering fails', () => {
    const user = testUser();
    expect(activityToEvent(messageActivity(SERVICE, user, personalChat(user), 'How do we order SITHS cards for new staff?'))).toMatchObject({ language: 'en' });
  });

  it('in a channel, a message that does not @mention the bot is ignored', () => {
    const user = testUser();
    expect(activityToEvent(messageActivity(SERVICE, user, teamChannel(), 'lunch?'))).toMatchObject({ kind: 'ignored' });
  });

  it('in a channel, an @mention is answered with the mention stripped', () => {
    const user = testUser();
    const channel = teamChannel();
    const turn = turnOf(activityToEvent(messageActivity(SERVICE, user, channel, 'hjälp', { mention: true })));
    expect(turn).toMatchObject({ kind: 'message', text: 'hjälp', conversation: { kind: 'channel', id: channel.conversationId } });
  });

  it('a message in a channel thread belongs to the channel (Teams adds ;messageid= of the thread)', () => {
    const user = testUser();
    const channel = teamChannel();
    const activity = messageActivity(SERVICE, user, channel, 'personalkanal Örebro', { mention: true });
    const inThread = { ...activity, conversation: { ...(activity.conversation as object), id: `${channel.conversationId};messageid=1700000000123` } };
    expect(turnOf(activityToEvent(inThread))).toMatchObject({ kind: 'message', conversation: { kind: 'channel', id: channel.conversationId } });
    // Only channels: elsewhere the id is taken as it is.
    const where = groupChat();
    const group = messageActivity(SERVICE, user, where, 'hjälp');
    expect(turnOf(activityToEvent({ ...group, conversation: { ...(group.conversation as object), id: `${where.conversationId};messageid=1` } })).conversation.id).toBe(`${where.conversationId};messageid=1`);
  });

  it('a reply in a channel thread names the thread’s root post; a new post (its own root) names none', () => {
    const user = testUser();
    const channel = teamChannel();
    const activity = messageActivity(SERVICE, user, channel, 'Vilken enhet?', { mention: true });
    const reply = { ...activity, id: '1700000000999', conversation: { ...(activity.conversation as object), id: `${channel.conversationId};messageid=1700000000123` } };
    expect(turnOf(activityToEvent(reply))).toMatchObject({ kind: 'message', text: 'Vilken enhet?', threadId: '1700000000123', conversation: { kind: 'channel', id: channel.conversationId } });
    const post = { ...reply, id: '1700000000123' };
    expect(turnOf(activityToEvent(post))).not.toHaveProperty('threadId');
    // A group chat has no threads, whatever its id looks like.
    const where = groupChat();
    const group = messageActivity(SERVICE, user, where, 'hjälp');
    expect(turnOf(activityToEvent({ ...group, conversation: { ...(group.conversation as object), id: `${where.conversationId};messageid=1` } }))).not.toHaveProperty('threadId');
  });

  it('Svara decodes to reply-ticket with the typed answer, trimmed; a too long answer is not ours', () => {
    expect(decodeCardAction({ verb: 'reply-ticket', ticketId: 'ORE-2026-0001', lang: 'sv', 'reply.text': '  Hemtjänst Norr. ' })).toEqual({ language: 'sv', action: { type: 'reply-ticket', ticketId: 'ORE-2026-0001', text: 'Hemtjänst Norr.' } });
    expect(decodeCardAction({ verb: 'reply-ticket', ticketId: '', 'reply.text': 'x' })).toBeUndefined();
    // A missing answer is left for the core to refuse with a message, not dropped.
    expect(decodeCardAction({ verb: 'reply-ticket', ticketId: 'ORE-2026-0001' })).toMatchObject({ action: { type: 'reply-ticket', text: '' } });
  });

  it('strips every mention of the bot, &nbsp; included, and keeps mentions of people', () => {
    const text = stripBotMention({
      text: '<at>itkontakt</at>&nbsp;fråga <at>Bo</at> om <at>itkontakt</at> SITHS',
      recipient: { ...TEST_BOT },
      entities: [
        { type: 'mention', text: '<at>itkontakt</at>', mentioned: { ...TEST_BOT } },
        { type: 'mention', text: '<at>Bo</at>', mentioned: { id: '29:bo' } },
      ],
    });
    expect(text).toBe('fråga <at>Bo</at> om SITHS');
  });

  it('a group chat message is a group turn', () => {
    const user = testUser();
    expect(turnOf(activityToEvent(messageActivity(SERVICE, user, groupChat(), 'hjälp', { mention: true })))).toMatchObject({ conversation: { kind: 'group' } });
  });

  it('the Emulator (no Teams ids, no tenant) is a personal chat by the channel account', () => {
    const turn = turnOf(
      activityToEvent({
        type: 'message',
        channelId: 'emulator',
        serviceUrl: 'http://localhost:56000',
        from: { id: 'emulator-user', name: 'User', role: 'user' },
        recipient: { id: 'bot-id', name: 'Bot', role: 'bot' },
        conversation: { id: 'conv-1|livechat' },
        text: 'hjälp',
      }),
    );
    expect(turn).toMatchObject({ actor: { userId: 'emulator-user', tenantId: undefined }, conversation: { kind: 'personal', id: 'conv-1|livechat' }, text: 'hjälp' });
  });

  it('an Action.Submit press carries the feedback with question, municipality and answer id', () => {
    const user = testUser();
    const value = { verb: 'feedback', helpful: false, question: 'Hur lång framförhållning?', municipality: 'goteborg', answerId: 'goteborg-1', lang: 'sv' };
    const event = activityToEvent(submitActivity(SERVICE, user, teamChannel(), value));
    expect(event).toMatchObject({ kind: 'turn', language: 'sv' });
    expect(turnOf(event)).toMatchObject({
      kind: 'action',
      language: 'sv',
      conversation: { kind: 'channel' },
      action: { type: 'feedback', helpful: false, question: 'Hur lång framförhållning?', municipality: 'goteborg', answerId: 'goteborg-1' },
    });
  });

  it('the municipality menu arrives as the input next to the button data', () => {
    const user = testUser();
    const turn = turnOf(activityToEvent(submitActivity(SERVICE, user, personalChat(user), { verb: 'choose-municipality', lang: 'en', municipality: 'uppsala' })));
    expect(turn).toMatchObject({ kind: 'action', language: 'en', action: { type: 'choose-municipality', municipality: 'uppsala' } });
  });

  it('an Action.Execute invoke is an action turn that needs an invoke response', () => {
    const user = testUser();
    const event = activityToEvent(executeActivity(SERVICE, user, personalChat(user), 'create-ticket', { question: 'Kan ni öppna porten?', lang: 'sv' }));
    expect(event).toMatchObject({ kind: 'turn', invoke: true });
    expect(turnOf(event)).toMatchObject({ kind: 'action', action: { type: 'create-ticket', question: 'Kan ni öppna porten?' } });
  });

  it('data that is not one of our buttons is unsupported, never a guess', () => {
    const user = testUser();
    expect(activityToEvent(submitActivity(SERVICE, user, personalChat(user), { verb: 'delete-everything' }))).toMatchObject({ kind: 'unsupported', invoke: false });
    expect(activityToEvent(submitActivity(SERVICE, user, personalChat(user), { verb: 'feedback', helpful: 'yes' }))).toMatchObject({ kind: 'unsupported' });
    expect(decodeCardAction(null)).toBeUndefined();
  });

  it('registration: the form inputs arrive next to the button data and become submit-registration', () => {
    const user = testUser();
    const value = {
      verb: 'submit-registration',
      lang: 'sv',
      'registration.municipality': 'orebro',
      'registration.providerName': 'Omsorg AB',
      'registration.orgNumber': '556036-0793',
      'registration.name': 'Anna',
      'registration.email': 'anna@omsorg.se',
      'registration.phone': '070-123 45 67',
    };
    expect(turnOf(activityToEvent(submitActivity(SERVICE, user, personalChat(user), value)))).toMatchObject({
      kind: 'action',
      language: 'sv',
      action: { type: 'submit-registration', values: { municipality: 'orebro', providerName: 'Omsorg AB', orgNumber: '556036-0793', name: 'Anna', email: 'anna@omsorg.se', phone: '070-123 45 67' } },
    });
    expect(decodeCardAction({ verb: 'start-registration', lang: 'en' })).toEqual({ language: 'en', action: { type: 'start-registration' } });
    // Not the registration's fields, or not text: not our form.
    expect(decodeCardAction({ ...value, 'registration.role': 'staff' })).toBeUndefined();
    expect(decodeCardAction({ ...value, 'registration.name': { first: 'Anna' } })).toBeUndefined();
  });

  it('a decision carries the request id; a rejection takes the reason from its unfolded input', () => {
    expect(decodeCardAction({ verb: 'decide-registration', requestId: 'REG-1', approve: true, lang: 'sv', reason: 'ignored' })).toEqual({ language: 'sv', action: { type: 'decide-registration', requestId: 'REG-1', approve: true } });
    expect(decodeCardAction({ verb: 'decide-registration', requestId: 'REG-1', approve: false, lang: 'sv', reason: ' Okänd utförare ' })).toEqual({
      language: 'sv',
      action: { type: 'decide-registration', requestId: 'REG-1', approve: false, reason: 'Okänd utförare' },
    });
    expect(decodeCardAction({ verb: 'decide-registration', approve: true })).toBeUndefined();
    expect(decodeCardAction({ verb: 'decide-registration', requestId: 'REG-1', approve: 'ja' })).toBeUndefined();
  });

  it('tickets: type choice, form fields (prefixed inputs), staff actions with their note, rating and the list', () => {
    expect(decodeCardAction({ verb: 'choose-ticket-type', typeId: 'ore-ticket-lifecare-sp-user', lang: 'sv' })).toEqual({ language: 'sv', action: { type: 'choose-ticket-type', typeId: 'ore-ticket-lifecare-sp-user' } });
    expect(decodeCardAction({ verb: 'submit-ticket', typeId: 't1', lang: 'sv', 'field.hsaId': 'SE2321000016-1003', 'field.name': 'Bo', unrelated: 'x' })).toEqual({
      language: 'sv',
      action: { type: 'submit-ticket', typeId: 't1', values: { hsaId: 'SE2321000016-1003', name: 'Bo' } },
    });
    expect(decodeCardAction({ verb: 'submit-ticket', typeId: 't1', 'field.name': 'x'.repeat(5_000) })).toBeUndefined();
    expect(decodeCardAction({ verb: 'submit-ticket', typeId: 't1', 'field.bad key': 'x' })).toBeUndefined();
    expect(decodeCardAction({ verb: 'submit-ticket', 'field.name': 'Bo' })).toBeUndefined();

    expect(decodeCardAction({ verb: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'resolve', lang: 'sv' })).toEqual({ language: 'sv', action: { type: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'resolve' } });
    // The note of the pressed action's own input, never the other one's.
    expect(decodeCardAction({ verb: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'ask', 'note.ask': 'Vilket HSA-id?', 'note.reject': 'nej' })).toMatchObject({ action: { action: 'ask', note: 'Vilket HSA-id?' } });
    expect(decodeCardAction({ verb: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'reject', 'note.reject': ' Fel kommun ' })).toMatchObject({ action: { action: 'reject', note: 'Fel kommun' } });
    expect(decodeCardAction({ verb: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'delete' })).toBeUndefined();
    expect(decodeCardAction({ verb: 'ticket-action', action: 'take' })).toBeUndefined();

    expect(decodeCardAction({ verb: 'rate-ticket', ticketId: 'ORE-2026-0001', solved: true, lang: 'sv' })).toEqual({ language: 'sv', action: { type: 'rate-ticket', ticketId: 'ORE-2026-0001', solved: true } });
    expect(decodeCardAction({ verb: 'rate-ticket', ticketId: 'ORE-2026-0001', solved: 'ja' })).toBeUndefined();
    expect(decodeCardAction({ verb: 'list-tickets' })).toEqual({ language: 'sv', action: { type: 'list-tickets' } });
  });

  it('a staff button pressed as Action.Execute carries the note in the action data', () => {
    const user = testUser();
    const event = activityToEvent(executeActivity(SERVICE, user, teamChannel(), 'ticket-action', { ticketId: 'ORE-2026-0001', action: 'ask', 'note.ask': 'Vilket HSA-id?', lang: 'sv' }));
    expect(event).toMatchObject({ kind: 'turn', invoke: true });
    expect(turnOf(event)).toMatchObject({ kind: 'action', conversation: { kind: 'channel' }, action: { type: 'ticket-action', ticketId: 'ORE-2026-0001', action: 'ask', note: 'Vilket HSA-id?' } });
  });

  it('other invokes are unsupported but flagged as invokes, so they are still answered', () => {
    const user = testUser();
    const event = activityToEvent(teamsActivity(SERVICE, user, personalChat(user), { type: 'invoke', name: 'task/fetch', value: {} }));
    expect(event).toMatchObject({ kind: 'unsupported', invoke: true, type: 'invoke' });
  });

  it('installation in a personal chat is an installed turn with a reference for proactive sends', () => {
    const user = testUser();
    const where = personalChat(user);
    const turn = turnOf(activityToEvent(installationActivity(SERVICE, user, where, 'add')));
    expect(turn).toMatchObject({ kind: 'installed', conversation: { id: where.conversationId, kind: 'personal' } });
    expect(turn.kind === 'installed' && turn.reference).toEqual({
      channelId: 'msteams',
      serviceUrl: SERVICE,
      conversation: { id: where.conversationId, conversationType: 'personal', tenantId: TEST_TENANT },
      bot: { ...TEST_BOT },
      user: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      locale: 'sv-SE',
    });
    // No activity id: a notice must start a new message, not reply to the installation event.
    expect(JSON.stringify(turn)).not.toContain('activityId');
  });

  it('maps installationUpdate actions: add-upgrade refreshes, remove uninstalls, remove-upgrade is ignored', () => {
    const user = testUser();
    const where = groupChat();
    expect(turnOf(activityToEvent(installationActivity(SERVICE, user, where, 'add-upgrade'))).kind).toBe('installed');
    expect(turnOf(activityToEvent(installationActivity(SERVICE, user, where, 'remove'))).kind).toBe('uninstalled');
    expect(activityToEvent(installationActivity(SERVICE, user, where, 'remove-upgrade'))).toMatchObject({ kind: 'ignored' });
  });

  it('the bot added to or removed from a team channel installs or uninstalls there; other members are ignored', () => {
    const user = testUser();
    const channel = teamChannel();
    expect(turnOf(activityToEvent(membersActivity(SERVICE, user, channel, 'added')))).toMatchObject({ kind: 'installed', conversation: { kind: 'channel', tenantId: TEST_TENANT } });
    expect(turnOf(activityToEvent(membersActivity(SERVICE, user, channel, 'removed'))).kind).toBe('uninstalled');
    expect(activityToEvent(membersActivity(SERVICE, user, channel, 'added', [{ id: '29:someone-else' }]))).toMatchObject({ kind: 'ignored' });
  });

  it('unknown and malformed activities are unsupported and keep the raw payload; nothing throws', () => {
    const user = testUser();
    const reaction = teamsActivity(SERVICE, user, personalChat(user), { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] });
    expect(activityToEvent(reaction)).toMatchObject({ kind: 'unsupported', type: 'messageReaction', raw: reaction });
    expect(activityToEvent({ type: 'message', text: 'no sender' })).toMatchObject({ kind: 'unsupported', type: 'message' });
    expect(activityToEvent(null)).toMatchObject({ kind: 'unsupported', type: 'unknown' });
    expect(activityToEvent('message')).toMatchObject({ kind: 'unsupported' });
  });

  it('messages from bots are ignored', () => {
    const user = testUser();
    const activity = messageActivity(SERVICE, user, personalChat(user), 'hej');
    expect(activityToEvent({ ...activity, from: { id: '28:other-bot', role: 'bot' } })).toMatchObject({ kind: 'ignored' });
  });

  it('loopback addresses are recognised (local mode sends only to a serviceUrl on one)', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.10', '::ffff:10.0.0.5', 'fe80::1', '1.127.0.0', undefined, '']) expect(isLoopbackAddress(address), String(address)).toBe(false);
  });
});
