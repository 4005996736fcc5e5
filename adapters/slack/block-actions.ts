import { z } from 'zod';
import type { BotAction } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import {
  ACTION_IDS,
  decisionValueSchema,
  decodeValue,
  feedbackValueSchema,
  isSuggestionActionId,
  languageOfBlockId,
  suggestionValueSchema,
  openRegistrationValueSchema,
  ticketActionValueSchema,
  ticketRatingValueSchema,
  ticketReplyMetadataSchema,
  ticketTypeValueSchema,
  ticketValueSchema,
} from './action-values.js';
import { invalid, invalidShape, kindOfChannel, unsupported, type ActionOrigin, type SlackInbound } from './inbound-model.js';
import { readNoticeAction } from './notice-inbound.js';
import { ticketActionOf, ticketBlocksOf } from './ticket-staff-render.js';

// Slack's ids and timestamps, checked as inbound.ts checks them.
const id = z.string().min(1).max(64);
const ts = z.string().regex(/^\d{1,12}(?:\.\d{1,9})?$/u);

const selectedOption = z.object({ value: z.string().min(1).max(150) });

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id }).nullable().optional(),
  user: z.object({ id, team_id: id.optional() }),
  channel: z.object({ id }).optional(),
  container: z
    .object({
      type: z.string(),
      channel_id: id.optional(),
      message_ts: ts.optional(),
      thread_ts: ts.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z.object({ ts, thread_ts: ts.optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
  view: z.object({ type: z.string() }).optional(),
  response_url: z.string().url().optional(),
  trigger_id: z.string().min(1).max(200).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        type: z.string(),
        value: z.string().optional(),
        selected_option: selectedOption.nullable().optional(),
      }),
    )
    .min(1),
});

/**
 * Reads a button press or menu choice on one of the bot's messages, modals or the Home tab: the
 * button's value is validated with its schema, so a stale or forged value is invalid.
 */
