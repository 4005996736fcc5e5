// PLACEHOLDER while the Slack adapter is being written (issue 5); replaced before it lands.
import type { Express } from 'express';
import type { PlatformAdapterOptions, PlatformEndpoint } from '../../src/bot/index.js';

export async function startSlack(_options: PlatformAdapterOptions): Promise<PlatformEndpoint> {
  return { mount: (_app: Express) => undefined, stop: async () => undefined };
}
