import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { BotError } from '../errors/index.js';
import type { Logger } from '../log/index.js';

/** What GET /healthz reports. */
export interface HealthReport {
  /** `unavailable`: the store cannot be reached (answered with 503, and why in `store.problem`). */
  readonly status: 'ok' | 'unavailable';
  readonly knowledge: { readonly records: number; readonly municipalities: number };
  readonly store: { readonly kind: string; readonly path: string; readonly problem?: string | undefined };
  readonly platforms: { readonly teams: boolean; readonly slack: boolean };
}

export interface HttpAppOptions {
  readonly logger: Logger;
  readonly health: () => HealthReport | Promise<HealthReport>;
  /**
   * Adds the other routes (the platforms' endpoints, the notice feeds) before the 404 handler. A
   * promise of it lets the server answer /healthz while it still loads what they need: a request
   * for any other path waits for it (and gets a 500 should the loading fail).
   */
  readonly mount?: ((routes: Router) => void) | Promise<(routes: Router) => void> | undefined;
}

/**
 * The one HTTP app. No global body parser: Slack's signature check needs the raw body, so each
 * endpoint parses its own.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_request, response) => {
    const report = await options.health();
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  const routes = express.Router();
  let mounting: Promise<void> | undefined;
  let failed = false;
  if (typeof options.mount === 'function') options.mount(routes);
  else if (options.mount) {
    mounting = options.mount.then((mount) => {
      mount(routes);
      mounting = undefined;
    });
    // A failure reaches the requests that wait (and the server's start, which awaits it itself).
    mounting.catch(() => {
      failed = true;
    });
  }
  // For a load balancer's readiness probe: /healthz answers as soon as the server listens (so a
  // slow SDK load does not look like a dead process), /readyz only once every route can answer.
  app.get('/readyz', async (_request, response) => {
    if (mounting !== undefined || failed) {
      response.status(503).json({ status: failed ? 'failed' : 'starting' });
      return;
    }
    const report = await options.health();
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (mounting === undefined) routes(request, response, next);
    else mounting.then(() => routes(request, response, next), next);
  });
  app.use((request: Request, response: Response) => {
    response.status(404).json({ error: 'not_found', message: `Ingen sådan adress: ${request.method} ${request.path}` });
  });
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) options.logger.error({ err: error, path: request.path }, 'request failed');
    if (!response.headersSent) {
      response.status(status).json({ error: status >= 500 ? 'internal_error' : 'bad_request', message: status >= 500 ? 'Internt fel' : 'Ogiltig begäran' });
    }
  });
  return app;
}

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens on host:port; a taken port is a clear BotError, not a stack trace. */
export function listen(app: Express, host: string, port: number): Promise<RunningServer> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new BotError('PORT_IN_USE', `port ${port} on ${host} is in use`, { details: { code: 'PORT_IN_USE', port, host } }));
      } else if (error.code === 'EACCES') {
        reject(new BotError('PORT_DENIED', `no permission to listen on port ${port}`, { details: { code: 'PORT_DENIED', port } }));
      } else {
        reject(error);
      }
    });
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
