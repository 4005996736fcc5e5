import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { Destination, DestinationRepository } from '../../src/contacts/index.js';
import type { TeamsConversation } from '../../src/outbound/index.js';
import { eventually } from './server.js';

/**
 * A local Bot Connector: the service Teams runs at `serviceUrl`, to which a bot posts its replies.
 * It records every activity the bot sends (`POST /v3/conversations/:id/activities[/:replyToId]`)
 * and answers as the connector does, with `{ "id": ... }`, and every update of one
 * (`PUT /v3/conversations/:id/activities/:activityId`). Every Adaptive Card that arrives is
 * checked against the Adaptive Card 1.5 schema and parsed by the `adaptivecards` renderer library,
 * like a strict Teams client would; the problems are recorded next to the activity.
 *
 * By default it takes everything. For the notice outbox's tests and benchmark it can also behave
 * like the real service under load: fail a share of requests at random (429/500/503), limit the
 * requests per conversation and per tenant per second (429 with Retry-After), and answer 403 for
 * conversations the bot was removed from.
 */
export interface RecordedActivity {
  /** The id the connector answered with: the posted message's id (in a channel, a new post is the root of its thread). For an update, the updated message's id. */
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** The conversation without a thread's `;messageid=` part: the channel or chat itself. */
  readonly channelConversationId: string;
  /** For a post in a channel thread: the id of the thread's root message (the `;messageid=` part). */
  readonly thread: string | undefined;
  readonly replyToId: string | undefined;
  readonly authorization: string | undefined;
  readonly activity: BotActivity;
  /** The activity's text and first Adaptive Card, for counting what arrived where. */
  readonly text: string | undefined;
  readonly card: Card | undefined;
  /** Schema and parser findings for the activity's Adaptive Cards (empty when they are valid). */
  readonly cardProblems: readonly string[];
  /** When the connector took it (Date.now()), for timing deliveries. */
  readonly at: number;
}

