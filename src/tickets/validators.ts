import personnummerModule from 'personnummer';
import { normalizeOrgNumber, normalizePhone } from '../contacts/index.js';
import { fieldProblem, type FieldErrorCode, type FieldProblem, type NonPublicRange, type ParamsOf } from '../errors/index.js';
import { stockholmDate } from '../time/index.js';

// CommonJS whose module.exports is the class, typed as an ES default export: accept both shapes.
const Personnummer = ((personnummerModule as unknown as { default?: unknown }).default ?? personnummerModule) as typeof personnummerModule.default;

/** A value as stored, or what is wrong with it (a code and its data, for the bot to word). */
export type Validated = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: FieldProblem };

const valid = (value: string): Validated => ({ ok: true, value });
const invalid = <C extends FieldErrorCode>(code: C, ...params: ParamsOf<C>): Validated => ({ ok: false, problem: fieldProblem(code, ...params) });

/**
 * Personnummer (or samordningsnummer) in 10 or 12 digits, with or without - or +, checked with its
 * control digit; stored as 12 digits ÅÅÅÅMMDDNNNN.
 */
export function validatePersonnummer(input: string): Validated {
  const compact = input.trim().replace(/\s/gu, '');
  if (!/^(\d{6}|\d{8})[-+]?\d{4}$/u.test(compact)) return invalid('personnummer-format');
  if (!Personnummer.valid(compact)) return invalid('personnummer-invalid');
  return valid(Personnummer.parse(compact).format(true));
}

// An HSA-id is at most 31 characters in all (the HSA catalogue's limit), prefix and hyphen included.
const HSA_ID_MAX = 31;

/**
 * HSA-id: "SE", the organisation's 10-digit organisationsnummer, a hyphen and the local id, e.g.
 * SE2321000016-1003 or SE5560360793-ab12. Only the prefix is normalised to "SE": the local id is kept
 * as typed, since the catalogue's ids are not case-insensitive everywhere they are used. The
 * organisationsnummer inside is checked (control digit) like any other.
 */
export function validateHsaId(input: string): Validated {
  const typed = input.trim();
  if (!/^se/iu.test(typed)) return invalid('hsa-id');
  const value = `SE${typed.slice(2)}`;
  const match = /^SE(\d{10})-([0-9A-Za-z]+)$/u.exec(value);
  if (!match) {
    if (!/^SE\d{10}/u.test(value)) return invalid('hsa-id-org-digits');
    if (value[12] !== '-') return invalid('hsa-id-hyphen');
    return invalid('hsa-id-characters');
  }
  if (value.length > HSA_ID_MAX) return invalid('hsa-id-too-long', { max: HSA_ID_MAX, length: value.length });
  if (!normalizeOrgNumber(match[1]!)) return invalid('hsa-id-org-number', { orgNumber: match[1]! });
  return valid(value);
}

export function validateEmail(input: string): Validated {
  const value = input.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/u.test(value)) return invalid('email');
  return valid(value);
}

export function validatePhone(input: string): Validated {
  const value = normalizePhone(input);
  return value ? valid(value) : invalid('phone');
}

/** Address blocks that are not reachable on the internet, with why (the bot words it, naming the block). */
const NON_PUBLIC_RANGES: ReadonlyArray<{ readonly base: string; readonly bits: number; readonly range: NonPublicRange }> = [
  { base: '0.0.0.0', bits: 8, range: 'this-network' },
  { base: '10.0.0.0', bits: 8, range: 'private' },
  { base: '100.64.0.0', bits: 10, range: 'shared' },
  { base: '127.0.0.0', bits: 8, range: 'loopback' },
  { base: '169.254.0.0', bits: 16, range: 'link-local' },
  { base: '172.16.0.0', bits: 12, range: 'private' },
  { base: '192.0.0.0', bits: 24, range: 'protocol' },
  { base: '192.0.2.0', bits: 24, range: 'documentation' },
  { base: '192.168.0.0', bits: 16, range: 'private' },
  { base: '198.18.0.0', bits: 15, range: 'benchmarking' },
  { base: '198.51.100.0', bits: 24, range: 'documentation' },
  { base: '203.0.113.0', bits: 24, range: 'documentation' },
  { base: '224.0.0.0', bits: 4, range: 'multicast' },
  { base: '240.0.0.0', bits: 4, range: 'reserved' },
];

function toNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/u.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
}

/** Why an IPv4 address cannot be a public fixed address, or undefined when it can. */
export function nonPublicReason(address: string): NonPublicRange | undefined {
  const value = toNumber(address);
  if (value === undefined) return 'not-ipv4';
  for (const block of NON_PUBLIC_RANGES) {
    const size = 2 ** (32 - block.bits);
    const base = toNumber(block.base)!;
    if (value >= base && value < base + size) return block.range;
  }
  return undefined;
}

/** One or more public IPv4 addresses, separated by commas, semicolons or spaces. */
export function validatePublicIpv4List(input: string): Validated {
  const addresses = input.split(/[\s,;]+/u).filter(Boolean);
  if (addresses.length === 0) return invalid('ipv4-missing');
  const problems = addresses.flatMap((address) => {
    const range = nonPublicReason(address);
    return range ? [{ address, range }] : [];
  });
  if (problems.length > 0) return invalid('ipv4-not-public', { addresses: problems });
  return valid([...new Set(addresses)].join(', '));
}

/** A calendar date YYYY-MM-DD that exists; with `notInPast`, today (in Stockholm) or later. */
export function validateDate(input: string, options: { readonly now: Date; readonly notInPast?: boolean }): Validated {
  const value = input.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!match) return invalid('date-format');
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return invalid('date-nonexistent', { value });
  if (options.notInPast && value < stockholmDate(options.now)) return invalid('date-past', { today: stockholmDate(options.now) });
  return valid(value);
}
