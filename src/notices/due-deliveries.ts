import { isClaimed, threadKey, type NoticeDelivery } from './delivery.js';
import type { DeliveryJob } from './delivery-transport.js';
import type { NoticesTransaction } from './repository.js';

/** What choosing due deliveries needs to know of the dispatcher doing it. */
export interface ClaimContext {
  readonly now: Date;
  /** How long a claim holds. */
  readonly leaseMs: number;
  /** Held or being settled by this dispatcher, or of a channel it has no transport for. */
  busy(delivery: NoticeDelivery): boolean;
  /** What this dispatcher holds now (claimed, not settled). */
  readonly held: Iterable<NoticeDelivery>;
  /** A delivery's rate group: its widest rate-limit key. */
  groupOf(delivery: NoticeDelivery): string;
  /** How many of a rate group may be claimed at once. */
  capacity(group: string): number;
}

/**
 * The deliveries to claim now: the first waiting one of each recipient's thread, due, by capacity;
 * retries first (they have waited already; last, they would all make the run's tail), then the
 * oldest due.
 */
export function selectDue(all: readonly NoticeDelivery[], context: ClaimContext): NoticeDelivery[] {
  const { now } = context;
  // A recipient's messages go in order: only the earliest pending one of each thread may go.
  const firstPending = new Map<string, NoticeDelivery>();
  for (const delivery of all) {
    if (delivery.status !== 'pending') continue;
    const key = threadKey(delivery);
    const first = firstPending.get(key);
    if (!first || delivery.createdAt < first.createdAt || (delivery.createdAt === first.createdAt && delivery.revision < first.revision)) firstPending.set(key, delivery);
  }
  const candidates = [...firstPending.values()]
    .filter((delivery) => !context.busy(delivery) && !isClaimed(delivery, now) && new Date(delivery.notBefore).getTime() <= now.getTime())
    .sort((a, b) => Number(a.attempts === 0) - Number(b.attempts === 0) || a.notBefore.localeCompare(b.notBefore) || a.createdAt.localeCompare(b.createdAt));
  // Claim by capacity: no more per rate group (a tenant, a workspace, email, SMS) than it can
  // send in the next couple of seconds, so a slow channel never fills the claim with work that
  // waits while the others stand idle.
  const room = new Map<string, number>();
  for (const delivery of context.held) {
    const group = context.groupOf(delivery);
    room.set(group, (room.get(group) ?? context.capacity(group)) - 1);
  }
  const due: NoticeDelivery[] = [];
  for (const delivery of candidates) {
    const group = context.groupOf(delivery);
    const left = room.get(group) ?? context.capacity(group);
    if (left <= 0) continue;
    room.set(group, left - 1);
    due.push(delivery);
  }
  return due;
}

/** Claims the due deliveries under the store lock (a lease), each with the notice and what its recipient was already sent. */
export function claimDue(transaction: NoticesTransaction, context: ClaimContext): DeliveryJob[] {
  const { now } = context;
  const all = transaction.deliveries();
  const due = selectDue(all, context);
  if (due.length === 0) return [];
  const threads = new Set(due.map(threadKey));
  const earlier = new Map<string, NoticeDelivery[]>();
  for (const delivery of all) {
    if (delivery.status !== 'sent' || !threads.has(threadKey(delivery))) continue;
    const list = earlier.get(threadKey(delivery)) ?? [];
    list.push(delivery);
    earlier.set(threadKey(delivery), list);
  }
  const claimedUntil = new Date(now.getTime() + context.leaseMs).toISOString();
  const jobs: DeliveryJob[] = [];
  const claimed: NoticeDelivery[] = [];
  for (const delivery of due) {
    const notice = transaction.notice(delivery.noticeId);
    if (!notice) continue;
    const mine: NoticeDelivery = { ...delivery, attempts: delivery.attempts + 1, claimedUntil };
    claimed.push(mine);
    jobs.push({ delivery: mine, notice, earlier: (earlier.get(threadKey(delivery)) ?? []).sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? '')) });
  }
  transaction.putDeliveries(claimed);
  return jobs;
}
