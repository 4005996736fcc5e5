import personnummerModule from 'personnummer';
import { normalizeOrgNumber, normalizePhone } from '../contacts/index.js';
import { stockholmDate } from '../time/index.js';

// CommonJS whose module.exports is the class, typed as an ES default export: accept both shapes.
const Personnummer = ((personnummerModule as unknown as { default?: unknown }).default ?? personnummerModule) as typeof personnummerModule.default;

export type Validated = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

const valid = (value: string): Validated => ({ ok: true, value });
const invalid = (message: string): Validated => ({ ok: false, message });

/**
 * Personnummer (or samordningsnummer) in 10 or 12 digits, with or without - or +, checked with its
 * control digit; stored as 12 digits ÅÅÅÅMMDDNNNN.
 */
export function validatePersonnummer(input: string): Validated {
  const compact = input.trim().replace(/\s/gu, '');
  if (!/^(\d{6}|\d{8})[-+]?\d{4}$/u.test(compact)) return invalid('Personnumret ska ha 10 eller 12 siffror, t.ex. 19121212-1212 eller 121212-1212');
  if (!Personnummer.valid(compact)) return invalid('Personnumret är inte giltigt: kontrollera datum och kontrollsiffra');
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
  const example = 't.ex. SE2321000016-1003';
  if (!/^se/iu.test(typed)) return invalid(`HSA-id börjar med SE och organisationsnumret, ${example}; du får det med SITHS-kortet`);
  const value = `SE${typed.slice(2)}`;
  const match = /^SE(\d{10})-([0-9A-Za-z]+)$/u.exec(value);
  if (!match) {
    if (!/^SE\d{10}/u.test(value)) return invalid(`I HSA-id står organisationsnumret med tio siffror direkt efter SE, utan bindestreck, ${example}`);
    if (value[12] !== '-') return invalid(`I HSA-id står ett bindestreck och id:t efter organisationsnumret, ${example}`);
    return invalid(`Id:t efter bindestrecket i HSA-id får bara ha bokstäver a–z och siffror, ${example}`);
  }
  if (value.length > HSA_ID_MAX) return invalid(`HSA-id har högst ${HSA_ID_MAX} tecken; det här har ${value.length}`);
  if (!normalizeOrgNumber(match[1]!)) return invalid(`Organisationsnumret ${match[1]} i HSA-id:t är inte giltigt: kontrollera siffrorna (kontrollsiffran stämmer inte)`);
  return valid(value);
}

export function validateEmail(input: string): Validated {
  const value = input.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/u.test(value)) return invalid('E-postadressen ser inte rätt ut, t.ex. anna@utforare.se');
  return valid(value);
}

export function validatePhone(input: string): Validated {
  const value = normalizePhone(input);
  return value ? valid(value) : invalid('Telefonnumret ska vara ett svenskt nummer, t.ex. 070-123 45 67');
}

/** Address blocks that are not reachable on the internet, with why, for the user to read. */
const NON_PUBLIC_RANGES: ReadonlyArray<{ readonly base: string; readonly bits: number; readonly reason: string }> = [
  { base: '0.0.0.0', bits: 8, reason: 'är en reserverad adress ("detta nätverk")' },
  { base: '10.0.0.0', bits: 8, reason: 'är en privat adress (10.0.0.0/8) som bara gäller i ert eget nät' },
  { base: '100.64.0.0', bits: 10, reason: 'är en delad adress hos operatören (CGNAT), inte en fast publik adress' },
  { base: '127.0.0.0', bits: 8, reason: 'är en loopback-adress (datorn själv)' },
  { base: '169.254.0.0', bits: 16, reason: 'är en länklokal adress som datorn tar när den inte fått någon adress' },
  { base: '172.16.0.0', bits: 12, reason: 'är en privat adress (172.16.0.0/12) som bara gäller i ert eget nät' },
  { base: '192.0.0.0', bits: 24, reason: 'är reserverad för protokolländamål' },
  { base: '192.0.2.0', bits: 24, reason: 'är en exempeladress för dokumentation' },
  { base: '192.168.0.0', bits: 16, reason: 'är en privat adress (192.168.0.0/16) som bara gäller i ert eget nät' },
  { base: '198.18.0.0', bits: 15, reason: 'är reserverad för prestandatester' },
  { base: '198.51.100.0', bits: 24, reason: 'är en exempeladress för dokumentation' },
  { base: '203.0.113.0', bits: 24, reason: 'är en exempeladress för dokumentation' },
  { base: '224.0.0.0', bits: 4, reason: 'är en multicast-adress' },
  { base: '240.0.0.0', bits: 4, reason: 'är reserverad (240.0.0.0/4) och används inte på internet' },
];

function toNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/u.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
}

/** Why an IPv4 address cannot be a public fixed address, or undefined when it can. */
export function nonPublicReason(address: string): string | undefined {
  const value = toNumber(address);
  if (value === undefined) return 'är ingen IPv4-adress (fyra tal 0–255 med punkt emellan, t.ex. 81.2.3.4)';
  for (const range of NON_PUBLIC_RANGES) {
    const size = 2 ** (32 - range.bits);
    const base = toNumber(range.base)!;
    if (value >= base && value < base + size) return range.reason;
  }
  return undefined;
}

/** One or more public IPv4 addresses, separated by commas, semicolons or spaces. */
export function validatePublicIpv4List(input: string): Validated {
  const addresses = input.split(/[\s,;]+/u).filter(Boolean);
  if (addresses.length === 0) return invalid('Ange minst en fast publik IPv4-adress, t.ex. 81.2.3.4');
  const problems = addresses.map((address) => ({ address, reason: nonPublicReason(address) })).filter((problem) => problem.reason);
  if (problems.length > 0) return invalid(problems.map((problem) => `${problem.address} ${problem.reason}`).join('; '));
  return valid([...new Set(addresses)].join(', '));
}

/** A calendar date YYYY-MM-DD that exists; with `notInPast`, today (in Stockholm) or later. */
export function validateDate(input: string, options: { readonly now: Date; readonly notInPast?: boolean }): Validated {
  const value = input.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!match) return invalid('Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-31');
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return invalid(`${value} finns inte i kalendern`);
  if (options.notInPast && value < stockholmDate(options.now)) return invalid(`Datumet har redan passerat (i dag är det ${stockholmDate(options.now)})`);
  return valid(value);
}