/** A request the connector refused, and why. */
export interface RefusedRequest {
  readonly at: number;
  readonly method: string;
  readonly conversationId: string;
  readonly status: number;
  /** The Retry-After sent with a 429, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  readonly reason: 'fail-next' | 'gone' | 'injected' | 'conversation-limit' | 'tenant-limit' | 'unknown-activity';
}

/** A share of requests to fail at random, with this status (and Retry-After for a 429 or 503). */
export interface InjectedFailure {
  /** 0..1: the chance that a request fails this way. */
  readonly rate: number;
  readonly status: 429 | 500 | 503;
  readonly retryAfterSeconds?: number;
}

export interface FakeBotConnectorOptions {
  /** Random failures; with several, each is drawn in turn and the first hit answers. */
  readonly failures?: InjectedFailure | readonly InjectedFailure[];
  /** The random source for `failures` (Math.random by default; a seeded one keeps a run repeatable). */
  readonly random?: () => number;
  /** Requests taken per conversation (channel or chat, its threads included) in any one second; more are answered 429. */
  readonly perConversationPerSecond?: number;
  /** Requests taken per tenant in any one second; more are answered 429. */
  readonly perTenantPerSecond?: number;
  /** Conversations (channel or chat ids) the bot is no longer in: every request there is answered 403. Read at each request. */
  readonly gone?: Set<string>;
  /** Check the Adaptive Cards that arrive (true by default; a benchmark may turn it off for speed). */
  readonly validateCards?: boolean;
  /** The clock of the rate limits, in milliseconds. */
  readonly now?: () => number;
}

/** The parts of an outgoing activity the tests look at. */
export interface BotActivity {
  readonly type: string;
  readonly text?: string;
  readonly textFormat?: string;
  readonly summary?: string;
  readonly replyToId?: string;
  readonly conversation?: { readonly id: string };
  readonly attachments?: ReadonlyArray<{ readonly contentType: string; readonly content: Card }>;
  readonly [key: string]: unknown;
}

/** An Adaptive Card as JSON, loosely typed for assertions. */
export interface Card {
  readonly type: string;
  readonly version: string;
  readonly body: ReadonlyArray<Record<string, unknown>>;
  readonly actions?: ReadonlyArray<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface FakeBotConnector {
  /** The serviceUrl to put into activities sent to the bot. */
  readonly serviceUrl: string;
  /** Every activity the bot posted (POST), in order. */
  readonly received: RecordedActivity[];
  /** Every update of a posted activity (PUT), in order. */
  readonly updates: RecordedActivity[];
  /** Every request answered with an error status, in order. */
  readonly refused: RefusedRequest[];
  /** Activities the bot posted to one conversation (typing indicators included). */
  activitiesIn(conversationId: string): RecordedActivity[];
  /** Updates of one posted message, oldest first. */
  updatesOf(activityId: string): RecordedActivity[];
  /** Messages (typing indicators left out) posted per conversation, threads counted with their channel. */
  deliveryCounts(): Map<string, number>;
  /** Waits until the bot has posted at least `count` non-typing activities to the conversation. */
  waitForMessages(conversationId: string, count?: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  /**
   * The next `times` posts to the conversation are answered with this status (a connector hiccup,
   * a removed bot), with a Retry-After of `retryAfterSeconds` when given (a 429).
   */
  failNext(conversationId: string, status: number, times?: number, retryAfterSeconds?: number): void;
  /** Changes the failures and limits from now on (those not given stay as they are). */
  configure(options: FakeBotConnectorOptions): void;
  clear(): void;
  close(): Promise<void>;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface AdaptiveCardsLibrary {
  CardElement: { langProperty: { regEx?: RegExp } };
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Array<{ message: string }> };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(index: number): { message: string } };
}

let library: AdaptiveCardsLibrary | undefined;
let schema: Promise<unknown> | undefined;

/**
 * What is wrong with an Adaptive Card: findings of the 1.5 schema (the subset the adapter ships,
 * derived from the official schema) and of the `adaptivecards` library's parser and validator (its
 * ESM entry does not load in Node; the UMD bundle works without a DOM).
 */
export async function adaptiveCardProblems(card: unknown): Promise<string[]> {
  library ??= createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsLibrary;
  schema ??= readFile(new URL('../../adapters/teams/schema/adaptive-card-1.5.subset.json', import.meta.url), 'utf8').then((text) => JSON.parse(text) as unknown);
  // The manifest package's validator is a plain ajv run of the schema given (draft-04 here).
  const problems = (await AppManifestUtils.validateAgainstSchema(card as never, (await schema) as never)).map((problem) => `schema: ${problem}`);
  // The library checks `lang` with a /g regex and exec(), so every second card would fail the
  // check (lastIndex carries over); start each card afresh.
  const langPattern = library.CardElement.langProperty.regEx;
  if (langPattern) langPattern.lastIndex = 0;
  const parsed = new library.AdaptiveCard();
  const context = new library.SerializationContext();
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index += 1) problems.push(`parse: ${context.getEventAt(index).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const version = (card as { version?: unknown }).version;
  if (version !== '1.5') problems.push(`version: expected "1.5", got ${JSON.stringify(version)}`);
  return problems;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/u;
const THREAD = /;messageid=([^;]*)$/u;
const WINDOW_MS = 1_000;

/** What the connector answers for each status, like the real one (BotNotInConversationRoster for a removed bot). */
const ERROR_CODES: Record<number, string> = { 403: 'BotNotInConversationRoster', 404: 'ActivityNotFoundInConversation', 429: 'TooManyRequests' };

/**
 * Requests taken per key in the last second; `take` says when the next one would be taken if the
 * limit is reached (so the 429's Retry-After is honest).
 */
function slidingWindow(now: () => number): { take(key: string, limit: number): { ok: true } | { ok: false; retryAfterMs: number } } {
  const taken = new Map<string, number[]>();
  return {
    take(key, limit) {
      const at = now();
      const recent = (taken.get(key) ?? []).filter((time) => time > at - WINDOW_MS);
      if (recent.length >= limit) {
        taken.set(key, recent);
        return { ok: false, retryAfterMs: recent[0]! + WINDOW_MS - at };
      }
      recent.push(at);
      taken.set(key, recent);
      return { ok: true };
    },
  };
}

/** Starts the fake connector on a free loopback port; with no options it takes every request. */
export async function startFakeBotConnector(initial: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const received: RecordedActivity[] = [];
  const updates: RecordedActivity[] = [];
  const refused: RefusedRequest[] = [];
  const failNext = new Map<string, { status: number; times: number; retryAfterSeconds: number | undefined }>();
  /** Posted message ids and the conversation (channel or chat) each is in, for updates. */
  const posted = new Map<string, string>();
  let options: FakeBotConnectorOptions = { ...initial };
  let clock = options.now ?? (() => performance.now());
  let conversationLimits = slidingWindow(() => clock());
  let tenantLimits = slidingWindow(() => clock());
  let counter = 0;

  /** Why a request is refused, if it is: in the order a real service would decide. */
  function refusal(conversationId: string, channelId: string, tenant: string): Omit<RefusedRequest, 'at' | 'method' | 'conversationId'> | undefined {
    if (options.gone?.has(channelId) || options.gone?.has(conversationId)) return { status: 403, retryAfterSeconds: undefined, reason: 'gone' };
    const next = failNext.get(conversationId) ?? failNext.get(channelId);
    if (next && next.times > 0) {
      next.times -= 1;
      return { status: next.status, retryAfterSeconds: next.retryAfterSeconds, reason: 'fail-next' };
    }
    const rules = options.failures === undefined ? [] : Array.isArray(options.failures) ? (options.failures as readonly InjectedFailure[]) : [options.failures as InjectedFailure];
    const random = options.random ?? Math.random;
    for (const rule of rules) {
      if (random() < rule.rate) return { status: rule.status, retryAfterSeconds: rule.retryAfterSeconds, reason: 'injected' };
    }
    // Limits count what they take, so a refused request does not push the window further out.
    for (const [limit, windows, key, reason] of [
      [options.perConversationPerSecond, conversationLimits, channelId, 'conversation-limit'],
      [options.perTenantPerSecond, tenantLimits, tenant, 'tenant-limit'],
    ] as const) {
      if (limit === undefined) continue;
      const taken = windows.take(key, limit);
      if (!taken.ok) return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil(taken.retryAfterMs / 1000)), reason };
    }
    return undefined;
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const match = ACTIVITIES.exec(path);
      const method = request.method ?? 'GET';
      if (!match || (method !== 'POST' && method !== 'PUT')) return reply(response, 404, { error: { code: 'NotFound', message: `${method} ${path}` } });
      const conversationId = decodeURIComponent(match[1]!);
      const channelConversationId = conversationId.replace(THREAD, '');
      const thread = THREAD.exec(conversationId)?.[1];
      const second = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
      const activity = (await readJson(request)) as BotActivity;
      const conversation = activity.conversation as { tenantId?: string } | undefined;
      const tenant = conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? '-';
      const refuse = (found: Omit<RefusedRequest, 'at' | 'method' | 'conversationId'>): void => {
        refused.push({ at: Date.now(), method, conversationId, ...found });
        reply(response, found.status, { error: { code: ERROR_CODES[found.status] ?? 'ServiceError', message: `refused by the fake connector: ${found.reason}` } }, found.retryAfterSeconds === undefined ? {} : { 'retry-after': String(found.retryAfterSeconds) });
      };
      const refusedFor = refusal(conversationId, channelConversationId, tenant);
      if (refusedFor) return refuse(refusedFor);
      // An update needs a message of ours in that conversation, as the real service does.
      if (method === 'PUT' && (second === undefined || posted.get(second) !== channelConversationId)) return refuse({ status: 404, retryAfterSeconds: undefined, reason: 'unknown-activity' });
      const cardProblems: string[] = [];
      const attachments = activity.attachments ?? [];
      if (options.validateCards !== false) {
        for (const attachment of attachments) {
          if (attachment.contentType === ADAPTIVE_CARD) cardProblems.push(...(await adaptiveCardProblems(attachment.content)));
        }
      }
      const common = {
        method,
        path,
        conversationId,
        channelConversationId,
        thread,
        authorization: request.headers.authorization,
        activity,
        text: activity.text,
        card: attachments.find((attachment) => attachment.contentType === ADAPTIVE_CARD)?.content,
        cardProblems,
        at: Date.now(),
      };
      if (method === 'PUT') {
        updates.push({ ...common, id: second!, replyToId: undefined });
        return reply(response, 200, { id: second });
      }
      counter += 1;
      const id = `activity-${counter}`;
      posted.set(id, channelConversationId);
      received.push({ ...common, id, replyToId: second });
      reply(response, 200, { id });
    })().catch((error: unknown) => reply(response, 500, { error: { code: 'FakeConnectorError', message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const activitiesIn = (conversationId: string): RecordedActivity[] => received.filter((item) => item.conversationId === conversationId);
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    updates,
    refused,
    activitiesIn,
    updatesOf: (activityId) => updates.filter((item) => item.id === activityId),
    deliveryCounts() {
      const counts = new Map<string, number>();
      for (const item of received) if (item.activity.type !== 'typing') counts.set(item.channelConversationId, (counts.get(item.channelConversationId) ?? 0) + 1);
      return counts;
    },
    waitForMessages: (conversationId, count = 1, timeoutMs = 5_000) =>
      eventually(() => {
        const messages = activitiesIn(conversationId).filter((item) => item.activity.type !== 'typing');
        return messages.length >= count ? messages : undefined;
      }, timeoutMs),
    failNext(conversationId, status, times = 1, retryAfterSeconds) {
      failNext.set(conversationId, { status, times, retryAfterSeconds });
    },
    configure(changes) {
      options = { ...options, ...changes };
      if (changes.now) clock = changes.now;
      // New limits start from an empty window.
      if (changes.perConversationPerSecond !== undefined || changes.now) conversationLimits = slidingWindow(() => clock());
      if (changes.perTenantPerSecond !== undefined || changes.now) tenantLimits = slidingWindow(() => clock());
    },
    clear() {
      received.length = 0;
      updates.length = 0;
      refused.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Activities as Teams sends them to a bot.

export const TEST_BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'itkontakt' } as const;
export const TEST_TENANT = '11111111-2222-3333-4444-555555555555';

export interface TestUser {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
}

let sequence = 0;

/** A Teams user with a fresh id (users are remembered by the bot, so each test gets its own). */
export function testUser(name = 'Anna Andersson'): TestUser {
  sequence += 1;
  const suffix = `${Date.now().toString(16)}${sequence.toString(16).padStart(4, '0')}`.slice(-12).padStart(12, '0');
  return { id: `29:user-${suffix}`, aadObjectId: `aaaaaaaa-bbbb-cccc-dddd-${suffix}`, name };
}

export interface Where {
  readonly conversationId: string;
  readonly type: 'personal' | 'groupChat' | 'channel';
}

/** A personal chat between the user and the bot. */
export function personalChat(user: TestUser): Where {
  return { conversationId: `a:personal-${user.aadObjectId}`, type: 'personal' };
}

/** A team channel (the id Teams uses for a channel conversation). */
export function teamChannel(name = 'general'): Where {
  sequence += 1;
  return { conversationId: `19:${name}-${sequence}@thread.tacv2`, type: 'channel' };
}

/**
 * A thread in a team channel, as Teams names it in activities from there: a post, or a button
 * pressed on a card the bot posted, comes with `<channel id>;messageid=<root post id>`.
 */
export function channelThread(channel: Where, rootMessageId: string): Where {
  return { conversationId: `${channel.conversationId};messageid=${rootMessageId}`, type: 'channel' };
}

/** A group chat with the bot in it. */
export function groupChat(): Where {
  sequence += 1;
  return { conversationId: `19:group-${sequence}@thread.v2`, type: 'groupChat' };
}

/** The common envelope of an activity from Teams. */
export function teamsActivity(serviceUrl: string, user: TestUser, where: Where, fields: Record<string, unknown>): Record<string, unknown> {
  sequence += 1;
  return {
    id: `incoming-${sequence}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'sv-SE',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { ...TEST_BOT },
    conversation: { id: where.conversationId, conversationType: where.type, tenantId: TEST_TENANT, ...(where.type === 'personal' ? {} : { isGroup: true }) },
    channelData: { tenant: { id: TEST_TENANT }, ...(where.type === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: where.conversationId } } : {}) },
    ...fields,
  };
}

