import { describe, expect, it } from 'vitest';
import { recentAnswers } from '../../src/app/recent-answers.js';

describe('answers kept for a short while', () => {
  it('asks once per key within the time, again after it, and forgets the oldest beyond the bound', async () => {
    let clock = 0;
    const asked: string[] = [];
    const languageOf = recentAnswers(async (key) => {
      asked.push(key);
      return key.startsWith('en') ? 'en' : 'sv';
    }, { ttlMs: 60_000, maxEntries: 2, now: () => clock });
    expect(await languageOf('en@x.se')).toBe('en');
    expect(await languageOf('en@x.se')).toBe('en');
    expect(asked).toEqual(['en@x.se']);
    clock = 60_000;
    await languageOf('en@x.se');
    expect(asked).toEqual(['en@x.se', 'en@x.se']);
    await languageOf('a@x.se');
    await languageOf('b@x.se');
    await languageOf('en@x.se');
    expect(asked.at(-1)).toBe('en@x.se');
  });

  it('does not keep a failed question', async () => {
    let fail = true;
    const ask = recentAnswers(async () => {
      if (fail) throw new Error('store down');
      return 'sv';
    }, { ttlMs: 60_000, maxEntries: 10, now: () => 0 });
    await expect(ask('a')).rejects.toThrow('store down');
    fail = false;
    expect(await ask('a')).toBe('sv');
  });
});
