/**
 * The words the knowledge base knows, used to split Swedish compounds and to correct misspellings.
 * Swedish glues words together ("behörighetsbeställning", "lösenordsregler"), and users misspell
 * ("lösenrod", "behörighter"): both are resolved against the words that actually occur in the
 * knowledge base, so a correction can only ever land on a word we could answer about.
 */
export class Lexicon {
  private readonly words = new Set<string>();
  /** Words by first letter and length ("l8"): misspellings rarely touch the first letter. */
  private readonly byLength = new Map<string, string[]>();
  private sorted: string[] | undefined;

  add(word: string): void {
    if (word.length < 3 || this.words.has(word)) return;
    this.words.add(word);
    this.sorted = undefined;
    const key = `${word[0]!}${word.length}`;
    const bucket = this.byLength.get(key);
    if (bucket) bucket.push(word);
    else this.byLength.set(key, [word]);
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  get size(): number {
    return this.words.size;
  }

  /** Sorts the words for prefix search; called once the lexicon is complete, or on first use. */
  prepare(): string[] {
    return (this.sorted ??= [...this.words].sort());
  }

  /**
   * Known words that begin with `prefix`, shortest first: a binary search in the sorted words, so the
   * cost does not grow with the vocabulary.
   */
  withPrefix(prefix: string, limit = 3): string[] {
    const sorted = this.prepare();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let index = low; index < sorted.length && found.length < limit * 4 && sorted[index]!.startsWith(prefix); index += 1) found.push(sorted[index]!);
    return found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, limit);
  }

  /**
   * Splits a compound into known words, longest first part first, allowing the linking "s" or "e"
   * ("behörighets|beställning", "tjänste|kort"). Returns undefined when no split into known words exists.
   */
  splitCompound(word: string, minPart = 3): string[] | undefined {
    return this.split(word, minPart, 0);
  }

  private split(word: string, minPart: number, depth: number): string[] | undefined {
    if (depth > 3 || word.length < minPart * 2) return undefined;
    for (let cut = word.length - minPart; cut >= minPart; cut -= 1) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      // The linking "s" or "e" between the parts: "behörighets|beställning", "tjänste|telefon".
      const knownHead = this.words.has(head) ? head : /[se]$/u.test(head) && this.words.has(head.slice(0, -1)) ? head.slice(0, -1) : undefined;
      if (knownHead === undefined || knownHead.length < minPart) continue;
      if (this.words.has(tail)) return [knownHead, tail];
      const rest = this.split(tail, minPart, depth + 1);
      if (rest) return [knownHead, ...rest];
    }
    return undefined;
  }

  /**
   * Known words within a small edit distance (one edit for words of 5–7 letters, two from 8), the
   * closest first. Short words are never corrected: "vann" must not become "vara".
   */
  corrections(word: string, limit = 3): string[] {
    if (word.length < 5 || /\d/u.test(word)) return [];
    const maxDistance = word.length >= 8 ? 2 : 1;
    const found: Array<{ word: string; distance: number }> = [];
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length += 1) {
      for (const candidate of this.byLength.get(`${word[0]!}${length}`) ?? []) {
        const distance = boundedEditDistance(word, candidate, maxDistance);
        if (distance <= maxDistance) found.push({ word: candidate, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word));
    return found.slice(0, limit).map((entry) => entry.word);
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
