import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../src/log/index.js';
import type { SlackRequest } from './dispatch.js';
import { SLACK_EVENTS_PATH } from './events.js';
import type { RecentRequests } from './recent-requests.js';
import { parseSlackBody } from './request-body.js';
import { verifySlackSignature } from './verify.js';

/** Slack's largest payloads (a modal submission with many blocks) are far below this. */
const MAX_BODY_BYTES = 1024 * 1024;

/** What a refused body is told: Slack shows nothing of it, so it is for whoever reads the logs. */
const REFUSAL_MESSAGE = 'Ogiltig begäran från Slack. (Invalid request from Slack.)';

/** Slack's check of a new Request URL, answered here: it is not an event and needs no bot. */
const urlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(500) });

export interface SlackHttpEndpointOptions {
  readonly signingSecret: string;
  readonly now: () => Date;
  readonly logger: Logger;
  /** The signed requests already received (the replay window). */
  readonly recentRequests: RecentRequests;
  /** Reads, acknowledges and queues a request whose signature was verified. */
  readonly dispatch: (request: SlackRequest) => Promise<void>;
}

/** Adds a platform's routes to the one HTTP app. */
export type MountRoutes = (app: Router) => void;

/** POST /slack/events on the one HTTP app, answered by slackHttpEndpoint. */
export function slackEventsRoute(options: SlackHttpEndpointOptions): MountRoutes {
  const handler = slackHttpEndpoint(options);
  return (app) => {
    app.post(SLACK_EVENTS_PATH, handler);
  };
}

/**
 * POST /slack/events: the HTTP transport. In order, and before anything is read into the bot: the
 * body is read raw (413 above 1 MB), its signature and timestamp verified (401), a request already
 * received acknowledged with an empty 200 and dropped (a replay), and the body parsed (400 when it
 * is not JSON or a form). url_verification is answered here; everything else goes to the dispatcher
 * with an acknowledgement that writes the 200 and a refusal that writes the 400. Bolt's own HTTP
 * receiver is not used: it routes a body before any of our code sees it, so a malformed one was a
 * 500, and it acknowledges events before a middleware could refuse them.
 */
export function slackHttpEndpoint(options: SlackHttpEndpointOptions): RequestHandler {
  const { logger } = options;
  return (request, response, next) => {
    readRawBody(request, response, next, (rawBody) => {
      const timestamp = request.header('x-slack-request-timestamp');
      const signature = request.header('x-slack-signature');
      const retryNum = retryNumOf(request);
      const verification = verifySlackSignature({ signingSecret: options.signingSecret, rawBody, timestamp, signature, now: options.now() });
      if (!verification.ok) {
        logger.warn({ code: verification.code, retryNum }, 'slack: request refused, signature not valid');
        response.status(401).json({ error: 'unauthorized', message: 'Ogiltig Slack-signatur' });
        return;
      }
      // Verified, so both headers are there and the timestamp is a number.
      if (!options.recentRequests.firstTime(signature!, Number(timestamp))) {
        logger.info({ retryNum }, 'slack: signed request already received, replay acknowledged and skipped');
        response.status(200).end();
        return;
      }

      const { ack, refuse } = answersTo(response, logger, retryNum);
      const parsed = parseSlackBody(rawBody, request.header('content-type'));
      if (!parsed.ok) {
        void refuse({ type: 'unknown', reason: parsed.reason });
        return;
      }
      if ((parsed.body as { type?: unknown } | null)?.type === 'url_verification') {
        const challenge = urlVerificationSchema.safeParse(parsed.body);
        if (challenge.success) response.status(200).json({ challenge: challenge.data.challenge });
        else void refuse({ type: 'url_verification', reason: 'no challenge' });
        return;
      }
      options.dispatch({ body: parsed.body, ack, refuse, retryNum, retryReason: request.header('x-slack-retry-reason') }).then(
        // Every path through the dispatcher answers; this is the guarantee that Slack hears back.
        () => ack(),
        (error: unknown) => {
          if (response.headersSent) logger.error({ err: error }, 'slack: request failed after it was answered');
          else next(error);
        },
      );
    });
  };
}

/** The two ways to answer a request: whichever comes first is sent, later calls do nothing. */
function answersTo(response: Response, logger: Logger, retryNum: number | undefined): Pick<SlackRequest, 'ack' | 'refuse'> {
  let answered = false;
  return {
    ack: async (answer) => {
      if (answered) return;
      answered = true;
      if (answer) response.status(200).json(answer);
      else response.status(200).end();
    },
    refuse: async ({ type, reason }) => {
      if (answered) return;
      answered = true;
      logger.warn({ type, reason, retryNum }, 'slack: request refused, body not valid');
      // The same bytes will not be valid the next time: Slack is asked not to send them again.
      response.status(400).set('x-slack-no-retry', '1').json({ error: 'invalid_request', message: REFUSAL_MESSAGE });
    },
  };
}

/** Reads the body into one Buffer (the signature covers the bytes as sent), or answers 413. */
function readRawBody(request: Request, response: Response, onError: (error: unknown) => void, onBody: (rawBody: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  request.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      response.status(413).end();
      request.resume();
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', onError);
  request.on('end', () => {
    if (!refused) onBody(Buffer.concat(chunks));
  });
}

function retryNumOf(request: Request): number | undefined {
  const header = request.header('x-slack-retry-num');
  return header !== undefined && /^\d{1,3}$/u.test(header) ? Number(header) : undefined;
}
