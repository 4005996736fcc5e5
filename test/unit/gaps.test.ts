import { describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../src/contacts/index.js';
import { gapTerms, knowledgeGaps } from '../../src/bot/index.js';

const entry = (fields: Partial<FeedbackEntry> & Pick<FeedbackEntry, 'kind' | 'question'>): FeedbackEntry => ({
  at: '2026-11-25T09:00:00.000Z',
  platform: 'teams',
  helpful: false,
  municipality: 'goteborg',
  answerId: null,
  ...fields,
});

describe('kb gaps', () => {
  it('keeps the terms that say what a question is about: a term another one starts with wins over the longer form', () => {
    expect(gapTerms(['köpa', 'dator', 'köp', 'datorer', 'köper'])).toEqual(['dator', 'köp']);
    expect(gapTerms(['sys:siths', 'sithskort', 'sithskortet', 'beställ', 'beställer'])).toEqual(['beställ', 'sithskort', 'sys:siths']);
    expect(gapTerms([])).toEqual([]);
  });

  it('groups unanswered questions by their terms, not their wording, with examples and the suggestions chosen for them', () => {
    const gaps = knowledgeGaps([
      entry({ kind: 'unanswered', question: 'Vilken dator ska vi köpa?', terms: ['dator', 'köp', 'köpa'], at: '2026-11-25T09:00:00.000Z' }),
      entry({ kind: 'unanswered', question: 'Vilka datorer köper vi?', terms: ['dator', 'datorer', 'köp', 'köper'], at: '2026-11-26T09:00:00.000Z' }),
      entry({ kind: 'suggestion', question: 'Vilka datorer köper vi?', terms: ['dator', 'datorer', 'köp', 'köper'], answerId: 'gbg-dator-systemkrav', helpful: true }),
      entry({ kind: 'suggestion', question: 'Vilken dator ska vi köpa?', terms: ['dator', 'köp', 'köpa'], answerId: 'gbg-dator-systemkrav', helpful: true }),
      entry({ kind: 'suggestion', question: 'Vilken dator ska vi köpa?', terms: ['dator', 'köp', 'köpa'], answerId: null }),
      entry({ kind: 'unanswered', question: 'Vad blir det för lunch?', terms: ['lunch'] }),
      // Stored before terms were kept: grouped by wording, as before.
      entry({ kind: 'unanswered', question: 'Hur blir vädret?' }),
      entry({ kind: 'unanswered', question: 'hur blir vädret' }),
      entry({ kind: 'vote', question: 'Måste datorerna ha antivirus?', answerId: 'gbg-antivirus', helpful: false }),
      entry({ kind: 'vote', question: 'Måste datorerna ha antivirus?', answerId: 'gbg-antivirus', helpful: true }),
      entry({ kind: 'unanswered', question: 'Vilken dator ska vi köpa i Uppsala?', terms: ['dator', 'köp', 'köpa'], municipality: 'uppsala' }),
    ], 'goteborg');
    expect(gaps).toEqual([
      {
        kind: 'unanswered',
        subject: 'dator, köp',
        terms: ['dator', 'köp'],
        count: 2,
        lastAt: '2026-11-26T09:00:00.000Z',
        examples: ['Vilken dator ska vi köpa?', 'Vilka datorer köper vi?'],
        chosen: [
          { answerId: 'gbg-dator-systemkrav', count: 2 },
          { answerId: null, count: 1 },
        ],
      },
      { kind: 'unanswered', subject: 'Hur blir vädret?', terms: [], count: 2, lastAt: '2026-11-25T09:00:00.000Z', examples: ['Hur blir vädret?', 'hur blir vädret'], chosen: [] },
      { kind: 'unanswered', subject: 'lunch', terms: ['lunch'], count: 1, lastAt: '2026-11-25T09:00:00.000Z', examples: ['Vad blir det för lunch?'], chosen: [] },
      { kind: 'not-helpful', subject: 'gbg-antivirus', terms: [], count: 1, lastAt: '2026-11-25T09:00:00.000Z', examples: ['Måste datorerna ha antivirus?'], chosen: [] },
    ]);
    // All municipalities: Uppsala's question about buying computers joins the group.
    expect(knowledgeGaps([entry({ kind: 'unanswered', question: 'a', terms: ['dator'] }), entry({ kind: 'unanswered', question: 'b', terms: ['dator'], municipality: 'uppsala' })])).toMatchObject([{ subject: 'dator', count: 2 }]);
  });
});
