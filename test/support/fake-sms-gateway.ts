import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local SMS gateway with the contract of src/notices/sms-transport.ts: `POST /send` with JSON
 * `{ "to": "+46701234567", "message": "…", "reference": "…" }` (and `Authorization: Bearer <token>`
 * when the gateway has one). It answers 200 `{ "id": … }` for an accepted message and records it;
 * 429 with Retry-After over its rate limit; 404 for a number that is gone; 400 for a request it
 * cannot read; and, when asked to, fails a share of requests at random (429/500/502/503), as a
 * busy gateway does. Every accepted message is recorded, a resend with the same reference too, so
 * a test can count duplicates.
 */
export interface ReceivedSms {
  /** The gateway's id for it, as answered. */
  readonly id: string;
  readonly to: string;
  readonly message: string;
  readonly reference: string;
  /** When it was accepted (Date.now()). */
  readonly at: number;
}

/** A request the gateway refused, and why. */
export interface RefusedSms {
  /** When it was refused (Date.now()): a 429's Retry-After runs from here. */
  readonly at: number;
  readonly to: string | undefined;
  readonly reference: string | undefined;
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly reason: 'unauthorized' | 'invalid' | 'gone' | 'injected' | 'limit';
}

/** A share of requests to fail at random with this status (and Retry-After for a 429 or 503). */
export interface SmsGatewayFailure {
  /** 0..1: the chance that a request fails this way. */
  readonly rate: number;
  readonly status: 429 | 500 | 502 | 503;
  /** The Retry-After of the failure, in seconds (429 default 1; none for 5xx unless given). */
  readonly retryAfterSeconds?: number;
}

export interface FakeSmsGatewayOptions {
  /** Messages accepted in any one second; more are answered 429 with Retry-After. No limit by default. */
  readonly perSecond?: number;
  /** Random failures; with several, each is drawn in turn and the first hit answers. */
  readonly failures?: readonly SmsGatewayFailure[];
  /** The random source for `failures` (Math.random by default; a seeded one keeps a run repeatable). */
  readonly random?: () => number;
  /** Numbers (E.164) that no longer exist: answered 404. Read at each request, so a test may add to it. */
  readonly goneNumbers?: Set<string>;
  /** When set, requests must carry `Authorization: Bearer <token>` (401 otherwise). */
  readonly token?: string;
  /** The clock of the rate limit, in milliseconds (Date.now by default). */
  readonly now?: () => number;
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

export interface FakeSmsGateway {
  /** The URL to put in SMS_GATEWAY_URL. */
  readonly url: string;
  /** Every accepted message, in order (resends included). */
  readonly messages: ReceivedSms[];
  /** Every refused request, in order. */
  readonly refused: RefusedSms[];
  /** The numbers that answer 404 (the set given in the options, or a new one). */
  readonly goneNumbers: Set<string>;
  /** The accepted messages to one number. */
  messagesTo(to: string): ReceivedSms[];
  /** Changes the limit and failures from now on (those not given stay as they are). */
  configure(options: Pick<FakeSmsGatewayOptions, 'perSecond' | 'failures' | 'random'>): void;
  clear(): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/u;
const WINDOW_MS = 1_000;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(response: ServerResponse, status: number, body: unknown, retryAfterSeconds?: number): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }) });
  response.end(JSON.stringify(body));
}

/** Starts the fake gateway on a free loopback port; with no options it accepts every valid message. */
export async function startFakeSmsGateway(initial: FakeSmsGatewayOptions = {}): Promise<FakeSmsGateway> {
  const messages: ReceivedSms[] = [];
  const refused: RefusedSms[] = [];
  const goneNumbers = initial.goneNumbers ?? new Set<string>();
  const clock = initial.now ?? Date.now;
  let options: Pick<FakeSmsGatewayOptions, 'perSecond' | 'failures' | 'random'> = { perSecond: initial.perSecond, failures: initial.failures, random: initial.random };
  /** When the messages of the last second were accepted, oldest first. */
  let window: number[] = [];
  let counter = 0;

  /** Why a valid request is refused, if it is: gone, then injected faults, then the rate limit (which counts only what it accepts). */
  function refusal(to: string): Pick<RefusedSms, 'status' | 'retryAfterSeconds' | 'reason'> | undefined {
    if (goneNumbers.has(to)) return { status: 404, retryAfterSeconds: undefined, reason: 'gone' };
    const random = options.random ?? Math.random;
    for (const failure of options.failures ?? []) {
      if (random() >= failure.rate) continue;
      return { status: failure.status, retryAfterSeconds: failure.retryAfterSeconds ?? (failure.status === 429 ? 1 : undefined), reason: 'injected' };
    }
    if (options.perSecond !== undefined) {
      const at = clock();
      window = window.filter((time) => time > at - WINDOW_MS);
      if (window.length >= options.perSecond) {
        // Whole seconds until the oldest leaves the window, as gateways answer: never 0.
        return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil((window[0]! + WINDOW_MS - at) / 1000)), reason: 'limit' };
      }
      window.push(at);
    }
    return undefined;
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const text = await readBody(request);
    if (request.method !== 'POST' || path !== '/send') return reply(response, 404, { error: 'not_found' });
    const refuse = (found: Pick<RefusedSms, 'status' | 'retryAfterSeconds' | 'reason'>, to?: string, reference?: string): void => {
      refused.push({ at: Date.now(), to, reference, ...found });
      reply(response, found.status, { error: found.reason }, found.retryAfterSeconds);
    };
    if (initial.token !== undefined && request.headers.authorization !== `Bearer ${initial.token}`) return refuse({ status: 401, retryAfterSeconds: undefined, reason: 'unauthorized' });
    let body: { to?: unknown; message?: unknown; reference?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return refuse({ status: 400, retryAfterSeconds: undefined, reason: 'invalid' });
    }
    const to = typeof body.to === 'string' ? body.to : undefined;
    const reference = typeof body.reference === 'string' ? body.reference : undefined;
    if (!to || !E164.test(to) || typeof body.message !== 'string' || body.message === '' || !reference) return refuse({ status: 400, retryAfterSeconds: undefined, reason: 'invalid' }, to, reference);
    const refusedFor = refusal(to);
    if (refusedFor) return refuse(refusedFor, to, reference);
    counter += 1;
    const id = `sms-${counter}`;
    messages.push({ id, to, message: body.message, reference, at: Date.now() });
    reply(response, 200, { id });
  }

  const server: Server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(initial.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    messages,
    refused,
    goneNumbers,
    messagesTo: (to) => messages.filter((message) => message.to === to),
    configure(changes) {
      options = { ...options, ...changes };
      // A new limit starts from an empty window.
      if ('perSecond' in changes) window = [];
    },
    clear() {
      messages.length = 0;
      refused.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
