/** What chat, email and SMS show of a notice: the parts of a Notice people read, named and in Stockholm time. */
import type { KnowledgeBase, Language } from '../knowledge/index.js';
import { currentState, stateLabels, type Notice, type NoticeState } from './model.js';

/** A notice as chat shows it. Times are ISO 8601; renderers show them in Stockholm time. */
export interface NoticeSummary {
  readonly id: string;
  readonly municipality: { readonly id: string; readonly name: string };
  readonly kind: 'planned' | 'disruption';
  readonly title: string;
  /** The affected systems by name ("Treserva"). */
  readonly systems: readonly string[];
  /** The state now (a scheduled outage inside its window is in progress). */
  readonly state: string;
  /** The state in the reply's language: "Planerat", "Felsökning pågår". */
  readonly stateLabel: string;
  readonly window: { readonly start: string; readonly end: string } | null;
  readonly description: string;
  readonly impact: string;
  /** Everything said after the first announcement, oldest first. */
  readonly updates: ReadonlyArray<{ readonly at: string; readonly stateLabel: string; readonly text: string }>;
  /** The reason given for publishing against the municipality's rules (shown to staff). */
  readonly exceptionReason: string | null;
  /** Closed: completed, cancelled or resolved; nothing more can be changed. */
  readonly closed: boolean;
}

/** A notice's delivery as staff see it: counts per channel and every failure, recipients masked. */
export interface NoticeReportView {
  readonly channels: ReadonlyArray<{ readonly channel: 'chat' | 'email' | 'sms'; readonly sent: number; readonly pending: number; readonly failed: number; readonly withdrawn: number }>;
  readonly failures: ReadonlyArray<{ readonly channel: 'chat' | 'email' | 'sms'; readonly recipient: string; readonly reason: string }>;
  /** True when nothing is pending any more. */
  readonly complete: boolean;
}

/** What staff can do to a published notice from chat. */
export type NoticeChangeMode = 'update' | 'correct' | 'cancel' | 'resolve';

/** A notice as people read it, in a language, as of now. */
export function summarizeNotice(notice: Notice, knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>, language: Language, now: Date): NoticeSummary {
  const labels = (state: NoticeState): string => stateLabels(state)?.[language] ?? (language === 'sv' ? 'Utkast' : 'Draft');
  const state = currentState(notice, now);
  const municipality = knowledge.municipalities.find((candidate) => candidate.id === notice.municipality);
  return {
    id: notice.id,
    municipality: { id: notice.municipality, name: municipality?.name ?? notice.municipality },
    kind: notice.kind,
    title: notice.title,
    systems: notice.systems.map((id) => knowledge.systems.find((system) => system.id === id)?.name ?? id),
    state,
    stateLabel: labels(state),
    window: notice.window,
    description: notice.description,
    impact: notice.impact,
    // The first entry is the announcement itself (its text is the description).
    updates: notice.updates.slice(1).map((update) => ({ at: update.at, stateLabel: labels(update.state), text: update.text })),
    exceptionReason: notice.exception?.reason ?? null,
    closed: ['completed', 'cancelled', 'resolved'].includes(state),
  };
}
