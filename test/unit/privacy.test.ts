import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../src/privacy/index.js';
import { createLogger } from '../../src/log/index.js';
import { Writable } from 'node:stream';

describe('personal data masking', () => {
  it.each([
    ['Användare 19121212-1212 saknar konto', '19121212-1212'],
    ['pnr 121212-1212', '121212-1212'],
    ['pnr 191212121212 ok', '191212121212'],
    ['ring 070-123 45 67', '070-123 45 67'],
    ['ring +46 70 123 45 67', '+46 70 123 45 67'],
    ['mobil 0701234567', '0701234567'],
  ])('masks %s', (text, secret) => {
    const masked = maskPersonalData(text);
    expect(masked).not.toContain(secret);
    expect(masked.replace(/\D/gu, '').length).toBeLessThan(text.replace(/\D/gu, '').length + 1);
  });

  // Every subscriber digit is hidden, whatever the format: a tail of two digits left is a leak.
  it.each(['0046 70 123 45 67', '+46 (0)70 123 45 67', '070 12 34 56 7', '08-123 456 78'])('masks the whole subscriber part of %s', (phone) => {
    const masked = maskPersonalData(`ring ${phone} i dag`);
    expect(masked.replace(/\D/gu, '').length).toBeLessThanOrEqual(4);
    expect(masked).toMatch(/ i dag$/u);
  });

  it('leaves ordinary numbers alone', () => {
    expect(maskPersonalData('minst 20 Mbit/s och 10 dagar, version 14, 2023-11-07')).toBe('minst 20 Mbit/s och 10 dagar, version 14, 2023-11-07');
  });

  it('never lets personal data into a log line, whatever the log call', () => {
    let output = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ ticket: { personnummer: '19121212-1212', phone: '070-123 45 67' } }, 'filed for 121212-1212');
    expect(output).toContain('filed for');
    expect(output).not.toMatch(/1212-1212|123 45 67|121212-1212/u);
  });
});
