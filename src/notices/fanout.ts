import type { AudienceMember } from './audience.js';
import { deliveryId, isClaimed, threadKey, type NoticeDelivery, type NoticePurpose } from './delivery.js';
import type { Notice } from './model.js';

/** What happened to a notice that people should hear about. */
export interface NoticeEvent {
  readonly purpose: NoticePurpose;
  readonly reminderHours?: number | null | undefined;
}

export interface FanoutPlan {
  readonly create: readonly NoticeDelivery[];
  /** Pending deliveries stopped before they went out, with why. */
  readonly withdraw: readonly NoticeDelivery[];
}

/**
 * Turns an event of a notice into deliveries, one per audience member, given what was planned
 * before. Messages are written when they are sent, from the notice as it is then, so:
 * - someone whose earlier message is still waiting (not being sent right now) gets that one, which
 *   will carry the news too, and nothing more;
 * - a cancellation goes only to those who were told of the outage; the rest of a fan-out still
 *   waiting is withdrawn (that is how a fan-out in progress is cancelled);
 * - planning the same event twice adds nothing (ids are idempotency keys).
 */
export function planFanout(notice: Notice, event: NoticeEvent, audience: readonly AudienceMember[], existing: readonly NoticeDelivery[], now: Date): FanoutPlan {
  const at = now.toISOString();
  const byThread = new Map<string, NoticeDelivery[]>();
  const known = new Set<string>();
  for (const delivery of existing) {
    if (delivery.noticeId !== notice.id) continue;
    known.add(delivery.id);
    const list = byThread.get(threadKey(delivery)) ?? [];
    list.push(delivery);
    byThread.set(threadKey(delivery), list);
  }
  const create: NoticeDelivery[] = [];
  const withdraw: NoticeDelivery[] = [];
  const reminderHours = event.purpose === 'reminder' ? (event.reminderHours ?? null) : null;
  for (const member of audience) {
    const earlier = byThread.get(threadKey({ noticeId: notice.id, recipient: member.recipient })) ?? [];
    // Unreachable is said once in the report, not again with every update.
    if (member.unreachable && earlier.length > 0) continue;
    const waiting = earlier.filter((delivery) => delivery.status === 'pending' && !isClaimed(delivery, now));
    const told = earlier.some((delivery) => delivery.status === 'sent' || (delivery.status === 'pending' && isClaimed(delivery, now)));
    if (event.purpose === 'cancel') {
      // Still waiting: stop it. Never told: nothing to cancel for them.
      withdraw.push(...waiting);
      if (!told) continue;
    } else if (waiting.length > 0) {
      continue;
    }
    const id = deliveryId({ noticeId: notice.id, revision: notice.sequence, purpose: event.purpose, reminderHours, channel: member.channel, recipient: member.recipient });
    if (known.has(id)) continue;
    known.add(id);
    create.push({
      id,
      noticeId: notice.id,
      municipality: notice.municipality,
      purpose: event.purpose,
      revision: notice.sequence,
      reminderHours,
      channel: member.channel,
      recipient: member.recipient,
      address: member.address,
      label: member.label,
      status: member.unreachable ? 'failed' : 'pending',
      attempts: 0,
      notBefore: at,
      claimedUntil: null,
      lastError: member.unreachable ?? null,
      sentAt: null,
      posted: null,
      createdAt: at,
    });
  }
  return { create, withdraw };
}
