import { foldForMatching } from './normalize.js';

/**
 * The words the knowledge base knows, used to split Swedish compounds and to correct misspellings.
 * Swedish glues words together ("behörighetsbeställning", "lösenordsregler"), and users misspell
 * ("lösenrod", "behörighter"): both are resolved against the words that actually occur in the
 * knowledge base, so a correction can only ever land on a word we could answer about.
 *
 * Words are compared without their diacritics, because people type "behorighet" for "behörighet"
 * in chat; what comes back is always the knowledge base's own spelling.
 */
export class Lexicon {
  /** Folded form → the first spelling the knowledge base used for it. */
  private readonly words = new Map<string, string>();
  /** The words as the knowledge base spells them. */
  private readonly spelled = new Set<string>();
  /** Folded words by first letter and length ("l8"): misspellings rarely touch the first letter. */
  private readonly byLength = new Map<string, string[]>();
  private sorted: string[] | undefined;

  add(word: string): void {
    if (word.length >= 3) this.spelled.add(word);
    const folded = foldForMatching(word);
    if (folded.length < 3 || this.words.has(folded)) return;
    this.words.set(folded, word);
    this.sorted = undefined;
    const key = `${folded[0]!}${folded.length}`;
    const bucket = this.byLength.get(key);
    if (bucket) bucket.push(folded);
    else this.byLength.set(key, [folded]);
  }

  has(word: string): boolean {
    return this.words.has(foldForMatching(word));
  }

  /** The knowledge base's spelling of a word typed with or without its diacritics. */
  spelling(word: string): string | undefined {
    return this.words.get(foldForMatching(word));
  }

  /**
   * The longest known word that a word begins with, leaving at most `maxEnding` letters and keeping
   * at least `minLength`, in the knowledge base's spelling ("verkstalligheterana" → "verkställigheter").
   */
  knownBeginning(word: string, minLength: number, maxEnding: number): string | undefined {
    const folded = foldForMatching(word);
    for (let length = folded.length - 1; length >= Math.max(minLength, folded.length - maxEnding); length -= 1) {
      const known = this.words.get(folded.slice(0, length));
      if (known) return known;
    }
    return undefined;
  }

  get size(): number {
    return this.words.size;
  }

  /** Sorts the words for prefix search; called once the lexicon is complete, or on first use. */
  prepare(): string[] {
    return (this.sorted ??= [...this.words.keys()].sort());
  }

  /**
   * Known words that begin with `prefix`, shortest first: a binary search in the sorted words, so the
   * cost does not grow with the vocabulary.
   */
  withPrefix(prefix: string, limit = 3): string[] {
    const sorted = this.prepare();
    const folded = foldForMatching(prefix);
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < folded) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let index = low; index < sorted.length && found.length < limit * 4 && sorted[index]!.startsWith(folded); index += 1) found.push(sorted[index]!);
    return found
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      .slice(0, limit)
      .map((word) => this.words.get(word)!);
  }

  /**
   * Splits a compound into known words, longest first part first, allowing the linking "s" or "e"
   * ("behörighets|beställning", "tjänste|kort"). Returns undefined when no split into known words exists.
   */
  splitCompound(word: string, minPart = 3): string[] | undefined {
    // A word typed with its diacritics is split as spelled ("säkerhetsskäl" has "skäl", not "skal");
    // only a word typed without them is split by the folded words.
    const folded = foldForMatching(word);
    if (folded !== word) return this.split(word, minPart, 0, this.spelled);
    return this.split(folded, minPart, 0, this.words)?.map((part) => this.words.get(part)!);
  }

  private split(word: string, minPart: number, depth: number, words: { has(word: string): boolean }): string[] | undefined {
    if (depth > 3 || word.length < minPart * 2) return undefined;
    for (let cut = word.length - minPart; cut >= minPart; cut -= 1) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      // The linking "s" or "e" between the parts: "behörighets|beställning", "tjänste|telefon".
      const knownHead = words.has(head) ? head : /[se]$/u.test(head) && words.has(head.slice(0, -1)) ? head.slice(0, -1) : undefined;
      if (knownHead === undefined || knownHead.length < minPart) continue;
      if (words.has(tail)) return [knownHead, tail];
      const rest = this.split(tail, minPart, depth + 1, words);
      if (rest) return [knownHead, ...rest];
    }
    return undefined;
  }

  /**
   * Known words within a small edit distance (one edit for words of 5–7 letters, two from 8), the
   * closest first, in the knowledge base's spelling. Short words are never corrected: "vann" must
   * not become "vara". A missing diacritic is no edit at all: "behorighet" is "behörighet".
   */
  corrections(word: string, limit = 3): string[] {
    const folded = foldForMatching(word);
    if (folded.length < 5 || /\d/u.test(folded)) return [];
    // A word typed with its diacritics is compared as spelled: "skäl" is one edit from "skal".
    const asTyped = folded !== word;
    const maxDistance = folded.length >= 8 ? 2 : 1;
    const found: Array<{ word: string; distance: number }> = [];
    for (let length = folded.length - maxDistance; length <= folded.length + maxDistance; length += 1) {
      for (const candidate of this.byLength.get(`${folded[0]!}${length}`) ?? []) {
        const distance = asTyped ? boundedEditDistance(word, this.words.get(candidate)!, maxDistance) : boundedEditDistance(folded, candidate, maxDistance);
        if (distance <= maxDistance) found.push({ word: candidate, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word));
    return found.slice(0, limit).map((entry) => this.words.get(entry.word)!);
  }
}

// Rows of the distance table, reused by every call: corrections run for every unknown word of
// every question, and fresh arrays per row would keep the garbage collector busy.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), giving up
 * with `max + 1` as soon as every alignment exceeds `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [previousPrevious, previous, current] = rows;
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      }
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > max) return max + 1;
    const spare = previousPrevious;
    previousPrevious = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}
