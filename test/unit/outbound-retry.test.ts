import { describe, expect, it } from 'vitest';
import { messageIdFor, RetryPolicy } from '../../src/outbound/index.js';

describe('the one retry policy', () => {
  it('backs off exponentially with jitter, capped, and waits a Retry-After as told without counting it', () => {
    const low = new RetryPolicy({ baseMs: 1_000, maxMs: 8_000, maxAttempts: 3, random: () => 0 });
    const high = new RetryPolicy({ baseMs: 1_000, maxMs: 8_000, maxAttempts: 3, random: () => 1 });
    // Half to all of base × 2^(attempt − 1), never past the cap.
    expect([1, 2, 3, 4, 5].map((attempt) => high.backoffMs(attempt))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(low.backoffMs(3)).toBe(2_000);
    expect(high.decide({ kind: 'retry', reason: '503' }, 1)).toEqual({ kind: 'retry', delayMs: 1_000, throttled: false });
    expect(high.decide({ kind: 'retry', reason: '429', afterSeconds: 30 }, 9)).toEqual({ kind: 'retry', delayMs: 30_000, throttled: true });
  });

  it('gives up after the last attempt, and at once on gone or refused, saying why', () => {
    const policy = new RetryPolicy({ baseMs: 1_000, maxMs: 8_000, maxAttempts: 3, random: () => 1 });
    expect(policy.decide({ kind: 'retry', reason: 'ECONNRESET' }, 3)).toEqual({ kind: 'give-up', reason: 'gav upp efter 3 försök: ECONNRESET' });
    expect(policy.decide({ kind: 'gone', reason: 'HTTP 404' }, 1)).toEqual({ kind: 'give-up', reason: 'HTTP 404' });
    expect(policy.decide({ kind: 'refused', reason: 'SMTP 550' }, 1)).toEqual({ kind: 'give-up', reason: 'SMTP 550' });
    // Without a bound (the ticket outbox) a passing fault is retried however often it failed.
    expect(new RetryPolicy({ baseMs: 1_000, maxMs: 8_000, random: () => 1 }).decide({ kind: 'retry', reason: 'down' }, 500)).toMatchObject({ kind: 'retry', delayMs: 8_000 });
  });
});

describe('the one Message-ID builder', () => {
  it('makes the same id from the same key, with only characters a Message-ID may hold', () => {
    expect(messageIdFor('GBG-DRIFT-2026-1/publish-1/email-abc')).toBe('<GBG-DRIFT-2026-1.publish-1.email-abc@itkontakt>');
    expect(messageIdFor('x y<z>@')).toBe('<x.y.z..@itkontakt>');
  });
});
