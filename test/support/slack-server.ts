import { afterAll, beforeAll } from 'vitest';
import { slackEnv, startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * The real server with Slack configured against a fake Web API, for the tests of one file: started
 * before them and stopped after. Read `fake` and `server` inside the tests.
 */
export function useSlackServer(env: Record<string, string> = {}): { readonly fake: FakeSlackApi; readonly server: TestServer } {
  const running = {} as { fake: FakeSlackApi; server: TestServer };
  beforeAll(async () => {
    running.fake = await startFakeSlackApi();
    running.server = await startTestServer({ ...slackEnv(running.fake.url), ...env });
  });
  afterAll(async () => {
    await running.server?.stop();
    await running.fake?.close();
  });
  return running;
}
