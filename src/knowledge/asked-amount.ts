import type { KnowledgeRecord } from './model.js';
import { foldForMatching, weighSentences } from './text/index.js';

// "Vad kostar …?", "vad brukar en kosta", "hur mycket kostar", "what does … cost", "how much is …",
// "priset på": a question for a sum of money. Typed with or without å-ä-ö (matched folded).
const ASKS_FOR_AMOUNT =
  /\b(?:vad (?:\w+ ){0,3}kosta[rt]?|hur mycket (?:\w+ ){0,3}kosta[rt]?|vad (?:ar|blir|ligger) (?:priset|kostnaden|avgiften)|vad tar (?:de|dom|ni|man) (?:betalt|for)|what (?:does|do|will|would) (?:\w+ ){0,4}cost|how much (?:does|do|is|are|will|would) (?:\w+ ){0,4}(?:cost|charge)|what(?:'s| is) the (?:price|cost)|how much (?:money|is it))\b/u;

// A sum of money as documents write one: "450 kr", "1 200 kronor", "99:-", "SEK 300".
const STATES_AMOUNT = /\d\s*(?:kr\b|kronor|sek\b|:-|euro)|\bsek\s*\d/iu;

/**
 * Whether every sentence of the message that asks, asks for a sum of money ("Vad kostar en iPhone
 * SE med abonnemang?"). Such a question is answered only by a record that states a sum: that the
 * provider pays for the phones is no price, and the bot does not guess one.
 */
export function asksOnlyForAmount(question: string): boolean {
  // Most questions ask no price: one look at the whole message spares splitting it into sentences
  // again on every question (a sentence's match is a match in the message it stands in).
  if (!ASKS_FOR_AMOUNT.test(foldForMatching(question))) return false;
  const asking = weighSentences(question).filter((sentence) => sentence.emphasis >= 1);
  return asking.length > 0 && asking.every((sentence) => ASKS_FOR_AMOUNT.test(foldForMatching(sentence.text)));
}

export function statesAmount(record: KnowledgeRecord): boolean {
  return STATES_AMOUNT.test(record.answer.sv) || STATES_AMOUNT.test(record.citation.quote);
}
