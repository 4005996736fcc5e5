import { contactsIn, fanOut, rulesFor, type NoticeContext } from './context.js';
import type { Notice } from './model.js';

const HOUR_MS = 3_600_000;

/** The reminder hours of a planned outage whose time has come by `now` and that were not sent yet. */
function dueReminders(context: NoticeContext, notice: Notice, now: Date): number[] {
  if (!notice.window) return [];
  const start = new Date(notice.window.start).getTime();
  return (rulesFor(context, notice.municipality)?.planned.remindersHoursBefore ?? []).filter((hours) => !notice.remindersDone.includes(hours) && now.getTime() >= start - hours * HOUR_MS);
}

/** The reminders whose time has passed when a notice is published: the announcement itself is the news. */
export function remindersPassed(context: NoticeContext, notice: Notice): number[] {
  if (notice.kind !== 'planned' || !notice.window) return [];
  const start = new Date(notice.window.start).getTime();
  const now = context.now().getTime();
  return (rulesFor(context, notice.municipality)?.planned.remindersHoursBefore ?? []).filter((hours) => now >= start - hours * HOUR_MS);
}

/**
 * Plans the reminders that are due (a planned outage's start minus each configured number of
 * hours): once each, and after downtime only the latest one that is due, and only while the
 * outage has not started. Returns the notices reminded about.
 */
export async function planDueReminders(context: NoticeContext): Promise<string[]> {
  const { repository } = context;
  const now = context.now();
  const candidates = (await repository.findNotices({ kind: 'planned', states: ['scheduled'] })).filter((notice) => notice.window && dueReminders(context, notice, now).length > 0);
  const reminded: string[] = [];
  for (const candidate of candidates) {
    const contacts = await contactsIn(context, candidate.municipality);
    const queued = await repository.write(async (transaction) => {
      const notice = await transaction.lockNotice(candidate.id);
      if (!notice || notice.state !== 'scheduled') return -1;
      const due = dueReminders(context, notice, now);
      if (due.length === 0) return -1;
      const start = new Date(notice.window!.start).getTime();
      const updated: Notice = { ...notice, remindersDone: [...notice.remindersDone, ...due] };
      await transaction.putNotice(updated);
      // Several due at once (the server was down): one reminder, the nearest, if the outage is still ahead.
      if (now.getTime() >= start) return 0;
      return fanOut(context, transaction, updated, { purpose: 'reminder', reminderHours: Math.min(...due) }, contacts);
    });
    if (queued >= 0) reminded.push(candidate.id);
    if (queued > 0) context.queued();
  }
  return reminded;
}

/** The next moment a reminder falls due, for the scheduler's log; undefined when none is ahead. */
export async function nextReminderAt(context: NoticeContext): Promise<Date | undefined> {
  const times = (await context.repository.findNotices({ kind: 'planned', states: ['scheduled'] }))
    .filter((notice) => notice.window)
    .flatMap((notice) =>
      (rulesFor(context, notice.municipality)?.planned.remindersHoursBefore ?? []).filter((hours) => !notice.remindersDone.includes(hours)).map((hours) => new Date(notice.window!.start).getTime() - hours * HOUR_MS),
    );
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