/** A message; `mention` puts "<at>itkontakt</at>" in front, as Teams does when the bot is @mentioned. */
export function messageActivity(serviceUrl: string, user: TestUser, where: Where, text: string, options: { mention?: boolean } = {}): Record<string, unknown> {
  const at = `<at>${TEST_BOT.name}</at>`;
  return teamsActivity(serviceUrl, user, where, {
    type: 'message',
    text: options.mention ? `${at} ${text}` : text,
    textFormat: 'plain',
    ...(options.mention ? { entities: [{ type: 'mention', text: at, mentioned: { ...TEST_BOT } }] } : {}),
  });
}

/** An Action.Submit press: a message whose value is the button's data merged with the card's inputs. */
export function submitActivity(serviceUrl: string, user: TestUser, where: Where, value: Record<string, unknown>, replyToId = 'activity-1'): Record<string, unknown> {
  return teamsActivity(serviceUrl, user, where, { type: 'message', value, replyToId });
}

/** An Action.Execute press (Universal Action Model): an adaptiveCard/action invoke. */
export function executeActivity(serviceUrl: string, user: TestUser, where: Where, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return teamsActivity(serviceUrl, user, where, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
}

/** The app installed (`add`) or removed (`remove`) in a personal chat, group chat or team. */
export function installationActivity(serviceUrl: string, user: TestUser, where: Where, action: 'add' | 'remove' | 'add-upgrade' | 'remove-upgrade'): Record<string, unknown> {
  return teamsActivity(serviceUrl, user, where, { type: 'installationUpdate', action });
}

/** The bot added to or removed from a conversation, as Teams and the Emulator announce it. */
export function membersActivity(serviceUrl: string, user: TestUser, where: Where, change: 'added' | 'removed', members: ReadonlyArray<{ id: string; name?: string }> = [TEST_BOT]): Record<string, unknown> {
  return teamsActivity(serviceUrl, user, where, {
    type: 'conversationUpdate',
    ...(change === 'added' ? { membersAdded: members } : { membersRemoved: members }),
    ...(where.type === 'channel' ? { channelData: { tenant: { id: TEST_TENANT }, team: { id: '19:team@thread.tacv2' }, eventType: change === 'added' ? 'teamMemberAdded' : 'teamMemberRemoved' } } : {}),
  });
}

/** A conversation as the adapter stores it when the app is installed there: a destination for later sends. */
export function storedDestination(serviceUrl: string, where: Where, user: TestUser): Destination {
  return {
    key: `teams:${TEST_TENANT}:${where.conversationId}`,
    platform: 'teams',
    tenantId: TEST_TENANT,
    conversationId: where.conversationId,
    kind: where.type === 'groupChat' ? 'group' : where.type,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: where.conversationId, conversationType: where.type, tenantId: TEST_TENANT, ...(where.type === 'personal' ? {} : { isGroup: true }) },
      bot: { ...TEST_BOT },
      user: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      locale: 'sv-SE',
    },
    installedBy: `teams:${TEST_TENANT}:${user.aadObjectId}`,
    installedAt: '2026-11-01T08:00:00.000Z',
  };
}

