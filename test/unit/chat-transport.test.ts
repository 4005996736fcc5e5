import { beforeAll, describe, expect, it } from 'vitest';
import { createChatTransport, PlatformMessenger, type ChatChannel, type Reply } from '../../src/bot/index.js';
import { ContactService, operatorPrincipal } from '../../src/contacts/index.js';
import type { KnowledgeBase } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log/index.js';
import type { Notice, NoticeDelivery } from '../../src/notices/index.js';
import { NoticeService } from '../../src/notices/index.js';
import { recipientKey, type SendOutcome, type SentRef, type SlackAddress } from '../../src/outbound/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { temporaryDataDir } from '../support/data-dir.js';
import { bundledKnowledge } from '../support/knowledge.js';

// Notices in chat through the messenger's outbound contract: the first message starts a thread,
// later ones go in it, and a correction replaces what was sent where the platform can.

let knowledge: KnowledgeBase;
beforeAll(async () => {
  knowledge = await bundledKnowledge();
});

/** A Slack channel that records sends and replacements; `replaceAnswer` is what replace says (absent: sent). */
class RecordingSlack implements ChatChannel<SlackAddress> {
  readonly sends: Array<{ reply: Reply; thread?: SentRef | undefined }> = [];
  readonly replaced: Array<{ sent: SentRef; reply: Reply }> = [];
  replaceAnswer: Exclude<SendOutcome, { kind: 'sent' }> | undefined;

  rateKeys() {
    return [{ key: 'slack:channel:C-drift', limit: { perSecond: 1 } }];
  }

  async send(_address: SlackAddress, reply: Reply, options: { readonly thread?: SentRef | undefined } = {}): Promise<SendOutcome> {
    this.sends.push({ reply, thread: options.thread });
    return { kind: 'sent', ref: { conversationId: 'C-drift', messageId: `170000000${this.sends.length}.000100` } };
  }

  async replace(_address: SlackAddress, sent: SentRef, reply: Reply): Promise<SendOutcome> {
    this.replaced.push({ sent, reply });
    return this.replaceAnswer ?? { kind: 'sent', ref: sent };
  }
}

const staff = operatorPrincipal('test');
const address: SlackAddress = { kind: 'slack', teamId: 'T1', channelId: 'C-drift' };
const now = () => new Date('2026-11-25T09:00:00Z');

async function setup() {
  const store = await LowdbStore.open(await temporaryDataDir());
  await store.destinations.upsert({ key: 'slack:T1:C-drift', platform: 'slack', tenantId: 'T1', conversationId: 'C-drift', kind: 'channel', reference: { channel: 'C-drift' }, installedBy: 'slack:T1:U1', installedAt: '2026-11-01T00:00:00Z', municipality: 'goteborg' });
  const contacts = new ContactService(store.contacts, { now, municipalities: knowledge.municipalities.map((municipality) => municipality.id) });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now });
  const start = new Date('2026-12-06T07:00:00Z');
  const created = await notices.create(staff, { municipality: 'goteborg', kind: 'planned', title: 'Uppgradering av Treserva', systems: ['treserva'], description: 'Ny version installeras.', impact: 'Treserva går inte att nå.', window: { start, end: new Date(start.getTime() + 4 * 3_600_000) } });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, preferences: store.preferences, staffLanguage: 'sv', logger: createLogger({ level: 'silent' }) });
  const slack = new RecordingSlack();
  messenger.register({ platform: 'slack', channel: slack });
  const transport = createChatTransport({ messenger, destinations: store.destinations, languages: { of: async () => 'sv', ofKey: async () => 'sv' }, knowledge, now });
  return { notice: created.value, slack, transport };
}

/** A chat delivery of the notice to the channel, for `purpose`, sent already when `posted` is given. */
function delivery(notice: Notice, purpose: NoticeDelivery['purpose'], posted: SentRef | null = null): NoticeDelivery {
  return {
    id: `${notice.id}/${purpose}/chat`,
    noticeId: notice.id,
    municipality: 'goteborg',
    purpose,
    revision: 1,
    reminderHours: null,
    channel: 'chat',
    recipient: recipientKey(address),
    address,
    label: '#drift',
    status: posted ? 'sent' : 'pending',
    attempts: 0,
    notBefore: now().toISOString(),
    claimedUntil: null,
    lastError: null,
    sentAt: posted ? now().toISOString() : null,
    posted,
    createdAt: now().toISOString(),
  };
}

describe('notices in chat through the messenger', () => {
  it('posts the first message of a notice as a new message, and a later one in its thread', async () => {
    const { notice, slack, transport } = await setup();
    const first = await transport.send({ delivery: delivery(notice, 'publish'), notice, earlier: [] });
    expect(first).toMatchObject({ kind: 'sent' });
    const root = first.kind === 'sent' ? first.ref : undefined;
    await transport.send({ delivery: delivery(notice, 'update'), notice, earlier: [delivery(notice, 'publish', root)] });
    expect(slack.sends.map((send) => [send.reply.kind === 'notice' && send.reply.purpose, send.thread])).toEqual([
      ['publish', undefined],
      ['update', root],
    ]);
  });

  it('replaces what was sent with the correction, in place, and sends nothing new', async () => {
    const { notice, slack, transport } = await setup();
    const root = { conversationId: 'C-drift', messageId: '1700000001.000100' };
    const outcome = await transport.send({ delivery: delivery(notice, 'correction'), notice, earlier: [delivery(notice, 'publish', root)] });
    expect(outcome).toEqual({ kind: 'sent', ref: root });
    expect(slack.replaced).toMatchObject([{ sent: root, reply: { kind: 'notice', purpose: 'publish' } }]);
    expect(slack.sends).toEqual([]);
  });

  it('posts the correction in the thread where replacing is refused, and stops where the message is gone', async () => {
    const { notice, slack, transport } = await setup();
    const root = { conversationId: 'C-drift', messageId: '1700000001.000100' };
    slack.replaceAnswer = { kind: 'refused', reason: 'cant_update_message' };
    expect(await transport.send({ delivery: delivery(notice, 'correction'), notice, earlier: [delivery(notice, 'publish', root)] })).toMatchObject({ kind: 'sent' });
    expect(slack.sends).toMatchObject([{ reply: { kind: 'notice', purpose: 'correction' }, thread: root }]);

    slack.replaceAnswer = { kind: 'gone', reason: 'channel_not_found' };
    expect(await transport.send({ delivery: delivery(notice, 'correction'), notice, earlier: [delivery(notice, 'publish', root)] })).toEqual({ kind: 'gone', reason: 'channel_not_found' });
    expect(slack.sends).toHaveLength(1);
  });
});
