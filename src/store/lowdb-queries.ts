import type { AuditEntry, AuditQuery, ChatIdentity, Contact, ContactQuery, Destination, RegistrationQuery, RegistrationRequest, StaffMember, StaffQuery } from '../contacts/index.js';
import type { DueDeliveryQuery, Notice, NoticeDelivery, NoticeQuery } from '../notices/index.js';
import type { DueOutboxQuery, OutboxEntry, Ticket, TicketQuery } from '../tickets/index.js';

/*
 * The repositories' questions answered over records in memory (the embedded store keeps them all
 * there). Each is a predicate or a selection, so a unit of work answers them over the stored
 * records with its own changes laid over them, exactly as the repository does without.
 */

const sameIdentity = (a: ChatIdentity, b: ChatIdentity): boolean => a.platform === b.platform && a.tenantId === b.tenantId && a.userId === b.userId;

export function contactMatches(contact: Contact, query: ContactQuery): boolean {
  return (
    (query.municipality === undefined || contact.municipality === query.municipality) &&
    (query.municipalities === undefined || query.municipalities.includes(contact.municipality)) &&
    (query.identity === undefined || contact.identities.some((known) => sameIdentity(known, query.identity!))) &&
    (query.ids === undefined || query.ids.includes(contact.id)) &&
    (query.orgNumber === undefined || contact.provider.orgNumber === query.orgNumber) &&
    (query.email === undefined || contact.email.toLowerCase() === query.email.toLowerCase()) &&
    (query.phone === undefined || contact.phone === query.phone) &&
    (!query.activeOnly || contact.active)
  );
}

export function staffMatches(member: StaffMember, query: StaffQuery): boolean {
  return (
    (query.identity === undefined || member.identities.some((known) => sameIdentity(known, query.identity!))) &&
    (query.role === undefined || member.role === query.role) &&
    (query.municipality === undefined || member.municipality === query.municipality) &&
    (query.municipalities === undefined || (member.municipality !== null && query.municipalities.includes(member.municipality)))
  );
}

export function registrationMatches(request: RegistrationRequest, query: RegistrationQuery): boolean {
  return (
    (query.status === undefined || request.status === query.status) &&
    (query.municipality === undefined || request.municipality === query.municipality) &&
    (query.municipalities === undefined || query.municipalities.includes(request.municipality)) &&
    (query.orgNumber === undefined || request.provider.orgNumber === query.orgNumber) &&
    (query.email === undefined || request.email.toLowerCase() === query.email.toLowerCase())
  );
}

export function auditMatches(entry: AuditEntry, query: AuditQuery): boolean {
  const scoped = entry.municipality === null ? query.includeUnscoped : query.municipalities === undefined || query.municipalities.includes(entry.municipality);
  return scoped && (query.since === undefined || new Date(entry.at).getTime() >= query.since.getTime());
}

