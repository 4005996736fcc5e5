import type { Express } from 'express';
import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import type { Bot } from './bot.js';
import type { PlatformSender } from './messenger.js';
import type { DestinationRepository, PreferenceRepository } from '../contacts/index.js';

/** What main.ts hands every platform adapter. */
export interface PlatformAdapterOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly bot: Bot;
  readonly destinations: DestinationRepository;
  readonly preferences: PreferenceRepository;
}

/** A started platform adapter: its HTTP routes, mounted on the one server, and how to stop it. */
export interface PlatformEndpoint {
  mount(app: Express): void;
  stop(): Promise<void>;
  /** How the core posts to this platform outside a turn; absent while the platform is not configured. */
  readonly sender?: PlatformSender | undefined;
}
