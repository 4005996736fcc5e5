import type { KnowledgeRecord } from './model.js';
import { foldForMatching, weighSentences } from './text/index.js';

/** What a question asks to be told as a figure: a price, or how much of something. */
export type AskedAmount = 'price' | 'quantity';

// "Vad kostar …?", "vad brukar en kosta", "hur mycket kostar", "what does … cost", "how much is …",
// "priset på": a question for a sum of money. Typed with or without å-ä-ö (matched folded).
const ASKS_FOR_PRICE =
  /\b(?:vad (?:\w+ ){0,3}kosta[rt]?|hur mycket (?:\w+ ){0,3}kosta[rt]?|vad (?:ar|blir|ligger) (?:priset|kostnaden|avgiften)|vad tar (?:de|dom|ni|man) (?:betalt|for)|what (?:does|do|will|would) (?:\w+ ){0,4}cost|how much (?:does|do|is|are|will|would) (?:\w+ ){0,4}(?:cost|charge)|what(?:'s| is) the (?:price|cost)|how much (?:money|is it))\b/u;
// "Hur mycket OB får man?", "how much bandwidth do we need?": how much of something.
const ASKS_FOR_QUANTITY = /\b(?:hur mycket|how much)\b/u;

// A sum of money as documents write one: "450 kr", "1 200 kronor", "99:-", "SEK 300".
const STATES_PRICE = /\d\s*(?:kr\b|kronor|sek\b|:-|euro)|\bsek\s*\d/iu;
// A figure with its unit: "minst 20 Mbit/s", "8 tecken", "48 timmar" (not a clock time or a phone number).
const STATES_FIGURE = /\d\s*(?:%|procent|[mkg]bit|[mkgt]b\b|tecken|siffror|minuter|timmar|dagar|veckor|månader|år\b|kr\b|kronor|sek\b|st\b|stycken)/iu;

/**
 * What every sentence of the message that asks, asks for as a figure ("Vad kostar en iPhone SE med
 * abonnemang?" a price, "Hur mycket OB får man på helgen?" a quantity); undefined when a sentence
 * asks anything else. Such a question is answered only by a record that states such a figure:
 * that the provider pays for the phones is no price, the support's hours are no OB rate, and the
 * bot does not guess one.
 */
export function askedAmount(question: string): AskedAmount | undefined {
  // Most questions ask no amount: one look at the whole message spares splitting it into sentences
  // again on every question (a sentence's match is a match in the message it stands in).
  const folded = foldForMatching(question);
  const price = ASKS_FOR_PRICE.test(folded);
  if (!price && !ASKS_FOR_QUANTITY.test(folded)) return undefined;
  const asking = weighSentences(question)
    .filter((sentence) => sentence.emphasis >= 1)
    .map((sentence) => foldForMatching(sentence.text));
  if (asking.length === 0) return undefined;
  if (price && asking.every((sentence) => ASKS_FOR_PRICE.test(sentence))) return 'price';
  return asking.every((sentence) => ASKS_FOR_PRICE.test(sentence) || ASKS_FOR_QUANTITY.test(sentence)) ? 'quantity' : undefined;
}

/** Whether a record states the kind of figure a question asks for. */
export function statesAmount(record: KnowledgeRecord, amount: AskedAmount): boolean {
  const pattern = amount === 'price' ? STATES_PRICE : STATES_FIGURE;
  return pattern.test(record.answer.sv) || pattern.test(record.citation.quote);
}
