import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config, TeamsMode } from '../../src/config/index.js';
import { SendFailure } from '../../src/errors/index.js';
import { serviceUrlPolicy, type ServiceUrlPolicy } from './service-url.js';
import { tokenLifetimeProblem } from './token-lifetime.js';

/**
 * Settings that production leaves at their defaults: replacements for what the adapter would
 * otherwise get from Microsoft's cloud (tests keep the whole Bot Framework exchange on loopback
 * with them), and the typing indicator's timing.
 */
export interface TeamsOverrides {
  /** Milliseconds before "typing…" is shown while an answer is prepared; 0 shows it before every answer. */
  readonly typingDelayMs?: number;
  /**
   * Extra Bot Framework authentication settings, merged over those from the configuration, e.g.
   * `ToBotFromChannelOpenIdMetadataUrl` pointing at a local OpenID metadata endpoint.
   */
  readonly botFrameworkAuthentication?: Partial<Record<'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromEmulatorOpenIdMetadataUrl' | 'ToBotFromChannelTokenIssuer', string>>;
  /**
   * How outbound calls to the Bot Connector get their credentials. Defaults to the app id and
   * secret (or managed identity) from the configuration, which asks Entra ID for a token.
   */
  readonly credentialsFactory?: ConfigurationServiceClientCredentialFactory;
}

/** The outcome of receiving one activity over HTTP. */
export type ReceiveResult =
  | { readonly kind: 'handled'; readonly invokeResponse: InvokeResponse | undefined }
  | { readonly kind: 'unauthorized'; readonly status: number; readonly error: unknown }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * botbuilder's CloudAdapter (as teams-ai's TeamsAdapter) with authentication and turn processing
 * as two steps, so the endpoint can tell a rejected token (401, never reaching the core) from a
 * failure while handling the turn, and log both through our logger instead of console.error.
 */
export class ItkontaktTeamsAdapter extends TeamsAdapter {
  private readonly outboxConnectors: (key: string) => Promise<ConnectorClient>;

  /** Why this adapter may not send to a serviceUrl (see serviceUrlPolicy); undefined when it may. */
  readonly serviceUrlRefusal: ServiceUrlPolicy;

  /**
   * `mode` decides where the adapter may send: every Bot Connector client is made for one
   * serviceUrl, so checking there covers replies in a turn, proactive sends and the outbox alike.
   */
  constructor(
    readonly mode: TeamsMode,
    ...args: ConstructorParameters<typeof TeamsAdapter>
  ) {
    super(...args);
    this.serviceUrlRefusal = serviceUrlPolicy(mode);
    const inner = this.botFrameworkAuthentication;
    (this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication = withReusedClients(inner, (serviceUrl) => this.checkServiceUrl(serviceUrl));
    this.outboxConnectors = reusing(async (key) => {
      const [appId, serviceUrl] = JSON.parse(key) as [string, string];
      this.checkServiceUrl(serviceUrl);
      // No audience, as for proactive sends: the factory then uses the cloud's default scope.
      return withoutRetries(await inner.createConnectorFactory(this.createClaimsIdentity(appId)).create(serviceUrl));
    });
  }

  /**
   * A Bot Connector client for the notice outbox, which owns rate limits and retries: each call is
   * one HTTP request, and a 429 or 5xx comes back at once instead of being retried (and waited
   * for) inside the SDK. Replies within a turn keep botbuilder's own client and its retries.
   */
  outboxConnector(appId: string, serviceUrl: string): Promise<ConnectorClient> {
    return this.outboxConnectors(JSON.stringify([appId, serviceUrl]));
  }

  /** Throws a SendFailure ('rejected') when this adapter may not send to `serviceUrl`. */
  checkServiceUrl(serviceUrl: string): void {
    const refusal = this.serviceUrlRefusal(serviceUrl);
    if (refusal !== undefined) throw new SendFailure('rejected', refusal);
  }

  async receive(activity: Activity, authHeader: string, logic: (context: TurnContext) => Promise<void>): Promise<ReceiveResult> {
    // Before anything else: the answer to an activity goes to its serviceUrl.
    const refusal = this.serviceUrlRefusal(activity.serviceUrl);
    if (refusal !== undefined) return { kind: 'refused', reason: refusal };
    let authentication: Awaited<ReturnType<typeof this.botFrameworkAuthentication.authenticateRequest>>;
    try {
      authentication = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      // botbuilder reports a failure to fetch the signing keys as a 500: the token could not be
      // checked, which is not the caller's fault, but the request still must not get through.
      return { kind: 'unauthorized', status: typeof status === 'number' && status >= 500 ? 503 : 401, error };
    }
    // botbuilder lets a token without `exp`, or one valid for years, through: see token-lifetime.ts.
    if (authHeader.trim()) {
      const problem = tokenLifetimeProblem(authentication.claimsIdentity, new Date());
      if (problem !== undefined) return { kind: 'unauthorized', status: 401, error: new Error(problem) };
    }
    return { kind: 'handled', invokeResponse: await this.processActivity(authentication, activity, logic) };
  }
}

type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type ClaimsIdentity = Parameters<BotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
/** botframework-connector's ConnectorClient (botbuilder does not re-export the class). */
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** The part of @azure/core-rest-pipeline's Pipeline used here (the package is not ours to import). */
interface PolicyPipeline {
  removePolicy(options: { readonly phase?: 'Retry' }): unknown[];
  getOrderedPolicies(): ReadonlyArray<{ readonly name: string }>;
}

/**
 * The client without the retry phase of its HTTP pipeline: @azure/core-rest-pipeline retries 429
 * (sleeping for Retry-After), 5xx and network errors up to three times on its own. The pipeline is
 * private to botbuilder's compat layer, so its shape is checked here: a botbuilder update that
 * moves it fails loudly at the first send instead of quietly retrying again.
 */
function withoutRetries(connector: ConnectorClient): ConnectorClient {
  const pipeline = (connector as unknown as { client?: { pipeline?: Partial<PolicyPipeline> } }).client?.pipeline;
  if (typeof pipeline?.removePolicy !== 'function' || typeof pipeline.getOrderedPolicies !== 'function') {
    throw new Error('botframework-connector: the HTTP pipeline of ConnectorClient is not where it was; cannot turn its retries off');
  }
  pipeline.removePolicy({ phase: 'Retry' });
  const left = pipeline.getOrderedPolicies().filter((policy) => /retry/iu.test(policy.name));
  if (left.length > 0) throw new Error(`botframework-connector: retry policies left in the pipeline: ${left.map((policy) => policy.name).join(', ')}`);
  return connector;
}

/** How many Bot Connector clients are kept (one per app id, audience and service URL; Teams uses a handful). */
const MAX_CACHED_CLIENTS = 64;

/** Keeps what `create` makes, by key: at most MAX_CACHED_CLIENTS (the oldest goes first), never a failure. */
function reusing<T>(create: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    const cached = cache.get(key);
    if (cached) return cached;
    if (cache.size >= MAX_CACHED_CLIENTS) cache.delete(cache.keys().next().value!);
    const created = create(key);
    cache.set(key, created);
    created.catch(() => {
      if (cache.get(key) === created) cache.delete(key);
    });
    return created;
  };
}