/** Tickets answering a query: oldest first (then by id), the page asked for. */
export function selectTickets(tickets: Iterable<Ticket>, query: TicketQuery): Ticket[] {
  const visible = query.visibleTo;
  const matching = [...tickets]
    .filter(
      (ticket) =>
        (query.municipality === undefined || ticket.municipality === query.municipality) &&
        (query.status === undefined || ticket.status === query.status) &&
        (visible === undefined ||
          visible.municipalities === null ||
          visible.municipalities.includes(ticket.municipality) ||
          ticket.requester.label === visible.requesterLabel ||
          (ticket.requester.contactId !== null && visible.contactIds.includes(ticket.requester.contactId))),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const offset = query.offset ?? 0;
  return matching.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
}

export function ticketInThread(ticket: Ticket, destinationKey: string, threadId: string): boolean {
  return ticket.staffThreads.some((thread) => thread.destinationKey === destinationKey && thread.threadId === threadId);
}

/** The due pending entry that has waited longest. */
export function nextDueOutbox(entries: Iterable<OutboxEntry>, query: DueOutboxQuery): OutboxEntry | undefined {
  const now = query.now.getTime();
  let first: OutboxEntry | undefined;
  for (const entry of entries) {
    if (entry.status !== 'pending' || new Date(entry.nextAttemptAt).getTime() > now || !query.channels.includes(entry.channel)) continue;
    if (query.ticketId !== undefined && entry.ticketId !== query.ticketId) continue;
    if (!first || entry.nextAttemptAt < first.nextAttemptAt) first = entry;
  }
  return first;
}

/** Notices answering a query, newest first. */
export function selectNotices(notices: Iterable<Notice>, query: NoticeQuery): Notice[] {
  return [...notices]
    .filter(
      (notice) =>
        (query.municipality === undefined || notice.municipality === query.municipality) &&
        (query.kind === undefined || notice.kind === query.kind) &&
        (query.states === undefined || query.states.includes(notice.state)) &&
        (query.archived === undefined || (notice.archivedReport !== null) === query.archived),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** The key of a delivery's thread (its notice and recipient), as `firstPendingByThread` keys them. */
export const threadKeyOf = (delivery: Pick<NoticeDelivery, 'noticeId' | 'recipient'>): string => `${delivery.noticeId}/${delivery.recipient}`;

/**
 * A stored time as ms. Outbox rows are immutable objects (a change replaces the row), so each
 * row's times are parsed once, not on every claim that looks at it.
 */
const parsedTimes = new WeakMap<NoticeDelivery, { readonly notBefore: number; readonly claimedUntil: number }>();
function timesOf(delivery: NoticeDelivery): { readonly notBefore: number; readonly claimedUntil: number } {
  let times = parsedTimes.get(delivery);
  if (!times) {
    times = { notBefore: Date.parse(delivery.notBefore), claimedUntil: delivery.claimedUntil === null ? Number.NEGATIVE_INFINITY : Date.parse(delivery.claimedUntil) };
    parsedTimes.set(delivery, times);
  }
  return times;
}

/** Whether a delivery is claimed by someone at `now`. */
export function claimedAt(delivery: NoticeDelivery, now: Date): boolean {
  return timesOf(delivery).claimedUntil > now.getTime();
}

/**
 * The deliveries to send now: the earliest pending one of each thread, due and unclaimed; retries
 * first (they have waited already), then by due time and age. `isFirstOfThread` answers from an
 * index where the caller has one; by default the rows given are grouped by thread once.
 */
export function selectDueDeliveries(deliveries: Iterable<NoticeDelivery>, query: DueDeliveryQuery, isFirstOfThread?: (delivery: NoticeDelivery) => boolean): NoticeDelivery[] {
  const rows = [...deliveries];
  let firstOfThread = isFirstOfThread;
  if (!firstOfThread) {
    const firstPending = firstPendingByThread(rows);
    firstOfThread = (delivery) => firstPending.get(threadKeyOf(delivery)) === delivery;
  }
  const now = query.now.getTime();
  const channels = new Set(query.channels);
  const due: Array<{ delivery: NoticeDelivery; notBefore: number; created: string }> = [];
  for (const delivery of rows) {
    if (delivery.status !== 'pending' || !channels.has(delivery.channel) || query.excluding.has(delivery.id)) continue;
    const times = timesOf(delivery);
    if (times.claimedUntil > now || !(times.notBefore <= now) || !firstOfThread(delivery)) continue;
    due.push({ delivery, notBefore: times.notBefore, created: delivery.createdAt });
  }
  due.sort((a, b) => Number(a.delivery.attempts === 0) - Number(b.delivery.attempts === 0) || a.notBefore - b.notBefore || (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  const taken = new Map<string, number>();
  const selected: NoticeDelivery[] = [];
  for (const { delivery } of due) {
    const count = taken.get(delivery.channel) ?? 0;
    taken.set(delivery.channel, count + 1);
    if (count < (query.channelLimits?.[delivery.channel] ?? query.limitPerChannel)) selected.push(delivery);
  }
  return selected;
}

/**
 * The earliest pending delivery of each thread (notice and recipient) among `deliveries`: only it may
 * be sent, so that a thread's messages go in order. One pass, so a claim of many rows asks it once.
 */
export function firstPendingByThread(deliveries: Iterable<NoticeDelivery>): Map<string, NoticeDelivery> {
  const firstPending = new Map<string, NoticeDelivery>();
  for (const delivery of deliveries) {
    if (delivery.status !== 'pending') continue;
    const key = threadKeyOf(delivery);
    const first = firstPending.get(key);
    if (!first || goesBefore(delivery, first)) firstPending.set(key, delivery);
  }
  return firstPending;
}

/** The earliest pending delivery of the rows of one thread. */
export function firstPendingOf(thread: Iterable<NoticeDelivery>): NoticeDelivery | undefined {
  let first: NoticeDelivery | undefined;
  for (const delivery of thread) if (delivery.status === 'pending' && (!first || goesBefore(delivery, first))) first = delivery;
  return first;
}

const goesBefore = (delivery: NoticeDelivery, other: NoticeDelivery): boolean =>
  delivery.createdAt < other.createdAt || (delivery.createdAt === other.createdAt && delivery.revision < other.revision);

/** The sent deliveries among the rows of these threads. */
export function sentOf(rows: Iterable<NoticeDelivery>): NoticeDelivery[] {
  return [...rows].filter((delivery) => delivery.status === 'sent');
}

/** A municipality's active notice channels and the active personal chats of these installers. */
export function noticeDestinations(destinations: Iterable<Destination>, municipality: string, installers: readonly string[]): Destination[] {
  const wanted = new Set(installers);
  return [...destinations].filter((destination) => !destination.inactiveSince && (destination.kind === 'personal' ? wanted.has(destination.installedBy) : destination.municipality === municipality));
}
