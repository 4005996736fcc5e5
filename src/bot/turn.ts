import type { Language } from '../knowledge/index.js';

export type Platform = 'teams' | 'slack' | 'console';

/** Who is talking to the bot, as the platform identifies them. */
export interface Actor {
  readonly platform: Platform;
  /** The platform's user id (Teams AAD object id or channel account id, Slack user id, OS user). */
  readonly userId: string;
  /** Teams tenant or Slack workspace; users are only unique within it. */
  readonly tenantId?: string | undefined;
  readonly displayName?: string | undefined;
  /** The client's locale ("en-US", "sv-SE") when the platform tells it: a hint of the user's language. */
  readonly locale?: string | undefined;
}

/** Where the turn happens. */
export interface ConversationRef {
  readonly platform: Platform;
  readonly id: string;
  readonly kind: 'personal' | 'group' | 'channel';
  /** Teams tenant or Slack workspace of the conversation. */
  readonly tenantId?: string | undefined;
}

/** A button press or form submission, decoded and validated by the adapter. */
export type BotAction =
  | { readonly type: 'feedback'; readonly answerId: string | null; readonly helpful: boolean; readonly question: string; readonly municipality: string | null }
  | { readonly type: 'choose-municipality'; readonly municipality: string }
  /**
   * "Menar du …?": the suggestion chosen for a question without an answer (`recordId`), or "Inget av
   * dessa" (null). `municipality` is the unanswered answer's, as the feedback log files it.
   */
  | { readonly type: 'choose-suggestion'; readonly question: string; readonly recordId: string | null; readonly municipality: string | null }
  | { readonly type: 'create-ticket'; readonly question?: string | undefined }
  | { readonly type: 'show-help' }
  | { readonly type: 'start-registration' }
  /** The registration form's fields as typed (validated by the registry, not here). */
  | { readonly type: 'submit-registration'; readonly values: Readonly<Record<string, string>> }
  | { readonly type: 'decide-registration'; readonly requestId: string; readonly approve: boolean; readonly reason?: string | undefined }
  | { readonly type: 'choose-ticket-type'; readonly typeId: string }
  /** A ticket form's fields as typed (validated by the ticket service, not here). */
  | { readonly type: 'submit-ticket'; readonly typeId: string; readonly values: Readonly<Record<string, string>> }
  /** Staff acting on a ticket from its card. `ask` and `reject` need a note for the requester. */
  | { readonly type: 'ticket-action'; readonly ticketId: string; readonly action: 'take' | 'ask' | 'resolve' | 'reject'; readonly note?: string | undefined }
  /** The requester's answer to "Blev det löst?" after resolution. */
  | { readonly type: 'rate-ticket'; readonly ticketId: string; readonly solved: boolean }
  | { readonly type: 'list-tickets' }
  /** The requester answers staff in the ticket's conversation. */
  | { readonly type: 'reply-ticket'; readonly ticketId: string; readonly text: string }
  /** "driftinfo" from a button. */
  | { readonly type: 'list-notices' }
  /** Staff: open the form for a new notice, or to edit a draft. */
  | { readonly type: 'open-notice-form'; readonly noticeKind: 'planned' | 'disruption'; readonly noticeId?: string | undefined }
  /** Staff: the form as typed (validated by the notice service): saves the draft and shows the preview. */
  | { readonly type: 'preview-notice'; readonly noticeKind: 'planned' | 'disruption'; readonly noticeId?: string | undefined; readonly values: Readonly<Record<string, string>> }
  /** Staff: send a previewed draft to everyone; `reason` when it breaks a rule. */
  | { readonly type: 'publish-notice'; readonly noticeId: string; readonly reason?: string | undefined }
  | { readonly type: 'discard-notice'; readonly noticeId: string }
  /** Staff: open the form to update, correct, cancel or resolve a published notice. */
  | { readonly type: 'open-notice-change'; readonly noticeId: string; readonly mode: 'update' | 'correct' | 'cancel' | 'resolve' }
  /** Staff: that form as typed: `text` (update, cancel, resolve), `state` (a disruption's next state), `title`/`description`/`impact` (correct). */
  | { readonly type: 'change-notice'; readonly noticeId: string; readonly mode: 'update' | 'correct' | 'cancel' | 'resolve'; readonly values: Readonly<Record<string, string>> }
  | { readonly type: 'notice-report'; readonly noticeId: string }
  /** An IT-contact follows or mutes a system's notices. */
  | { readonly type: 'follow-system'; readonly system: string; readonly follow: boolean };

/**
 * One thing that happened on a platform, in the core's terms. Adapters produce these; the core never
 * sees a Teams activity or a Slack payload.
 */
export type Turn =
  | {
      readonly kind: 'message';
      readonly actor: Actor;
      readonly conversation: ConversationRef;
      readonly text: string;
      /** The id of the message that started the thread this one replies in, when it is a reply. */
      readonly threadId?: string | undefined;
      /**
       * False when the bot was not spoken to (a reply in a channel thread without mentioning it):
       * such a message is only followed as part of a ticket's conversation, never answered.
       */
      readonly addressed?: boolean | undefined;
    }
  | { readonly kind: 'action'; readonly actor: Actor; readonly conversation: ConversationRef; readonly action: BotAction; readonly language?: Language | undefined }
  | {
      readonly kind: 'installed';
      readonly actor: Actor;
      readonly conversation: ConversationRef;
      /** What the platform needs to post here later without being asked (JSON-serialisable). */
      readonly reference?: unknown;
    }
  | { readonly kind: 'uninstalled'; readonly actor: Actor; readonly conversation: ConversationRef };
