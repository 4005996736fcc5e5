/**
 * The platforms' send limits, as configuration (see README, "Driftinformation"). Defaults are the
 * platforms' documented figures: Teams 7 messages per second per conversation and about 50 per
 * second per app and tenant; Slack about one per second per channel (a short burst allowed).
 * Slack publishes no workspace-wide figure; the default keeps a fan-out from flooding one.
 */
export interface DeliveryLimits {
  readonly teamsPerConversation: number;
  readonly teamsPerTenant: number;
  readonly slackPerChannel: number;
  readonly slackPerWorkspace: number;
  readonly emailPerSecond: number;
  readonly smsPerSecond: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = {
  teamsPerConversation: 7,
  teamsPerTenant: 50,
  slackPerChannel: 1,
  slackPerWorkspace: 20,
  emailPerSecond: 10,
  smsPerSecond: 10,
};

/**
 * How notices are sent and kept when nothing is configured: sends under way at once, the claim's
 * lease, failed attempts before a dead letter (about 35–65 minutes with the dispatcher's backoff),
 * and days an ended notice keeps its delivery rows. The dispatcher and the service use the same.
 */
export const DEFAULT_NOTICE_DELIVERY = { concurrency: 64, leaseSeconds: 60, maxAttempts: 16, retentionDays: 90 } as const;
