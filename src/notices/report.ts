import type { DeliveryChannel, NoticeDelivery } from './delivery.js';

export interface ChannelCounts {
  readonly channel: DeliveryChannel;
  readonly sent: number;
  readonly pending: number;
  readonly failed: number;
  readonly withdrawn: number;
}

/** How delivery of a notice went, for staff and `notices report`. */
export interface NoticeReport {
  readonly noticeId: string;
  readonly total: number;
  readonly channels: readonly ChannelCounts[];
  /** Dead letters: each with its recipient (masked), channel, attempts and reason. */
  readonly failures: ReadonlyArray<{ readonly id: string; readonly channel: DeliveryChannel; readonly recipient: string; readonly purpose: string; readonly attempts: number; readonly reason: string }>;
  /** Per event (announcement, each update, reminder): how many were planned and sent. */
  readonly events: ReadonlyArray<{ readonly event: string; readonly planned: number; readonly sent: number; readonly pending: number }>;
  readonly complete: boolean;
}

const CHANNEL_ORDER: readonly DeliveryChannel[] = ['chat', 'email', 'sms'];

export function buildReport(notice: { readonly id: string }, deliveries: readonly NoticeDelivery[]): NoticeReport {
  const channels = CHANNEL_ORDER.map((channel) => {
    const mine = deliveries.filter((delivery) => delivery.channel === channel);
    const count = (status: NoticeDelivery['status']): number => mine.filter((delivery) => delivery.status === status).length;
    return { channel, sent: count('sent'), pending: count('pending'), failed: count('failed'), withdrawn: count('withdrawn') };
  }).filter((line) => line.sent + line.pending + line.failed + line.withdrawn > 0);
  const failures = deliveries
    .filter((delivery) => delivery.status === 'failed')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((delivery) => ({ id: delivery.id, channel: delivery.channel, recipient: delivery.label, purpose: delivery.purpose, attempts: delivery.attempts, reason: delivery.lastError ?? 'okänt fel' }));
  const events = new Map<string, { event: string; planned: number; sent: number; pending: number }>();
  for (const delivery of [...deliveries].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    const event = delivery.purpose === 'reminder' ? `reminder-${delivery.reminderHours}h` : `${delivery.purpose}-${delivery.revision}`;
    const line = events.get(event) ?? { event, planned: 0, sent: 0, pending: 0 };
    line.planned += 1;
    if (delivery.status === 'sent') line.sent += 1;
    if (delivery.status === 'pending') line.pending += 1;
    events.set(event, line);
  }
  return { noticeId: notice.id, total: deliveries.length, channels, failures, events: [...events.values()], complete: deliveries.every((delivery) => delivery.status !== 'pending') };
}
