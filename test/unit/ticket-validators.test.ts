import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonPublicReason, validateDate, validateHsaId, validatePersonnummer, validatePublicIpv4List } from '../../src/tickets/validators.js';
import { wordFieldErrors } from '../../src/bot/index.js';

/** The Luhn control digit over the 9 digits ÅÅMMDDNNN, computed independently of the library. */
function controlDigit(nine: string): number {
  const sum = [...nine].reduce((total, char, index) => {
    const product = Number(char) * (index % 2 === 0 ? 2 : 1);
    return total + Math.floor(product / 10) + (product % 10);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

// Born within the last 100 years, so the 10-digit form takes a hyphen (a plus marks 100 or older).
const birth = fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2019-12-31T00:00:00Z'), noInvalidDate: true });
// Serial 000 is never issued.
const serial = fc.integer({ min: 1, max: 999 }).map((value) => String(value).padStart(3, '0'));

describe('personnummer', () => {
  it('accepts every valid number in 10 and 12 digits, with or without hyphen, and stores 12 digits', () => {
    fc.assert(
      fc.property(birth, serial, (date, digits) => {
        const yyyymmdd = date.toISOString().slice(0, 10).replace(/-/gu, '');
        const nine = `${yyyymmdd.slice(2)}${digits}`;
        const last4 = `${digits}${controlDigit(nine)}`;
        const twelve = `${yyyymmdd}${last4}`;
        for (const form of [twelve, `${yyyymmdd}-${last4}`, `${yyyymmdd.slice(2)}-${last4}`]) {
          const result = validatePersonnummer(form);
          expect(result, form).toEqual({ ok: true, value: twelve });
        }
      }),
    );
  });

  it('rejects a number whose control digit is wrong', () => {
    fc.assert(
      fc.property(birth, serial, fc.integer({ min: 1, max: 9 }), (date, digits, offset) => {
        const yyyymmdd = date.toISOString().slice(0, 10).replace(/-/gu, '');
        const nine = `${yyyymmdd.slice(2)}${digits}`;
        const wrong = (controlDigit(nine) + offset) % 10;
        expect(validatePersonnummer(`${yyyymmdd}${digits}${wrong}`).ok).toBe(false);
      }),
    );
  });

  it('says whether the form or the number is wrong', () => {
    expect(validatePersonnummer('12345')).toEqual({ ok: false, problem: { code: 'personnummer-format', params: {} } });
    expect(validatePersonnummer('19121212-1213')).toEqual({ ok: false, problem: { code: 'personnummer-invalid', params: {} } });
  });
});

describe('public IPv4 addresses', () => {
  // An independent reference: Node's own BlockList with the same special-purpose ranges (RFC 6890).
  const reference = new BlockList();
  for (const [base, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
    reference.addSubnet(base, bits, 'ipv4');
  }
  const address = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((octets) => octets.join('.'));

  it('calls an address public exactly when no special-purpose range contains it', () => {
    fc.assert(
      fc.property(address, (ip) => {
        expect(nonPublicReason(ip) === undefined).toBe(!reference.check(ip, 'ipv4'));
      }),
      { numRuns: 2000 },
    );
  });

  it('says why a private, loopback or reserved address is refused', () => {
    const refused = (addresses: Array<{ address: string; range: string }>) => ({ ok: false, problem: { code: 'ipv4-not-public', params: { addresses } } });
    expect(validatePublicIpv4List('192.168.1.10')).toEqual(refused([{ address: '192.168.1.10', range: 'private' }]));
    expect(validatePublicIpv4List('127.0.0.1')).toEqual(refused([{ address: '127.0.0.1', range: 'loopback' }]));
    expect(validatePublicIpv4List('81.2.3.4, 250.1.1.1, 81.2.3.256')).toEqual(refused([{ address: '250.1.1.1', range: 'reserved' }, { address: '81.2.3.256', range: 'not-ipv4' }]));
    expect(validatePublicIpv4List(' ,; ')).toEqual({ ok: false, problem: { code: 'ipv4-missing', params: {} } });
    expect(validatePublicIpv4List('81.2.3.4, 81.2.3.5; 81.2.3.4')).toEqual({ ok: true, value: '81.2.3.4, 81.2.3.5' });
  });
});

describe('other fields', () => {
  it('keeps an HSA-id as typed, normalising only the SE prefix', () => {
    expect(validateHsaId('se2321000016-1003')).toEqual({ ok: true, value: 'SE2321000016-1003' });
    expect(validateHsaId(' Se5560360793-aB12x ')).toEqual({ ok: true, value: 'SE5560360793-aB12x' });
  });

  it('says what is wrong with an HSA-id', () => {
    const message = (input: string): string => {
      const result = validateHsaId(input);
      // Worded as the bot words it for a Swedish user.
      return result.ok ? `accepted ${result.value}` : wordFieldErrors([{ field: 'hsaId', ...result.problem }], 'sv')[0]!.message;
    };
    expect(message('2321000016-1003')).toMatch(/börjar med SE/u);
    expect(message('SE232100-0016-1003')).toMatch(/I HSA-id står organisationsnumret med tio siffror direkt efter SE/u);
    expect(message('SE23210000161003')).toMatch(/I HSA-id står ett bindestreck och id:t/u);
    expect(message('SE2321000016-10 03')).toMatch(/i HSA-id får bara ha bokstäver a–z och siffror/u);
    // The organisationsnummer's control digit is checked, as for any organisationsnummer.
    expect(message('SE2321000017-1003')).toMatch(/Organisationsnumret 2321000017 .*inte giltigt/u);
    // 31 characters in all is the most: SE + 10 digits + hyphen leaves 18 for the id.
    expect(message(`SE2321000016-${'a'.repeat(18)}`)).toBe(`accepted SE2321000016-${'a'.repeat(18)}`);
    expect(message(`SE2321000016-${'a'.repeat(19)}`)).toMatch(/högst 31 tecken; det här har 32/u);
  });

  it('checks dates in Stockholm time, including "not in the past"', () => {
    // 23:30 UTC on 30 Nov is already 1 Dec in Stockholm.
    const now = new Date('2026-11-30T23:30:00Z');
    expect(validateDate('2026-11-30', { now, notInPast: true })).toEqual({ ok: false, problem: { code: 'date-past', params: { today: '2026-12-01' } } });
    expect(validateDate('2026-12-01', { now, notInPast: true })).toEqual({ ok: true, value: '2026-12-01' });
    expect(validateDate('2026-02-30', { now })).toEqual({ ok: false, problem: { code: 'date-nonexistent', params: { value: '2026-02-30' } } });
    expect(validateDate('1/12', { now })).toEqual({ ok: false, problem: { code: 'date-format', params: {} } });
  });
});
