import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import type { Bot } from './bot.js';
import type { PlatformOutbound } from './chat-channel.js';
import type { DestinationRepository, PreferenceRepository, SeenInboundRepository } from '../contacts/index.js';

/** What src/app hands every platform adapter. */
export interface PlatformAdapterOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly bot: Bot;
  readonly destinations: DestinationRepository;
  readonly preferences: PreferenceRepository;
  /**
   * The inbound events answered lately, in the store: a Slack event retried to another instance, or
   * a Teams activity delivered twice, is answered once. Absent: each adapter remembers its own.
   */
  readonly seenInbound?: SeenInboundRepository | undefined;
}

/**
 * A started platform adapter: how to stop it, and how to post through it. Its HTTP routes, if any,
 * are the adapter's and the server's business.
 */
export interface PlatformEndpoint {
  stop(): Promise<void>;
  /** How the core sends to this platform outside a turn (its outbound channel); absent while the platform is not configured. */
  readonly outbound?: PlatformOutbound | undefined;
}
