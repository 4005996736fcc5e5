import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecentEventIds, SLACK_REPLAY_WINDOW_SECONDS, verifySlackSignature } from '../../adapters/slack/index.js';

const SECRET = '8f742231b10e8888abc64b3ba5d2e7fe';
const BODY = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fit&text=hj%C3%A4lp';
const TIMESTAMP = 1_531_420_618;
const at = (seconds: number) => new Date(seconds * 1000);

/** Computed here, independently of the adapter, the way Slack documents it. */
function sign(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

describe('verifySlackSignature', () => {
  const valid = { signingSecret: SECRET, rawBody: BODY, timestamp: String(TIMESTAMP), signature: sign(BODY, TIMESTAMP), now: at(TIMESTAMP) };

  it('accepts a correctly signed request, as a string or as raw bytes', () => {
    expect(verifySlackSignature(valid)).toEqual({ ok: true });
    expect(verifySlackSignature({ ...valid, rawBody: Buffer.from(BODY) })).toEqual({ ok: true });
  });

  it('refuses a signature made with another secret, or over another body', () => {
    expect(verifySlackSignature({ ...valid, signature: sign(BODY, TIMESTAMP, 'another-secret') })).toEqual({ ok: false, code: 'bad_signature' });
    expect(verifySlackSignature({ ...valid, rawBody: `${BODY}&text=x` })).toEqual({ ok: false, code: 'bad_signature' });
    expect(verifySlackSignature({ ...valid, signature: 'v1=abc' })).toEqual({ ok: false, code: 'bad_signature' });
    expect(verifySlackSignature({ ...valid, signature: sign(BODY, TIMESTAMP).toUpperCase() })).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('refuses a signature whose timestamp was swapped for a fresh one', () => {
    expect(verifySlackSignature({ ...valid, timestamp: String(TIMESTAMP + 10), now: at(TIMESTAMP + 10) })).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('holds the five-minute window in both directions, with the clock passed in', () => {
    expect(SLACK_REPLAY_WINDOW_SECONDS).toBe(300);
    expect(verifySlackSignature({ ...valid, now: at(TIMESTAMP + 300) }).ok).toBe(true);
    expect(verifySlackSignature({ ...valid, now: at(TIMESTAMP + 301) })).toEqual({ ok: false, code: 'stale_timestamp' });
    expect(verifySlackSignature({ ...valid, now: at(TIMESTAMP - 300) }).ok).toBe(true);
    expect(verifySlackSignature({ ...valid, now: at(TIMESTAMP - 301) })).toEqual({ ok: false, code: 'stale_timestamp' });
  });

  it('refuses missing headers and a timestamp that is not a number', () => {
    expect(verifySlackSignature({ ...valid, timestamp: undefined })).toEqual({ ok: false, code: 'missing_headers' });
    expect(verifySlackSignature({ ...valid, signature: undefined })).toEqual({ ok: false, code: 'missing_headers' });
    expect(verifySlackSignature({ ...valid, timestamp: '1531420618.5' })).toEqual({ ok: false, code: 'invalid_timestamp' });
  });
});

describe('RecentEventIds', () => {
  it('says yes once per id', () => {
    const recent = new RecentEventIds(10);
    expect(recent.firstTime('Ev1')).toBe(true);
    expect(recent.firstTime('Ev1')).toBe(false);
    expect(recent.firstTime('Ev2')).toBe(true);
  });

  it('stays within its capacity, forgetting the oldest ids first', () => {
    const recent = new RecentEventIds(3);
    for (const id of ['a', 'b', 'c', 'd']) recent.firstTime(id);
    expect(recent.size).toBe(3);
    expect(recent.firstTime('d')).toBe(false);
    expect(recent.firstTime('b')).toBe(false);
    expect(recent.firstTime('a')).toBe(true);
    expect(recent.size).toBe(3);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RecentEventIds(0)).toThrow(RangeError);
  });
});
