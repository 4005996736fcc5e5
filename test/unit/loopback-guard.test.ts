import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, LoopbackGuardError, takeViolations } from '../support/loopback-guard.js';

describe('the loopback guard', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['login.botframework.com', false],
    ['example.invalid', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('refuses a connection to a non-loopback host before anything is sent', async () => {
    const socket = net.connect({ host: 'example.invalid', port: 443 });
    const [error] = (await once(socket, 'error')) as [Error];
    expect(error).toBeInstanceOf(LoopbackGuardError);
    expect(takeViolations()).toEqual(['example.invalid:443']);
  });

  it('lets loopback connections through', async () => {
    const server = net.createServer((connection) => connection.end('hej'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect({ host: '127.0.0.1', port });
    const [data] = (await once(socket, 'data')) as [Buffer];
    expect(data.toString()).toBe('hej');
    server.close();
  });
});
