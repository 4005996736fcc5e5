import type { DeliveryLimits } from '../config/index.js';
import type { RateLimit } from './rate-limiter.js';

export type { DeliveryLimits };

/** The limit of a rate-limit key ("teams:tenant:…", "slack:channel:…", "email", "sms"). */
export function limitFor(limits: DeliveryLimits): (key: string) => RateLimit | undefined {
  return (key) => {
    if (key.startsWith('teams:conversation:')) return { perSecond: limits.teamsPerConversation, burst: 2 };
    if (key.startsWith('teams:tenant:')) return { perSecond: limits.teamsPerTenant, burst: 5 };
    if (key.startsWith('slack:channel:')) return { perSecond: limits.slackPerChannel, burst: 2 };
    if (key.startsWith('slack:workspace:')) return { perSecond: limits.slackPerWorkspace, burst: 5 };
    if (key === 'email') return { perSecond: limits.emailPerSecond, burst: 2 };
    if (key === 'sms') return { perSecond: limits.smsPerSecond, burst: 2 };
    return undefined;
  };
}
