import type { NoticeDelivery } from '../notices/index.js';
import { threadKeyOf } from './lowdb-queries.js';
import type { StoredDelivery } from './schema.js';

type Deliveries = Readonly<Record<string, StoredDelivery>>;

/**
 * The ids of each thread's deliveries (a notice to one recipient), for the outbox rows the embedded
 * store holds. A claim asks, for each row it takes, whether it is the first pending one of its
 * thread and what its recipient was sent already; without this index each of those questions
 * walked every row of every notice, several times a second while a notice goes out.
 *
 * Kept per rows object, built on first use and told of every row added or removed there (a unit
 * of work's commit, a journal replay); the store replaces the object when it reloads the file,
 * and a new object gets a new index.
 */
const indexes = new WeakMap<Deliveries, Map<string, string[]>>();

/** The ids of the rows of one thread among `deliveries`. */
export function threadIds(deliveries: Deliveries, thread: Pick<NoticeDelivery, 'noticeId' | 'recipient'>): readonly string[] {
  let index = indexes.get(deliveries);
  if (!index) {
    index = new Map();
    for (const delivery of Object.values(deliveries)) add(index, delivery);
    indexes.set(deliveries, index);
  }
  return index.get(threadKeyOf(thread)) ?? [];
}

/**
 * The ids of the pending rows among `deliveries`, kept like the thread index: a claim asks for the
 * due rows several times a second while a notice goes out, and walking every row ever sent (most of
 * them sent long ago) to find the few thousand still pending made that the server's largest cost.
 */
const pendingIndexes = new WeakMap<Deliveries, Set<string>>();

/** The pending rows among `deliveries`. */
export function pendingRows(deliveries: Deliveries): NoticeDelivery[] {
  let pending = pendingIndexes.get(deliveries);
  if (!pending) {
    pending = new Set();
    for (const delivery of Object.values(deliveries)) if (delivery.status === 'pending') pending.add(delivery.id);
    pendingIndexes.set(deliveries, pending);
  }
  const rows: NoticeDelivery[] = [];
  for (const id of pending) rows.push(deliveries[id] as NoticeDelivery);
  return rows;
}

/** `delivery` is now stored in `deliveries` (new or changed). */
export function noteStored(deliveries: Deliveries, delivery: StoredDelivery): void {
  const index = indexes.get(deliveries);
  if (index && !(index.get(threadKeyOf(delivery))?.includes(delivery.id) ?? false)) add(index, delivery);
  const pending = pendingIndexes.get(deliveries);
  if (pending && delivery.status === 'pending') pending.add(delivery.id);
  else pending?.delete(delivery.id);
}

/** `delivery` is no longer stored in `deliveries`. */
export function noteRemoved(deliveries: Deliveries, delivery: StoredDelivery): void {
  const ids = indexes.get(deliveries)?.get(threadKeyOf(delivery));
  const at = ids?.indexOf(delivery.id) ?? -1;
  if (at >= 0) ids!.splice(at, 1);
  pendingIndexes.get(deliveries)?.delete(delivery.id);
}

function add(index: Map<string, string[]>, delivery: Pick<StoredDelivery, 'id' | 'noticeId' | 'recipient'>): void {
  const key = threadKeyOf(delivery);
  const ids = index.get(key);
  if (ids) ids.push(delivery.id);
  else index.set(key, [delivery.id]);
}
