/**
 * Answers to a question about a key, kept for a short while. The notice transports ask each
 * recipient's language for every email and SMS; during a fan-out that is a store query per
 * message (on PostgreSQL a round trip and a row read through its schema; on the embedded store a
 * walk of the contacts), for an answer that changes when a contact edits their language, seldom and
 * never mid-second. Kept `ttlMs`, so such a change reaches the messages sent after it within that
 * time; at most `maxEntries` keys (a fan-out's recipients), the oldest forgotten first.
 */
export function recentAnswers<T>(ask: (key: string) => Promise<T>, options: { readonly ttlMs: number; readonly maxEntries: number; readonly now: () => number }): (key: string) => Promise<T> {
  const kept = new Map<string, { readonly at: number; readonly answer: Promise<T> }>();
  return (key) => {
    const now = options.now();
    const found = kept.get(key);
    if (found && now - found.at < options.ttlMs) return found.answer;
    kept.delete(key);
    const answer = ask(key);
    // A failed question is asked again next time, not remembered.
    answer.catch(() => kept.delete(key));
    kept.set(key, { at: now, answer });
    if (kept.size > options.maxEntries) kept.delete(kept.keys().next().value!);
    return answer;
  };
}
