import { joinWhen, NOTICE_FORM_FIELDS, type BotAction } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { decodeValue } from './action-values.js';
import { invalid, type ActionOrigin, type SlackInbound } from './inbound-model.js';
import {
  NOTICE_ACTION_IDS,
  NOTICE_BLOCK_IDS,
  NOTICE_CALLBACK_IDS,
  NOTICE_WHEN_BLOCKS,
  changeModeOf,
  changeValueSchema,
  followValueSchema,
  listValueSchema,
  noticeChangeMetadataSchema,
  noticeFieldOfBlockId,
  noticeFormMetadataSchema,
  noticeReasonMetadataSchema,
  noticeRefValueSchema,
  openNoticeFormValueSchema,
  publishValueSchema,
} from './notice-values.js';

// Notice buttons and modal submissions, read into the core's BotActions. Kept apart from
// block-actions.ts and view-submission.ts, which hand over what they do not know themselves.

/** What a notice button press is: an action for the core, something the adapter does first (a modal), or a refused value. */
export type NoticeActionRead =
  | { readonly type: 'action'; readonly action: BotAction; readonly language: Language; readonly carried?: Readonly<Record<string, string>> | undefined }
  | { readonly type: 'inbound'; readonly inbound: SlackInbound }
  | { readonly type: 'invalid'; readonly reason: string };

export interface PressContext {
  readonly teamId: string;
  readonly userId: string;
  readonly triggerId: string | undefined;
  readonly origin: ActionOrigin;
  readonly responseUrl: string | undefined;
}

const invalidValue = (actionId: string): NoticeActionRead => ({ type: 'invalid', reason: `invalid value for ${actionId}` });

/** Reads a press on a notice button; undefined when the action id is not a notice button's. */
export function readNoticeAction(actionId: string, value: string | undefined, press: PressContext): NoticeActionRead | undefined {
  switch (actionId) {
    case NOTICE_ACTION_IDS.newPlanned:
    case NOTICE_ACTION_IDS.newDisruption:
    case NOTICE_ACTION_IDS.openForm:
    case NOTICE_ACTION_IDS.edit: {
      const decoded = decodeValue(openNoticeFormValueSchema, value);
      if (!decoded) return invalidValue(actionId);
      // "New" buttons open a new notice of their own kind; "Ändra" always names its draft.
      if (actionId === NOTICE_ACTION_IDS.newPlanned && (decoded.noticeKind !== 'planned' || decoded.noticeId)) return invalidValue(actionId);
      if (actionId === NOTICE_ACTION_IDS.newDisruption && (decoded.noticeKind !== 'disruption' || decoded.noticeId)) return invalidValue(actionId);
      if (actionId === NOTICE_ACTION_IDS.edit && !decoded.noticeId) return invalidValue(actionId);
      return {
        type: 'action',
        action: { type: 'open-notice-form', noticeKind: decoded.noticeKind, ...(decoded.noticeId ? { noticeId: decoded.noticeId } : {}) },
        language: decoded.language,
        carried: decoded.values,
      };
    }
    case NOTICE_ACTION_IDS.publish: {
      const decoded = decodeValue(publishValueSchema, value);
      if (!decoded) return invalidValue(actionId);
      if (!decoded.needsReason) return { type: 'action', action: { type: 'publish-notice', noticeId: decoded.noticeId }, language: decoded.language };
      // Against the rules it is published only with a reason: asked in a modal first.
      if (!press.triggerId) return { type: 'invalid', reason: 'Publicera without a trigger_id' };
      const { origin } = press;
      const preview = origin.type === 'message' && !origin.ephemeral ? { channel: origin.channel, ts: origin.ts } : undefined;
      return {
        type: 'inbound',
        inbound: {
          kind: 'notice-reason-requested',
          teamId: press.teamId,
          userId: press.userId,
          triggerId: press.triggerId,
          metadata: { noticeId: decoded.noticeId, language: decoded.language, ...(preview ? { preview } : {}), ...(press.responseUrl ? { responseUrl: press.responseUrl } : {}) },
        },
      };
    }
    case NOTICE_ACTION_IDS.discard:
    case NOTICE_ACTION_IDS.report: {
      const decoded = decodeValue(noticeRefValueSchema, value);
      if (!decoded) return invalidValue(actionId);
      const action: BotAction = actionId === NOTICE_ACTION_IDS.discard ? { type: 'discard-notice', noticeId: decoded.noticeId } : { type: 'notice-report', noticeId: decoded.noticeId };
      return { type: 'action', action, language: decoded.language };
    }
    case NOTICE_ACTION_IDS.changeUpdate:
    case NOTICE_ACTION_IDS.changeCorrect:
    case NOTICE_ACTION_IDS.changeCancel:
    case NOTICE_ACTION_IDS.changeResolve: {
      const decoded = decodeValue(changeValueSchema, value);
      if (!decoded || decoded.mode !== changeModeOf(actionId)) return invalidValue(actionId);
      return { type: 'action', action: { type: 'open-notice-change', noticeId: decoded.noticeId, mode: decoded.mode }, language: decoded.language };
    }
    case NOTICE_ACTION_IDS.list: {
      const decoded = decodeValue(listValueSchema, value);
      if (!decoded) return invalidValue(actionId);
      return { type: 'action', action: { type: 'list-notices' }, language: decoded.language };
    }
    case NOTICE_ACTION_IDS.follow:
    case NOTICE_ACTION_IDS.unfollow: {
      const decoded = decodeValue(followValueSchema, value);
      if (!decoded || decoded.follow !== (actionId === NOTICE_ACTION_IDS.follow)) return invalidValue(actionId);
      return { type: 'action', action: { type: 'follow-system', system: decoded.system, follow: decoded.follow }, language: decoded.language };
    }
    default:
      return undefined;
  }
}

