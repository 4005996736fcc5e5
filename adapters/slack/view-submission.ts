import { z } from 'zod';
import { REGISTRATION_FIELDS } from '../../src/bot/index.js';
import {
  ACTION_IDS,
  BLOCK_IDS,
  CALLBACK_IDS,
  decodeValue,
  registrationBlockId,
  registrationMetadataSchema,
  rejectMetadataSchema,
  ticketFieldOfBlockId,
  ticketMetadataSchema,
  ticketNoteMetadataSchema,
  ticketReplyMetadataSchema,
} from './action-values.js';
import { invalid, invalidShape, unsupported, type SlackInbound } from './inbound-model.js';
import { readNoticeSubmission } from './notice-inbound.js';
import { ticketBlocksFromModal } from './ticket-staff-render.js';

const id = z.string().min(1).max(64);

/** One input's state as Slack reports it: typed text, the chosen option(s) of a menu, or a picked date or time. */
const inputState = z.object({
  type: z.string(),
  value: z.string().max(3000).nullable().optional(),
  selected_option: z.object({ value: z.string().max(150) }).nullable().optional(),
  selected_options: z.array(z.object({ value: z.string().max(150) })).max(100).nullable().optional(),
  selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable().optional(),
  /** A time picker's HH:mm, a wall-clock time (the notice form's pickers are set to Swedish time). */
  selected_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u).nullable().optional(),
});

const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  team: z.object({ id }).nullable().optional(),
  user: z.object({ id, team_id: id.optional() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), inputState)) }),
    /** The modal's blocks as Slack echoes them; the note modal carries the ticket in them. */
    blocks: z.array(z.object({ type: z.string() }).passthrough()).max(100).optional(),
  }),
});

/** A ticket modal has one input per field; a type has a handful, never this many. */
const TICKET_FIELDS_MAX = 50;
const NOTE_MAX = 1000;
/** The answer modal's input allows 3000 characters (see ticketReplyModal). */
const REPLY_MAX = 3000;

/** The registry's fields are short; anything near Slack's 3000 was not typed in our modal. */
const FIELD_VALUE_MAX = 500;

/**
 * Reads a modal submission: the registration form (its fields as typed, menu or text) or the
 * reason for Avslå. The metadata the adapter put in the modal is validated like any other input:
 * metadata that does not decode was not written by the app, and the submission is invalid.
 */
export function readViewSubmission(body: unknown): SlackInbound {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return invalidShape('view_submission', parsed.error);
  const { team, user, view } = parsed.data;
  const teamId = team?.id ?? user.team_id;
  if (!teamId) return invalid('view_submission', 'no team id');
  const input = (blockId: string): string => {
    const state = view.state.values[blockId]?.[ACTION_IDS.input];
    // A menu of several (a notice's systems) comes back as the core takes it: comma-separated ids.
    const several = state?.selected_options?.map((option) => option.value).join(',');
    return (state?.value ?? state?.selected_option?.value ?? state?.selected_date ?? state?.selected_time ?? several ?? '').trim();
  };

  switch (view.callback_id) {
    case CALLBACK_IDS.registration: {
      const metadata = decodeValue(registrationMetadataSchema, view.private_metadata);
      if (!metadata) return invalid('view_submission', 'registration modal without valid metadata');
      const values: Record<string, string> = {};
      for (const field of REGISTRATION_FIELDS) {
        const value = input(registrationBlockId(field));
        if (value.length > FIELD_VALUE_MAX) return invalid('view_submission', `registration field ${field} too long`);
        values[field] = value;
      }
      return { kind: 'registration-submitted', teamId, userId: user.id, values, metadata };
    }
    case CALLBACK_IDS.rejectReason: {
      const metadata = decodeValue(rejectMetadataSchema, view.private_metadata);
      if (!metadata) return invalid('view_submission', 'reason modal without valid metadata');
      return { kind: 'rejection-submitted', teamId, userId: user.id, reason: input(BLOCK_IDS.rejectReason).slice(0, 1000), metadata };
    }
    case CALLBACK_IDS.ticket: {
      const metadata = decodeValue(ticketMetadataSchema, view.private_metadata);
      if (!metadata) return invalid('view_submission', 'ticket modal without valid metadata');
      const keys = Object.keys(view.state.values).flatMap((blockId) => {
        const key = ticketFieldOfBlockId(blockId);
        return key ? [[key, blockId] as const] : [];
      });
      if (keys.length > TICKET_FIELDS_MAX) return invalid('view_submission', 'ticket modal with too many fields');
      // Every field as typed, the empty ones too: the ticket service says which are missing.
      const values = Object.fromEntries(keys.map(([key, blockId]) => [key, input(blockId)]));
      return { kind: 'ticket-submitted', teamId, userId: user.id, values, metadata };
    }
    case CALLBACK_IDS.ticketNote: {
      const metadata = decodeValue(ticketNoteMetadataSchema, view.private_metadata);
      if (!metadata) return invalid('view_submission', 'note modal without valid metadata');
      // The ticket shown above the note (see ticketNoteModal), to rebuild the staff message with.
      const ticket = metadata.message ? ticketBlocksFromModal(view.blocks) : [];
      return { kind: 'ticket-note-submitted', teamId, userId: user.id, note: input(BLOCK_IDS.ticketNote).slice(0, NOTE_MAX), metadata, ticket };
    }
    case CALLBACK_IDS.ticketReply: {
      const metadata = decodeValue(ticketReplyMetadataSchema, view.private_metadata);
      if (!metadata) return invalid('view_submission', 'answer modal without valid metadata');
      return { kind: 'ticket-reply-submitted', teamId, userId: user.id, text: input(BLOCK_IDS.ticketReply).slice(0, REPLY_MAX), metadata };
    }
    default: {
      const submitted = { teamId, userId: user.id, callbackId: view.callback_id, privateMetadata: view.private_metadata, blockIds: Object.keys(view.state.values), input };
      return readNoticeSubmission(submitted) ?? unsupported('view_submission', `unknown modal ${view.callback_id}`, body);
    }
  }
}

/** True for a modal submission: its acknowledgement carries the answer (field errors), so it is not sent first. */
export function isViewSubmission(body: unknown): boolean {
  return (body as { type?: unknown } | null)?.type === 'view_submission';
}
