import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { startTeams, type TeamsEndpoint } from '../../adapters/teams/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/index.js';
import { openItkontakt, type Itkontakt } from '../../src/app/index.js';
import { createHttpApp, listen, type RunningServer } from '../../src/server/index.js';
import { temporaryDataDir } from './data-dir.js';

/**
 * Bot Framework authentication on loopback: tokens signed as the Bot Connector signs them, checked
 * by the real botbuilder against a local stand-in for login.botframework.com's OpenID metadata.
 */

/** The bot's app id in these tests (a GUID, as MicrosoftAppId must be). */
export const TEST_APP_ID = '6b1d4f3e-2c1a-4e5b-9f7d-0a1b2c3d4e5f';
/** The issuer of tokens from the Bot Connector (Teams) in the public cloud. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A JWT as the Bot Connector signs them (RS256, kid in the header). */
export function signToken(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${base64url(sign('sha256', Buffer.from(`${header}.${payload}`), key))}`;
}

/** The claims of a genuine channel token for TEST_APP_ID: issued a minute ago, valid for an hour. */
export function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: TEST_APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

export interface OpenIdMetadata {
  /** The metadata document's URL, for ToBotFromChannelOpenIdMetadataUrl. */
  readonly url: string;
  /** The paths asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A local stand-in for login.botframework.com's OpenID metadata and signing keys. */
export async function startOpenIdMetadata(publicJwk: Record<string, unknown>): Promise<OpenIdMetadata> {
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    if (request.url === '/v1/.well-known/openidconfiguration') {
      response.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (request.url === '/v1/.well-known/keys') {
      response.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/v1/.well-known/openidconfiguration`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Outbound calls with a fixed token instead of asking Entra ID (which is on the internet); app id
 * checks are the real ones.
 */
export class LoopbackCredentials extends ConfigurationServiceClientCredentialFactory {
  override async createCredentials(): Promise<never> {
    return { signRequest: async (request: { headers: { set(name: string, value: string): void } }) => (request.headers.set('authorization', 'Bearer outbound-test-token'), request) } as never;
  }
}

/** The real Teams endpoint with Bot Framework authentication on, trusting a key of its own. */
export interface SignedTeamsServer {
  readonly url: string;
  readonly metadata: OpenIdMetadata;
  /** The key the local OpenID metadata publishes, under `kid`. */
  readonly privateKey: KeyObject;
  readonly kid: string;
  /** A token signed with the published key. */
  sign(claims: Record<string, unknown>): string;
  /** Log lines at warn and above, parsed; clear it to look at one request's. */
  readonly logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts the server's Teams endpoint as `MicrosoftAppId` configures it, with the OpenID metadata
 * and outbound credentials on loopback, so every token check is botbuilder's own.
 */
export async function startSignedTeamsServer(options: { readonly typingDelayMs?: number } = {}): Promise<SignedTeamsServer> {
  const kid = 'itkontakt-test-key';
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const metadata = await startOpenIdMetadata({ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] });
  const config = loadConfig({ DATA_DIR: await temporaryDataDir(), MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'not-a-real-secret', HOST: '127.0.0.1' });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'warn',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
  let itkontakt: Itkontakt | undefined;
  let teams: TeamsEndpoint | undefined;
  let server: RunningServer | undefined;
  const close = async (): Promise<void> => {
    await server?.close();
    await teams?.stop();
    await itkontakt?.store.flush();
    await metadata.close();
  };
  try {
    itkontakt = await openItkontakt(config, logger);
    teams = await startTeams(
      { config, logger, bot: itkontakt.bot, destinations: itkontakt.store.destinations, preferences: itkontakt.store.preferences },
      {
        botFrameworkAuthentication: { ToBotFromChannelOpenIdMetadataUrl: metadata.url, ToBotFromEmulatorOpenIdMetadataUrl: metadata.url },
        credentialsFactory: new LoopbackCredentials({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }),
        typingDelayMs: options.typingDelayMs,
      },
    );
    const endpoint = teams;
    const app = createHttpApp({
      logger,
      health: () => ({ status: 'ok', knowledge: { records: 0, municipalities: 0 }, store: { kind: 'lowdb', path: '' }, platforms: { teams: true, slack: false } }),
      mount: (express) => endpoint.mount(express),
    });
    server = await listen(app, '127.0.0.1', 0);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: server.url, metadata, privateKey, kid, sign: (claims) => signToken(privateKey, kid, claims), logs, close };
}

/** The error message of the last "invalid token" rejection logged, if any. */
export function rejectionReason(logs: ReadonlyArray<Record<string, unknown>>): string | undefined {
  const rejection = logs.findLast((line) => line.msg === 'Teams request rejected: invalid Bot Framework token');
  return (rejection?.err as { message?: string } | undefined)?.message;
}
