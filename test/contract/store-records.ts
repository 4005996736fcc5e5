import type { AuditEntry, ChatIdentity, Contact, Destination, RegistrationRequest, StaffMember } from '../../src/contacts/index.js';
import type { Notice, NoticeDelivery } from '../../src/notices/index.js';
import type { OutboxEntry, Ticket } from '../../src/tickets/index.js';

/** Records for the store contract: valid as the stores' schemas read them, each varied by its arguments. */

export const AT = '2026-11-25T09:00:00.000Z';
export const later = (minutes: number): string => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

export const identity = (userId: string): ChatIdentity => ({ platform: 'slack', tenantId: 'T1', userId });

export function contact(id: string, municipality: string, extra: Partial<Contact> = {}): Contact {
  return {
    id,
    municipality,
    provider: { name: 'Omsorg AB', orgNumber: '556036-0793' },
    name: `Kontakt ${id}`,
    email: `${id}@omsorg.se`,
    phone: '+46701234567',
    identities: [],
    language: 'sv',
    active: true,
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  };
}

export function staff(id: string, municipality: string | null, extra: Partial<StaffMember> = {}): StaffMember {
  return { id, role: municipality === null ? 'admin' : 'staff', municipality, name: `Personal ${id}`, email: null, identities: [], createdAt: AT, ...extra };
}

export function registration(id: string, municipality: string, extra: Partial<RegistrationRequest> = {}): RegistrationRequest {
  return {
    id,
    status: 'pending',
    municipality,
    provider: { name: 'Omsorg AB', orgNumber: '556036-0793' },
    name: 'Sökande',
    email: `${id}@omsorg.se`,
    phone: '+46701234567',
    identity: null,
    replyTo: null,
    submittedAt: AT,
    decidedAt: null,
    decidedBy: null,
    reason: null,
    contactId: null,
    ...extra,
  };
}

export function audit(municipality: string | null, action: string, at = AT): Omit<AuditEntry, 'seq'> {
  return { at, actor: 'cli:test', action, municipality, subject: 'x', before: null, after: { n: 1 } };
}

export function ticket(id: string, municipality: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    municipality,
    typeId: 'access',
    title: 'Behörighet',
    status: 'new',
    fields: { name: 'Anna' },
    requester: { label: 'cli:someone', contactId: null, name: null, email: null, identity: null, replyTo: null },
    createdAt: AT,
    updatedAt: AT,
    history: [{ at: AT, by: 'cli:someone', status: 'new', note: null }],
    rating: null,
    staffThreads: [],
    messages: [],
    ...extra,
  };
}

export function outboxEntry(ticketId: string, channel: OutboxEntry['channel'], extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id: `${ticketId}:${channel}:x`, ticketId, channel, target: 'support@kommun.se', status: 'pending', attempts: 0, nextAttemptAt: AT, lastError: null, sentAt: null, ...extra };
}

export function notice(id: string, municipality: string, extra: Partial<Notice> = {}): Notice {
  return {
    id,
    municipality,
    kind: 'disruption',
    title: 'Störning',
    systems: ['treserva'],
    description: 'Text',
    impact: 'Påverkan',
    window: null,
    state: 'investigating',
    exception: null,
    updates: [],
    sequence: 1,
    createdBy: 'cli:test',
    createdAt: AT,
    updatedAt: AT,
    publishedAt: AT,
    remindersDone: [],
    reportCards: [],
    archivedReport: null,
    archivedAt: null,
    ...extra,
  };
}

export function delivery(noticeId: string, recipient: string, extra: Partial<NoticeDelivery> = {}): NoticeDelivery {
  return {
    id: `${noticeId}/publish-1/${recipient}`,
    noticeId,
    municipality: 'goteborg',
    purpose: 'publish',
    revision: 1,
    reminderHours: null,
    channel: 'email',
    recipient,
    address: { kind: 'email', email: `${recipient}@example.se` },
    label: recipient,
    status: 'pending',
    attempts: 0,
    notBefore: AT,
    claimedUntil: null,
    lastError: null,
    sentAt: null,
    posted: null,
    createdAt: AT,
    ...extra,
  };
}

export function destination(key: string, extra: Partial<Destination> = {}): Destination {
  return { key, platform: 'slack', tenantId: 'T1', conversationId: key, kind: 'channel', reference: null, installedBy: 'slack:T1:U0', installedAt: AT, municipality: null, inactiveSince: null, ...extra };
}
