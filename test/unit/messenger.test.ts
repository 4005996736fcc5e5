import { beforeEach, describe, expect, it } from 'vitest';
import { PlatformMessenger, type ChatChannel, type Reply } from '../../src/bot/index.js';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import { createLogger } from '../../src/log/index.js';
import { storedConversationKey, type SendOutcome, type SentRef, type SlackAddress, type TeamsAddress } from '../../src/outbound/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/data-dir.js';

// The messenger over hand-written channels that answer as told: how it routes each address, how
// `deliver` applies the one retry policy in place, and where `toStaff` and `toRequester` go.

/** A chat channel that answers each send with the next scripted outcome (then `sent`), and records it. */
class ScriptedChannel<A extends TeamsAddress | SlackAddress> implements ChatChannel<A> {
  readonly sends: Array<{ to: string; reply: Reply; thread?: SentRef | undefined }> = [];
  readonly script: Array<Exclude<SendOutcome, { kind: 'sent' }>> = [];

  rateKeys() {
    return [{ key: 'scripted', limit: { perSecond: 10 } }];
  }

  async send(address: A, reply: Reply, options: { readonly thread?: SentRef | undefined } = {}): Promise<SendOutcome> {
    const to = storedConversationKey(address) ?? `user:${'userId' in address ? address.userId : ''}`;
    this.sends.push({ to, reply, thread: options.thread });
    return this.script.shift() ?? { kind: 'sent', ref: { conversationId: to, messageId: `m${this.sends.length}` } };
  }
}

const hello: Reply = { kind: 'error', language: 'sv', message: 'Hej.' };
const channelAddress: SlackAddress = { kind: 'slack', teamId: 'T1', channelId: 'C0STAFF' };

let slack: ScriptedChannel<SlackAddress>;
let waits: number[];
let messenger: PlatformMessenger;
let store: LowdbStore;

beforeEach(async () => {
  store = await LowdbStore.open(await temporaryDataDir());
  const contacts = new ContactService(store.contacts, { now: () => new Date('2026-11-25T09:00:00Z'), municipalities: ['orebro'] });
  await contacts.addStaff(operatorPrincipal('test'), { role: 'staff', municipality: 'orebro', name: 'Sara', email: null, identities: [{ platform: 'slack', tenantId: 'T1', userId: 'U0SARA' }, { platform: 'teams', tenantId: 'T', userId: 'sara' }] });
  await store.destinations.upsert({ key: 'slack:T1:C0STAFF', platform: 'slack', tenantId: 'T1', conversationId: 'C0STAFF', kind: 'channel', reference: { channel: 'C0STAFF' }, installedBy: 'slack:T1:U0SARA', installedAt: '2026-11-01T08:00:00.000Z' });
  waits = [];
  messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, preferences: store.preferences, staffLanguage: 'sv', logger: createLogger({ level: 'silent' }), sleep: async (milliseconds) => void waits.push(milliseconds), random: () => 1 });
  slack = new ScriptedChannel();
  messenger.register({ platform: 'slack', channel: slack });
});

describe('the messenger', () => {
  it('sends once: a passing fault comes back as it is, for the outbox to retry', async () => {
    slack.script.push({ kind: 'retry', reason: 'HTTP 503' });
    expect(await messenger.send(channelAddress, hello)).toEqual({ kind: 'retry', reason: 'HTTP 503' });
    expect(slack.sends).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('delivers under the retry policy: backs off on a passing fault, waits a Retry-After as told, and gives up after three tries', async () => {
    slack.script.push({ kind: 'retry', reason: 'HTTP 503' }, { kind: 'retry', reason: 'HTTP 429', afterSeconds: 2 });
    expect(await messenger.deliver(channelAddress, hello)).toMatchObject({ kind: 'sent' });
    // The first backoff (250 ms at the top of its jitter), then the 429's two seconds.
    expect(waits).toEqual([250, 2_000]);

    slack.script.push({ kind: 'retry', reason: 'a' }, { kind: 'retry', reason: 'b' }, { kind: 'retry', reason: 'c' });
    expect(await messenger.deliver(channelAddress, hello)).toEqual({ kind: 'retry', reason: 'c' });
    expect(slack.sends).toHaveLength(6);
  });

  it('delivers without retrying what is final, a Retry-After too long to wait for, or a platform not running here', async () => {
    slack.script.push({ kind: 'gone', reason: 'channel_not_found' }, { kind: 'refused', reason: 'invalid_blocks' }, { kind: 'retry', reason: 'HTTP 429', afterSeconds: 120 });
    expect((await messenger.deliver(channelAddress, hello)).kind).toBe('gone');
    expect((await messenger.deliver(channelAddress, hello)).kind).toBe('refused');
    expect(await messenger.deliver(channelAddress, hello)).toMatchObject({ kind: 'retry', afterSeconds: 120 });
    expect(await messenger.deliver({ kind: 'teams', tenantId: 'T', conversationId: '19:staff' }, hello)).toEqual({ kind: 'retry', reason: 'teams körs inte i den här processen' });
    expect(slack.sends).toHaveLength(3);
    expect(waits).toEqual([]);
  });

  it('replaces only where the platform can: a channel without replace refuses', async () => {
    expect(await messenger.replace(channelAddress, { conversationId: 'C0STAFF', messageId: 'm1' }, hello)).toMatchObject({ kind: 'refused' });
  });

  it('reaches staff through the staff channel, with its thread; when the channel is gone, each staff member, and reports every copy', async () => {
    await store.staffChannels.set('orebro', 'slack:T1:C0STAFF');
    expect(await messenger.toStaff('orebro', () => hello)).toEqual({
      reached: 1,
      threads: [{ destinationKey: 'slack:T1:C0STAFF', threadId: 'm1' }],
      copies: [{ address: channelAddress, outcome: { kind: 'sent', ref: { conversationId: 'slack:T1:C0STAFF', messageId: 'm1' } } }],
    });

    slack.script.push({ kind: 'gone', reason: 'channel_not_found' });
    const posting = await messenger.toStaff('orebro', () => hello);
    // Sara's Slack id is reached directly; her Teams id waits for a Teams that is not running here.
    expect(posting.reached).toBe(1);
    expect(posting.threads).toEqual([]);
    expect(posting.copies.map((copy) => [copy.address.kind, copy.outcome.kind])).toEqual([
      ['slack', 'gone'],
      ['slack-user', 'sent'],
      ['teams-user', 'retry'],
    ]);
  });

  it('answers a requester where they wrote from, else the person directly', async () => {
    expect(await messenger.toRequester({ replyTo: 'slack:T1:C0STAFF', identity: null }, hello)).toBe(true);
    slack.script.push({ kind: 'gone', reason: 'is_archived' });
    expect(await messenger.toRequester({ replyTo: 'slack:T1:C0STAFF', identity: { platform: 'slack', tenantId: 'T1', userId: 'U0ANNA' } }, hello)).toBe(true);
    expect(slack.sends.map((send) => send.to)).toEqual(['slack:T1:C0STAFF', 'slack:T1:C0STAFF', 'user:U0ANNA']);
    expect(await messenger.toRequester({ replyTo: 'slack:T1:OKAND', identity: null }, hello)).toBe(false);
  });
});
