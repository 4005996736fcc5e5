import { type ChatIdentity, type ContactService, actorKey, type Destination, type DestinationRepository, type StaffChannelRepository, type Platform } from '../contacts/index.js';
import { SendFailure } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { platformOf, type ChatAddress, type RateKey } from '../outbound/index.js';
import type { Reply } from './reply.js';

/**
 * How a platform adapter posts to a conversation nobody is talking in right now: a stored
 * destination, or a user directly where the platform allows it (Slack DMs by user id).
 */
export interface PlatformSender {
  readonly platform: Platform;
  /**
   * Posts replies to a destination, in the thread `threadId` when given. Resolves with the id of
   * the first message posted (a Slack ts, a Teams activity id), which starts a thread of its own.
   */
  send(destination: Destination, replies: readonly Reply[], options?: { readonly threadId?: string | undefined }): Promise<string | void>;
  sendToUser?(identity: ChatIdentity, replies: readonly Reply[]): Promise<void>;
  /** What a send to this address counts against, widest first: the platform's limits, which only its adapter knows. */
  rateKeys(address: ChatAddress): readonly RateKey[];
  /**
   * For the notice outbox: posts once, without waiting or retrying inside (the outbox owns rate
   * limits and retries), and resolves with where the first message went. Failures are
   * SendFailures: 429 with its Retry-After, gone (403/404, channel not found), transient, rejected.
   */
  post?(target: ChatTarget, replies: readonly Reply[], options?: { readonly thread?: PostedMessage | undefined }): Promise<PostedMessage>;
  /** Replaces a message posted earlier, in place (a corrected notice, a live delivery report). Fails like `post`. */
  replace?(target: ChatTarget, posted: PostedMessage, replies: readonly Reply[]): Promise<void>;
}

/** Where a notice goes in chat: a stored conversation, or a person directly (a Slack DM by user id). */
export type ChatTarget = { readonly destination: Destination } | { readonly identity: ChatIdentity };

/** Where a message went: its conversation and the platform's id for it (a Slack ts, a Teams activity id). */
export interface PostedMessage {
  readonly conversationId: string;
  readonly messageId: string;
}

/** Where a message to staff went: how many places, and the staff channel's thread when it went there. */
export interface StaffPosting {
  readonly reached: number;
  readonly threads: ReadonlyArray<{ readonly destinationKey: string; readonly threadId: string }>;
}

/** The core's way to reach people outside the current turn. */
export interface Messenger {
  /** Posts to a stored destination (in a thread when given); false when it is unknown or the platform refused. */
  sendTo(destinationKey: string, replies: readonly Reply[], options?: { readonly threadId?: string | undefined }): Promise<boolean>;
  /**
   * Like sendToStaff, and tells where each copy went: the destination and the id of the posted
   * message, so replies in its thread can be followed.
   */
  postToStaff(municipality: string, replies: readonly Reply[]): Promise<StaffPosting>;
  /**
   * Posts to a municipality's staff: their staff channel if one is set, else each staff member
   * directly. Returns how many places it reached.
   */
  sendToStaff(municipality: string, replies: readonly Reply[]): Promise<number>;
  /** Posts to a person: their personal chat with the bot if known, else directly where the platform allows. */
  sendToPerson(identity: ChatIdentity, replies: readonly Reply[]): Promise<boolean>;
  /** For the notice outbox: see PlatformSender.post. Throws SendFailure. */
  post(target: ChatTarget, replies: readonly Reply[], options?: { readonly thread?: PostedMessage | undefined }): Promise<PostedMessage>;
  /** See PlatformSender.replace. Throws SendFailure ('rejected' where the platform cannot replace). */
  replace(target: ChatTarget, posted: PostedMessage, replies: readonly Reply[]): Promise<void>;
  /** The person's own chat with the bot (a personal destination), when they have one. */
  personalDestination(identity: ChatIdentity): Promise<Destination | undefined>;
  /** See PlatformSender.rateKeys; a platform not running here has one key and no limit (its sends fail anyway). */
  rateKeys(address: ChatAddress): readonly RateKey[];
}

/** Routes messages to the platform adapters that are running. */
export class PlatformMessenger implements Messenger {
  private readonly senders = new Map<Platform, PlatformSender>();

  constructor(
    private readonly deps: {
      readonly destinations: DestinationRepository;
      readonly staffChannels: StaffChannelRepository;
      readonly contacts: ContactService;
      readonly logger: Logger;
    },
  ) {}

