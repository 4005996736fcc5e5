import type { FieldError } from '../contacts/index.js';
import type { Answer, Language } from '../knowledge/index.js';

export interface MunicipalityChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * What the bot says, platform-neutral. Each adapter renders these in its platform's native form
 * (Adaptive Cards, Block Kit, plain text); the texts of headings and buttons live in ./texts.ts so
 * every platform says the same thing.
 */
export type Reply =
  | { readonly kind: 'answer'; readonly language: Language; readonly question: string; readonly answer: Answer }
  | { readonly kind: 'help'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly municipalities: readonly MunicipalityChoice[] }
  | { readonly kind: 'welcome'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly municipalities: readonly MunicipalityChoice[] }
  | { readonly kind: 'choose-municipality'; readonly language: Language; readonly municipalities: readonly MunicipalityChoice[]; readonly unknown?: string | undefined }
  | { readonly kind: 'municipality-set'; readonly language: Language; readonly municipality: MunicipalityChoice }
  | { readonly kind: 'feedback-recorded'; readonly language: Language; readonly helpful: boolean }
  | { readonly kind: 'coming-soon'; readonly language: Language; readonly feature: 'tickets' | 'notices' }
  /** The form to apply as IT-contact: prefilled or as typed, with what to fix. */
  | {
      readonly kind: 'registration-form';
      readonly language: Language;
      readonly values: Readonly<Record<RegistrationField, string>>;
      readonly errors: readonly FieldError[];
      readonly municipalities: readonly MunicipalityChoice[];
    }
  | { readonly kind: 'registration-received'; readonly language: Language; readonly request: RegistrationSummary; readonly staffNotified: boolean }
  /** To the municipality's staff: an application to approve or reject. */
  | { readonly kind: 'registration-review'; readonly language: Language; readonly request: RegistrationSummary }
  /** To the applicant: the outcome. */
  | { readonly kind: 'registration-decided'; readonly language: Language; readonly request: RegistrationSummary; readonly approved: boolean; readonly reason: string | null }
  /** To the staff member who decided. */
  | { readonly kind: 'registration-decision-recorded'; readonly language: Language; readonly request: RegistrationSummary; readonly approved: boolean; readonly applicantNotified: boolean }
  | { readonly kind: 'staff-channel-set'; readonly language: Language; readonly municipality: MunicipalityChoice }
  /** A user-caused failure (no permission, already decided, not found), said plainly. */
  | { readonly kind: 'error'; readonly language: Language; readonly message: string };

/** The registration form's fields, in the order they are asked. */
export const REGISTRATION_FIELDS = ['municipality', 'providerName', 'orgNumber', 'name', 'email', 'phone'] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

/**
 * An application as chat shows it: phone and organisation number masked, because review cards are
 * posted to channels that others read.
 */
export interface RegistrationSummary {
  readonly id: string;
  readonly municipality: MunicipalityChoice;
  readonly providerName: string;
  readonly orgNumberMasked: string;
  readonly name: string;
  readonly email: string;
  readonly phoneMasked: string;
  readonly status: 'pending' | 'approved' | 'rejected';
}
