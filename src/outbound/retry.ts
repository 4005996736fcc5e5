import type { SendOutcome } from './outcome.js';

export interface RetryPolicyOptions {
  /** The first backoff is about this long (half to all of it), doubling with each attempt. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Failed attempts before giving up (a throttled one is not counted); unbounded when absent. */
  readonly maxAttempts?: number | undefined;
  readonly random?: () => number;
}

/** What to do after an outcome that was not `sent`. */
export type RetryDecision =
  | { readonly kind: 'retry'; readonly delayMs: number; readonly throttled: boolean }
  | { readonly kind: 'give-up'; readonly reason: string };

/**
 * The one retry policy of every outbox: a channel that says how long (a 429) is waited for as it
 * says and costs no attempt; any other passing failure backs off exponentially with jitter (so a
 * burst of failures does not come back at once) until the attempts run out; gone and refused are
 * final.
 */
export class RetryPolicy {
  constructor(private readonly options: RetryPolicyOptions) {}

  /** The backoff after the given attempt (1 for the first): exponential, capped, with jitter. */
  backoffMs(attempt: number): number {
    const { baseMs, maxMs, random = Math.random } = this.options;
    return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 20)) * (0.5 + random() / 2);
  }

  /** After `attempts` tries ended in `outcome`: when to try again, or why not. */
  decide(outcome: Exclude<SendOutcome, { kind: 'sent' }>, attempts: number): RetryDecision {
    if (outcome.kind !== 'retry') return { kind: 'give-up', reason: outcome.reason };
    if (outcome.afterSeconds !== undefined) return { kind: 'retry', delayMs: outcome.afterSeconds * 1000, throttled: true };
    const { maxAttempts } = this.options;
    if (maxAttempts !== undefined && attempts >= maxAttempts) return { kind: 'give-up', reason: `gav upp efter ${attempts} försök: ${outcome.reason}` };
    return { kind: 'retry', delayMs: this.backoffMs(attempts), throttled: false };
  }
}
