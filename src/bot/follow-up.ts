import type { Language } from '../knowledge/index.js';

// "hur gör de andra kommunerna?", "och i andra kommuner?", "vad gäller hos övriga kommuner då?":
// the whole message asks about the other municipalities, so a question that only mentions them
// ("Får vi dela SITHS-kort med andra kommuner?") is not taken for one.
const OTHERS_SV =
  /^(?:(?:och|men|så)\s+)?(?:(?:hur|vad)\s+(?:gör|gäller|säger|står det|är det|ser det ut|fungerar det|funkar det|svarar)\s+(?:det\s+|man\s+)?)?(?:(?:i|för|hos|bland|med)\s+)?(?:de\s+|alla\s+)?(?:andra|övriga)\s+kommuner(?:na)?(?:\s+(?:då|gör|göra|säga|svara))*\s*[?!.]*$/iu;
// "what do the other municipalities do?", "and in other municipalities?", "how about the other municipalities?"
const OTHERS_EN =
  /^(?:(?:and|but|so)\s+)?(?:(?:what|how)\s+(?:do|does|about|is it|is that|are things|is this)\s+(?:done\s+)?)?(?:(?:in|for|at|with|among)\s+)?(?:the\s+|all\s+)?other\s+municipalit(?:y|ies)(?:\s+(?:do|say|then|do it|handle (?:it|this|that)))*\s*[?!.]*$/iu;

/** The language of a follow-up that asks the last question of the other municipalities; undefined for any other message. */
export function othersFollowUp(text: string): Language | undefined {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  if (OTHERS_SV.test(trimmed)) return 'sv';
  if (OTHERS_EN.test(trimmed)) return 'en';
  return undefined;
}
