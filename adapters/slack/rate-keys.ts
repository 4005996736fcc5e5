import type { DeliveryLimits } from '../../src/config/index.js';
import type { RateKey, SlackChannel, SlackUser } from '../../src/outbound/index.js';

/**
 * What a Slack send counts against: the workspace, then the channel or DM (the narrowest, which a
 * 429 pauses). Slack allows about one message per second per channel with short bursts; it
 * publishes no workspace figure, so that one only keeps a fan-out from flooding it.
 */
export function slackRateKeys(address: SlackChannel | SlackUser, limits: Pick<DeliveryLimits, 'slackPerChannel' | 'slackPerWorkspace'>): RateKey[] {
  const channel = address.kind === 'slack' ? address.channelId : address.userId;
  return [
    { key: `slack:workspace:${address.teamId ?? '-'}`, limit: { perSecond: limits.slackPerWorkspace, burst: 5 } },
    { key: `slack:channel:${channel}`, limit: { perSecond: limits.slackPerChannel, burst: 2 } },
  ];
}
