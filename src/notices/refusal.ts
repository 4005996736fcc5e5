import type { FieldError, Refusal } from '../errors/index.js';

/**
 * Why the notice service refused, with the data needed to say so: the bot words it in the user's
 * language and the CLI in Swedish, so the service itself says nothing in any language.
 */
export type NoticeRefusal =
  /** Field by field in `errors` of the failure. */
  | { readonly kind: 'fields-invalid' }
  | { readonly kind: 'not-found'; readonly noticeId: string }
  /** Only the municipality's staff (and administrators) change its notices. */
  | { readonly kind: 'not-staff-of'; readonly municipality: string }
  /** Only registered IT-contacts of the municipality choose systems to follow. */
  | { readonly kind: 'not-contact-of'; readonly municipality: string }
  /** Still a draft, so it cannot be updated, corrected or cancelled. */
  | { readonly kind: 'draft'; readonly noticeId: string; readonly action: 'update' | 'correct' | 'cancel' }
  /** Already published, so it cannot be published again, edited as a draft or discarded. */
  | { readonly kind: 'published'; readonly noticeId: string; readonly action: 'publish' | 'edit' | 'discard' }
  /** Resolved, cancelled or completed: `state` says which. */
  | { readonly kind: 'ended'; readonly noticeId: string; readonly state: 'closed' | 'cancelled' | 'completed' }
  /** Archived (its deliveries removed) on `archivedOn` (a Stockholm date, when known), after `retentionDays`. */
  | { readonly kind: 'archived'; readonly noticeId: string; readonly archivedOn: string | null; readonly retentionDays: number };

/** A notice operation's failure: the kind (`code`), why (`reason`) and, when invalid, the fields at fault. */
export type NoticeFailure = Refusal<NoticeRefusal>;

/** A notice operation's result: the value, or why not. */
export type NoticeOutcome<T> = { readonly ok: true; readonly value: T } | NoticeFailure;

export function refuse(code: NoticeFailure['code'], reason: NoticeRefusal, errors: readonly FieldError[] = []): NoticeFailure {
  return { ok: false, code, reason, errors };
}

/** A failure for fields at fault, as the form or the command shows them. */
export function fieldsInvalid(errors: readonly FieldError[]): NoticeFailure {
  return refuse('invalid', { kind: 'fields-invalid' }, errors);
}
