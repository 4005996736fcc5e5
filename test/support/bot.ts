import { Bot, PlatformMessenger, type ChatChannel, type PlatformOutbound, type Reply } from '../../src/bot/index.js';
import { ContactService } from '../../src/contacts/index.js';
import { createLogger } from '../../src/log/index.js';
import { storedConversationKey, type ChatAddress, type SendOutcome, type SentRef } from '../../src/outbound/index.js';
import { NoticeService } from '../../src/notices/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { TicketService } from '../../src/tickets/index.js';
import { bundledEngine, bundledKnowledge } from './knowledge.js';
import { temporaryDataDir } from './data-dir.js';

/**
 * A chat platform's channel that only records what the core sends it: to a stored conversation
 * (by its key) or to a person (`user:<id>`), with the thread it was sent in. Every send is `sent`.
 */
export class RecordingChannel implements ChatChannel<ChatAddress> {
  readonly sent: Array<{ to: string; reply: Reply; threadId?: string | undefined }> = [];

  constructor(readonly platform: 'teams' | 'slack') {}

  /** The channel as its adapter hands it to the messenger. */
  get outbound(): PlatformOutbound {
    return { platform: this.platform, channel: this } as PlatformOutbound;
  }

  rateKeys() {
    return [{ key: this.platform, limit: { perSecond: 100 } }];
  }

  async send(address: ChatAddress, reply: Reply, options: { readonly thread?: SentRef | undefined } = {}): Promise<SendOutcome> {
    const to = storedConversationKey(address) ?? `user:${address.kind === 'teams' || address.kind === 'slack' ? '' : address.userId}`;
    this.sent.push({ to, reply, threadId: options.thread?.messageId });
    return { kind: 'sent', ref: { conversationId: to, messageId: `msg-${this.sent.length}` } };
  }
}

export interface TestBot {
  readonly bot: Bot;
  readonly store: LowdbStore;
  readonly contacts: ContactService;
  readonly dataDir: string;
}

/**
 * The core bot as the server composes it, over the bundled knowledge base and a store in `dataDir`
 * (a new one unless given, to test a restart), at a fixed time.
 */
export async function openTestBot(dataDir?: string, now: () => Date = () => new Date('2026-11-25T09:00:00Z')): Promise<TestBot> {
  const [engine, knowledge] = await Promise.all([bundledEngine(), bundledKnowledge()]);
  const directory = dataDir ?? (await temporaryDataDir());
  const store = await LowdbStore.open(directory);
  const municipalities = knowledge.municipalities.map(({ id, name }) => ({ id, name }));
  const contacts = new ContactService(store.contacts, { now, municipalities: municipalities.map((municipality) => municipality.id) });
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, preferences: store.preferences, staffLanguage: 'sv', logger: createLogger({ level: 'silent' }) });
  messenger.register(new RecordingChannel('slack').outbound);
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now });
  const bot = new Bot({ engine, municipalities, preferences: store.preferences, feedback: store.feedback, destinations: store.destinations, staffChannels: store.staffChannels, contacts, messenger, tickets, notices, knowledge, now });
  return { bot, store, contacts, dataDir: directory };
}
