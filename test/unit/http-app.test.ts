import type { Router } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/index.js';
import { createHttpApp, listen, type RunningServer } from '../../src/server/index.js';

const health = () => ({ status: 'ok' as const, knowledge: { records: 1, municipalities: 1 }, store: { kind: 'none', path: '' }, platforms: { teams: false, slack: false } });

/** A promise of the routes, resolved or rejected by the test. */
function later(): { promise: Promise<(routes: Router) => void>; resolve(mount: (routes: Router) => void): void; reject(error: unknown): void } {
  let resolve!: (mount: (routes: Router) => void) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<(routes: Router) => void>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('the HTTP app with routes that load after it listens', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers /healthz at once; a request for another route waits for the routes, then gets its answer', async () => {
    const routes = later();
    server = await listen(createHttpApp({ logger: createLogger({ level: 'silent' }), health, mount: routes.promise }), '127.0.0.1', 0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    let answered = false;
    const waiting = fetch(`${server.url}/api/ping`, { method: 'POST' }).then(async (response) => {
      answered = true;
      return { status: response.status, body: await response.text() };
    });
    const unknown = fetch(`${server.url}/nowhere`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    // Ready for a load balancer only once every route can answer.
    const starting = await fetch(`${server.url}/readyz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting' });
    routes.resolve((router) => router.post('/api/ping', (_request, response) => void response.send('pong')));
    expect(await waiting).toEqual({ status: 200, body: 'pong' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await unknown).status).toBe(404);
    // Once loaded, requests go straight to the routes.
    expect(await (await fetch(`${server.url}/api/ping`, { method: 'POST' })).text()).toBe('pong');
  });

  it('answers a waiting request 500 when the routes cannot load, without an unhandled rejection', async () => {
    const routes = later();
    server = await listen(createHttpApp({ logger: createLogger({ level: 'silent' }), health, mount: routes.promise }), '127.0.0.1', 0);
    const waiting = fetch(`${server.url}/api/ping`, { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    routes.reject(new Error('the platform could not start'));
    const response = await waiting;
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error', message: 'Internt fel' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  });
});
