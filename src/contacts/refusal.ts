import type { FieldError, Refusal } from '../errors/index.js';

/**
 * Why the registry refused, with the data needed to say so: the bot words it in the user's
 * language and the CLI in its own (see src/cli), so the service itself says nothing in any language.
 */
export type ContactRefusal =
  /** Field by field in `errors` of the failure. */
  | { readonly kind: 'fields-invalid' }
  | { readonly kind: 'unknown-municipality'; readonly municipality: string }
  /** What the principal may not do in a municipality: manage or see its contacts, read its audit log, decide its registrations. */
  | { readonly kind: 'not-your-municipality'; readonly municipality: string; readonly action: 'manage-contacts' | 'see-contacts' | 'see-audit' | 'decide-registration' }
  /** What only the municipality's staff (or administrators) may do. */
  | { readonly kind: 'staff-only'; readonly action: 'see-contacts' | 'change-contact' | 'deactivate-contact' | 'see-staff' | 'see-registrations' | 'see-audit' }
  /** What only administrators may do. */
  | { readonly kind: 'admin-only'; readonly action: 'add-staff' | 'remove-staff' }
  | { readonly kind: 'staff-needs-municipality' }
  | { readonly kind: 'staff-needs-identity' }
  | { readonly kind: 'not-found'; readonly what: 'contact' | 'staff' | 'registration'; readonly id: string }
  | { readonly kind: 'registration-pending'; readonly requestId: string }
  /** `by` is who decided, as the audit log names them. */
  | { readonly kind: 'registration-decided'; readonly approved: boolean; readonly by: string | null };

/** A registry operation's failure: the kind (`code`), why (`reason`) and, when invalid, the fields at fault. */
export type Failure = Refusal<ContactRefusal>;

/** A registry operation's result: the value, or why not. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | Failure;

export function refuse(code: Failure['code'], reason: ContactRefusal, errors: readonly FieldError[] = []): Failure {
  return { ok: false, code, reason, errors };
}

/** A registry operation that succeeded. */
export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const forbidden = (reason: ContactRefusal): Failure => refuse('forbidden', reason);

export const notFound = (what: 'contact' | 'staff' | 'registration', id: string): Failure => refuse('not-found', { kind: 'not-found', what, id });

export const fieldsInvalid = (errors: readonly FieldError[]): Failure => refuse('invalid', { kind: 'fields-invalid' }, errors);
