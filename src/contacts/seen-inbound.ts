/**
 * The inbound events answered lately (a Slack event id, a Teams activity id), so that one delivered
 * again, to this instance or another on the same store, is acknowledged but not answered twice.
 */
export interface SeenInboundRepository {
  /**
   * Records `key` as seen until `expiresAt`; true the first time (or once an earlier record has
   * expired), false while it is remembered. Two instances offering the same key at once: one gets true.
   */
  firstTime(key: string, seen: { readonly now: Date; readonly expiresAt: Date }): Promise<boolean>;
}
