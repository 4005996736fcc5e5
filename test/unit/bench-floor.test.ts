import { describe, expect, it } from 'vitest';
import { floorsOf, unionSeconds } from '../bench/notices/floor.js';

describe('bench:notices floor', () => {
  it('counts overlapping pauses once and apart ones each', () => {
    expect(unionSeconds([])).toBe(0);
    expect(unionSeconds([[0, 1000], [500, 1500], [3000, 4000]])).toBe(2.5);
    expect(unionSeconds([[3000, 4000], [0, 1000], [1000, 2000]])).toBe(3);
  });

  it('adds a group\'s pauses to its rate and orders the groups by the result', () => {
    const groups = new Map([
      ['email', { count: 5000, perSecond: 160 }],
      ['sms', { count: 2500, perSecond: 80 }],
    ]);
    expect(floorsOf(groups).map((group) => group.name)).toEqual(['email', 'sms']);
    const [first] = floorsOf(groups, new Map([['sms', 50]]));
    expect(first).toEqual({ name: 'sms', limitSeconds: 31.25, pauseSeconds: 50, seconds: 81.25 });
  });
});
