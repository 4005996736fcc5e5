import type { FeedbackEntry } from './repositories.js';

/** One thing the knowledge base lacks, as staff see it. */
export interface KnowledgeGap {
  readonly kind: 'unanswered' | 'not-helpful';
  /** The question as asked (unanswered), or the answer's record id (not helpful). */
  readonly subject: string;
  readonly count: number;
  readonly lastAt: string;
  /** A few of the questions behind it. */
  readonly examples: readonly string[];
}

const normalize = (question: string): string =>
  question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

/**
 * Groups unanswered questions (by their wording) and "did not help" votes (by the answer that did
 * not help), most frequent first, for one municipality or all.
 */
export function knowledgeGaps(entries: readonly FeedbackEntry[], municipality?: string): KnowledgeGap[] {
  const groups = new Map<string, { kind: KnowledgeGap['kind']; subject: string; count: number; lastAt: string; examples: string[] }>();
  for (const entry of entries) {
    if (municipality !== undefined && entry.municipality !== municipality) continue;
    const notHelpful = entry.kind === 'vote' && !entry.helpful && entry.answerId !== null;
    if (entry.kind !== 'unanswered' && !notHelpful) continue;
    const kind = notHelpful ? 'not-helpful' : 'unanswered';
    const subject = notHelpful ? entry.answerId! : normalize(entry.question);
    const key = `${kind}:${subject}`;
    const group = groups.get(key) ?? { kind, subject: notHelpful ? subject : entry.question, count: 0, lastAt: entry.at, examples: [] };
    group.count += 1;
    if (entry.at > group.lastAt) group.lastAt = entry.at;
    if (group.examples.length < 3 && !group.examples.includes(entry.question)) group.examples.push(entry.question);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}
