import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Address, OutboundChannel, SendOutcome } from '../../src/outbound/index.js';

/**
 * How the contract suite drives one adapter and its loopback fake. What a channel cannot do or be
 * told (an SMTP server has no Retry-After and no "gone"; an SMS cannot be replaced) is left out,
 * `cannot` says why, and the suite skips that case with the reason, never passes it.
 */
export interface OutboundHarness<A extends Address, M> {
  readonly channel: OutboundChannel<A, M>;
  /** An address the fake takes messages for. */
  readonly address: A;
  /** A message to send; `n` makes each one different. */
  message(n: number): M;
  /** How many messages the fake accepted, for the address. */
  accepted(): number;
  /** The next request is answered "not now" and says how long (a 429 with Retry-After). */
  throttleNext?(seconds: number): void;
  /** The next request is answered "not now" without a wait (a 5xx, an SMTP 4xx). */
  failPassingNext(): void;
  /** An address the fake says is gone (404, channel_not_found, 410). */
  goneAddress?(): A;
  /** The next request is refused for good (a 4xx, an SMTP 5xx). */
  refuseNext(): void;
  /** Why a case left out above (or `replace`, absent from the channel) cannot happen on this channel. */
  readonly cannot?: { readonly replace?: string; readonly throttle?: string; readonly gone?: string };
  close(): Promise<void>;
}

/** Skips a case the channel cannot produce, with the harness's reason; a harness that gives none fails it. */
function skipBecause(context: TestContext, reason: string | undefined, what: string): never {
  if (!reason) throw new Error(`the harness leaves out ${what} without saying why (cannot.${what})`);
  return context.skip(reason);
}

function expectRetry(outcome: SendOutcome): Extract<SendOutcome, { kind: 'retry' }> {
  expect(outcome.kind).toBe('retry');
  return outcome as Extract<SendOutcome, { kind: 'retry' }>;
}

/** The one outbound contract, run against an adapter and its fake: the same outcomes for every channel. */
export function describeOutboundContract<A extends Address, M>(name: string, start: () => Promise<OutboundHarness<A, M>>): void {
  describe(`the outbound contract: ${name}`, () => {
    let harness: OutboundHarness<A, M>;
    beforeAll(async () => {
      harness = await start();
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('names the rate-limit keys a send counts against, each with its limit', () => {
      const keys = harness.channel.rateKeys(harness.address);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key.limit?.perSecond).toBeGreaterThan(0);
    });

    it('sends once and says it was sent, with the id to thread under or replace', async () => {
      const before = harness.accepted();
      const outcome = await harness.channel.send(harness.address, harness.message(1));
      expect(outcome).toMatchObject({ kind: 'sent', ref: { conversationId: expect.any(String), messageId: expect.stringMatching(/\S/u) } });
      expect(harness.accepted()).toBe(before + 1);
    });

    it('replaces a sent message in place where the channel can', async (context) => {
      const replace = harness.channel.replace;
      if (!replace) return skipBecause(context, harness.cannot?.replace, 'replace');
      const sent = await harness.channel.send(harness.address, harness.message(2));
      if (sent.kind !== 'sent') throw new Error(`not sent: ${JSON.stringify(sent)}`);
      const before = harness.accepted();
      expect(await replace.call(harness.channel, harness.address, sent.ref, harness.message(3))).toMatchObject({ kind: 'sent', ref: sent.ref });
      // In place: no new message.
      expect(harness.accepted()).toBe(before);
    });

    it('a 429 with Retry-After is "retry after" those seconds, and nothing was sent', async (context) => {
      if (!harness.throttleNext) return skipBecause(context, harness.cannot?.throttle, 'throttle');
      const before = harness.accepted();
      harness.throttleNext(7);
      expect(expectRetry(await harness.channel.send(harness.address, harness.message(4))).afterSeconds).toBe(7);
      expect(harness.accepted()).toBe(before);
    });

    it('a passing fault is "retry" with no wait of its own (the retry policy backs off)', async () => {
      const before = harness.accepted();
      harness.failPassingNext();
      const outcome = expectRetry(await harness.channel.send(harness.address, harness.message(5)));
      expect(outcome.afterSeconds).toBeUndefined();
      expect(outcome.reason).toMatch(/\S/u);
      expect(harness.accepted()).toBe(before);
    });

    it('an address that is gone is "gone", with a reason', async (context) => {
      if (!harness.goneAddress) return skipBecause(context, harness.cannot?.gone, 'gone');
      const outcome = await harness.channel.send(harness.goneAddress(), harness.message(6));
      expect(outcome).toMatchObject({ kind: 'gone', reason: expect.stringMatching(/\S/u) });
    });

    it('a refusal is "refused" with the reason, and nothing was sent', async () => {
      const before = harness.accepted();
      harness.refuseNext();
      const outcome = await harness.channel.send(harness.address, harness.message(7));
      expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/\S/u) });
      expect(harness.accepted()).toBe(before);
    });
  });
}
