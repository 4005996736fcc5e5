import type { TicketFieldDefinition, TicketType } from '../knowledge/index.js';
import { hasControlCharacter, hiddenCharacter, normalizeLineBreaks } from '../contacts/index.js';
import { fieldError, fieldProblem, type FieldError } from '../errors/index.js';
import { validateDate, validateEmail, validateHsaId, validatePersonnummer, validatePhone, validatePublicIpv4List, type Validated } from './validators.js';

const TEXT_LIMITS = { text: 300, multiline: 5000 } as const;

/** A multi-line value keeps its line breaks (as LF) and tabs; nothing else it could hide. */
function validateMultiline(field: TicketFieldDefinition, raw: string): Validated {
  const value = normalizeLineBreaks(raw);
  const hidden = hiddenCharacter(value);
  if (hidden) return { ok: false, problem: fieldProblem('hidden-character', { character: hidden, label: field.label }) };
  return value.length > TEXT_LIMITS.multiline ? { ok: false, problem: fieldProblem('too-long', { max: TEXT_LIMITS.multiline }) } : { ok: true, value };
}

function validateField(field: TicketFieldDefinition, raw: string, now: Date): Validated {
  if (field.type === 'multiline') return validateMultiline(field, raw);
  // Every other field is one line of the email staff act on: a line break would let the sender add
  // lines of their own ("Bcc: …", "Inskickat av: …"). Refused before the type's own check, so the
  // message is the same for every type.
  if (hasControlCharacter(raw)) return { ok: false, problem: fieldProblem('not-one-line', { label: field.label }) };
  switch (field.type) {
    case 'text':
      return raw.length > TEXT_LIMITS.text ? { ok: false, problem: fieldProblem('too-long', { max: TEXT_LIMITS.text }) } : { ok: true, value: raw };
    case 'personnummer':
      return validatePersonnummer(raw);
    case 'hsa-id':
      return validateHsaId(raw);
    case 'email':
      return validateEmail(raw);
    case 'phone':
      return validatePhone(raw);
    case 'ipv4-public':
      return validatePublicIpv4List(raw);
    case 'date':
      return validateDate(raw, { now });
    case 'date-not-past':
      return validateDate(raw, { now, notInPast: true });
    case 'choice': {
      const option = field.options?.find((candidate) => [candidate.sv, candidate.en].some((label) => label.toLowerCase() === raw.trim().toLowerCase()));
      return option ? { ok: true, value: option.sv } : { ok: false, problem: fieldProblem('choice', { options: field.options ?? [] }) };
    }
  }
}

/**
 * Checks every field of a ticket type, field by field, with what is wrong as codes the bot words. Unknown
 * fields are refused (a typo in a field name must not silently drop the value).
 */
export function validateTicketFields(type: TicketType, values: Readonly<Record<string, string>>, now: Date): { ok: true; values: Record<string, string> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const result: Record<string, string> = {};
  const known = new Set(type.fields.map((field) => field.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push(fieldError(key, 'unknown-field', { known: [...known] }));
  }
  for (const field of type.fields) {
    const raw = values[field.key]?.trim() ?? '';
    if (raw === '') {
      if (field.required) errors.push(fieldError(field.key, 'required', { label: field.label }));
      continue;
    }
    const validated = validateField(field, raw, now);
    if (validated.ok) result[field.key] = validated.value;
    else errors.push({ field: field.key, ...validated.problem });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values: result };
}
