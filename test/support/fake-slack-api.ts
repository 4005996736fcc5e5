import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventually } from './server.js';

/** The workspace, bot and tokens the fake Slack knows. */
export const FAKE_SLACK = {
  teamId: 'T0KOMMUN1',
  botUserId: 'U0ITKONTAKT',
  botId: 'B0ITKONTAKT',
  botToken: 'xoxb-1111-2222-itkontakttest',
  appToken: 'xapp-1-A0ITKONTAKT-3333-itkontakttest',
  signingSecret: 'f1e2d3c4b5a697887766554433221100',
} as const;

/** One Web API call the bot made, with its arguments parsed as Slack would read them. */
export interface FakeSlackCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly token: string | undefined;
  readonly at: number;
  /** What the fake answered (set once answered): a posted message's ts, say, which starts its thread. */
  result?: Record<string, unknown> | undefined;
}

/** A message the fake accepted (chat.postMessage that answered ok), as it stands after any chat.update. */
export interface FakeSlackMessage {
  /** Where it landed: the channel, or the DM (D…) when posted to a user id. */
  readonly channel: string;
  /** The channel as the bot named it (a user id for a DM). */
  readonly requestedChannel: string;
  readonly ts: string;
  readonly threadTs: string | undefined;
  text: string;
  blocks: unknown;
  /** How many times chat.update replaced it. */
  updates: number;
}

/** One chat.update the fake accepted. */
export interface FakeSlackUpdate {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks: unknown;
  readonly at: number;
}

/** A fault injected into message calls at random, as a busy or failing Slack answers. */
export interface FakeSlackFailure {
  /** Share of chat.postMessage and chat.update calls that fail this way (0–1). */
  readonly rate: number;
  /** 429 with Retry-After, or 500/503 (alternating). */
  readonly kind: 'ratelimited' | 'server-error';
  /** The Retry-After of an injected 429 (default 1). */
  readonly retryAfterSeconds?: number;
}

