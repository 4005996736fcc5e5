import type { FieldError } from '../errors/index.js';
import type { HandledElsewhereNote } from '../knowledge/index.js';

/**
 * Why the ticket service refused, with the data needed to say so: the bot words it in the user's
 * language and the CLI in Swedish, so the service itself says nothing in any language.
 */
export type TicketRefusal =
  | { readonly kind: 'unknown-municipality'; readonly municipality: string; readonly known: readonly string[] }
  | { readonly kind: 'unknown-type'; readonly municipality: string; readonly typeId: string; readonly known: readonly string[] }
  /** `type` names the ticket type only IT-contacts may file; null when any registered user may. */
  | { readonly kind: 'not-allowed-to-file'; readonly municipality: string; readonly type: { readonly sv: string; readonly en: string } | null }
  /**
   * The routine has this order made elsewhere (the municipality's e-service) and the municipality
   * has not chosen to take it through the bot: `note` says where, in the document's words.
   */
  | { readonly kind: 'ordered-elsewhere'; readonly municipality: string; readonly municipalityName: string; readonly type: { readonly sv: string; readonly en: string }; readonly note: HandledElsewhereNote }
  /** The routine names no one to send it to (`quote` is what the document says); filing it would reach no one. */
  | { readonly kind: 'no-destination'; readonly municipality: string; readonly municipalityName: string; readonly type: { readonly sv: string; readonly en: string }; readonly quote: string }
  /** Field by field in `errors` of the failure. */
  | { readonly kind: 'fields-invalid' }
  | { readonly kind: 'not-found'; readonly ticketId: string }
  | { readonly kind: 'only-requester-rates' }
  | { readonly kind: 'not-resolved' }
  | { readonly kind: 'empty-message' }
  | { readonly kind: 'closed'; readonly ticketId: string }
  | { readonly kind: 'no-access'; readonly municipality: string }
  | { readonly kind: 'only-staff-change-status' }
  /** Asking for more or rejecting needs a note for the requester. */
  | { readonly kind: 'note-required' };

/** A ticket operation's result: the value, or why not (`code` for the kind of failure, `reason` for its wording). */
export type TicketOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'forbidden' | 'not-found' | 'conflict' | 'invalid'; readonly reason: TicketRefusal; readonly errors: readonly FieldError[] };

export type TicketFailure = Extract<TicketOutcome<never>, { ok: false }>;

export function refuse(code: TicketFailure['code'], reason: TicketRefusal, errors: readonly FieldError[] = []): TicketFailure {
  return { ok: false, code, reason, errors };
}

