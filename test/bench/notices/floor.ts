// The floor of bench:notices: the least time a sender that keeps every limit and obeys every
// Retry-After could take for the load.
//
// Per independent limit group (a Teams tenant, a Slack workspace, email, SMS): count / rate, plus the
// time the fakes told that group to stop. A 429's Retry-After stops what the 429 was about: for the
// SMS gateway, which is one account with one limit, that is every SMS (gateways answer 429 per
// account: 8x8 per sub-account, Twilio per account, and this bot's gateway contract, README "SMS
// gateway contract", has no finer scope). So each injected 429 at the SMS gateway is a second (its
// Retry-After) in which no compliant sender sends any SMS, and the SMS group cannot finish before
// count / rate + the union of those pauses. A Teams 429 is about one conversation (the Bot
// Connector limits per bot and thread) and a Slack chat.postMessage 429 about one channel: their
// pauses hold one recipient back, not the tenant's or workspace's others, so they add nothing
// measurable to those groups' floors. SMTP has no Retry-After (a 451 is retried with backoff), so
// email's floor is its rate alone.

export interface LimitGroup {
  readonly count: number;
  readonly perSecond: number;
}

export interface GroupFloor {
  readonly name: string;
  /** count / perSecond. */
  readonly limitSeconds: number;
  /** Seconds the fakes told the whole group to stop (union of its 429s' Retry-After windows). */
  readonly pauseSeconds: number;
  readonly seconds: number;
}

/** The length of the union of [from, until) intervals (ms), in seconds. */
export function unionSeconds(intervals: ReadonlyArray<readonly [number, number]>): number {
  const sorted = [...intervals].filter(([from, until]) => until > from).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const [from, until] of sorted) {
    if (from > end) {
      if (end > start) total += end - start;
      start = from;
      end = until;
    } else end = Math.max(end, until);
  }
  if (end > start) total += end - start;
  return total / 1000;
}

/** Each group's floor, the longest first; `pauses` maps a group's name to the seconds it was told to stop. */
export function floorsOf(groups: ReadonlyMap<string, LimitGroup>, pauses: ReadonlyMap<string, number> = new Map()): GroupFloor[] {
  return [...groups]
    .map(([name, group]) => {
      const limitSeconds = group.count / group.perSecond;
      const pauseSeconds = pauses.get(name) ?? 0;
      return { name, limitSeconds, pauseSeconds, seconds: limitSeconds + pauseSeconds };
    })
    .sort((a, b) => b.seconds - a.seconds);
}
