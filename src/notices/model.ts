import type { ChatAddress } from '../outbound/index.js';
import type { NoticeReport } from './report.js';
import type { RuleViolation } from './rules.js';

export type NoticeKind = 'planned' | 'disruption';

/** Planned outages: scheduled → in progress → completed (by the clock), or cancelled. */
export type PlannedState = 'draft' | 'scheduled' | 'in-progress' | 'completed' | 'cancelled';
/** Disruptions: "Felsökning pågår" → "Orsak identifierad" → "Bevakas" → "Åtgärdad". */
export type DisruptionState = 'draft' | 'investigating' | 'identified' | 'monitoring' | 'resolved';
export type NoticeState = PlannedState | DisruptionState;

export interface NoticeUpdate {
  readonly at: string;
  readonly by: string;
  readonly state: NoticeState;
  readonly text: string;
}

/** A planned outage or a disruption, as staff wrote it and as it moved on. */
export interface Notice {
  /** Readable and unique per municipality and year: GBG-DRIFT-2026-0007. */
  readonly id: string;
  readonly municipality: string;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly systems: readonly string[];
  readonly description: string;
  readonly impact: string;
  /** The planned window (planned outages only), ISO 8601. */
  readonly window: { readonly start: string; readonly end: string } | null;
  /** The stored state; a scheduled outage's in-progress and completed follow from the clock. */
  readonly state: NoticeState;
  /** Rules the notice was published against, and the reason staff gave. */
  readonly exception: { readonly violations: readonly RuleViolation[]; readonly reason: string } | null;
  readonly updates: readonly NoticeUpdate[];
  /** Rises with every change after publishing (the calendar feed's SEQUENCE). */
  readonly sequence: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
  /** Reminders (hours before the start) already planned, so a restart never plans one twice. */
  readonly remindersDone: readonly number[];
  /** Where live delivery reports were posted (a stored conversation or a person), to update them as delivery goes. */
  readonly reportCards: ReadonlyArray<{ readonly target: ChatAddress; readonly conversationId: string; readonly messageId: string }>;
  /**
   * Set when the notice was archived (NOTICE_RETENTION_DAYS after it ended): its delivery report as
   * it was then, kept in place of the delivery rows, which are gone. An archived notice is read-only.
   */
  readonly archivedReport?: NoticeReport | null;
  readonly archivedAt?: string | null;
}

export const DISRUPTION_STATE_LABELS: Record<Exclude<DisruptionState, 'draft'>, { sv: string; en: string }> = {
  investigating: { sv: 'Felsökning pågår', en: 'Investigating' },
  identified: { sv: 'Orsak identifierad', en: 'Identified' },
  monitoring: { sv: 'Bevakas', en: 'Monitoring' },
  resolved: { sv: 'Åtgärdad', en: 'Resolved' },
};

export const PLANNED_STATE_LABELS: Record<Exclude<PlannedState, 'draft'>, { sv: string; en: string }> = {
  scheduled: { sv: 'Planerat', en: 'Scheduled' },
  'in-progress': { sv: 'Pågår', en: 'In progress' },
  completed: { sv: 'Klart', en: 'Completed' },
  cancelled: { sv: 'Inställt', en: 'Cancelled' },
};

/** A state's names in Swedish and English; undefined for a draft. */
export function stateLabels(state: NoticeState): { readonly sv: string; readonly en: string } | undefined {
  return (DISRUPTION_STATE_LABELS as Partial<Record<NoticeState, { sv: string; en: string }>>)[state] ?? (PLANNED_STATE_LABELS as Partial<Record<NoticeState, { sv: string; en: string }>>)[state];
}

/** The state a notice is in now: a scheduled outage is in progress inside its window and completed after it. */
export function currentState(notice: Notice, now: Date): NoticeState {
  if (notice.kind !== 'planned' || notice.state !== 'scheduled' || !notice.window) return notice.state;
  if (now.getTime() >= new Date(notice.window.end).getTime()) return 'completed';
  if (now.getTime() >= new Date(notice.window.start).getTime()) return 'in-progress';
  return 'scheduled';
}

/**
 * When a notice ended: a planned outage when its window closed (or when it was cancelled), a
 * disruption when it was resolved. Undefined while it goes on, and for a draft.
 */
export function endedAt(notice: Notice, now: Date): Date | undefined {
  const state = currentState(notice, now);
  if (state === 'completed' && notice.window) return new Date(notice.window.end);
  if (state !== 'completed' && state !== 'cancelled' && state !== 'resolved') return undefined;
  return new Date(notice.updates.findLast((update) => update.state === state)?.at ?? notice.updatedAt);
}
