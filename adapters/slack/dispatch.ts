import type { webApi } from '@slack/bolt';
import type { SlackHandlerDependencies } from './delivery.js';
import { handleSlackInbound } from './handler.js';
import type { SlackInbound } from './inbound-model.js';
import { eventIdOf } from './inbound.js';
import type { SlackAck } from './submission.js';
import { isViewSubmission } from './view-submission.js';
import type { WorkQueue } from './work-queue.js';

type WebClient = webApi.WebClient;

/**
 * One request from Slack, as each transport (HTTP, Socket Mode) hands it over: the body, and how to
 * answer it. The dispatcher never sees HTTP.
 */
export interface SlackRequest {
  readonly body: unknown;
  /** The acknowledgement; only the first call counts. For a modal submission its body is the answer. */
  readonly ack: SlackAck;
  /** Refuses a body that is not what Slack sends, and logs why (HTTP answers 400). */
  readonly refuse: (refusal: { readonly type: string; readonly reason: string }) => Promise<void>;
  /** X-Slack-Retry-Num: how many times Slack has sent this event before. */
  readonly retryNum?: number | undefined;
  readonly retryReason?: string | undefined;
}

export interface SlackDispatcherOptions {
  /** readSlackPayload with the bot's own user id. */
  readonly read: (body: unknown) => SlackInbound;
  /** True the first time an event id is offered (here or, through the store, on another instance). */
  readonly firstTime: (eventId: string) => Promise<boolean>;
  readonly queue: WorkQueue;
  readonly client: WebClient;
  readonly deps: SlackHandlerDependencies;
}

/**
 * Takes each request from a transport: reads it (refusing what is not valid), drops an event Slack
 * sends again, acknowledges, and only then queues the bot's work, so that no acknowledgement waits
 * for a knowledge search, a store write or a Web API call. A modal submission is the exception:
 * its acknowledgement carries the answer (field errors), so it runs at once and acknowledges within
 * Slack's three seconds (see submission.ts), or at the latest when it is done.
 */
export function slackDispatcher(options: SlackDispatcherOptions): (request: SlackRequest) => Promise<void> {
  const { deps, queue } = options;
  const { logger } = deps;
  return async (request) => {
    const inbound = options.read(request.body);
    if (inbound.kind === 'invalid') {
      await request.refuse({ type: inbound.type, reason: inbound.reason });
      return;
    }
    const eventId = eventIdOf(request.body);
    if (eventId && !(await options.firstTime(eventId))) {
      await request.ack();
      logger.info({ eventId, retryNum: request.retryNum, retryReason: request.retryReason }, 'slack: event already handled, retry acknowledged and skipped');
      return;
    }
    const work = async (): Promise<void> => {
      await handleSlackInbound(inbound, options.client, deps, request.ack).catch((error: unknown) => {
        logger.error({ err: error, kind: inbound.kind }, 'slack: handling failed');
      });
    };
    if (isViewSubmission(request.body)) {
      try {
        await queue.runNow(work);
      } finally {
        await request.ack();
      }
      return;
    }
    await request.ack();
    queue.enqueue(work, (request.body as { type?: unknown }).type === 'event_callback' ? 'events' : 'interactive');
  };
}
