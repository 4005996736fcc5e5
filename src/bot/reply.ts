import type { Answer, Citation, Language } from '../knowledge/index.js';
import type { NoticeChangeMode, NoticePurpose, NoticeReportView, NoticeSummary } from '../notices/index.js';

export type { NoticeChangeMode, NoticePurpose, NoticeReportView, NoticeSummary };

/** What is wrong with a field, worded in the reply's language (forms show it next to the field). */
export interface FieldMessage {
  readonly field: string;
  readonly message: string;
}

export interface MunicipalityChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * What the bot says, platform-neutral. Each adapter renders these in its platform's native form
 * (Adaptive Cards, Block Kit, plain text); the texts of headings and buttons live in ./texts.ts so
 * every platform says the same thing.
 */
/** The notice rules in force, worded by the bot, under a title. */
export interface NoticeRulesView {
  readonly title: string;
  readonly lines: ReadonlyArray<{ readonly rule: string; readonly origin: string; readonly from: 'document' | 'default' }>;
}

export type Reply =
  /**
   * An answer. Not found with `answer.suggestions`: the "Menar du …?" choice, each suggestion a
   * button (a 'choose-suggestion' action) and "Inget av dessa" (one with no record).
   */
  | { readonly kind: 'answer'; readonly language: Language; readonly question: string; readonly answer: Answer; readonly context?: AnswerContext | undefined }
  | { readonly kind: 'help'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly municipalities: readonly MunicipalityChoice[] }
  | { readonly kind: 'welcome'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly municipalities: readonly MunicipalityChoice[] }
  | { readonly kind: 'choose-municipality'; readonly language: Language; readonly municipalities: readonly MunicipalityChoice[]; readonly unknown?: string | undefined }
  | { readonly kind: 'municipality-set'; readonly language: Language; readonly municipality: MunicipalityChoice }
  /** "språk engelska": said in the language now chosen (`changed`), or which language is in use and how to change it. */
  | { readonly kind: 'language'; readonly language: Language; readonly changed: boolean }
  | { readonly kind: 'feedback-recorded'; readonly language: Language; readonly helpful: boolean }
  /** Which kind of ticket: the municipality's types to choose from. */
  | { readonly kind: 'ticket-type-choice'; readonly language: Language; readonly municipality: MunicipalityChoice; readonly types: readonly TicketTypeSummary[] }
  /** A ticket type's form: prefilled or as typed, with what to fix, field by field. */
  | {
      readonly kind: 'ticket-form';
      readonly language: Language;
      readonly municipality: MunicipalityChoice;
      readonly type: TicketForm;
      readonly values: Readonly<Record<string, string>>;
      readonly errors: readonly FieldMessage[];
    }
  /** To the requester: the ticket is saved and on its way. */
  | { readonly kind: 'ticket-filed'; readonly language: Language; readonly ticket: TicketSummary }
  /** To the municipality's staff: the ticket itself, with its fields, and the actions they can take. */
  | { readonly kind: 'ticket-staff'; readonly language: Language; readonly ticket: TicketSummary; readonly fields: ReadonlyArray<{ readonly label: string; readonly value: string }>; readonly requester: string }
  /** To the requester: what staff did; `askRating` after resolution ("Blev det löst?"). */
  | { readonly kind: 'ticket-update'; readonly language: Language; readonly ticket: TicketSummary; readonly note: string | null; readonly askRating: boolean }
  /** To the staff member who acted, or the requester who rated. */
  | { readonly kind: 'ticket-action-recorded'; readonly language: Language; readonly ticket: TicketSummary; readonly requesterNotified: boolean }
  | { readonly kind: 'ticket-list'; readonly language: Language; readonly tickets: readonly TicketSummary[] }
  /**
   * A message in a ticket's conversation, relayed: from staff to the requester (who can answer,
   * `canReply`), or from the requester into the staff thread.
   */
  | { readonly kind: 'ticket-message'; readonly language: Language; readonly ticket: TicketSummary; readonly from: 'staff' | 'requester'; readonly author: string; readonly text: string; readonly canReply: boolean }
  /** To the requester: their answer went to the staff thread (or could not). */
  | { readonly kind: 'ticket-message-sent'; readonly language: Language; readonly ticket: TicketSummary; readonly delivered: boolean }
  | { readonly kind: 'ticket-rated'; readonly language: Language; readonly ticket: TicketSummary; readonly solved: boolean }
  /** The municipality wants this handled another way (an e-service, a phone call), with the source. */
  /** Where the routine has it done instead, in the document's words, with the document's own link to the place. */
  | { readonly kind: 'handled-elsewhere'; readonly language: Language; readonly text: string; readonly link: { readonly text: string; readonly url?: string | undefined } | null; readonly citation: Citation }
  /** The form to apply as IT-contact: prefilled or as typed, with what to fix. */
  | {
      readonly kind: 'registration-form';
      readonly language: Language;
      readonly values: Readonly<Record<RegistrationField, string>>;
      readonly errors: readonly FieldMessage[];
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
  /** An outage notice as recipients get it: first announcement, update, correction, reminder or cancellation. */
  | { readonly kind: 'notice'; readonly language: Language; readonly notice: NoticeSummary; readonly purpose: NoticePurpose; readonly reminderHours: number | null }
  /** "driftinfo": the municipality's current and upcoming notices; staff also get buttons to announce one. */
  | { readonly kind: 'notice-list'; readonly language: Language; readonly municipality: MunicipalityChoice | null; readonly notices: readonly NoticeSummary[]; readonly canPublish: boolean }
  /** Staff: the form for a new notice (or a draft being edited), as typed, with what to fix. */
  | {
      readonly kind: 'notice-form';
      readonly language: Language;
      readonly municipality: MunicipalityChoice;
      readonly noticeKind: 'planned' | 'disruption';
      /** The draft being edited; null for a new notice. */
      readonly noticeId: string | null;
      readonly values: Readonly<Record<NoticeFormField, string>>;
      readonly errors: readonly FieldMessage[];
      /** The systems to choose from (ids as values). */
      readonly systems: readonly SystemChoice[];
    }
  /**
   * Staff: the draft as recipients will see it, shown only to its author, with what it breaks of
   * the municipality's rules. Actions: publish (with a reason when `needsReason`), edit, discard.
   */
  /** `rules`: the rules in force for this kind of notice, each from the document or the bot's default. */
  | { readonly kind: 'notice-preview'; readonly language: Language; readonly notice: NoticeSummary; readonly violations: readonly string[]; readonly needsReason: boolean; readonly recipients: number; readonly rules: NoticeRulesView }
  /** Staff: the form for what happens next to a published notice (update, correction, cancellation, resolution). */
  | {
      readonly kind: 'notice-change-form';
      readonly language: Language;
      readonly notice: NoticeSummary;
      readonly mode: NoticeChangeMode;
      readonly values: Readonly<Record<string, string>>;
      readonly errors: readonly FieldMessage[];
      /** For a disruption's update: the states it can move to. */
      readonly states: ReadonlyArray<{ readonly id: string; readonly label: string }>;
    }
  /** Staff: how delivery is going; the copy posted at publishing is updated in place as it goes. */
  | { readonly kind: 'notice-report'; readonly language: Language; readonly notice: NoticeSummary; readonly report: NoticeReportView }
  /** Staff: what they did was done. */
  | { readonly kind: 'notice-action-recorded'; readonly language: Language; readonly notice: NoticeSummary; readonly action: 'published' | 'updated' | 'corrected' | 'cancelled' | 'resolved' | 'discarded'; readonly recipients: number }
  /** An IT-contact's systems, followed or muted; `changed` says what the last command did. */
  | { readonly kind: 'subscriptions'; readonly language: Language; readonly municipality: MunicipalityChoice; readonly systems: ReadonlyArray<SystemChoice & { readonly following: boolean }>; readonly changed: { readonly system: string; readonly following: boolean } | null }
  /** "driftkanal": this channel now gets (or no longer gets) the municipality's notices. */
  | { readonly kind: 'notice-channel-set'; readonly language: Language; readonly municipality: MunicipalityChoice; readonly enabled: boolean }
  /** A user-caused failure (no permission, already decided, not found), said plainly. */
  | { readonly kind: 'error'; readonly language: Language; readonly message: string };

/**
 * Why an answer comes from where it does, when that is not simply the asker's own municipality:
 * the question named another one (`asked`: the names as the user wrote them, "Uppsala", "GBG"),
 * maybe in a follow-up that asks the last question there ("hur är det i Uppsala då?"), or it is the
 * last question asked again for the other municipalities. A follow-up shows the question it answers.
 */
export type AnswerContext = { readonly kind: 'named'; readonly asked: readonly string[]; readonly followUp?: boolean | undefined } | { readonly kind: 'others' };

/** Whether an answer is to an earlier question, which it then shows ("Din fråga: …"). */
export function isFollowUp(context: AnswerContext | undefined): boolean {
  return context?.kind === 'others' || (context?.kind === 'named' && context.followUp === true);
}

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

export interface TicketTypeSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly deadline: string | null;
}

export interface TicketFormField {
  readonly key: string;
  readonly label: string;
  readonly type: 'text' | 'multiline' | 'personnummer' | 'hsa-id' | 'email' | 'phone' | 'ipv4-public' | 'date' | 'date-not-past' | 'choice';
  readonly required: boolean;
  readonly options: readonly string[];
  readonly help: string | null;
}

export interface TicketForm extends TicketTypeSummary {
  readonly prerequisite: string | null;
  readonly fields: readonly TicketFormField[];
}

export interface TicketSummary {
  readonly id: string;
  readonly title: string;
  readonly status: 'new' | 'in-progress' | 'waiting-for-requester' | 'resolved' | 'rejected';
  readonly municipality: MunicipalityChoice;
  readonly deadline: string | null;
  readonly updatedAt: string;
}

export interface SystemChoice {
  readonly id: string;
  readonly name: string;
}


/** The notice form's fields. `start` and `end` are Stockholm time, "2026-12-06 08:00"; `systems` is comma-separated ids. */
export const NOTICE_FORM_FIELDS = ['title', 'systems', 'start', 'end', 'description', 'impact'] as const;
export type NoticeFormField = (typeof NOTICE_FORM_FIELDS)[number];

