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

/** Whether a delivery is claimed by someone at `now`. */
export function claimedAt(delivery: NoticeDelivery, now: Date): boolean {
  return delivery.claimedUntil !== null && new Date(delivery.claimedUntil).getTime() > now.getTime();
}

/**
 * The deliveries to send now: the earliest pending one of each thread, due and unclaimed; retries
 * first (they have waited already), then by due time and age.
 */
export function selectDueDeliveries(deliveries: Iterable<NoticeDelivery>, query: DueDeliveryQuery): NoticeDelivery[] {
  const firstPending = firstPendingByThread(deliveries);
  const now = query.now.getTime();
  const sorted = [...firstPending.values()]
    .filter((delivery) => query.channels.includes(delivery.channel) && !query.excluding.has(delivery.id) && !claimedAt(delivery, query.now) && new Date(delivery.notBefore).getTime() <= now)
    .sort((a, b) => Number(a.attempts === 0) - Number(b.attempts === 0) || a.notBefore.localeCompare(b.notBefore) || a.createdAt.localeCompare(b.createdAt));
  const taken = new Map<string, number>();
  return sorted.filter((delivery) => {
    const count = taken.get(delivery.channel) ?? 0;
    taken.set(delivery.channel, count + 1);
    return count < query.limitPerChannel;
  });
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
