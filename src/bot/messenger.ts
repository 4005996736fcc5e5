import type { ChatIdentity, ContactService } from '../contacts/index.js';
import type { Logger } from '../log/index.js';
import type { Reply } from './reply.js';
import { actorKey, type Destination, type DestinationRepository, type StaffChannelRepository } from './repositories.js';
import type { Platform } from './turn.js';

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

  async sendToPerson(identity: ChatIdentity, replies: readonly Reply[]): Promise<boolean> {
    const key = actorKey({ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId });
    const personal = (await this.deps.destinations.list({ platform: identity.platform })).find((destination) => destination.kind === 'personal' && destination.installedBy === key);
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
    for (const member of this.deps.contacts.staffOf(municipality)) {
      for (const identity of member.identities) if (await this.sendToPerson(identity, replies)) reached += 1;
    }
    if (reached === 0) this.deps.logger.warn({ municipality }, 'no staff channel or reachable staff for municipality');
    return reached;
  }
}
