import type { DeliveryLimits } from '../../src/config/index.js';
import type { RateKey, TeamsConversation, TeamsUser } from '../../src/outbound/index.js';

/**
 * What a Teams send counts against: the app's limit in the tenant, then the conversation's (the
 * narrowest, which a 429 pauses). Teams documents about 7 per second per conversation and 50 per
 * tenant; the figures come from configuration.
 */
export function teamsRateKeys(address: TeamsConversation | TeamsUser, limits: Pick<DeliveryLimits, 'teamsPerConversation' | 'teamsPerTenant'>): RateKey[] {
  const conversation = address.kind === 'teams' ? address.conversationId : address.userId;
  return [
    { key: `teams:tenant:${address.tenantId ?? '-'}`, limit: { perSecond: limits.teamsPerTenant, burst: 5 } },
    { key: `teams:conversation:${conversation}`, limit: { perSecond: limits.teamsPerConversation, burst: 2 } },
  ];
}