/** One POST to a response_url. */
export interface FakeResponseUrlPost {
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

export interface FakeSlackApi {
  /** The Web API base URL, for SLACK_API_URL. */
  readonly url: string;
  readonly calls: FakeSlackCall[];
  /** Every message posted (and accepted), in order; updated in place by chat.update. */
  readonly messages: FakeSlackMessage[];
  /** Every accepted chat.update, in order. */
  readonly updates: FakeSlackUpdate[];
  /** The accepted messages in a channel (a DM's D… id for messages posted to a user). */
  messagesIn(channel: string): FakeSlackMessage[];
  /** Channels (or user ids) that answer channel_not_found from now on; add to it while running. */
  readonly goneChannels: Set<string>;
  readonly responses: FakeResponseUrlPost[];
  /** A response_url on the fake, as Slack would put in a slash command or block action. */
  responseUrl(name: string): string;
  callsTo(method: string): FakeSlackCall[];
  /** Waits for a call to `method` that matches, and returns it. */
  waitForCall(method: string, match?: (call: FakeSlackCall) => boolean, timeoutMs?: number): Promise<FakeSlackCall>;
  waitForResponse(name: string, match?: (post: FakeResponseUrlPost) => boolean, timeoutMs?: number): Promise<FakeResponseUrlPost>;
  /** The next `times` calls to `method` get 429 with Retry-After, as Slack's rate limiter answers. */
  rateLimit(method: string, retryAfterSeconds: number, times?: number): void;
  /** Calls to `method` are answered only after `milliseconds` (a slow Slack). */
  delay(method: string, milliseconds: number): void;
  /**
   * Calls to `method` are recorded but not answered until the returned function is called (a Slack
   * that hangs): what the bot has in flight at once is then `callsTo(method).length`.
   */
  hold(method: string): () => void;
  /** The next call to `method` gets {ok: false, error}. */
  failNext(method: string, error: string): void;
  /** The next call to `method` is answered with this HTTP status and no Slack body (Slack's edge or a proxy failing). */
  httpErrorNext(method: string, status: number): void;
  /** Socket Mode: resolves when the bot has connected over the WebSocket. */
  socketConnected(timeoutMs?: number): Promise<void>;
  /** Socket Mode: sends an envelope ({envelope_id, type, payload}) to the connected bot. */
  sendEnvelope(envelope: Record<string, unknown>): void;
  /** Socket Mode: what the bot sent back (acknowledgements). */
  readonly socketMessages: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const JSON_ARGS = new Set(['blocks', 'view', 'attachments', 'metadata']);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(contentType: string | undefined, text: string): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A local stand-in for Slack: the Web API methods the bot uses (answered as Slack answers them,
 * including 429 with Retry-After on request), response_urls, and the Socket Mode WebSocket. It
 * records everything the bot sends.
 */
export interface FakeSlackOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Faults injected at random into chat.postMessage and chat.update (none by default). */
  readonly failures?: readonly FakeSlackFailure[];
  /** The randomness of `failures` (Math.random by default); tests pass a seeded one. */
  readonly random?: () => number;
  /**
   * Slack's posting limit per channel: more chat.postMessage calls to one channel within a second
   * get 429 with Retry-After (Slack allows about one a second, with short bursts). Off by default.
   */
  readonly perChannelPerSecond?: number;
  /** A workspace-wide limit over chat.postMessage and chat.update together; 429 beyond it. Off by default. */
  readonly perWorkspacePerSecond?: number;
  /** Channels (or user ids) that answer {ok: false, error: 'channel_not_found'}. */
  readonly goneChannels?: Set<string>;
  /** chat.update of a message the fake never posted answers message_not_found (default: accepted, as before). */
  readonly strictUpdates?: boolean;
  /** The clock of the rate limits, in milliseconds (Date.now by default). */
  readonly now?: () => number;
  /** Called with every Web API call and response_url post as it arrives (the command-line fake prints them). */
  readonly onRecord?: (record: { readonly kind: 'call'; readonly call: FakeSlackCall } | { readonly kind: 'response'; readonly post: FakeResponseUrlPost }) => void;
}

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const calls: FakeSlackCall[] = [];
  const responses: FakeResponseUrlPost[] = [];
  const socketMessages: Array<Record<string, unknown>> = [];
  const rateLimits = new Map<string, { seconds: number; times: number }>();
  const delays = new Map<string, number>();
  const holds = new Map<string, Promise<void>>();
  const failures = new Map<string, string>();
  const httpErrors = new Map<string, number>();
  const messages: FakeSlackMessage[] = [];
  const updates: FakeSlackUpdate[] = [];
  const goneChannels = options.goneChannels ?? new Set<string>();
  const random = options.random ?? Math.random;
  const clock = options.now ?? Date.now;
  const faults = messageFaults(options, random, clock);
  let tsCounter = 0;
  let socket: Socket | undefined;
  let base = '';

