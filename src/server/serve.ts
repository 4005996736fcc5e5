import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { openItkontakt, startBackgroundWork, startPlatforms, type HttpPlatform, type Itkontakt } from '../app/index.js';
import { createHttpApp, listen, type RunningServer } from './http.js';
import { mountNoticeFeeds } from './notice-feeds.js';

/** Starts the HTTP server with every endpoint. Resolves once it listens. */
export async function serve(config: Config, logger: Logger): Promise<{ readonly server: RunningServer; stop(): Promise<void> }> {
  // Exclusive: one server per data directory (a second one stops with a message naming the first).
  const itkontakt = await openItkontakt(config, logger, undefined, { exclusive: true });
  let platforms: readonly HttpPlatform[];
  let server: RunningServer;
  let work: { stop(): Promise<void> };
  try {
    platforms = await startPlatforms(itkontakt);
    server = await listen(httpAppFor(itkontakt, platforms), config.host, config.port);
    work = await startBackgroundWork(itkontakt);
  } catch (error) {
    // A server that could not start (its port taken) gives the data directory back.
    await itkontakt.close();
    throw error;
  }
  logger.info(
    { url: server.url, records: itkontakt.knowledge.records.length, municipalities: itkontakt.knowledge.municipalities.length, store: itkontakt.store.path },
    'itkontakt is listening',
  );
  return {
    server,
    async stop() {
      await server.close();
      await work.stop();
      for (const platform of platforms) await platform.stop();
      await itkontakt.close();
    },
  };
}

/** The one HTTP app: /healthz, the notice feeds and each platform's endpoint. */
function httpAppFor(itkontakt: Itkontakt, platforms: readonly HttpPlatform[]): ReturnType<typeof createHttpApp> {
  const { config, logger } = itkontakt;
  return createHttpApp({
    logger,
    health: async () => {
      const problem = await itkontakt.store.problem();
      return {
        status: problem === undefined ? 'ok' : 'unavailable',
        knowledge: { records: itkontakt.knowledge.records.length, municipalities: itkontakt.knowledge.municipalities.length },
        store: { kind: itkontakt.store.kind, path: itkontakt.store.path, ...(problem === undefined ? {} : { problem }) },
        platforms: { teams: config.teams !== undefined, slack: config.slack.botToken !== undefined },
      };
    },
    mount: (express) => {
      mountNoticeFeeds(express, { notices: itkontakt.notices, now: itkontakt.now, municipalities: itkontakt.knowledge.municipalities, systems: itkontakt.knowledge.systems });
      for (const platform of platforms) platform.mount(express);
    },
  });
}
