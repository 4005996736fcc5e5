import organisationsnummerModule from 'organisationsnummer';
import { z } from 'zod';
import type { ContactLanguage } from './model.js';
import { fieldError, type FieldError } from '../errors/index.js';
import { hasControlCharacter } from './plain-text.js';

// The package is CommonJS whose module.exports is the class itself, while its types declare an ES
// default export; under Node's ESM interop the default import is module.exports. Accept both.
const Organisationsnummer = ((organisationsnummerModule as unknown as { default?: unknown }).default ?? organisationsnummerModule) as typeof organisationsnummerModule.default;

/** "5560360793", "556036-0793" → "556036-0793" when it is a valid organisationsnummer (Luhn). */
export function normalizeOrgNumber(input: string): string | undefined {
  const digits = input.replace(/[\s-]/gu, '');
  if (!/^\d{10}$/u.test(digits)) return undefined;
  if (!Organisationsnummer.valid(digits)) return undefined;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** Swedish phone numbers in any common form → E.164 (+46…), or undefined. */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s()-]/gu, '');
  let national: string;
  if (/^\+46\d{7,10}$/u.test(compact)) national = compact.slice(3);
  else if (/^0046\d{7,10}$/u.test(compact)) national = compact.slice(4);
  else if (/^0\d{7,10}$/u.test(compact)) national = compact.slice(1);
  else return undefined;
  if (national.startsWith('0')) return undefined;
  return `+46${national}`;
}

/** +46701234567 → 070-123 45 67 (mobile) or 031-368 68 00 style for display. */
export function formatPhone(e164: string): string {
  const national = `0${e164.slice(3)}`;
  // Stockholm's area code is 08; every other number reads well as a three-digit prefix.
  const areaLength = national.startsWith('08') ? 2 : 3;
  const area = national.slice(0, areaLength);
  const rest = national.slice(areaLength);
  const groups = rest.length === 7 ? [rest.slice(0, 3), rest.slice(3, 5), rest.slice(5)] : rest.length === 6 ? [rest.slice(0, 2), rest.slice(2, 4), rest.slice(4)] : [rest];
  return `${area}-${groups.join(' ')}`;
}

/** For lists others see: "070-123 ** **". */
export function maskPhone(e164: string): string {
  const shown = formatPhone(e164);
  return shown.replace(/(\d)(?=[\d ]{0,5}$)/gu, '*');
}

/** For lists others see: "556036-****". */
export function maskOrgNumber(orgNumber: string): string {
  return `${orgNumber.slice(0, 7)}****`;
}

// One line each: names reach the ticket email ("Inskickat av: …") and the CSV export. The zod
// messages are field error codes, turned into FieldErrors (with their params) by validateContactInput.
const text = (max = 200) =>
  z
    .string({ required_error: 'required' })
    .trim()
    .min(1, 'required')
    .max(max, 'too-long')
    .refine((value) => !hasControlCharacter(value), 'not-one-line');

/** What a registration or a new contact must contain; what is wrong is said by field error codes. */
export const contactInputSchema = z.object({
  municipality: text(50),
  providerName: text(),
  orgNumber: z
    .string({ required_error: 'required' })
    .trim()
    .min(1, 'required')
    .transform((value, context) => {
      const normalized = normalizeOrgNumber(value);
      if (!normalized) {
        context.addIssue({ code: 'custom', message: 'org-number' });
        return z.NEVER;
      }
      return normalized;
    }),
  name: text(),
  email: z.string({ required_error: 'required' }).trim().toLowerCase().min(1, 'required').email('email'),
  phone: z
    .string({ required_error: 'required' })
    .trim()
    .min(1, 'required')
    .transform((value, context) => {
      const normalized = normalizePhone(value);
      if (!normalized) {
        context.addIssue({ code: 'custom', message: 'phone' });
        return z.NEVER;
      }
      return normalized;
    }),
  /** "sv"/"svenska"/"swedish" or "en"/"engelska"/"english"; empty or absent: unchanged (Swedish for a new contact). */
  language: z
    .string()
    .trim()
    .optional()
    .transform((value, context): ContactLanguage | undefined => {
      if (!value) return undefined;
      const language = parseContactLanguage(value);
      if (!language) {
        context.addIssue({ code: 'custom', message: 'language' });
        return z.NEVER;
      }
      return language;
    }),
});

/** A language as people write it ("sv", "svenska", "English") → its code; undefined for any other. */
export function parseContactLanguage(value: string): ContactLanguage | undefined {
  const folded = value.trim().toLowerCase();
  if (['sv', 'svenska', 'swedish', 'sv-se'].includes(folded)) return 'sv';
  if (['en', 'engelska', 'english', 'en-gb', 'en-us'].includes(folded)) return 'en';
  return undefined;
}

export type ContactInput = z.input<typeof contactInputSchema>;
export type ValidContactInput = z.output<typeof contactInputSchema>;

/** A zod issue of contactInputSchema as the field error it stands for (its message is the code). */
function toFieldError(issue: z.ZodIssue): FieldError {
  const field = String(issue.path[0] ?? '');
  switch (issue.message) {
    case 'too-long':
      return fieldError(field, 'too-long', { max: issue.code === 'too_big' ? Number(issue.maximum) : 0 });
    case 'not-one-line':
      return fieldError(field, 'not-one-line');
    case 'org-number':
    case 'email':
    case 'phone':
    case 'language':
      return fieldError(field, issue.message);
    default:
      // 'required', and zod's own issues (a value of the wrong type): the field has no usable value.
      return fieldError(field, 'required');
  }
}

/** Validates contact input; field errors carry the field name and a code for the bot to word. */
export function validateContactInput(input: Record<string, unknown>): { ok: true; value: ValidContactInput } | { ok: false; errors: FieldError[] } {
  const result = contactInputSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map(toFieldError) };
}
