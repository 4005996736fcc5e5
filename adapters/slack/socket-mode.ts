import { App, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log/index.js';
import type { SlackRequest } from './dispatch.js';
import { boltLogger, slackClientOptions } from './send.js';
import type { SlackAck } from './submission.js';

export interface SocketModeSettings {
  readonly appToken: string;
  readonly botToken: string;
  /** From the adapter's own auth.test: Bolt need not ask again. */
  readonly botUserId: string;
  readonly botId: string | undefined;
  readonly apiUrl: string | undefined;
  readonly logger: Logger;
}

/**
 * The Socket Mode transport: Bolt's receiver holds the WebSocket and acknowledges each envelope;
 * one global middleware hands every request to the dispatcher. There is no status to refuse with
 * over a socket, so a body that is not valid is acknowledged (and logged) without being handled.
 */
export function socketModeApp(settings: SocketModeSettings, dispatch: (request: SlackRequest) => Promise<void>): App {
  const { logger } = settings;
  const receiver = new SocketModeReceiver({
    appToken: settings.appToken,
    logger: boltLogger(logger),
    // Socket Mode opens its connection with apps.connections.open: same API base URL as the bot.
    installerOptions: { clientOptions: settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {} },
  });
  const app = new App({
    token: settings.botToken,
    botUserId: settings.botUserId,
    ...(settings.botId ? { botId: settings.botId } : {}),
    tokenVerificationEnabled: false,
    receiver,
    clientOptions: slackClientOptions({ apiUrl: settings.apiUrl, logger }),
    logger: boltLogger(logger),
    convoStore: false,
  });
  app.use(async (args) => {
    // Bolt has acknowledged an Events API envelope already; every other kind comes with its ack.
    const boltAck = (args as { ack?: (response?: Record<string, unknown>) => Promise<void> }).ack;
    let acknowledged = false;
    const ack: SlackAck = async (response) => {
      if (acknowledged || !boltAck) return;
      acknowledged = true;
      await boltAck(response);
    };
    await dispatch({
      body: args.body,
      ack,
      refuse: async ({ type, reason }) => {
        logger.warn({ type, reason }, 'slack: request refused, body not valid');
        await ack();
      },
      retryNum: args.context.retryNum,
      retryReason: args.context.retryReason,
    });
  });
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack: error in Bolt');
  });
  return app;
}
