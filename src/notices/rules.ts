import type { RuleViolation } from '../errors/index.js';
import type { NoticeRules } from '../knowledge/index.js';
import { TIME_ZONE } from '../time/index.js';

/** Why a planned outage breaks its municipality's rules; publishing it then needs a reason. The bot words it. */
export type { RuleViolation };

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The Stockholm calendar date, weekday and clock time of an instant. */
export function stockholmParts(instant: Date): { date: string; weekday: (typeof WEEKDAYS)[number]; time: string } {
  const values = Object.fromEntries(parts.formatToParts(instant).map((part) => [part.type, part.value]));
  const weekday = WEEKDAYS[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(values.weekday ?? '')] ?? 'sun';
  return { date: `${values.year}-${values.month}-${values.day}`, weekday, time: `${values.hour}:${values.minute}` };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Checks a planned outage window against the municipality's rules: enough notice (whole days from
 * now to the start), and start and end within one preferred window on the same Stockholm day.
 * Times are compared in Stockholm time, so a Sunday 08.00 stays 08.00 across daylight saving.
 */
export function checkPlannedOutage(window: { readonly start: Date; readonly end: Date }, rules: NoticeRules['planned'], now: Date): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const actualDays = Math.floor((window.start.getTime() - now.getTime()) / DAY_MS);
  if (actualDays < rules.minimumNoticeDays) {
    violations.push({ rule: 'minimum-notice', requiredDays: rules.minimumNoticeDays, actualDays });
  }
  if (rules.preferredWindows.length > 0) {
    const start = stockholmParts(window.start);
    const end = stockholmParts(window.end);
    const inside = rules.preferredWindows.some(
      (preferred) => start.date === end.date && preferred.days.includes(start.weekday) && start.time >= preferred.from && end.time <= preferred.to,
    );
    if (!inside) violations.push({ rule: 'preferred-window', windows: rules.preferredWindows });
  }
  return violations;
}
