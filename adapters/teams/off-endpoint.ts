import type { NextFunction, Request, Response, Router } from 'express';
import type { PlatformAdapterOptions, PlatformEndpoint } from '../../src/bot/index.js';
import { TEAMS_NOT_CONFIGURED } from './service-url.js';

export const TEAMS_ROUTE = '/api/messages';

/** The running Teams adapter: its HTTP route, and its outbound channel while Teams is on. */
export interface TeamsEndpoint extends PlatformEndpoint {
  /** Adds POST /api/messages to the one HTTP app. */
  mount(app: Router): void;
}

/** An error answer as every itkontakt route gives it: a code and a message that says what to do. */
export function problem(response: Response, status: number, error: string, message: string): void {
  response.status(status).json({ error, message });
}

/** The route's answers besides POST: 405 for other methods, and a malformed body as the caller's mistake. */
export function mountRouteErrors(app: Router): void {
  app.all(TEAMS_ROUTE, (_request: Request, response: Response) => {
    response.set('Allow', 'POST');
    problem(response, 405, 'method_not_allowed', `${TEAMS_ROUTE} tar bara emot POST från Bot Framework.`);
  });
  app.use(TEAMS_ROUTE, (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.parse.failed') return problem(response, 400, 'bad_request', 'Ogiltig JSON.');
    if (type === 'entity.too.large') return problem(response, 413, 'too_large', 'För stor begäran.');
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') return problem(response, 415, 'unsupported_media_type', 'Okänd teckenkodning.');
    next(error);
  });
}

/**
 * Teams while it is off (no MicrosoftAppId, no TEAMS_LOCAL): POST /api/messages answers 401 and
 * says what to configure, without reading the body, and nothing is sent to Teams. Built without the
 * Bot Framework SDK, which takes seconds to load and is not needed to refuse.
 */
export function teamsOffEndpoint(options: Pick<PlatformAdapterOptions, 'logger'>): TeamsEndpoint {
  options.logger.child({ platform: 'teams' }).warn({ route: TEAMS_ROUTE }, 'Teams is off: no MicrosoftAppId set (nor TEAMS_LOCAL=1 on loopback); /api/messages answers 401');
  return {
    // No channel: the messenger says Teams is not running here, and notices to Teams wait.
    outbound: undefined,
    mount(app: Router) {
      app.post(TEAMS_ROUTE, (_request: Request, response: Response) => problem(response, 401, 'unauthorized', TEAMS_NOT_CONFIGURED));
      mountRouteErrors(app);
    },
    async stop() {},
  };
}
