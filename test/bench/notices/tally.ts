// What arrived where, and when: the bench's own count of the fan-out, kept from the fakes' records.

export type Channel = 'teams' | 'slack' | 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['teams', 'slack', 'email', 'sms'];

export interface Expected {
  /** Per channel, the keys the fakes see for each recipient (a Teams conversation, a Slack channel, "address|notice", a number). */
  readonly keys: Record<Channel, Set<string>>;
  /** Per independent limit group, how many messages it must carry, and its rate. */
  readonly groups: Map<string, { count: number; perSecond: number }>;
}

export interface Tally {
  /** Per channel and key: copies received and when the first came. */
  readonly seen: Record<Channel, Map<string, { copies: number; firstAt: number }>>;
  /** Keys that arrived without being expected (a bug in the bench or the server). */
  unexpected: number;
  lastFirstAt: number;
  lastArrivalAt: number;
  /** Accepted messages' arrival times per channel, for the rate check. */
  readonly times: Record<Channel, number[]>;
}

export function newTally(): Tally {
  return {
    seen: { teams: new Map(), slack: new Map(), email: new Map(), sms: new Map() },
    unexpected: 0,
    lastFirstAt: 0,
    lastArrivalAt: 0,
    times: { teams: [], slack: [], email: [], sms: [] },
  };
}

export function record(tally: Tally, expected: Expected, channel: Channel, key: string, at: number): void {
  tally.times[channel].push(at);
  tally.lastArrivalAt = Math.max(tally.lastArrivalAt, at);
  if (!expected.keys[channel].has(key)) {
    tally.unexpected += 1;
    return;
  }
  const entry = tally.seen[channel].get(key);
  if (entry) entry.copies += 1;
  else {
    tally.seen[channel].set(key, { copies: 1, firstAt: at });
    tally.lastFirstAt = Math.max(tally.lastFirstAt, at);
  }
}

/** The most messages that arrived in any one second. */
export function peakPerSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= 1_000) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/**
 * The channel and key under which the tally counts a stored delivery row's message (as its fake
 * records it), so rows read from the database can be matched with what arrived.
 */
export function tallyKeyOf(row: { readonly channel: string; readonly noticeId: string; readonly address: Record<string, unknown> }): { channel: Channel; key: string } | undefined {
  const { address } = row;
  switch (address.kind) {
    case 'email':
      return { channel: 'email', key: `${String(address.email)}|${row.noticeId}` };
    case 'sms':
      return { channel: 'sms', key: String(address.phone) };
    case 'teams':
      return { channel: 'teams', key: String(address.conversationId) };
    case 'slack':
      return { channel: 'slack', key: String(address.channelId) };
    case 'slack-user':
      // A DM by user id: the bot posts to the user id as the channel.
      return { channel: 'slack', key: String(address.userId) };
    default:
      return undefined;
  }
}
