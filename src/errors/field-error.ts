/** A name in both languages, as the knowledge base gives a ticket field's label or a choice's option. */
export interface BilingualName {
  readonly sv: string;
  readonly en: string;
}

/** Why an IPv4 address cannot be a public fixed address. */
export type NonPublicRange =
  | 'not-ipv4'
  | 'this-network'
  | 'private'
  | 'shared'
  | 'loopback'
  | 'link-local'
  | 'protocol'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'reserved';

/**
 * Why a planned outage breaks its municipality's rules (too little notice, outside the preferred
 * windows, which are given as the knowledge base has them: weekdays mon…sun or holiday, HH:MM).
 */
export type RuleViolation =
  | { readonly rule: 'minimum-notice'; readonly requiredDays: number; readonly actualDays: number }
  | { readonly rule: 'preferred-window'; readonly windows: ReadonlyArray<{ readonly days: readonly string[]; readonly from: string; readonly to: string }> };

/**
 * What can be wrong with one field of a form, a command or a CSV row, and the data needed to say
 * so. `label` is the field's name where the knowledge base gives it (ticket fields); without it the
 * bot names the field by its key.
 */
export interface FieldErrorParams {
  readonly required: { readonly label?: BilingualName };
  readonly 'too-long': { readonly max: number; readonly label?: BilingualName };
  /** A one-line field holds a line break, a tab or another control character. */
  readonly 'not-one-line': { readonly label?: BilingualName };
  /** A multi-line field holds a control character that would not show, as U+XXXX. */
  readonly 'hidden-character': { readonly character: string; readonly label?: BilingualName };
  readonly email: Record<string, never>;
  readonly phone: Record<string, never>;
  readonly 'org-number': Record<string, never>;
  readonly language: Record<string, never>;
  readonly 'personnummer-format': Record<string, never>;
  /** Well-formed, but no such date or a wrong control digit. */
  readonly 'personnummer-invalid': Record<string, never>;
  /** Does not start with SE (and the organisation number). */
  readonly 'hsa-id': Record<string, never>;
  /** SE is not followed by the ten digits of an organisation number. */
  readonly 'hsa-id-org-digits': Record<string, never>;
  /** No hyphen between the organisation number and the id. */
  readonly 'hsa-id-hyphen': Record<string, never>;
  /** The id after the hyphen has other characters than a–z and digits. */
  readonly 'hsa-id-characters': Record<string, never>;
  readonly 'hsa-id-too-long': { readonly max: number; readonly length: number };
  /** The organisation number inside fails its check digit. */
  readonly 'hsa-id-org-number': { readonly orgNumber: string };
  readonly 'ipv4-missing': Record<string, never>;
  readonly 'ipv4-not-public': { readonly addresses: ReadonlyArray<{ readonly address: string; readonly range: NonPublicRange }> };
  readonly 'date-format': Record<string, never>;
  readonly 'date-nonexistent': { readonly value: string };
  /** `today` is the Stockholm date it was checked on. */
  readonly 'date-past': { readonly today: string };
  readonly choice: { readonly options: readonly BilingualName[] };
  /** A field the ticket type does not have; `known` are the ones it has. */
  readonly 'unknown-field': { readonly known: readonly string[] };
  /** A municipality that is not one of `known` (the ids). */
  readonly 'unknown-municipality': { readonly municipality: string; readonly known: readonly string[] };
  /** A ticket type the municipality does not have; `known` are the ids of those it has. */
  readonly 'unknown-type': { readonly municipality: string; readonly known: readonly string[] };
  /** A municipality the principal may not manage (a CSV row for another one). */
  readonly 'forbidden-municipality': { readonly municipality: string };
  /** One of `options` is needed (ids, as they are written). */
  readonly 'one-of': { readonly options: readonly string[] };
  readonly 'unknown-system': { readonly system: string };
  readonly 'title-missing': Record<string, never>;
  readonly 'systems-missing': Record<string, never>;
  readonly 'window-missing': Record<string, never>;
  readonly 'window-order': Record<string, never>;
  readonly 'window-passed': Record<string, never>;
  /** A date and time the chat form could not read (start or end, by the field). */
  readonly 'date-time-format': Record<string, never>;
  readonly 'update-text-missing': Record<string, never>;
  readonly 'state-only-disruptions': Record<string, never>;
  readonly 'unknown-state': { readonly state: string; readonly known: readonly string[] };
  readonly 'nothing-changed': Record<string, never>;
  /** Publishing breaks the municipality's rules, and no reason was given: the violations are the notice service's. */
  readonly 'reason-required': { readonly violations: readonly RuleViolation[] };
  readonly 'cancel-reason-missing': Record<string, never>;
  /** Only planned outages are cancelled; only disruptions are resolved. */
  readonly 'wrong-kind': { readonly wanted: 'planned' | 'disruption' };
}

export type FieldErrorCode = keyof FieldErrorParams;

/** What is wrong with a value, before it is known which field it is: a code and its data. */
export type FieldProblem = { readonly [C in FieldErrorCode]: { readonly code: C; readonly params: FieldErrorParams[C] } }[FieldErrorCode];

/** One thing wrong with one field: a code and its data, worded by the bot (or the CLI) in the reader's language. */
export type FieldError = FieldProblem & { readonly field: string };

/** The params of a code, optional when it has none. */
export type ParamsOf<C extends FieldErrorCode> = Record<string, never> extends FieldErrorParams[C] ? [params?: FieldErrorParams[C]] : [params: FieldErrorParams[C]];

/** A problem, with its params typed by its code. */
export function fieldProblem<C extends FieldErrorCode>(code: C, ...params: ParamsOf<C>): FieldProblem {
  return { code, params: params[0] ?? {} } as FieldProblem;
}

/** A field error, with its params typed by its code. */
export function fieldError<C extends FieldErrorCode>(field: string, code: C, ...params: ParamsOf<C>): FieldError {
  return { field, ...fieldProblem(code, ...params) };
}

/** What kind of failure a service refusal is: the caller's to act on (HTTP status, exit code, retry). */
export type RefusalCode = 'forbidden' | 'not-found' | 'conflict' | 'invalid';

/**
 * A service's refusal, with the reason as data for the bot to word; `errors` names the fields at
 * fault when the code is `invalid` and is empty otherwise.
 */
export interface Refusal<R> {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly reason: R;
  readonly errors: readonly FieldError[];
}
