import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { serve } from '../../src/server/index.js';
import { temporaryDataDir } from './data-dir.js';

export { temporaryDataDir } from './data-dir.js';

export interface TestServer {
  readonly url: string;
  readonly dataDir: string;
  /** Every log line the server wrote, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Starts the real server in this process on a free loopback port, with its own DATA_DIR (or the
 * one given, to test a restart) and the given environment on top of safe defaults.
 */
export async function startTestServer(env: Record<string, string | undefined> = {}, dataDir?: string): Promise<TestServer> {
  const directory = dataDir ?? (await temporaryDataDir());
  // Tests talk to Teams without tokens, as the Emulator does, unless they configure Teams or Slack.
  const local = env.MicrosoftAppId || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN ? {} : { TEAMS_LOCAL: '1' };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', DATA_DIR: directory, ...local, ...env });
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const running = await serve(config, logger);
  return { url: running.server.url, dataDir: directory, logs, stop: () => running.stop() };
}

/** Polls until `check` returns a value (handlers often answer after the HTTP response). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
