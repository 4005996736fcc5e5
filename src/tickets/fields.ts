import type { TicketFieldDefinition, TicketType } from '../knowledge/index.js';
import type { FieldError } from '../contacts/index.js';
import { validateDate, validateEmail, validateHsaId, validatePersonnummer, validatePhone, validatePublicIpv4List, type Validated } from './validators.js';

function validateField(field: TicketFieldDefinition, raw: string, now: Date): Validated {
  switch (field.type) {
    case 'text':
    case 'multiline': {
      const value = raw.trim();
      const limit = field.type === 'text' ? 300 : 5000;
      return value.length > limit ? { ok: false, message: `Högst ${limit} tecken` } : { ok: true, value };
    }
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
      return option ? { ok: true, value: option.sv } : { ok: false, message: `Välj en av: ${field.options?.map((candidate) => candidate.sv).join(', ')}` };
    }
  }
}

/**
 * Checks every field of a ticket type, field by field, with messages a user can act on. Unknown
 * fields are refused (a typo in a field name must not silently drop the value).
 */
export function validateTicketFields(type: TicketType, values: Readonly<Record<string, string>>, now: Date): { ok: true; values: Record<string, string> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const result: Record<string, string> = {};
  const known = new Set(type.fields.map((field) => field.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push({ field: key, message: `Ärendetypen har inget fält "${key}". Fälten är: ${[...known].join(', ')}` });
  }
  for (const field of type.fields) {
    const raw = values[field.key]?.trim() ?? '';
    if (raw === '') {
      if (field.required) errors.push({ field: field.key, message: `${field.label.sv} saknas` });
      continue;
    }
    const validated = validateField(field, raw, now);
    if (validated.ok) result[field.key] = validated.value;
    else errors.push({ field: field.key, message: validated.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values: result };
}
