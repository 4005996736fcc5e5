import { fieldError, type FieldError } from '../errors/index.js';
import type { Principal } from './model.js';
import { upsertContact } from './contact-upsert.js';
import { checkMunicipality, type RegistryContext } from './registry-context.js';
import { validateContactInput, type ValidContactInput } from './validation.js';

export interface ImportRow {
  /** The line in the file, for error messages. */
  readonly line: number;
  readonly values: Record<string, string>;
}

export interface ImportReport {
  readonly applied: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly invalid: ReadonlyArray<{ readonly line: number; readonly errors: readonly FieldError[] }>;
}

/**
 * Imports rows (from a CSV file). Every row is validated first; with any bad row nothing is
 * imported unless `skipInvalid` is set. Re-importing the same rows changes nothing.
 */
export async function importContacts(context: RegistryContext, principal: Principal, rows: readonly ImportRow[], options: { skipInvalid: boolean }): Promise<ImportReport> {
  const valid: ValidContactInput[] = [];
  const invalid: Array<{ line: number; errors: FieldError[] }> = [];
  for (const row of rows) {
    const validated = validateContactInput(row.values);
    if (!validated.ok) {
      invalid.push({ line: row.line, errors: validated.errors });
      continue;
    }
    const refused = checkMunicipality(context, principal, validated.value.municipality);
    // Refused for its municipality: the wrong one is named, the one the operator may not manage is forbidden there.
    if (refused) invalid.push({ line: row.line, errors: refused.code === 'invalid' ? [...refused.errors] : [fieldError('municipality', 'forbidden-municipality', { municipality: validated.value.municipality })] });
    else valid.push(validated.value);
  }
  if (invalid.length > 0 && !options.skipInvalid) return { applied: false, created: 0, updated: 0, unchanged: 0, invalid };
  const counts = await context.repository.write(async (transaction) => {
    const tally = { created: 0, updated: 0, unchanged: 0 };
    for (const value of valid) tally[(await upsertContact(context, transaction, principal, value, [])).change] += 1;
    return tally;
  });
  return { applied: true, ...counts, invalid };
}