  register(sender: PlatformSender): void {
    this.senders.set(sender.platform, sender);
  }

  async sendTo(destinationKey: string, replies: readonly Reply[], options: { readonly threadId?: string | undefined } = {}): Promise<boolean> {
    const destination = await this.deps.destinations.get(destinationKey);
    if (!destination) {
      this.deps.logger.warn({ destination: destinationKey }, 'no such destination; message not sent');
      return false;
    }
    return (await this.deliver(destination, replies, options)).ok;
  }

  private async deliver(destination: Destination, replies: readonly Reply[], options: { readonly threadId?: string | undefined } = {}): Promise<{ ok: boolean; threadId: string | null }> {
    const sender = this.senders.get(destination.platform);
    if (!sender) {
      this.deps.logger.warn({ platform: destination.platform }, 'platform not running; message not sent');
      return { ok: false, threadId: null };
    }
    try {
      const posted = await sender.send(destination, replies, options);
      return { ok: true, threadId: typeof posted === 'string' ? posted : null };
    } catch (error) {
      this.deps.logger.error({ err: error, destination: destination.key }, 'sending to destination failed');
      return { ok: false, threadId: null };
    }
  }

  private senderFor(target: ChatTarget, operation: 'post' | 'replace'): PlatformSender {
    const platform = 'destination' in target ? target.destination.platform : target.identity.platform;
    const sender = this.senders.get(platform);
    if (!sender) throw new SendFailure('transient', `${platform} körs inte i den här processen`);
    if (!sender[operation]) throw new SendFailure('rejected', `${platform} kan inte ${operation === 'post' ? 'skicka driftinformation' : 'ersätta ett skickat meddelande'}`);
    return sender;
  }

  async post(target: ChatTarget, replies: readonly Reply[], options: { readonly thread?: PostedMessage | undefined } = {}): Promise<PostedMessage> {
    return this.senderFor(target, 'post').post!(target, replies, options);
  }

  async replace(target: ChatTarget, posted: PostedMessage, replies: readonly Reply[]): Promise<void> {
    await this.senderFor(target, 'replace').replace!(target, posted, replies);
  }

  rateKeys(address: ChatAddress): readonly RateKey[] {
    const platform = platformOf(address);
    return this.senders.get(platform)?.rateKeys(address) ?? [{ key: platform }];
  }

  async personalDestination(identity: ChatIdentity): Promise<Destination | undefined> {
    const key = actorKey({ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId });
    return (await this.deps.destinations.list({ platform: identity.platform })).find((destination) => destination.kind === 'personal' && destination.installedBy === key && !destination.inactiveSince);
  }

  async sendToPerson(identity: ChatIdentity, replies: readonly Reply[]): Promise<boolean> {
    const personal = await this.personalDestination(identity);
    if (personal) return (await this.deliver(personal, replies)).ok;
    const sender = this.senders.get(identity.platform);
    if (!sender?.sendToUser) return false;
    try {
      await sender.sendToUser(identity, replies);
      return true;
    } catch (error) {
      this.deps.logger.error({ err: error, platform: identity.platform }, 'direct message failed');
      return false;
    }
  }

  async postToStaff(municipality: string, replies: readonly Reply[]): Promise<StaffPosting> {
    const channel = await this.deps.staffChannels.get(municipality);
    const destination = channel ? await this.deps.destinations.get(channel) : undefined;
    if (destination) {
      const posted = await this.deliver(destination, replies);
      if (posted.ok) return { reached: 1, threads: posted.threadId ? [{ destinationKey: destination.key, threadId: posted.threadId }] : [] };
    }
    // Staff reached one by one: their copies have no shared thread to follow.
    return { reached: await this.sendToStaff(municipality, replies, { skipChannel: true }), threads: [] };
  }

  async sendToStaff(municipality: string, replies: readonly Reply[], options: { readonly skipChannel?: boolean } = {}): Promise<number> {
    const channel = options.skipChannel ? undefined : await this.deps.staffChannels.get(municipality);
    if (channel && (await this.sendTo(channel, replies))) return 1;
    let reached = 0;
    for (const member of await this.deps.contacts.staffOf(municipality)) {
      for (const identity of member.identities) if (await this.sendToPerson(identity, replies)) reached += 1;
    }
    if (reached === 0) this.deps.logger.warn({ municipality }, 'no staff channel or reachable staff for municipality');
    return reached;
  }
}
