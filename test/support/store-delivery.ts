import type { NoticeDelivery } from '../../src/notices/index.js';

/** An outbox row as the dispatcher stores it, numbered; `attempts` tells one write from the next. */
export function outboxRow(index: number, attempts = 0): NoticeDelivery {
  return {
    id: `GBG-DRIFT-2026-1:publish:${index}`,
    noticeId: 'GBG-DRIFT-2026-1',
    municipality: 'goteborg',
    purpose: 'publish',
    revision: 1,
    reminderHours: null,
    channel: 'email',
    recipient: `contact-${index}`,
    address: { kind: 'email', email: `kontakt${index}@example.se` },
    label: `Kontakt ${index}`,
    status: attempts > 0 ? 'sent' : 'pending',
    attempts,
    notBefore: '2026-11-25T09:00:00.000Z',
    claimedUntil: null,
    lastError: null,
    sentAt: attempts > 0 ? '2026-11-25T09:00:01.000Z' : null,
    posted: null,
    createdAt: '2026-11-25T09:00:00.000Z',
  };
}
