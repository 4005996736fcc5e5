import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, personalChat, postActivity, startFakeBotConnector, testUser, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { eventEnvelope, postSlackEvent, slackEnv, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { BIN, PROJECT_ROOT } from '../support/cli.js';
import { eventually, temporaryDataDir } from '../support/server.js';
import { freePort } from '../support/free-port.js';

describe('itkontakt serve answers /healthz first and loads the rest meanwhile', () => {
  let connector: FakeBotConnector;
  let slack: FakeSlackApi;

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    slack = await startFakeSlackApi();
  });
  afterAll(async () => {
    await connector?.close();
    await slack?.close();
  });

  it('a Teams activity and a Slack event sent as soon as /healthz answers wait for their endpoints and are answered', { timeout: 60_000 }, async () => {
    const port = await freePort();
    // Teams on (the Emulator's mode) and Slack configured: both SDKs load after the server listens.
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: await temporaryDataDir(), TEAMS_LOCAL: '1', LOG_LEVEL: 'info', ...slackEnv(slack.url) };
    const child = spawn(process.execPath, [BIN, 'serve'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const url = `http://127.0.0.1:${port}`;
    try {
      const health = await eventually(async () => {
        if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${output}`);
        const response = await fetch(`${url}/healthz`).catch(() => undefined);
        return response?.status === 200 ? ((await response.json()) as { status: string; knowledge: { municipalities: number }; platforms: { slack: boolean } }) : undefined;
      }, 30_000);
      expect(health).toMatchObject({ status: 'ok', knowledge: { municipalities: 5 }, platforms: { slack: true } });
      const sentAt = Date.now();
      const user = testUser('Tidig Teamsanvändare');
      const where = personalChat(user);
      const [teams, slackAck, notFound, feed] = await Promise.all([
        postActivity(url, messageActivity(connector.serviceUrl, user, where, 'Får en kollega låna mitt SITHS-kort i Göteborg?')),
        postSlackEvent(url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0EARLY', user: 'U0EARLY', text: 'Måste våra datorer ha antivirus i Göteborg?', ts: '1760000001.000100' })),
        fetch(`${url}/nowhere`),
        fetch(`${url}/notices/goteborg.json`),
      ]);
      expect(teams.status).toBe(200);
      expect(slackAck.status).toBe(200);
      expect(notFound.status).toBe(404);
      expect(((await notFound.json()) as { error: string }).error).toBe('not_found');
      expect(feed.status).toBe(200);
      expect(((await feed.json()) as { municipality: string }).municipality).toBe('goteborg');

      // Each was answered as on a server that had started long before.
      const answer = connector.activitiesIn(where.conversationId).find((item) => item.activity.type === 'message');
      expect(answer?.card ?? answer?.text).toBeDefined();
      const post = await eventually(() => slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'D0EARLY'));
      expect(JSON.stringify(post.args.blocks)).toMatch(/antivirus/iu);
      await eventually(() => /itkontakt is listening/u.test(output));
      // The requests were sent while the Teams and Slack adapters were still loading: each logs
      // once it has started, and that was after they arrived.
      const startedAt = (message: string): number => {
        const line = output.split('\n').find((candidate) => candidate.includes(`"msg":"${message}`));
        if (!line) throw new Error(`no log line "${message}":\n${output}`);
        return Date.parse((JSON.parse(line) as { time: string }).time);
      };
      expect(sentAt).toBeLessThan(startedAt('Teams: no MicrosoftAppId set, local mode'));
      expect(sentAt).toBeLessThan(startedAt('slack: adapter started'));
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    expect(child.exitCode).toBe(0);
  });
});
