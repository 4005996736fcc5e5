import type { Answer, AnswerEngine, Language } from '../../src/knowledge/index.js';

/**
 * Questions that come close to records of a municipality without any answering them for sure: the
 * kind "Menar du …?" is for. Which of them are near misses depends on the engine's tuning, so the
 * tests take the first one the engine of the day treats as one and assert on what it suggests.
 */
const CANDIDATES: Readonly<Record<Language, readonly string[]>> = {
  sv: [
    'Vilken dator ska vi köpa?',
    'kortläsare trasig',
    'Hur byter man pinkod på SITHS-kortet?',
    'Får personalen använda privata telefoner?',
    'Hur lång tid tar en beställning?',
    'Vem betalar telefonerna?',
    'Vad kostar en mobiltelefon?',
    'Kan vi få hjälp med vår egen skrivare?',
  ],
  en: ['Which computer should we buy?', 'card reader broken', 'Who pays for the phones?', 'How long does an order take?'],
};

export interface NearMiss {
  readonly question: string;
  /** The engine's answer for the municipality: not found, with suggestions. */
  readonly answer: Answer;
}

/** The first candidate question the engine answers with suggestions (at least `atLeast`) for a municipality. */
export function nearMiss(engine: AnswerEngine, municipality: string, options: { readonly language?: Language; readonly atLeast?: number; readonly skip?: readonly string[] } = {}): NearMiss {
  const language = options.language ?? 'sv';
  for (const question of CANDIDATES[language]) {
    if (options.skip?.includes(question)) continue;
    const answer = engine.ask(question, { municipality, language });
    if (!answer.found && answer.suggestions.length >= (options.atLeast ?? 1)) return { question, answer };
  }
  throw new Error(`none of the candidate questions is a near miss for ${municipality} (${language}) any more: add one that is to test/support/near-miss.ts`);
}
