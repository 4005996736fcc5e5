import { setTimeout as delay } from 'node:timers/promises';
import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log/index.js';
import type { SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

export interface RateLimitOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number | undefined;
  /** Waits the given milliseconds; tests pass one that records instead of waiting. */
  readonly sleep?: ((milliseconds: number) => Promise<void>) | undefined;
  /** A Retry-After longer than this is not waited for: the call fails and the caller decides. */
  readonly maxRetryAfterSeconds?: number | undefined;
  readonly logger?: Logger | undefined;
}

/** How long Slack asked us to wait, when the error is a 429; undefined for every other error. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const candidate = error as { code?: unknown; retryAfter?: unknown } | null;
  if (candidate?.code !== webApi.ErrorCode.RateLimitedError) return undefined;
  return typeof candidate.retryAfter === 'number' && candidate.retryAfter >= 0 ? candidate.retryAfter : undefined;
}

/**
 * Runs a Web API call and, when Slack answers 429, waits as long as its Retry-After header says and
 * tries again (up to `maxAttempts`). The client is built with `rejectRateLimitedCalls`, so the wait
 * happens here, visibly and testably, instead of inside the client.
 */
export async function withRetryAfter<T>(call: () => Promise<T>, options: RateLimitOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3;
  const sleep = options.sleep ?? ((milliseconds: number) => delay(milliseconds));
  const maxWait = options.maxRetryAfterSeconds ?? 300;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const seconds = retryAfterSeconds(error);
      if (seconds === undefined || attempt >= maxAttempts || seconds > maxWait) throw error;
      options.logger?.warn({ retryAfterSeconds: seconds, attempt }, 'slack: rate limited (429), waiting as Retry-After asks');
      await sleep(seconds * 1000);
    }
  }
}

/** Where to post: a channel id, or a user id (the bot's direct message with that user), and a thread. */
export interface SlackTarget {
  readonly channel: string;
  readonly threadTs?: string | undefined;
}

export interface SentMessage {
  readonly channel: string;
  readonly ts: string;
}

/**
 * Posts an answer within a turn to a channel or a user, in a thread when `threadTs` is given,
 * honouring 429 Retry-After. What the bot sends outside a turn goes through the outbound channel
 * instead (see outbound-channel.ts).
 */
export async function sendSlackMessage(client: WebClient, target: SlackTarget, message: SlackMessage, options: RateLimitOptions = {}): Promise<SentMessage> {
  const result = await withRetryAfter(
    () =>
      client.chat.postMessage({
        channel: target.channel,
        text: message.text,
        blocks: message.blocks,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        // Answers quote requirement documents full of links; previews would bury the answer.
        unfurl_links: false,
        unfurl_media: false,
      }),
    options,
  );
  return { channel: result.channel ?? target.channel, ts: result.ts ?? '' };
}

/** Replaces a message the bot sent (chat.update), honouring 429 Retry-After. */
export async function updateSlackMessage(client: WebClient, target: { channel: string; ts: string }, message: SlackMessage, options: RateLimitOptions = {}): Promise<void> {
  await withRetryAfter(() => client.chat.update({ channel: target.channel, ts: target.ts, text: message.text, blocks: message.blocks }), options);
}

export interface SlackClientSettings {
  /** Base URL of the Web API (SLACK_API_URL); Slack's own when undefined. */
  readonly apiUrl?: string | undefined;
  readonly logger: Logger;
  /**
   * Retries of network errors and 5xx inside the client (default 2). The notice sender sets 0: the
   * outbox retries, and a retry after a timeout could post a notice twice.
   */
  readonly retries?: number | undefined;
}

/**
 * Web API client options shared by Bolt's client and standalone senders: the base URL, 429s handed
 * to withRetryAfter, and only a few quick retries of network errors (the library default keeps
 * retrying for half an hour, which would hold a request handler or the startup that long).
 */
export function slackClientOptions(settings: SlackClientSettings): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: settings.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: 10_000,
    logger: boltLogger(settings.logger),
  };
}

/** A Web API client for sending outside a request (notices): same options as the adapter's. */
export function createSlackClient(botToken: string, settings: SlackClientSettings): WebClient {
  return new webApi.WebClient(botToken, slackClientOptions(settings));
}

/**
 * Bolt and the Web API client log through this: our logger (which masks personal data), with their
 * chatty debug output (request bodies) one level down at trace.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const line = (parts: unknown[]): string => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => child.trace(line(parts)),
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
