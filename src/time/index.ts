/** All rules and displays use Swedish time, whatever the server's own time zone is. */
export const TIME_ZONE = 'Europe/Stockholm';

const dateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The calendar date in Stockholm at an instant, as YYYY-MM-DD. */
export function stockholmDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** "2026-11-25 14:05" in Stockholm time, for people. */
export function formatStockholm(instant: Date): string {
  return dateTimeFormat.format(instant);
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(instant: Date): number {
  const values = Object.fromEntries(offsetFormat.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const asUtc = Date.UTC(values.year!, values.month! - 1, values.day!, values.hour!, values.minute!, values.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a Stockholm wall-clock time ("2026-12-13", "08:00"), across daylight saving.
 * Returns undefined for text that is not a date and time, or a time that does not exist that day
 * (the hour skipped when clocks go forward).
 */
export function fromStockholm(date: string, time: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  const clock = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/u.exec(time);
  if (!match || !clock) return undefined;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(clock[1]), Number(clock[2]));
  // Date.UTC rolls over ("2026-13-01" would be January 2027): only a date that exists is one.
  if (new Date(wall).toISOString().slice(0, 10) !== date) return undefined;
  let instant = new Date(wall - stockholmOffsetMinutes(new Date(wall)) * 60_000);
  instant = new Date(wall - stockholmOffsetMinutes(instant) * 60_000);
  const check = new Date(instant.getTime() + stockholmOffsetMinutes(instant) * 60_000);
  return check.getTime() === wall ? instant : undefined;
}

/** "2026-12-06 08:00" (or with T, or 08.00) as the instant of that Stockholm wall-clock time; undefined otherwise. */
export function parseStockholmDateTime(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}[:.]\d{2})$/u.exec(value.trim());
  return match ? fromStockholm(match[1]!, match[2]!) : undefined;
}
