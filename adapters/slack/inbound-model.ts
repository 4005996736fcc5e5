// What the Slack adapter reads from a request: one union of everything Slack can send, and the
// small constructors its readers share (inbound.ts, block-actions.ts, view-submission.ts).
import type { z } from 'zod';
import type { BotAction } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import type { RegistrationMetadata, RejectMetadata, TicketMetadata, TicketNoteMetadata, TicketReplyMetadata } from './action-values.js';
import type { NoticeChangeMetadata, NoticeFormMetadata, NoticeReasonMetadata } from './notice-values.js';

export type ConversationKind = 'personal' | 'group' | 'channel';

/** Where a button was pressed: on a message (ephemeral or not), in the Home tab, or elsewhere. */
export type ActionOrigin =
  | {
      readonly type: 'message';
      readonly channel: string;
      readonly ts: string;
      readonly threadTs?: string | undefined;
      readonly ephemeral: boolean;
      /** The message's fallback text, kept when the message is updated. */
      readonly text?: string | undefined;
      /** The message's blocks as Slack echoes them (absent for ephemeral messages). */
      readonly blocks?: readonly unknown[] | undefined;
    }
  | { readonly type: 'home' }
  | { readonly type: 'other' };

/**
 * Everything Slack can send, read and validated: one union keyed on `kind`. Payloads the adapter
 * does not handle end up as `unsupported` (logged, acknowledged); bodies that are not what Slack
 * sends for their type, or carry a value the app never wrote, as `invalid` (logged, refused with
 * 400). Neither is ever thrown.
 */
