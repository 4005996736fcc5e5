import type { Router } from 'express';
import type { Config } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { openFoundation, openItkontaktOn, startBackgroundWork, startPlatforms, type Foundation, type HttpPlatform, type Itkontakt } from '../app/index.js';
import { createHttpApp, listen, type HealthReport, type RunningServer } from './http.js';

/**
 * Starts the HTTP server with every endpoint. It listens, and answers /healthz, as soon as the
 * knowledge base is loaded and the store open; the bot, the platforms' endpoints and the notice
 * feeds load meanwhile, and a request for them waits until they have. Resolves once everything
 * runs; rejects (and stops listening) when any of it cannot start.
 */
export async function serve(config: Config, logger: Logger): Promise<{ readonly server: RunningServer; stop(): Promise<void> }> {
  // Exclusive: one server per data directory (a second one stops with a message naming the first).
  const foundation = await openFoundation(config, logger, undefined, { exclusive: true });
  let opened: Foundation = foundation;
  let server: RunningServer | undefined;
  let platforms: readonly HttpPlatform[] = [];
  let work: { stop(): Promise<void> };
  let ready: (mount: (routes: Router) => void) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const mount = new Promise<(routes: Router) => void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  try {
    server = await listen(createHttpApp({ logger, health: () => healthOf(foundation), mount }), config.host, config.port);
    const itkontakt = await openItkontaktOn(foundation);
    opened = itkontakt;
    platforms = await startPlatforms(itkontakt);
    ready(await routesOf(itkontakt, platforms));
    work = await startBackgroundWork(itkontakt);
  } catch (error) {
    // A server that could not start (its port taken, a platform refused) gives the data directory back.
    failed(error);
    await server?.close();
    await Promise.allSettled(platforms.map((platform) => platform.stop()));
    await opened.close();
    throw error;
  }
  const itkontakt = opened as Itkontakt;
  logger.info(
    { url: server.url, records: itkontakt.knowledge.records.length, municipalities: itkontakt.knowledge.municipalities.length, store: itkontakt.store.path },
    'itkontakt is listening',
  );
  const running = server;
  return {
    server: running,
    async stop() {
      await running.close();
      await work.stop();
      for (const platform of platforms) await platform.stop();
      await itkontakt.close();
    },
  };
}

/** What /healthz says: the knowledge base, and whether the store answers. */
async function healthOf(foundation: Foundation): Promise<HealthReport> {
  const { config, knowledge, store } = foundation;
  const problem = await store.problem();
  return {
    status: problem === undefined ? 'ok' : 'unavailable',
    knowledge: { records: knowledge.records.length, municipalities: knowledge.municipalities.length },
    store: { kind: store.kind, path: store.path, ...(problem === undefined ? {} : { problem }) },
    platforms: { teams: config.teams !== undefined, slack: config.slack.botToken !== undefined },
  };
}

/** The routes besides /healthz: the notice feeds (loaded here, after the server listens) and each platform's endpoint. */
async function routesOf(itkontakt: Itkontakt, platforms: readonly HttpPlatform[]): Promise<(routes: Router) => void> {
  const { mountNoticeFeeds } = await import('./notice-feeds.js');
  return (routes) => {
    mountNoticeFeeds(routes, { notices: itkontakt.notices, now: itkontakt.now, municipalities: itkontakt.knowledge.municipalities, systems: itkontakt.knowledge.systems });
    for (const platform of platforms) platform.mount(routes);
  };
}