/** The lookup of a destination repository over these stored destinations, for a Teams channel under test. */
export function storedDestinations(...destinations: Destination[]): Pick<DestinationRepository, 'get'> {
  return { get: async (key) => destinations.find((destination) => destination.key === key) };
}

/** The typed address of a stored Teams conversation. */
export function teamsAddressOf(destination: Destination): TeamsConversation {
  return { kind: 'teams', tenantId: destination.tenantId, conversationId: destination.conversationId };
}

export interface PostResult {
  readonly status: number;
  readonly body: string;
  json<T = unknown>(): T;
}

/** Posts an activity to the bot's /api/messages over real HTTP. */
export async function postActivity(botUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const body = await response.text();
  return { status: response.status, body, json: <T,>() => JSON.parse(body) as T };
}

/** The first Adaptive Card of a recorded activity (fails loudly when there is none). */
export function cardOf(recorded: RecordedActivity): Card {
  const attachment = recorded.activity.attachments?.find((item) => item.contentType === ADAPTIVE_CARD);
  if (!attachment) throw new Error(`activity has no Adaptive Card: ${JSON.stringify(recorded.activity).slice(0, 300)}`);
  return attachment.content;
}

const SHOWN = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage']);

/**
 * What a user reads on a card, in order: texts, titles, labels, fact titles and values. Style
 * values, ids and button data are left out, so assertions say what is shown, not how.
 */
