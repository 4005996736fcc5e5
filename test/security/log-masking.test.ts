import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/log/index.js';

const PERSONNUMMER = '19121212-1212';
const PHONE = '070-123 45 67';
// What must never appear in a log line: the secret digits of either, in any spelling.
const LEAK = /1212-1212|191212121212|123 45 67|0701234567/u;

/** A real logger writing into memory; each log line parsed. */
function capturingLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  let output = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8');
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  return {
    logger,
    text: () => output,
    lines: () => output.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('the logger masks personal data wherever the code puts it', () => {
  it('inside an error, its message, stack and cause chain', () => {
    const { logger, text, lines } = capturingLogger();
    const cause = new Error(`Ingen användare med personnummer ${PERSONNUMMER}`);
    logger.error({ err: new Error('Kontot kunde inte läggas upp', { cause }) }, 'ticket delivery failed');
    const [line] = lines();
    expect(line).toMatchObject({ level: 'error', msg: 'ticket delivery failed', err: { type: 'Error' } });
    // The cause is still there to debug with, masked.
    expect(JSON.stringify(line)).toContain('Ingen användare med personnummer 19121212-****');
    expect(text()).not.toMatch(LEAK);
  });

  it('inside an error logged on its own, and in its own properties', () => {
    const { logger, text, lines } = capturingLogger();
    logger.error(Object.assign(new Error(`SMTP refused mail for ${PERSONNUMMER}`), { phone: PHONE, detail: { caller: PHONE } }));
    const [line] = lines();
    expect(line).toMatchObject({ msg: 'SMTP refused mail for 19121212-****', err: { phone: '070-1** ** **', detail: { caller: '070-1** ** **' } } });
    expect(text()).not.toMatch(LEAK);
  });

  it('inside an aggregate error and an error that is its own cause', () => {
    const { logger, text, lines } = capturingLogger();
    const looping = new Error(`loop ${PERSONNUMMER}`);
    (looping as { cause?: unknown }).cause = looping;
    logger.error({ err: new AggregateError([new Error(`first ${PHONE}`), looping], 'several failed') }, 'batch');
    expect(lines()).toHaveLength(1);
    expect(text()).toContain('first 070-1** ** **');
    expect(text()).not.toMatch(LEAK);
  });

  it('at any depth, and through cycles', () => {
    const { logger, text, lines } = capturingLogger();
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: PERSONNUMMER } } } } } } } };
    const cyclic: Record<string, unknown> = { phone: PHONE };
    cyclic.self = cyclic;
    logger.info({ deep, list: [[[[[[[PHONE]]]]]]], cyclic }, 'nested');
    expect(lines()).toHaveLength(1);
    expect(text()).not.toMatch(LEAK);
  });

  it('in a child logger’s bindings, format arguments and numbers', () => {
    const { logger, text, lines } = capturingLogger();
    logger.child({ requester: PERSONNUMMER }).info('filed');
    logger.child({ platform: 'teams' }).child({ caller: PHONE }).info('grandchild');
    logger.info('calling %s about %s', PHONE, PERSONNUMMER);
    logger.info({ personnummer: 191212121212 }, 'as a number');
    expect(lines().map((line) => line.msg)).toEqual(['filed', 'grandchild', 'calling 070-1** ** ** about 19121212-****', 'as a number']);
    expect(text()).not.toMatch(LEAK);
  });

  it('keeps what is not personal data as it was', () => {
    const { logger, lines } = capturingLogger();
    const at = new Date('2026-12-13T07:00:00.000Z');
    logger.info({ at, attempts: 3, retryInMs: 5_000, ok: true, ids: ['GBG-2026-0042'] }, 'kept');
    expect(lines()[0]).toMatchObject({ at: '2026-12-13T07:00:00.000Z', attempts: 3, retryInMs: 5_000, ok: true, ids: ['GBG-2026-0042'] });
  });
});
