import ical, { ICalEventStatus } from 'ical-generator';
import { formatStockholm } from '../time/index.js';
import { currentState, stateLabels, type Notice } from './model.js';

/**
 * The calendar of a municipality's planned outages, for IT-contacts to subscribe to in Outlook:
 * one event per outage with a stable UID, SEQUENCE rising with each change, cancelled ones kept as
 * STATUS:CANCELLED so subscribed calendars drop them. Times are UTC instants (…Z), which every
 * client shows in its own zone: a calendar time zone without a VTIMEZONE would make them floating
 * wall-clock times, an hour off in Sweden.
 *
 * The feeds are public (no sign-in): a reason staff gave for publishing against the rules stays
 * with staff, and so do authors.
 */
export function noticesCalendar(municipalityName: string, notices: readonly Notice[], systemName: (id: string) => string = (id) => id): string {
  const calendar = ical({ name: `Planerade driftstopp – ${municipalityName}`, prodId: { company: 'itkontakt', product: 'driftinfo', language: 'SV' } });
  for (const notice of notices) {
    if (notice.kind !== 'planned' || !notice.window || notice.state === 'draft') continue;
    const impact = notice.impact.trim() ? `\n\nPåverkan: ${notice.impact}` : '';
    calendar.createEvent({
      id: `${notice.id}@itkontakt`,
      sequence: notice.sequence,
      start: new Date(notice.window.start),
      end: new Date(notice.window.end),
      stamp: new Date(notice.updatedAt),
      summary: `Planerat driftstopp: ${notice.title}`,
      description: `${notice.description}${impact}\nSystem: ${notice.systems.map(systemName).join(', ')}`,
      status: notice.state === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** A notice as the JSON feed shows it: no authors, state as of now, times in Stockholm too. */
export function noticeForFeed(notice: Notice, now: Date): Record<string, unknown> {
  const state = currentState(notice, now);
  return {
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    systems: notice.systems,
    description: notice.description,
    impact: notice.impact,
    state,
    stateLabel: stateLabels(state) ?? null,
    window: notice.window ? { ...notice.window, startLocal: formatStockholm(new Date(notice.window.start)), endLocal: formatStockholm(new Date(notice.window.end)) } : null,
    updates: notice.updates.map(({ at, state: step, text }) => ({ at, state: step, text })),
    sequence: notice.sequence,
    publishedAt: notice.publishedAt,
    updatedAt: notice.updatedAt,
  };
}