/** A modal submission as view-submission.ts reads it: who, the modal, and each input's value by block id. */
export interface SubmittedView {
  readonly teamId: string;
  readonly userId: string;
  readonly callbackId: string;
  readonly privateMetadata: string | undefined;
  readonly blockIds: readonly string[];
  readonly input: (blockId: string) => string;
}

/**
 * The blocks a notice form can hold: its fields, a planned outage's start and end as a date and a
 * time each (a modal opened before the pickers has typed start and end blocks, still read).
 */
const FORM_BLOCKS: readonly string[] = [...NOTICE_FORM_FIELDS, ...Object.values(NOTICE_WHEN_BLOCKS).flatMap((blocks) => [blocks.date, blocks.time])];

/** What a change form can hold (see changeFields in notice-modals.ts). */
const CHANGE_FIELDS: readonly string[] = ['text', 'state', 'title', 'description', 'impact'];

/** Longest reason kept (the reason modal allows this much). */
const REASON_MAX = 1000;

/** Reads a notice modal's submission; undefined when the modal is not a notice modal. */
export function readNoticeSubmission(view: SubmittedView): SlackInbound | undefined {
  const refuse = (reason: string): SlackInbound => invalid('view_submission', reason);
  switch (view.callbackId) {
    case NOTICE_CALLBACK_IDS.form:
    case NOTICE_CALLBACK_IDS.change: {
      const form = view.callbackId === NOTICE_CALLBACK_IDS.form ? 'form' : 'change';
      const known: readonly string[] = form === 'form' ? FORM_BLOCKS : CHANGE_FIELDS;
      const values: Record<string, string> = {};
      // Every field the modal showed, the empty ones too: the notice service says what is missing.
      for (const blockId of view.blockIds) {
        const name = noticeFieldOfBlockId(blockId, form);
        if (name === undefined) continue;
        if (!known.includes(name)) return refuse(`notice ${form} modal with an unknown field ${name}`);
        values[name] = view.input(blockId);
      }
      if (form === 'form') {
        // Each picked date and time as the form's one value; the bot reads it in Stockholm time.
        for (const [edge, blocks] of Object.entries(NOTICE_WHEN_BLOCKS)) {
          if (values[blocks.date] === undefined && values[blocks.time] === undefined) continue;
          values[edge] = joinWhen(values[blocks.date] ?? '', values[blocks.time] ?? '');
          delete values[blocks.date];
          delete values[blocks.time];
        }
        const metadata = decodeValue(noticeFormMetadataSchema, view.privateMetadata);
        if (!metadata) return refuse('notice form modal without valid metadata');
        return { kind: 'notice-form-submitted', teamId: view.teamId, userId: view.userId, values, metadata };
      }
      const metadata = decodeValue(noticeChangeMetadataSchema, view.privateMetadata);
      if (!metadata) return refuse('notice change modal without valid metadata');
      return { kind: 'notice-change-submitted', teamId: view.teamId, userId: view.userId, values, metadata };
    }
    case NOTICE_CALLBACK_IDS.reason: {
      const metadata = decodeValue(noticeReasonMetadataSchema, view.privateMetadata);
      if (!metadata) return refuse('reason modal without valid metadata');
      return { kind: 'notice-reason-submitted', teamId: view.teamId, userId: view.userId, reason: view.input(NOTICE_BLOCK_IDS.reason).slice(0, REASON_MAX), metadata };
    }
    default:
      return undefined;
  }
}
