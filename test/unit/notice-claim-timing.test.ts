import { describe, expect, it } from 'vitest';
import { ClaimTiming } from '../../src/notices/claim-timing.js';

describe('when the running dispatcher looks for due deliveries', () => {
  const capacity = (group: string): number => (group === 'sms' ? 240 : 480);
  const notPaused = (): boolean => false;

  it('looks when woken or a poll is due, and else only when a group it holds has used half', () => {
    const timing = new ClaimTiming(1_000, () => undefined);
    expect(timing.shouldLook(0, capacity, notPaused)).toBe(true);
    for (let index = 0; index < 240; index += 1) timing.hold('sms', 'sms');
    timing.looked(0, capacity);
    expect(timing.shouldLook(250, capacity, notPaused)).toBe(false);
    for (let index = 0; index < 119; index += 1) timing.release('sms');
    expect(timing.shouldLook(500, capacity, notPaused)).toBe(false);
    timing.release('sms');
    expect(timing.shouldLook(500, capacity, notPaused)).toBe(true);
    // Not while a 429 pauses it: its deliveries wait anyway.
    expect(timing.shouldLook(500, capacity, () => true)).toBe(false);
    expect(timing.shouldLook(1_000, capacity, () => true)).toBe(true);
    timing.looked(1_000, capacity);
    timing.wake();
    expect(timing.shouldLook(1_001, capacity, notPaused)).toBe(true);
  });

  it('does not look again for a group whose last look left it room: nothing more of it was due', () => {
    const timing = new ClaimTiming(1_000, () => undefined);
    for (let index = 0; index < 10; index += 1) timing.hold('email', 'email');
    timing.looked(0, capacity);
    expect(timing.shouldLook(250, capacity, notPaused)).toBe(false);
    expect(timing.shouldLook(1_000, capacity, notPaused)).toBe(true);
  });

  it('asks per channel for what its known groups have room for, and a few more', () => {
    const timing = new ClaimTiming(1_000, () => undefined);
    expect(timing.channelLimits(capacity)).toEqual({});
    for (let index = 0; index < 200; index += 1) timing.hold('sms', 'sms');
    timing.hold('teams:tenant:a', 'chat');
    timing.hold('slack:workspace:b', 'chat');
    expect(timing.channelLimits(capacity)).toEqual({ sms: 50 + 40, chat: 50 + 479 + 479 });
  });

  it('wakes the dispatcher when a time told of comes', async () => {
    let woken = 0;
    const timing = new ClaimTiming(1_000, () => (woken += 1));
    timing.looked(0, capacity);
    const now = Date.now();
    // Told twice of the same moment: one wake.
    timing.wakeIn(20, now);
    timing.wakeIn(20, now);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(woken).toBe(1);
    expect(timing.shouldLook(1, capacity, notPaused)).toBe(true);
  });
});
