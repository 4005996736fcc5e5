import type { KnowledgeBase, Language } from '../knowledge/index.js';
import { noticeFormTexts } from './notice-form-texts.js';
import { readWindow } from './notice-when.js';
import type { NoticeFormField, SystemChoice } from './reply.js';

/** What a submitted notice form says, read at the edge: the systems' ids, the window, and what is wrong, worded. */
export interface NoticeFormInput {
  readonly systems: readonly string[];
  /** Only for a planned outage whose start and end both read as Stockholm times. */
  readonly window: { readonly start: Date; readonly end: Date } | undefined;
  /** Systems that are not the municipality's: the form goes back before anything is saved. */
  readonly foreign: readonly string[];
  readonly errors: ReadonlyArray<{ readonly field: string; readonly message: string }>;
}

/**
 * Reads the form's systems (ids, names or aliases, comma-separated) against the municipality's own,
 * and a planned outage's start and end as Swedish time, wording each problem in the user's language.
 */
export function readNoticeForm(
  values: Readonly<Record<NoticeFormField, string>>,
  context: {
    readonly kind: 'planned' | 'disruption';
    readonly own: readonly SystemChoice[];
    readonly municipalityName: string;
    readonly knowledge: Pick<KnowledgeBase, 'systems'>;
    readonly resolve: (name: string) => { readonly id: string } | undefined;
    readonly language: Language;
  },
): NoticeFormInput {
  const words = noticeFormTexts[context.language];
  const errors: Array<{ field: string; message: string }> = [];
  const systems = values.systems
    .split(/[,;]/u)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => context.resolve(part)?.id ?? part);
  const foreign = systems.filter((id) => !context.own.some((system) => system.id === id));
  if (foreign.length > 0) {
    const names = foreign.map((id) => context.knowledge.systems.find((system) => system.id === id)?.name ?? id).join(', ');
    errors.push({ field: 'systems', message: words.notOwnSystem(names, context.municipalityName, context.own.map((system) => system.name).join(', ')) });
  }
  let window: { start: Date; end: Date } | undefined;
  if (context.kind === 'planned') {
    const read = readWindow({ start: values.start, end: values.end });
    if (read.ok) window = read.window;
    else for (const { field, problem } of read.problems) errors.push({ field, message: words.when(problem, field) });
  }
  return { systems, window, foreign, errors };
}