export type SlackInbound =
  | {
      readonly kind: 'message';
      readonly source: 'mention' | 'dm' | 'command' | 'thread';
      readonly teamId: string;
      readonly userId: string;
      readonly channel: string;
      readonly conversationKind: ConversationKind;
      readonly text: string;
      /** Reply in this thread (a mention's own ts, or the thread a message was written in). */
      readonly threadTs?: string | undefined;
      /** For a reply in a channel thread: the ts of the thread's first message (the core's threadId). */
      readonly threadId?: string | undefined;
      /** Slash commands answer through their response_url: it works in every conversation. */
      readonly responseUrl?: string | undefined;
      /** A slash command's trigger_id: lets the answer be a modal (valid for three seconds). */
      readonly triggerId?: string | undefined;
    }
  | {
      readonly kind: 'action';
      readonly teamId: string;
      readonly userId: string;
      readonly channel?: string | undefined;
      readonly conversationKind: ConversationKind;
      readonly action: BotAction;
      readonly language: Language;
      readonly origin: ActionOrigin;
      readonly responseUrl?: string | undefined;
      /** Every button press carries one: lets the answer be a modal. */
      readonly triggerId?: string | undefined;
      /** What "Fyll i ansökan" or "Fyll i ärendet" carried: the form as the message showed it. */
      readonly carried?: Readonly<Record<string, string>> | undefined;
    }
  /** Avslå under an application: the adapter asks the reason in a modal before anything is decided. */
  | {
      readonly kind: 'reject-requested';
      readonly teamId: string;
      readonly userId: string;
      readonly triggerId: string;
      readonly metadata: RejectMetadata;
    }
  /** The registration modal, sent: its fields as typed, and where to answer. */
  | { readonly kind: 'registration-submitted'; readonly teamId: string; readonly userId: string; readonly values: Readonly<Record<string, string>>; readonly metadata: RegistrationMetadata }
  /** The reason modal, sent. The reason may be blank: the handler answers that in the modal. */
  | { readonly kind: 'rejection-submitted'; readonly teamId: string; readonly userId: string; readonly reason: string; readonly metadata: RejectMetadata }
  /**
   * Begär komplettering or Avvisa under a ticket: the adapter asks for the note in a modal first.
   * `ticket` is the staff message's blocks without its status and buttons, shown in the modal and
   * carried back by it, so the message can be rebuilt with the new status.
   */
  | { readonly kind: 'ticket-note-requested'; readonly teamId: string; readonly userId: string; readonly triggerId: string; readonly metadata: TicketNoteMetadata; readonly ticket: readonly unknown[] }
  /** The ticket modal, sent: its fields as typed (validated by the ticket service, not here). */
  | { readonly kind: 'ticket-submitted'; readonly teamId: string; readonly userId: string; readonly values: Readonly<Record<string, string>>; readonly metadata: TicketMetadata }
  /** The note modal, sent. The note may be blank: the handler answers that in the modal. */
  | { readonly kind: 'ticket-note-submitted'; readonly teamId: string; readonly userId: string; readonly note: string; readonly metadata: TicketNoteMetadata; readonly ticket: readonly unknown[] }
  /** "Svara" under a message from staff: the requester writes the answer in a modal. */
  | { readonly kind: 'ticket-reply-requested'; readonly teamId: string; readonly userId: string; readonly triggerId: string; readonly metadata: TicketReplyMetadata }
  /** The answer modal, sent. The answer may be blank: the handler answers that in the modal. */
  | { readonly kind: 'ticket-reply-submitted'; readonly teamId: string; readonly userId: string; readonly text: string; readonly metadata: TicketReplyMetadata }
  /** Publicera on a draft that breaks the rules: the adapter asks the reason in a modal first. */
  | { readonly kind: 'notice-reason-requested'; readonly teamId: string; readonly userId: string; readonly triggerId: string; readonly metadata: NoticeReasonMetadata }
  /** The notice form modal, sent: its fields as typed (validated by the notice service, not here). */
  | { readonly kind: 'notice-form-submitted'; readonly teamId: string; readonly userId: string; readonly values: Readonly<Record<string, string>>; readonly metadata: NoticeFormMetadata }
  /** The change modal (update, correction, cancellation, resolution), sent. */
  | { readonly kind: 'notice-change-submitted'; readonly teamId: string; readonly userId: string; readonly values: Readonly<Record<string, string>>; readonly metadata: NoticeChangeMetadata }
  /** The reason modal, sent. The reason may be blank: the handler answers that in the modal. */
  | { readonly kind: 'notice-reason-submitted'; readonly teamId: string; readonly userId: string; readonly reason: string; readonly metadata: NoticeReasonMetadata }
  | { readonly kind: 'home-opened'; readonly teamId: string; readonly userId: string; readonly channel?: string | undefined }
  | {
      readonly kind: 'bot-joined';
      readonly teamId: string;
      readonly channel: string;
      readonly conversationKind: ConversationKind;
      /** Who added the bot (absent when Slack does not say); the bot itself otherwise. */
      readonly userId: string;
    }
  | { readonly kind: 'bot-left'; readonly teamId: string; readonly channel: string; readonly actorId?: string | undefined }
  | { readonly kind: 'ignored'; readonly type: string; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly type: string; readonly reason: string; readonly raw: unknown }
  /** Not kept: a hostile body has nothing worth keeping, and the reason names what was wrong. */
  | { readonly kind: 'invalid'; readonly type: string; readonly reason: string };

/** What the handler is given: everything but what was refused. */
export type HandledInbound = Exclude<SlackInbound, { readonly kind: 'invalid' }>;

/** A payload the adapter does not handle: logged and acknowledged, never thrown. */
export function unsupported(type: string, reason: string, raw: unknown): SlackInbound {
  return { kind: 'unsupported', type, reason, raw };
}

/** A body that is not what Slack sends, or a value the app never wrote: refused, never handled. */
export function invalid(type: string, reason: string): SlackInbound {
  return { kind: 'invalid', type, reason };
}

/**
 * A payload that failed its schema, with the first issue as the reason. Named by path and kind of
 * issue only: the value itself (a person's text, a forged id) stays out of the log.
 */
export function invalidShape(type: string, error: z.ZodError): SlackInbound {
  const first = error.issues[0];
  if (!first) return invalid(type, 'invalid payload');
  const what = first.code === 'invalid_enum_value' || first.code === 'invalid_literal' ? 'not one of the expected values' : first.message;
  return invalid(type, `invalid payload: ${first.path.join('.') || '(body)'}: ${what}`);
}

/** A conversation's kind from its id (D… is a DM) and what Slack says of it. */
export function kindOfChannel(channel: string, channelType?: string | undefined, channelName?: string | undefined): ConversationKind {
  if (channelType === 'im' || channelName === 'directmessage' || channel.startsWith('D')) return 'personal';
  if (channelType === 'mpim' || channelName?.startsWith('mpdm-')) return 'group';
  return 'channel';
}