export function readBlockActions(body: unknown): SlackInbound {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) return invalidShape('block_actions', parsed.error);
  const payload = parsed.data;
  const teamId = payload.team?.id ?? payload.user.team_id;
  if (!teamId) return invalid('block_actions', 'no team id');
  const action = payload.actions[0]!;
  const channel = payload.channel?.id ?? payload.container?.channel_id;

  let origin: ActionOrigin = { type: 'other' };
  const messageTs = payload.container?.message_ts ?? payload.message?.ts;
  if (payload.container?.type === 'message' && channel && messageTs) {
    origin = {
      type: 'message',
      channel,
      ts: messageTs,
      threadTs: payload.message?.thread_ts ?? payload.container.thread_ts,
      ephemeral: payload.container.is_ephemeral === true,
      text: payload.message?.text,
      blocks: payload.message?.blocks,
    };
  } else if (payload.view?.type === 'home') {
    origin = { type: 'home' };
  }

  let botAction: BotAction;
  let language: Language;
  let carried: Readonly<Record<string, string>> | undefined;
  switch (action.action_id) {
    case ACTION_IDS.feedbackYes:
    case ACTION_IDS.feedbackNo: {
      const value = decodeValue(feedbackValueSchema, action.value);
      if (!value) return invalid('block_actions', `invalid value for ${action.action_id}`);
      botAction = { type: 'feedback', helpful: action.action_id === ACTION_IDS.feedbackYes, answerId: value.answerId, question: value.question, municipality: value.municipality };
      language = value.language;
      break;
    }
    case ACTION_IDS.createTicket: {
      const value = decodeValue(ticketValueSchema, action.value);
      if (!value) return invalid('block_actions', `invalid value for ${action.action_id}`);
      botAction = { type: 'create-ticket', question: value.question };
      language = value.language;
      break;
    }
    case ACTION_IDS.chooseMunicipality: {
      const selected = action.selected_option?.value;
      if (!selected) return invalid('block_actions', 'municipality menu without a selection');
      botAction = { type: 'choose-municipality', municipality: selected };
      language = languageOfBlockId(action.block_id);
      break;
    }
    case ACTION_IDS.openRegistration: {
      const value = decodeValue(openRegistrationValueSchema, action.value);
      if (!value) return invalid('block_actions', `invalid value for ${action.action_id}`);
      botAction = { type: 'start-registration' };
      language = value.language;
      carried = value.values;
      break;
    }
    case ACTION_IDS.approveRegistration:
    case ACTION_IDS.rejectRegistration: {
      const value = decodeValue(decisionValueSchema, action.value);
      const expected = action.action_id === ACTION_IDS.approveRegistration ? 'approve' : 'reject';
      if (!value || value.decision !== expected) return invalid('block_actions', `invalid value for ${action.action_id}`);
      if (expected === 'approve') {
        botAction = { type: 'decide-registration', requestId: value.requestId, approve: true };
        language = value.language;
        break;
      }
      if (!payload.trigger_id) return invalid('block_actions', 'Avslå without a trigger_id');
      const review = origin.type === 'message' && !origin.ephemeral ? { channel: origin.channel, ts: origin.ts } : undefined;
      return {
        kind: 'reject-requested',
        teamId,
        userId: payload.user.id,
        triggerId: payload.trigger_id,
        metadata: { requestId: value.requestId, language: value.language, review, responseUrl: payload.response_url },
      };
    }
    case ACTION_IDS.chooseTicketType:
    case ACTION_IDS.openTicketForm: {
      // A type's button carries its id; the menu of many types gives the chosen option.
      if (action.type === 'static_select') {
        const selected = action.selected_option?.value;
        if (!selected || !/^[a-z0-9][a-z0-9-]{0,99}$/u.test(selected)) return invalid('block_actions', 'ticket type menu without a valid selection');
        botAction = { type: 'choose-ticket-type', typeId: selected };
        language = languageOfBlockId(action.block_id);
        break;
      }
      const value = decodeValue(ticketTypeValueSchema, action.value);
      if (!value) return invalid('block_actions', `invalid value for ${action.action_id}`);
      botAction = { type: 'choose-ticket-type', typeId: value.typeId };
      language = value.language;
      carried = value.values;
      break;
    }
    case ACTION_IDS.ticketTake:
    case ACTION_IDS.ticketAsk:
    case ACTION_IDS.ticketResolve:
    case ACTION_IDS.ticketReject: {
      const value = decodeValue(ticketActionValueSchema, action.value);
      if (!value || value.action !== ticketActionOf(action.action_id)) return invalid('block_actions', `invalid value for ${action.action_id}`);
      if (value.action === 'take' || value.action === 'resolve') {
        botAction = { type: 'ticket-action', ticketId: value.ticketId, action: value.action };
        language = value.language;
        break;
      }
      // Asking for more and rejecting need a note for the requester: asked in a modal first.
      if (!payload.trigger_id) return invalid('block_actions', `${action.action_id} without a trigger_id`);
      const ticket = origin.type === 'message' && !origin.ephemeral ? ticketBlocksOf(origin.blocks) : undefined;
      return {
        kind: 'ticket-note-requested',
        teamId,
        userId: payload.user.id,
        triggerId: payload.trigger_id,
        metadata: {
          ticketId: value.ticketId,
          action: value.action,
          language: value.language,
          message: ticket && origin.type === 'message' ? { channel: origin.channel, ts: origin.ts } : undefined,
          responseUrl: payload.response_url,
        },
        ticket: ticket ?? [],
      };
    }
    case ACTION_IDS.ticketSolvedYes:
    case ACTION_IDS.ticketSolvedNo: {
      const value = decodeValue(ticketRatingValueSchema, action.value);
      if (!value || value.solved !== (action.action_id === ACTION_IDS.ticketSolvedYes)) return invalid('block_actions', `invalid value for ${action.action_id}`);
      botAction = { type: 'rate-ticket', ticketId: value.ticketId, solved: value.solved };
      language = value.language;
      break;
    }
    case ACTION_IDS.ticketReply: {
      const value = decodeValue(ticketReplyMetadataSchema, action.value);
      if (!value) return invalid('block_actions', `invalid value for ${action.action_id}`);
      if (!payload.trigger_id) return invalid('block_actions', 'Svara without a trigger_id');
      return { kind: 'ticket-reply-requested', teamId, userId: payload.user.id, triggerId: payload.trigger_id, metadata: value };
    }
    default: {
      if (isSuggestionActionId(action.action_id)) {
        const value = decodeValue(suggestionValueSchema, action.value);
        // The button's place must match its value: the last one is "Inget av dessa".
        if (!value || (value.recordId === null) !== action.action_id.endsWith(':none')) return unsupported('block_actions', `invalid value for ${action.action_id}`, body);
        botAction = { type: 'choose-suggestion', question: value.question, recordId: value.recordId, municipality: value.municipality };
        language = value.language;
        break;
      }
      const notice = readNoticeAction(action.action_id, action.value, { teamId, userId: payload.user.id, triggerId: payload.trigger_id, origin, responseUrl: payload.response_url });
      if (!notice) return unsupported('block_actions', `unknown action ${action.action_id}`, body);
      if (notice.type === 'invalid') return invalid('block_actions', notice.reason);
      if (notice.type === 'inbound') return notice.inbound;
      botAction = notice.action;
      language = notice.language;
      carried = notice.carried;
    }
  }
  return {
    kind: 'action',
    teamId,
    userId: payload.user.id,
    channel,
    conversationKind: channel ? kindOfChannel(channel) : 'personal',
    action: botAction,
    language,
    origin,
    responseUrl: payload.response_url,
    triggerId: payload.trigger_id,
    carried,
  };
}
