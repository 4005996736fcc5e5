import type { TeamsMode } from '../../src/config/index.js';

/** True for an address of this machine (IPv4 127/8, IPv6 ::1, IPv4-mapped 127/8). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/iu.test(address);
}

/**
 * True for an http(s) URL on this machine: a loopback IP, or `localhost`. URL parsing normalises
 * the host first, so `http://127.1/` and `http://0x7f000001/` count, and `http://127.0.0.1.example/`
 * and `http://127.0.0.1@192.0.2.1/` do not.
 */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.replace(/^\[|\]$/gu, '');
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Why this mode may not send to a Bot Connector at `serviceUrl`; undefined when it may. */
export type ServiceUrlPolicy = (serviceUrl: string) => string | undefined;

/**
 * Where the bot may post replies and notices. With Bot Framework authentication, to the serviceUrl
 * a validated token vouched for (botbuilder checks the token's `serviceurl` claim) or a stored
 * conversation has. In local mode nobody vouches for an activity, so its serviceUrl could point
 * the bot at any host: only this machine's, where the Emulator and the tests' fake connector are.
 * With Teams off, nowhere.
 */
export function serviceUrlPolicy(mode: TeamsMode): ServiceUrlPolicy {
  switch (mode) {
    case 'bot-framework':
      return () => undefined;
    case 'local':
      return (serviceUrl) =>
        isLoopbackUrl(serviceUrl) ? undefined : `I lokalt läge (utan MicrosoftAppId) skickar boten bara till en serviceUrl på den här datorn (127.0.0.1, ::1 eller localhost), inte till ${serviceUrl}.`;
    case 'off':
      return () => TEAMS_NOT_CONFIGURED;
  }
}

/** What /api/messages and the senders say while Teams is off. */
export const TEAMS_NOT_CONFIGURED =
  'Teams är inte konfigurerat på den här servern: sätt MicrosoftAppId och MicrosoftAppPassword (se README, Microsoft Teams), eller TEAMS_LOCAL=1 för Bot Framework Emulator när servern bara lyssnar på 127.0.0.1.';
