import { z } from 'zod';
import { fromStockholm } from '../time/index.js';

/**
 * A planned outage's start and end as the forms take them: a date picker and a time picker (Teams
 * Input.Date and Input.Time, Slack datepicker and timepicker), joined into one value of the form,
 * "2026-12-06 08:00", that is a wall-clock time in Stockholm. It is read here, at the edge, into
 * an instant, across daylight saving: a time in the hour skipped in spring does not exist and is
 * refused; a time in the hour that happens twice in autumn is the second one (winter time).
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const TIME = /^([01]?\d|2[0-3])[:.][0-5]\d$/u;

/** What can be wrong with a start or an end. */
export type WhenProblem = 'missing' | 'missing-date' | 'missing-time' | 'bad-date' | 'bad-time' | 'skipped-hour' | 'not-after-start';

/** The two pickers' values as one form value; either may be empty ("2026-12-06", "08:00"). */
export function joinWhen(date: string, time: string): string {
  return [date.trim(), time.trim()].filter(Boolean).join(' ');
}

/** A form value as the two pickers show it; a part that is not a picker's value is left empty. */
export function splitWhen(value: string): { readonly date: string; readonly time: string } {
  const parts = value.trim().split(/[ T]+/u);
  const date = parts.find((part) => DATE.test(part)) ?? '';
  const time = parts.find((part) => TIME.test(part)) ?? '';
  // Pickers want HH:mm: "8.00" is shown as "08:00".
  return { date, time: time ? time.replace('.', ':').padStart(5, '0') : '' };
}

/** One start or end: the instant of a Stockholm date and time, or why there is none. */
const whenSchema = z.string().transform((value, context): Date => {
  const problem = (code: WhenProblem): typeof z.NEVER => {
    // Fatal: the window's own check must not run on a value that is no instant.
    context.addIssue({ code: z.ZodIssueCode.custom, params: { problem: code }, fatal: true });
    return z.NEVER;
  };
  const parts = value.trim().split(/[ T]+/u).filter(Boolean);
  if (parts.length === 0) return problem('missing');
  if (parts.length > 2) return problem('bad-date');
  const date = parts.find((part) => /^\d{4}-/u.test(part));
  const time = parts.find((part) => part !== date);
  if (!date) return problem(time && TIME.test(time) ? 'missing-date' : 'bad-date');
  if (!DATE.test(date) || !fromStockholm(date, '12:00')) return problem('bad-date');
  if (!time) return problem('missing-time');
  if (!TIME.test(time)) return problem('bad-time');
  return fromStockholm(date, time) ?? problem('skipped-hour');
});

/** A planned outage's window as the form gave it. */
const windowSchema = z
  .object({ start: whenSchema, end: whenSchema })
  .refine((window) => window.end.getTime() > window.start.getTime(), { path: ['end'], params: { problem: 'not-after-start' } });

/** The window, or each field's problem. */
export type WhenOutcome = { readonly ok: true; readonly window: { readonly start: Date; readonly end: Date } } | { readonly ok: false; readonly problems: ReadonlyArray<{ readonly field: 'start' | 'end'; readonly problem: WhenProblem }> };

/** Reads a planned outage's start and end ("2026-03-29 01:30") as Stockholm time. */
export function readWindow(values: { readonly start: string; readonly end: string }): WhenOutcome {
  const parsed = windowSchema.safeParse(values);
  if (parsed.success) return { ok: true, window: parsed.data };
  const problems = parsed.error.issues.flatMap((issue): Array<{ field: 'start' | 'end'; problem: WhenProblem }> => {
    const field = issue.path[0];
    const problem = issue.code === z.ZodIssueCode.custom ? (issue.params?.problem as WhenProblem | undefined) : undefined;
    return (field === 'start' || field === 'end') && problem ? [{ field, problem }] : [];
  });
  return { ok: false, problems };
}
