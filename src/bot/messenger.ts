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
  send(destination: Destination, replies: readonly Reply[]): Promise<void>;
  sendToUser?(identity: ChatIdentity, replies: readonly Reply[]): Promise<void>;
}

/** The core's way to reach people outside the current turn. */
export interface Messenger {
  /** Posts to a stored destination; false when it is unknown or the platform refused. */
  sendTo(destinationKey: string, replies: readonly Reply[]): Promise<boolean>;
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

  async sendTo(destinationKey: string, replies: readonly Reply[]): Promise<boolean> {
    const destination = await this.deps.destinations.get(destinationKey);
    if (!destination) {
      this.deps.logger.warn({ destination: destinationKey }, 'no such destination; message not sent');
      return false;
    }
    return this.deliver(destination, replies);
  }

  private async deliver(destination: Destination, replies: readonly Reply[]): Promise<boolean> {
    const sender = this.senders.get(destination.platform);
    if (!sender) {
      this.deps.logger.warn({ platform: destination.platform }, 'platform not running; message not sent');
      return false;
    }
    try {
      await sender.send(destination, replies);
      return true;
    } catch (error) {
      this.deps.logger.error({ err: error, destination: destination.key }, 'sending to destination failed');
      return false;
    }
  }

  async sendToPerson(identity: ChatIdentity, replies: readonly Reply[]): Promise<boolean> {
    const key = actorKey({ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId });
    const personal = (await this.deps.destinations.list({ platform: identity.platform })).find((destination) => destination.kind === 'personal' && destination.installedBy === key);
    if (personal) return this.deliver(personal, replies);
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

  async sendToStaff(municipality: string, replies: readonly Reply[]): Promise<number> {
    const channel = await this.deps.staffChannels.get(municipality);
    if (channel && (await this.sendTo(channel, replies))) return 1;
    let reached = 0;
    for (const member of this.deps.contacts.staffOf(municipality)) {
      for (const identity of member.identities) if (await this.sendToPerson(identity, replies)) reached += 1;
    }
    if (reached === 0) this.deps.logger.warn({ municipality }, 'no staff channel or reachable staff for municipality');
    return reached;
  }
}
