import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startBin } from '../support/cli.js';
import { temporaryDataDir } from '../support/data-dir.js';
import { TEST_DATABASE_URL, dropSchemas, freshSchema } from '../support/postgres.js';

/** A TCP relay on loopback in front of the database, that the test can cut and restore. */
async function relayTo(host: string, port: number): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listenPort = 0;
  const listen = (): Promise<void> =>
    new Promise((resolve) => {
      server = createServer((client) => {
        const upstream = connect(port, host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, '127.0.0.1', () => {
        listenPort = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  // Stops listening and drops the connections under way (close() waits for them to end).
  const cut = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return { port: listenPort, cut, restore: listen, close: cut };
}

const suite = TEST_DATABASE_URL ? describe : describe.skip;

suite('/healthz on PostgreSQL', () => {
  const base = TEST_DATABASE_URL ?? '';
  const schema = freshSchema('itk_health');
  afterAll(() => dropSchemas(base, [schema]));

  it('answers 503 and says why while the database cannot be reached, and 200 again once it can, without a restart', async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const target = new URL(base);
    const relay = await relayTo(target.hostname, Number(target.port || 5432));
    const url = new URL(base);
    url.port = String(relay.port);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const server = await startBin({ DATABASE_URL: url.toString(), PORT: '0', DATA_DIR: await temporaryDataDir() });
    try {
      const health = async (): Promise<{ status: number; body: { status: string; store: { kind: string; problem?: string } } }> => {
        const response = await fetch(`${server.url}/healthz`);
        return { status: response.status, body: (await response.json()) as { status: string; store: { kind: string; problem?: string } } };
      };
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', store: { kind: 'postgres' } } });
      await relay.cut();
      expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', store: { problem: expect.stringMatching(/PostgreSQL/u) } } });
      await relay.restore();
      // The pool connects again by itself; the next look finds the database there.
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
      await relay.close();
    }
  }, 60_000);
});
