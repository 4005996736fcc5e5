import type { webApi } from '@slack/bolt';
import type { DestinationRepository } from '../../src/contacts/index.js';
import type { Bot } from '../../src/bot/index.js';
import type { Logger } from '../../src/log/index.js';
import type { SlackMessage } from './blocks.js';
import { sendSlackMessage, type RateLimitOptions } from './send.js';

type WebClient = webApi.WebClient;

export interface SlackHandlerDependencies {
  /** Only `handle`: the adapter turns payloads into Turns and renders the Replies, nothing more. */
  readonly bot: Pick<Bot, 'handle'>;
  readonly logger: Logger;
  readonly rateLimit: RateLimitOptions;
  /** Posts to a response_url (slash commands, buttons): Slack's way to answer in any conversation. */
  readonly fetch: typeof globalThis.fetch;
  /** To know whether the bot can already reach an applicant's DM (see submission.ts). */
  readonly destinations: DestinationRepository;
  /**
   * How long a modal submission waits for the bot before it is acknowledged without an answer in the
   * modal: Slack drops acknowledgements after three seconds.
   */
  readonly submissionDeadlineMs: number;
}

/** Where the replies to one inbound go. */
export type Delivery =
  | { readonly kind: 'post'; readonly channel: string; readonly threadTs?: string | undefined }
  | { readonly kind: 'respond'; readonly url: string }
  | { readonly kind: 'home'; readonly teamId: string; readonly userId: string; readonly channel?: string | undefined };

/** Sends one rendered message where the delivery says; the Home tab's messages go to the user's DM. */
export async function deliver(delivery: Delivery, message: SlackMessage, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  switch (delivery.kind) {
    case 'post':
      await sendSlackMessage(client, delivery, message, deps.rateLimit);
      return;
    case 'respond': {
      // Ephemeral: a slash command's answer is for the person who asked, wherever they asked.
      const response = await deps.fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`response_url answered ${response.status}`);
      await response.body?.cancel();
      return;
    }
    case 'home':
      await sendSlackMessage(client, { channel: delivery.userId }, message, deps.rateLimit);
      return;
  }
}
