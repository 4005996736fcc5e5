import type { FeedbackEntry } from '../contacts/index.js';

/** One thing the knowledge base lacks, as staff see it. */
export interface KnowledgeGap {
  readonly kind: 'unanswered' | 'not-helpful';
  /** What the questions are about: their terms ("dator, köp"), a question's wording (entries from before terms were kept), or the answer's record id (not helpful). */
  readonly subject: string;
  /** The terms the unanswered questions were understood by; empty when grouped by wording or by answer. */
  readonly terms: readonly string[];
  readonly count: number;
  readonly lastAt: string;
  /** A few of the questions behind it. */
  readonly examples: readonly string[];
  /** What askers chose from "Menar du …?" for these questions, most often first; `answerId` null is "Inget av dessa". */
  readonly chosen: ReadonlyArray<{ readonly answerId: string | null; readonly count: number }>;
}

const MAX_EXAMPLES = 3;

const normalize = (question: string): string =>
  question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

/**
 * The terms that say what a question is about: a term that another one of the question's terms
 * starts with is kept and the longer one dropped ("dator" and "datorer", "köp" and "köper"), so that
 * "Vilken dator ska vi köpa?" and "Vilka datorer köper vi?" fall in one group.
 */
export function gapTerms(terms: readonly string[]): string[] {
  const unique = [...new Set(terms)];
  return unique.filter((term) => !unique.some((other) => other !== term && term.startsWith(other))).sort();
}

/** Unanswered questions and the suggestions chosen for them share a key: their terms, else their wording. */
function questionKey(entry: FeedbackEntry): { key: string; terms: string[] } {
  const terms = entry.terms && entry.terms.length > 0 ? gapTerms(entry.terms) : [];
  return terms.length > 0 ? { key: `terms:${terms.join(' ')}`, terms } : { key: `wording:${normalize(entry.question)}`, terms: [] };
}

interface Group {
  kind: KnowledgeGap['kind'];
  subject: string;
  terms: readonly string[];
  count: number;
  lastAt: string;
  examples: string[];
  chosen: Map<string | null, number>;
}

/**
 * Groups unanswered questions (by the terms they were understood by, or by wording when they were
 * stored without) and "did not help" votes (by the answer that did not help), most frequent first,
 * for one municipality or all. The "Menar du …?" choices made for a group's questions come with it.
 */
export function knowledgeGaps(entries: readonly FeedbackEntry[], municipality?: string): KnowledgeGap[] {
  const groups = new Map<string, Group>();
  const choices: FeedbackEntry[] = [];
  for (const entry of entries) {
    if (municipality !== undefined && entry.municipality !== municipality) continue;
    if (entry.kind === 'suggestion') {
      choices.push(entry);
      continue;
    }
    const notHelpful = entry.kind === 'vote' && !entry.helpful && entry.answerId !== null;
    if (entry.kind !== 'unanswered' && !notHelpful) continue;
    const question = notHelpful ? undefined : questionKey(entry);
    const key = question ? question.key : `answer:${entry.answerId!}`;
    const group: Group = groups.get(key) ?? {
      kind: notHelpful ? 'not-helpful' : 'unanswered',
      subject: question ? (question.terms.length > 0 ? question.terms.join(', ') : entry.question) : entry.answerId!,
      terms: question?.terms ?? [],
      count: 0,
      lastAt: entry.at,
      examples: [],
      chosen: new Map(),
    };
    group.count += 1;
    if (entry.at > group.lastAt) group.lastAt = entry.at;
    if (group.examples.length < MAX_EXAMPLES && !group.examples.includes(entry.question)) group.examples.push(entry.question);
    groups.set(key, group);
  }
  for (const choice of choices) {
    const group = groups.get(questionKey(choice).key);
    if (group) group.chosen.set(choice.answerId, (group.chosen.get(choice.answerId) ?? 0) + 1);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .map(({ chosen, ...group }) => ({ ...group, chosen: [...chosen].map(([answerId, count]) => ({ answerId, count })).sort((a, b) => b.count - a.count) }));
}
