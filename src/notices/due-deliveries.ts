import { threadKey, type DeliveryChannel, type NoticeDelivery } from './delivery.js';
import type { DeliveryJob } from './delivery-transport.js';
import type { Notice } from './model.js';
import type { NoticesRepository } from './repository.js';

/** What choosing due deliveries needs to know of the dispatcher doing it. */
export interface ClaimContext {
  readonly now: Date;
  /** How long a claim holds. */
  readonly leaseMs: number;
  /** The channels the dispatcher has a transport for. */
  readonly channels: readonly DeliveryChannel[];
  /** Held or being settled by this dispatcher: not to be claimed again. */
  readonly excluding: ReadonlySet<string>;
  /** How many of a rate group this dispatcher holds now (claimed, not settled). */
  heldOf(group: string): number;
  /** A delivery's rate group: its widest rate-limit key. */
  groupOf(delivery: NoticeDelivery): string;
  /** How many of a rate group may be claimed at once. */
  capacity(group: string): number;
  /** Per channel, the candidates to ask for when its rate groups are known: what they have room for. */
  readonly channelLimits?: Readonly<Partial<Record<DeliveryChannel, number>>>;
}

/** Candidates asked of the store per channel and claim: more than any rate group of it takes at once. */
const CANDIDATES_PER_CHANNEL = 1_000;

/**
 * Of the due deliveries (the store's order: retries first, then the oldest due), those each rate
 * group has room for. Claim by capacity: no more per rate group (a tenant, a workspace, email, SMS)
 * than it can send in the next couple of seconds, so a slow channel never fills the claim with work
 * that waits while the others stand idle.
 */
export function selectByCapacity(candidates: readonly NoticeDelivery[], context: ClaimContext): NoticeDelivery[] {
  const room = new Map<string, number>();
  const due: NoticeDelivery[] = [];
  for (const delivery of candidates) {
    if (context.excluding.has(delivery.id)) continue;
    const group = context.groupOf(delivery);
    const left = room.get(group) ?? context.capacity(group) - context.heldOf(group);
    if (left <= 0) continue;
    room.set(group, left - 1);
    due.push(delivery);
  }
  return due;
}

/**
 * Claims what is due (a lease: a crashed sender's claim expires), each with its notice and what its
 * recipient was already sent (to thread under). The store decides what is still claimable when the
 * claim is made, so two dispatchers never claim the same row.
 */
export async function claimDue(repository: NoticesRepository, context: ClaimContext): Promise<DeliveryJob[]> {
  const { now } = context;
  const candidates = await repository.dueDeliveries({ now, channels: context.channels, excluding: context.excluding, limitPerChannel: CANDIDATES_PER_CHANNEL, channelLimits: context.channelLimits });
  const due = selectByCapacity(candidates, context);
  if (due.length === 0) return [];
  return repository.write(async (transaction) => {
    const notices = new Map<string, Notice>();
    for (const noticeId of new Set(due.map((delivery) => delivery.noticeId))) {
      const notice = await transaction.notice(noticeId);
      if (notice) notices.set(noticeId, notice);
    }
    const claimedUntil = new Date(now.getTime() + context.leaseMs).toISOString();
    const claimed = await transaction.claimDeliveries(
      due.filter((delivery) => notices.has(delivery.noticeId)).map((delivery) => delivery.id),
      { now, claimedUntil },
    );
    if (claimed.length === 0) return [];
    const earlier = new Map<string, NoticeDelivery[]>();
    for (const delivery of await transaction.sentInThreads(claimed.map(({ noticeId, recipient }) => ({ noticeId, recipient })))) {
      const list = earlier.get(threadKey(delivery)) ?? [];
      list.push(delivery);
      earlier.set(threadKey(delivery), list);
    }
    return claimed.map((delivery) => ({
      delivery,
      notice: notices.get(delivery.noticeId)!,
      earlier: (earlier.get(threadKey(delivery)) ?? []).sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? '')),
    }));
  });
}
