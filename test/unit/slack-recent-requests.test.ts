import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecentRequests, verifySlackSignature } from '../../adapters/slack/index.js';

const SECRET = '8f742231b10e8888abc64b3ba5d2e7fe';
const TIMESTAMP = 1_760_000_000;

const sign = (body: string, timestamp: number): string => `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** A clock the test moves by hand. */
function clock(startSeconds: number): { now: () => Date; set: (milliseconds: number) => void } {
  let current = startSeconds * 1000;
  return { now: () => new Date(current), set: (milliseconds) => (current = milliseconds) };
}

describe('RecentRequests', () => {
  it('says yes once per signed request', () => {
    const recent = new RecentRequests(clock(TIMESTAMP));
    expect(recent.firstTime(sign('a', TIMESTAMP), TIMESTAMP)).toBe(true);
    expect(recent.firstTime(sign('a', TIMESTAMP), TIMESTAMP)).toBe(false);
    // The same body signed at another second is another request.
    expect(recent.firstTime(sign('a', TIMESTAMP + 1), TIMESTAMP + 1)).toBe(true);
  });

  it('remembers a request for as long as its signature would still be accepted, to the last millisecond', () => {
    const time = clock(TIMESTAMP);
    const recent = new RecentRequests({ now: time.now });
    const request = { signingSecret: SECRET, rawBody: 'a', timestamp: String(TIMESTAMP), signature: sign('a', TIMESTAMP) };
    recent.firstTime(request.signature, TIMESTAMP);
    for (const at of [(TIMESTAMP + 300) * 1000, (TIMESTAMP + 300) * 1000 + 999]) {
      time.set(at);
      expect(verifySlackSignature({ ...request, now: time.now() }).ok).toBe(true);
      expect(recent.firstTime(request.signature, TIMESTAMP)).toBe(false);
    }
    // One second on the check refuses it: there is nothing left to remember.
    time.set((TIMESTAMP + 301) * 1000);
    expect(verifySlackSignature({ ...request, now: time.now() })).toEqual({ ok: false, code: 'stale_timestamp' });
    expect(recent.size).toBe(1);
    recent.firstTime(sign('b', TIMESTAMP + 301), TIMESTAMP + 301);
    expect(recent.size).toBe(1);
  });

  it('stays bounded by time however long it runs: a request a second for an hour leaves ten minutes of them', () => {
    const time = clock(TIMESTAMP);
    const recent = new RecentRequests({ now: time.now });
    for (let second = 0; second < 3_600; second += 1) {
      time.set((TIMESTAMP + second) * 1000);
      // Slack's clock may be ahead of ours by up to the window: the worst case for memory.
      recent.firstTime(sign(String(second), TIMESTAMP + second + 300), TIMESTAMP + second + 300);
    }
    expect(recent.size).toBeLessThanOrEqual(601);
  });
});