export function cardTexts(card: unknown): string[] {
  const shown: string[] = [];
  const visit = (node: unknown, inFacts: boolean): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, inFacts));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && (SHOWN.has(key) || (inFacts && key === 'value'))) shown.push(value);
      else if (key !== 'data' && typeof value === 'object') visit(value, key === 'facts');
    }
  };
  visit(card, false);
  return shown;
}

/** Every action in a card (card-level and in ActionSets), with title and data. */
export function cardActions(card: Card): Array<{ type: string; title: string; data: Record<string, unknown> }> {
  const found: Array<{ type: string; title: string; data: Record<string, unknown> }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) {
      found.push({ type: record.type, title: String(record.title), data: (record.data ?? {}) as Record<string, unknown> });
      return;
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(card.body);
  visit(card.actions ?? []);
  return found;
}

/**
 * What a Teams client sends when the button with this title is pressed: the button's data with the
 * values of the inputs it gathers (those of its card and, for a button in an Action.ShowCard, of the
 * cards around it), each as shown on the card unless `typed` says what the user typed instead.
 * Fails loudly when there is no such button, or when a required input would be left empty (the
 * client would not send the form then).
 */
export function pressButton(card: Card, title: string, typed: Record<string, string> = {}): Record<string, unknown> {
  type Node = Record<string, unknown>;
  const inputsOf = (body: unknown): Node[] => {
    const found: Node[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const record = node as Node;
      if (typeof record.type === 'string' && record.type.startsWith('Input.')) found.push(record);
      // Inputs of an unfolded card belong to that card, not to this one.
      if (record.type === 'Action.ShowCard') return;
      for (const value of Object.values(record)) visit(value);
    };
    visit(body);
    return found;
  };
  const search = (current: Node, parents: Node[]): { action: Node; cards: Node[] } | undefined => {
    const actions: Node[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (!node || typeof node !== 'object') return;
      const record = node as Node;
      if (typeof record.type === 'string' && record.type.startsWith('Action.')) return void actions.push(record);
      for (const value of Object.values(record)) collect(value);
    };
    collect(current.body);
    collect(current.actions ?? []);
    for (const action of actions) {
      if (action.type === 'Action.Submit' && action.title === title) return { action, cards: [...parents, current] };
      if (action.type === 'Action.ShowCard') {
        const inner = search(action.card as Node, [...parents, current]);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  const found = search(card as unknown as Node, []);
  if (!found) throw new Error(`no button "${title}" on the card: ${JSON.stringify(cardActions(card).map((action) => action.title))}`);
  const values: Record<string, string> = {};
  if (found.action.associatedInputs !== 'None') {
    for (const input of found.cards.flatMap((item) => inputsOf(item.body))) {
      const id = String(input.id);
      const value = typed[id] ?? (typeof input.value === 'string' ? input.value : '');
      if (input.isRequired === true && value === '') throw new Error(`required input ${id} is empty; Teams would not send the form`);
      values[id] = value;
    }
  }
  for (const id of Object.keys(typed)) if (!(id in values)) throw new Error(`no input ${id} for the button "${title}"`);
  return { ...(found.action.data as Record<string, unknown>), ...values };
}

/** What the bot posted to a conversation, typing indicators left out. */
export function messagesIn(connector: FakeBotConnector, where: Where): RecordedActivity[] {
  return connector.activitiesIn(where.conversationId).filter((item) => item.activity.type !== 'typing');
}

/** Sends an activity to the bot and returns what it posted to `where` in answer (the bot must accept it: 200). */
export async function exchange(connector: FakeBotConnector, botUrl: string, where: Where, activity: Record<string, unknown>): Promise<RecordedActivity[]> {
  const before = messagesIn(connector, where).length;
  const response = await postActivity(botUrl, activity);
  if (response.status !== 200) throw new Error(`the bot answered ${response.status}, not 200`);
  return messagesIn(connector, where).slice(before);
}
