// PLACEHOLDER while the Teams adapter is being written (issue 4); replaced before it lands.
import type { Express } from 'express';
import type { PlatformAdapterOptions, PlatformEndpoint } from '../../src/bot/index.js';

export async function startTeams(_options: PlatformAdapterOptions): Promise<PlatformEndpoint> {
  return { mount: (_app: Express) => undefined, stop: async () => undefined };
}
