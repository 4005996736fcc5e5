import { Bot, PlatformMessenger, type PlatformSender, type Reply } from '../../src/bot/index.js';
import { ContactService, type ChatIdentity, type Destination } from '../../src/contacts/index.js';
import { createLogger } from '../../src/log/index.js';
import { NoticeService } from '../../src/notices/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { TicketService } from '../../src/tickets/index.js';
import { bundledEngine, bundledKnowledge } from './knowledge.js';
import { temporaryDataDir } from './data-dir.js';

/** A platform that only records what the core sends it. */
export class RecordingSender implements PlatformSender {
  readonly platform = 'slack' as const;
  readonly sent: Array<{ to: string; replies: readonly Reply[] }> = [];
  rateKeys() {
    return [{ key: 'slack' }];
  }
  async send(destination: Destination, replies: readonly Reply[]): Promise<void> {
    this.sent.push({ to: destination.key, replies });
  }
  async sendToUser(identity: ChatIdentity, replies: readonly Reply[]): Promise<void> {
    this.sent.push({ to: `user:${identity.userId}`, replies });
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
  const messenger = new PlatformMessenger({ destinations: store.destinations, staffChannels: store.staffChannels, contacts, logger: createLogger({ level: 'silent' }) });
  messenger.register(new RecordingSender());
  const tickets = new TicketService(store.tickets, { knowledge, contacts, now });
  const notices = new NoticeService(store.notices, { knowledge, contacts, now });
  const bot = new Bot({ engine, municipalities, preferences: store.preferences, feedback: store.feedback, destinations: store.destinations, staffChannels: store.staffChannels, contacts, messenger, tickets, notices, knowledge, now });
  return { bot, store, contacts, dataDir: directory };
}