/** The bot's own app id as botbuilder derives it from a claims identity (audience claim, else appid claim). */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * botbuilder builds a new Bot Connector client and a new user token client, each with its own HTTP
 * pipeline, for every activity it receives: about a third of a millisecond of CPU per turn, more
 * than the rest of botbuilder's share. Neither holds per-turn state, and what they are built from
 * depends only on the bot's app id (their credentials fetch and refresh a token for each request
 * they sign), the audience and the service URL. So they are built once for each and reused.
 * Authentication is untouched: every inbound request is still authenticated in full.
 */
function withReusedClients(inner: BotFrameworkAuthentication, checkServiceUrl: (serviceUrl: string) => void): BotFrameworkAuthentication {
  // botbuilder's connector factories differ only in the app id they were made for.
  const factories = new Map<string, ConnectorFactory>();
  const connectors = reusing(async (key) => {
    const [appId, audience, serviceUrl] = JSON.parse(key) as [string, string | null, string];
    checkServiceUrl(serviceUrl);
    return factories.get(appId)!.create(serviceUrl, audience ?? undefined);
  });
  const reusedFactory = (appId: string, factory: ConnectorFactory): ConnectorFactory => {
    if (!factories.has(appId)) factories.set(appId, factory);
    return { create: (serviceUrl: string, audience?: string) => connectors(JSON.stringify([appId, audience ?? null, serviceUrl])) };
  };
  const claimsByApp = new Map<string, ClaimsIdentity>();
  const userTokenClients = reusing((appId) => inner.createUserTokenClient(claimsByApp.get(appId)!));

  const wrapper = Object.create(inner) as BotFrameworkAuthentication;
  wrapper.authenticateRequest = async (activity, authHeader) => {
    const result = await inner.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: reusedFactory(appIdOf(result.claimsIdentity), result.connectorFactory) } : result;
  };
  wrapper.createConnectorFactory = (claimsIdentity) => reusedFactory(appIdOf(claimsIdentity), inner.createConnectorFactory(claimsIdentity));
  wrapper.createUserTokenClient = (claimsIdentity) => {
    const appId = appIdOf(claimsIdentity);
    if (!claimsByApp.has(appId)) claimsByApp.set(appId, claimsIdentity);
    return userTokenClients(appId);
  };
  return wrapper;
}

/**
 * The public cloud's settings, as botbuilder uses them when none are given. botbuilder switches to
 * "all settings from the configuration" as soon as one is overridden, so an override must come
 * with the rest.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const;

/** Entra ID token issuers of a single tenant (Emulator and v2 tokens of a SingleTenant bot). */
function tenantIssuers(tenantId: string): string[] {
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

/**
 * The adapter for the configuration: with credentials, every request needs a valid Bot Framework
 * JWT and replies are sent with a token; in local mode it runs as the Bot Framework Emulator
 * expects (no authentication either way) and sends only to this machine; with Teams off it sends
 * nowhere (and the endpoint takes no activities).
 */
export function createTeamsAdapter(config: Pick<Config, 'teams' | 'teamsMode'>, overrides: TeamsOverrides = {}): ItkontaktTeamsAdapter {
  const { teams } = config;
  const credentials: Record<string, string> = {};
  if (teams) {
    credentials.MicrosoftAppId = teams.appId;
    credentials.MicrosoftAppType = teams.appType;
    // A managed identity has no secret; botbuilder refuses to start when one is given anyway.
    if (teams.appPassword && teams.appType !== 'UserAssignedMSI') credentials.MicrosoftAppPassword = teams.appPassword;
    if (teams.tenantId) credentials.MicrosoftAppTenantId = teams.tenantId;
  }
  const cloud = overrides.botFrameworkAuthentication ? { ...PUBLIC_CLOUD, ...overrides.botFrameworkAuthentication } : {};
  const authentication = { ...credentials, ...cloud } as ConfigurationBotFrameworkAuthenticationOptions;
  const credentialsFactory = overrides.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(credentials);
  const authConfiguration = { requiredEndorsements: [], validTokenIssuers: teams?.tenantId ? tenantIssuers(teams.tenantId) : [] };
  return new ItkontaktTeamsAdapter(config.teamsMode, authentication, credentialsFactory, authConfiguration);
}
