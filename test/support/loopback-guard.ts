import net from 'node:net';
import { afterAll } from 'vitest';

/**
 * Tests never leave this machine. Every socket connection is checked before it is made: a
 * non-loopback target is refused (the socket fails with LoopbackGuardError) and the test file
 * fails at the end, whoever tried it (botbuilder, for one, fetches OpenID metadata from the internet
 * when it sees a well-formed token).
 */
export class LoopbackGuardError extends Error {
  constructor(readonly target: string) {
    super(`Test tried to connect to ${target}, which is not loopback. Tests must only talk to 127.0.0.1/::1.`);
    this.name = 'LoopbackGuardError';
  }
}

export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/gu, '');
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\./iu.test(bare)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(bare);
}

type ConnectArgs = Parameters<net.Socket['connect']>;

function targetOf(args: unknown[]): { host?: string; port?: unknown; path?: string } {
  const [first, second] = args;
  if (Array.isArray(first)) return targetOf(first);
  if (typeof first === 'object' && first !== null) return first as { host?: string; port?: unknown; path?: string };
  if (typeof first === 'string' && !/^\d+$/u.test(first)) return { path: first };
  return { port: first, host: typeof second === 'string' ? second : undefined };
}

const violations: string[] = [];
const GUARDED = Symbol.for('itkontakt.loopbackGuard');
const prototype = net.Socket.prototype as net.Socket & { [GUARDED]?: boolean };

if (!prototype[GUARDED]) {
  const original = prototype.connect;
  prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
    const target = targetOf(args as unknown[]);
    if (target.path === undefined && !isLoopbackHost(target.host)) {
      const description = `${target.host}:${String(target.port)}`;
      violations.push(description);
      process.nextTick(() => this.destroy(new LoopbackGuardError(description)));
      return this;
    }
    return original.apply(this, args);
  } as typeof original;
  prototype[GUARDED] = true;
}

afterAll(() => {
  if (violations.length > 0) {
    const list = violations.splice(0).join(', ');
    throw new Error(`Connections outside loopback were attempted and blocked: ${list}`);
  }
});

/** Forgets recorded violations (only for the guard's own test, which provokes one on purpose). */
export function takeViolations(): string[] {
  return violations.splice(0);
}
