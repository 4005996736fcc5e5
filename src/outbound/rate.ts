/** A limit: so many sends per second, with room for a short burst. */
export interface RateLimit {
  readonly perSecond: number;
  /** How many may go at once after a quiet spell (1 = evenly spaced). */
  readonly burst?: number | undefined;
}

/**
 * One limit a send counts against (a tenant, a conversation, the SMTP server), named by the
 * adapter that knows it. A send's keys run from the widest to the narrowest: a 429 pauses only
 * the narrowest, the one most likely over its limit.
 */
export interface RateKey {
  readonly key: string;
  /** Absent: the key is not paced (a platform that is not running here). */
  readonly limit?: RateLimit | undefined;
}
