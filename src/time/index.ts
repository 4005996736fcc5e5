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