  const nextTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  function answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return { ok: false, error: failure };
    }
    if (method === 'apps.connections.open') {
      return token === FAKE_SLACK.appToken ? { ok: true, url: `${base.replace(/^http/u, 'ws')}/socket` } : { ok: false, error: 'invalid_auth' };
    }
    if (token !== FAKE_SLACK.botToken) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://kommun-test.slack.com/', team: 'Testkommun', user: 'itkontakt', team_id: FAKE_SLACK.teamId, user_id: FAKE_SLACK.botUserId, bot_id: FAKE_SLACK.botId, is_enterprise_install: false };
      case 'chat.postMessage': {
        const channel = typeof args.channel === 'string' ? args.channel : '';
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        const posted = dmOf(channel);
        const ts = nextTs();
        const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
        messages.push({ channel: posted, requestedChannel: channel, ts, threadTs, text: String(args.text ?? ''), blocks: args.blocks, updates: 0 });
        return { ok: true, channel: posted, ts, message: { type: 'message', user: FAKE_SLACK.botUserId, bot_id: FAKE_SLACK.botId, text: args.text, blocks: args.blocks, ts, thread_ts: args.thread_ts } };
      }
      case 'chat.update': {
        if (!args.channel || !args.ts) return { ok: false, error: 'message_not_found' };
        const message = messages.find((candidate) => candidate.channel === args.channel && candidate.ts === args.ts);
        if (!message && options.strictUpdates) return { ok: false, error: 'message_not_found' };
        if (message) {
          message.text = String(args.text ?? '');
          message.blocks = args.blocks;
          message.updates += 1;
        }
        updates.push({ channel: String(args.channel), ts: String(args.ts), text: String(args.text ?? ''), blocks: args.blocks, at: Date.now() });
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'chat.postEphemeral':
        if (!args.channel || !args.user) return { ok: false, error: 'channel_not_found' };
        return { ok: true, message_ts: nextTs() };
      case 'views.publish':
        if (!args.user_id || typeof args.view !== 'object') return { ok: false, error: 'invalid_arguments' };
        return { ok: true, view: { id: `V${calls.length}`, ...(args.view as object) } };
      case 'views.open':
        if (!args.trigger_id || typeof args.view !== 'object') return { ok: false, error: 'invalid_arguments' };
        return { ok: true, view: { id: `V${calls.length}`, ...(args.view as object) } };
      case 'conversations.info':
        return { ok: true, channel: { id: args.channel, name: 'it-drift', is_channel: true, is_member: true } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', base).pathname;
    const text = await readBody(request);
    if (request.method === 'POST' && path.startsWith('/response/')) {
      const post = { name: decodeURIComponent(path.slice('/response/'.length)), body: parseArgs('application/json', text), at: Date.now() };
      responses.push(post);
      options.onRecord?.({ kind: 'response', post });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const match = /^\/api\/([\w.]+)$/u.exec(path);
    if (request.method !== 'POST' || !match) {
      response.writeHead(404).end();
      return;
    }
    const method = match[1]!;
    const args = parseArgs(request.headers['content-type'], text);
    const authorization = request.headers.authorization;
    const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : undefined;
    const call: FakeSlackCall = { method, args, token, at: Date.now() };
    calls.push(call);
    options.onRecord?.({ kind: 'call', call });
    const httpError = httpErrors.get(method);
    if (httpError !== undefined) {
      httpErrors.delete(method);
      response.writeHead(httpError, { 'content-type': 'text/plain' }).end(`fake Slack: HTTP ${httpError}`);
      return;
    }
    const limit = rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      response.writeHead(429, { 'retry-after': String(limit.seconds), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (token === FAKE_SLACK.botToken && MESSAGE_METHODS.has(method)) {
      const channel = typeof args.channel === 'string' ? args.channel : '';
      if (goneChannels.has(channel) || goneChannels.has(dmOf(channel))) {
        call.result = { ok: false, error: 'channel_not_found' };
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(call.result));
        return;
      }
      const fault = faults(method, dmOf(channel));
      if (fault) {
        response.writeHead(fault.status, fault.headers).end(fault.body);
        return;
      }
    }
    const wait = delays.get(method);
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    await holds.get(method);
    call.result = answer(method, args, token);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(call.result));
  }

  const server: Server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  server.on('upgrade', (request: IncomingMessage, upgraded: Socket) => {
    if (new URL(request.url ?? '/', base).pathname !== '/socket') {
      upgraded.destroy();
      return;
    }
    acceptWebSocket(request, upgraded);
    socket = upgraded;
    readFrames(upgraded, (opcode, payload) => {
      if (opcode === 0x1) socketMessages.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
      else if (opcode === 0x9) upgraded.write(frame(0xa, payload));
      else if (opcode === 0x8) {
        upgraded.end(frame(0x8, payload.subarray(0, 2)));
        if (socket === upgraded) socket = undefined;
      }
    });
    upgraded.on('close', () => {
      if (socket === upgraded) socket = undefined;
    });
    // Slack greets every new connection; the client counts as connected only after this.
    upgraded.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0ITKONTAKT' } }))));
  });

  await new Promise<void>((listening) => server.listen(options.port ?? 0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const fake: FakeSlackApi = {
    url: `${base}/api/`,
    calls,
    messages,
    updates,
    goneChannels,
    messagesIn: (channel) => messages.filter((message) => message.channel === channel),
    responses,
    socketMessages,
    responseUrl: (name) => `${base}/response/${encodeURIComponent(name)}`,
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitForCall: (method, match = () => true, timeoutMs) => eventually(() => calls.find((call) => call.method === method && match(call)), timeoutMs),
    waitForResponse: (name, match = () => true, timeoutMs) => eventually(() => responses.find((post) => post.name === name && match(post)), timeoutMs),
    rateLimit: (method, seconds, times = 1) => {
      rateLimits.set(method, { seconds, times });
    },
    delay: (method, milliseconds) => {
      delays.set(method, milliseconds);
    },
    hold: (method) => {
      let release: () => void = () => undefined;
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        holds.delete(method);
        release();
      };
    },
    failNext: (method, error) => {
      failures.set(method, error);
    },
    httpErrorNext: (method, status) => {
      httpErrors.set(method, status);
    },
    socketConnected: async (timeoutMs) => {
      await eventually(() => socket !== undefined, timeoutMs);
    },
    sendEnvelope: (envelope) => {
      if (!socket) throw new Error('no Socket Mode connection');
      socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
    },
    close: () =>
      new Promise<void>((closed) => {
        socket?.destroy();
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
  return fake;
}

/** The methods that post or change messages: the ones limits, faults and gone channels apply to. */
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update']);

/** Posting to a user id lands in the bot's direct message with that user: one D… id per user. */
function dmOf(channel: string): string {
  return channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
}

interface Fault {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * The limits and random faults of a message call, in the order Slack's edge applies them: the
 * channel's and the workspace's rate (a refused call does not count against them), then faults.
 * Undefined when the call goes through; it then counts against both windows.
 */
function messageFaults(options: FakeSlackOptions, random: () => number, clock: () => number): (method: string, channel: string) => Fault | undefined {
  const perChannel = new Map<string, number[]>();
  const workspace: number[] = [];
  let serverErrors = 0;
  const limited = (seconds: number): Fault => ({ status: 429, headers: { 'retry-after': String(seconds), 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, error: 'ratelimited' }) });
  /** Whole seconds until the oldest call in a full one-second window leaves it (Slack's Retry-After is whole seconds). */
  const secondsUntilFree = (window: number[], now: number): number => Math.max(1, Math.ceil((window[0]! + 1_000 - now) / 1_000));
  const prune = (window: number[], now: number): void => {
    while (window.length > 0 && window[0]! <= now - 1_000) window.shift();
  };
  return (method, channel) => {
    const now = clock();
    const channelWindow = perChannel.get(channel) ?? [];
    perChannel.set(channel, channelWindow);
    prune(channelWindow, now);
    prune(workspace, now);
    if (method === 'chat.postMessage' && options.perChannelPerSecond !== undefined && channelWindow.length >= options.perChannelPerSecond) return limited(secondsUntilFree(channelWindow, now));
    if (options.perWorkspacePerSecond !== undefined && workspace.length >= options.perWorkspacePerSecond) return limited(secondsUntilFree(workspace, now));
    for (const failure of options.failures ?? []) {
      if (random() >= failure.rate) continue;
      if (failure.kind === 'ratelimited') return limited(failure.retryAfterSeconds ?? 1);
      serverErrors += 1;
      return serverErrors % 2 === 1
        ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }
        : { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' };
    }
    if (method === 'chat.postMessage') channelWindow.push(now);
    workspace.push(now);
    return undefined;
  };
}

// --- A minimal WebSocket server (RFC 6455), enough for Socket Mode: text, ping/pong, close. ---

function acceptWebSocket(request: IncomingMessage, socket: Socket): void {
  const key = request.headers['sec-websocket-key'];
  const accept = createHash('sha1').update(`${String(key)}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

function readFrames(socket: Socket, onFrame: (opcode: number, payload: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  let fragmentOpcode = 0;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length < 2) return;
      const fin = (buffered[0]! & 0x80) !== 0;
      const opcode = buffered[0]! & 0x0f;
      const masked = (buffered[1]! & 0x80) !== 0;
      let length = buffered[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      const maskOffset = offset;
      if (masked) offset += 4;
      if (buffered.length < offset + length) return;
      const payload = Buffer.from(buffered.subarray(offset, offset + length));
      if (masked) for (let index = 0; index < payload.length; index += 1) payload[index]! ^= buffered[maskOffset + (index % 4)]!;
      buffered = buffered.subarray(offset + length);
      if (opcode === 0x0 || !fin) {
        if (opcode !== 0x0) fragmentOpcode = opcode;
        fragments.push(payload);
        if (!fin) continue;
        onFrame(fragmentOpcode, Buffer.concat(fragments));
        fragments = [];
        continue;
      }
      onFrame(opcode, payload);
    }
  });
}

// --- Requests as Slack sends them, signed with HMAC-SHA256 the way Slack signs. ---

/** Slack's signature of a request: "v0=" + hex HMAC-SHA256 of "v0:<timestamp>:<body>". */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackRequestOptions {
  readonly secret?: string;
  /** Unix seconds; now by default. */
  readonly timestamp?: number;
  readonly retryNum?: number;
  /** Replaces the computed signature (to send a bad one). */
  readonly signature?: string;
}

/** POSTs a JSON Events API body to the server's /slack/events, signed. */
export function postSlackEvent(serverUrl: string, body: unknown, options: SlackRequestOptions = {}): Promise<Response> {
  return postSignedSlackBody(serverUrl, JSON.stringify(body), 'application/json', options);
}

/** POSTs a slash command (form fields), signed. */
export function postSlackCommand(serverUrl: string, fields: Record<string, string>, options: SlackRequestOptions = {}): Promise<Response> {
  return postSignedSlackBody(serverUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** POSTs an interactivity payload (form field `payload` holding JSON), signed. */
export function postSlackInteraction(serverUrl: string, payload: unknown, options: SlackRequestOptions = {}): Promise<Response> {
  return postSignedSlackBody(serverUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

/** POSTs any body to /slack/events, signed as Slack signs: for bodies Slack would never send. */
export async function postSignedSlackBody(serverUrl: string, body: string, contentType: string, options: SlackRequestOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.secret ?? FAKE_SLACK.signingSecret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(`${serverUrl}/slack/events`, { method: 'POST', headers, body });
}

let eventCounter = 0;
let interactionCounter = 0;

/** An Events API envelope around `event`, with a fresh event id unless one is given. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${Date.now()}${++eventCounter}`): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: FAKE_SLACK.teamId,
    api_app_id: 'A0ITKONTAKT',
    event: { event_ts: event.ts ?? `${Math.floor(Date.now() / 1000)}.000100`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: FAKE_SLACK.teamId, user_id: FAKE_SLACK.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A slash command's form fields as Slack sends them. */
export function slashCommand(text: string, options: { userId?: string; channelId?: string; channelName?: string; responseUrl: string }): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: FAKE_SLACK.teamId,
    team_domain: 'kommun-test',
    channel_id: options.channelId ?? 'C0ITDRIFT',
    channel_name: options.channelName ?? 'it-drift',
    user_id: options.userId ?? 'U0ANNA',
    user_name: 'anna',
    command: '/it',
    text,
    api_app_id: 'A0ITKONTAKT',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: '1111.2222.abcd',
  };
}

/** A block_actions payload for a press on one of the bot's buttons or menus. */
export function blockAction(
  action: Record<string, unknown>,
  options: { userId?: string; responseUrl?: string; message?: { channel: string; ts: string; blocks?: unknown[]; text?: string; thread_ts?: string; ephemeral?: boolean }; home?: boolean },
): Record<string, unknown> {
  const userId = options.userId ?? 'U0ANNA';
  const base: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: userId, username: 'anna', name: 'anna', team_id: FAKE_SLACK.teamId },
    api_app_id: 'A0ITKONTAKT',
    token: 'deprecated-verification-token',
    trigger_id: '1111.2222.abcd',
    team: { id: FAKE_SLACK.teamId, domain: 'kommun-test' },
    enterprise: null,
    is_enterprise_install: false,
    // Unique per press, as Slack's are: two presses are two requests, never a replay of one.
    actions: [{ action_ts: `${Math.floor(Date.now() / 1000)}.${String(++interactionCounter).padStart(6, '0')}`, ...action }],
  };
  if (options.home) {
    return { ...base, container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home', blocks: [] } };
  }
  const message = options.message;
  if (message) {
    base.container = { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeral === true, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) };
    base.channel = { id: message.channel, name: message.channel.startsWith('D') ? 'directmessage' : 'it-drift' };
    if (!message.ephemeral) base.message = { type: 'message', user: FAKE_SLACK.botUserId, bot_id: FAKE_SLACK.botId, ts: message.ts, thread_ts: message.thread_ts, text: message.text ?? '', blocks: message.blocks ?? [] };
  }
  if (options.responseUrl) base.response_url = options.responseUrl;
  return base;
}

/** A modal as the bot opened it (the `view` of a recorded views.open call). */
export interface OpenedView {
  readonly callback_id?: string;
  readonly private_metadata?: string;
  readonly blocks: ReadonlyArray<Record<string, unknown>>;
}

/**
 * A view_submission payload as Slack sends it when the person presses the modal's submit button:
 * every input block's state, with what was typed (`typed`, by block id: text, an option's value for
 * a menu, YYYY-MM-DD for a date picker) and, for untouched inputs, their initial value, option or
 * date, as Slack reports them.
 */
export function viewSubmission(view: OpenedView, typed: Record<string, string>, options: { userId?: string } = {}): Record<string, unknown> {
  const userId = options.userId ?? 'U0ANNA';
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const blockId = String(block.block_id);
    const element = block.element as {
      type: string;
      action_id: string;
      initial_value?: string;
      initial_date?: string;
      initial_time?: string;
      timezone?: string;
      initial_option?: { value: string };
      initial_options?: Array<{ value: string }>;
      options?: Array<{ text: unknown; value: string }>;
    };
    const given = typed[blockId];
    if (element.type === 'datepicker') {
      values[blockId] = { [element.action_id]: { type: 'datepicker', selected_date: given ?? element.initial_date ?? null } };
    } else if (element.type === 'timepicker') {
      // A time picker with a time zone reports it along with the picked wall-clock time.
      values[blockId] = { [element.action_id]: { type: 'timepicker', selected_time: given ?? element.initial_time ?? null, ...(element.timezone ? { timezone: element.timezone } : {}) } };
    } else if (element.type === 'static_select') {
      const value = given ?? element.initial_option?.value;
      const option = element.options?.find((candidate) => candidate.value === value);
      values[blockId] = { [element.action_id]: { type: 'static_select', selected_option: option ?? null } };
    } else if (element.type === 'multi_static_select') {
      // Typed as comma-separated values ("treserva,lifecare"); untouched, the initial options.
      const chosen = given !== undefined ? given.split(',').map((value) => value.trim()).filter(Boolean) : (element.initial_options ?? []).map((option) => option.value);
      values[blockId] = { [element.action_id]: { type: 'multi_static_select', selected_options: (element.options ?? []).filter((option) => chosen.includes(option.value)) } };
    } else {
      values[blockId] = { [element.action_id]: { type: element.type, value: given ?? element.initial_value ?? null } };
    }
  }
  return {
    type: 'view_submission',
    team: { id: FAKE_SLACK.teamId, domain: 'kommun-test' },
    user: { id: userId, username: 'anna', name: 'anna', team_id: FAKE_SLACK.teamId },
    api_app_id: 'A0ITKONTAKT',
    token: 'deprecated-verification-token',
    // Unique per submission, as Slack's are: sending a modal twice is two requests.
    trigger_id: `3333.${++interactionCounter}.efgh`,
    view: {
      id: 'V0MODAL',
      team_id: FAKE_SLACK.teamId,
      type: 'modal',
      blocks: view.blocks,
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id ?? '',
      state: { values },
      hash: '1760000000.abcd',
      app_id: 'A0ITKONTAKT',
      bot_id: FAKE_SLACK.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

// Run as a program (`node --import tsx test/support/fake-slack-api.ts 4000`), the fake serves on
// that port and prints every call the bot makes as a JSON line: a way to try the Slack adapter
// without a Slack workspace (see the README).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const port = Number(process.argv[2] ?? 4000);
  const fake = await startFakeSlackApi({
    port,
    onRecord: (record) => {
      const line = record.kind === 'call' ? { method: record.call.method, args: record.call.args } : { response_url: record.post.name, body: record.post.body };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
  });
  process.stderr.write(`Fake Slack Web API on ${fake.url} (bot token ${FAKE_SLACK.botToken}, signing secret ${FAKE_SLACK.signingSecret}); Ctrl-C stops it.\n`);
}

/** The environment of a server whose Slack app talks to a fake Web API at `apiUrl`. */
export function slackEnv(apiUrl: string): Record<string, string> {
  return { SLACK_SIGNING_SECRET: FAKE_SLACK.signingSecret, SLACK_BOT_TOKEN: FAKE_SLACK.botToken, SLACK_API_URL: apiUrl };
}
