import type { types } from '@slack/bolt';
import { z } from 'zod';
import { ticketTexts, type Reply, type TicketSummary } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, type TicketActionName, type TicketActionValue, type TicketNoteMetadata } from './action-values.js';
import { BUTTON_TEXT_MAX, MESSAGE_BLOCKS_MAX, MODAL_TITLE_MAX, context, header, mrkdwn, plain, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, truncate } from './mrkdwn.js';
import { slackTicketTexts } from './ticket-texts.js';

// The staff's side of a ticket in Slack: the message with the ticket and its actions, the note
// modal, and the message once someone acted. The requester's side is in ticket-form-render.ts
// and ticket-follow-up-render.ts.

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

/** Slack's limits: a section's fields, one field's text, a modal's blocks. */
const SECTION_FIELDS_MAX = 10;
const FIELD_TEXT_MAX = 2000;
const MODAL_BLOCKS_MAX = 100;
/** The longest note the ticket service keeps for the requester. */
const NOTE_MAX = 1000;

/** The staff's buttons on a ticket, in the order shown; Begär komplettering and Avvisa ask for a note first. */
const STAFF_BUTTONS: ReadonlyArray<{ readonly action: TicketActionName; readonly actionId: string; readonly style?: 'primary' | 'danger' }> = [
  { action: 'take', actionId: ACTION_IDS.ticketTake },
  { action: 'ask', actionId: ACTION_IDS.ticketAsk },
  { action: 'resolve', actionId: ACTION_IDS.ticketResolve, style: 'primary' },
  { action: 'reject', actionId: ACTION_IDS.ticketReject, style: 'danger' },
];

/** The staff action of a button's action id, for reading presses. */
export function ticketActionOf(actionId: string): TicketActionName | undefined {
  return STAFF_BUTTONS.find((button) => button.actionId === actionId)?.action;
}

function staffActions(ticket: TicketSummary, language: Language): types.ActionsBlock {
  const k = ticketTexts[language];
  const shown = STAFF_BUTTONS.filter((button) => !(button.action === 'take' && ticket.status === 'in-progress'));
  return {
    type: 'actions',
    block_id: BLOCK_IDS.ticketActions,
    elements: shown.map(({ action, actionId, style }) => ({
      type: 'button' as const,
      action_id: actionId,
      text: plain(k[action], BUTTON_TEXT_MAX),
      value: JSON.stringify({ ticketId: ticket.id, action, language } satisfies TicketActionValue),
      ...(style ? { style } : {}),
    })),
  };
}

const statusBlock = (text: string): KnownBlock => ({ ...context(text), block_id: BLOCK_IDS.ticketStatus });
/** Open tickets can still be acted on; resolved and rejected ones are closed. */
export const isOpen = (ticket: TicketSummary): boolean => ticket.status !== 'resolved' && ticket.status !== 'rejected';

/**
 * A filed ticket for the municipality's staff: its fields as filed (personal data included: the
 * staff channel is where the ticket itself is read), who filed it, its status, and the four actions.
 */
export function staffTicketMessage(reply: Extract<Reply, { kind: 'ticket-staff' }>): SlackMessage {
  const k = ticketTexts[reply.language];
  const s = slackTicketTexts[reply.language];
  const blocks: KnownBlock[] = [header(k.staffTitle(reply.ticket))];
  const facts = reply.fields.filter((field) => field.value.trim() !== '').map((field) => mrkdwn(truncate(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, FIELD_TEXT_MAX)));
  for (let start = 0; start < facts.length && blocks.length < MESSAGE_BLOCKS_MAX - 5; start += SECTION_FIELDS_MAX) blocks.push({ type: 'section', fields: facts.slice(start, start + SECTION_FIELDS_MAX) });
  blocks.push(context(`*${escapeMrkdwn(k.requester)}:* ${escapeMrkdwn(reply.requester)}`, escapeMrkdwn(reply.ticket.municipality.name)));
  if (reply.ticket.deadline) blocks.push(context(escapeMrkdwn(k.deadline(reply.ticket.deadline))));
  blocks.push(statusBlock(escapeMrkdwn(s.status(k.status[reply.ticket.status]))));
  if (isOpen(reply.ticket)) blocks.push(staffActions(reply.ticket, reply.language));
  return { text: k.staffTitle(reply.ticket), blocks };
}

/** Blocks as Slack echoes them back in a button press or a modal submission. */
export const echoedBlocksSchema = z.array(z.object({ type: z.string(), block_id: z.string().optional() }).passthrough()).max(MESSAGE_BLOCKS_MAX);
/** What a modal can show of a message; anything else (buttons, images) is left out. */
const MODAL_SAFE = new Set(['header', 'section', 'context', 'divider']);

/**
 * A staff message's ticket, as Slack echoed its blocks: everything but the status line and the
 * buttons. Undefined when the blocks are not a ticket this adapter posted.
 */
export function ticketBlocksOf(echoed: readonly unknown[] | undefined): KnownBlock[] | undefined {
  const parsed = echoedBlocksSchema.safeParse(echoed);
  if (!parsed.success || !parsed.data.some((block) => block.block_id === BLOCK_IDS.ticketStatus)) return undefined;
  // Slack's own echo of the blocks we sent, minus the status and buttons: still valid Block Kit.
  return parsed.data.filter((block) => MODAL_SAFE.has(block.type) && block.block_id !== BLOCK_IDS.ticketStatus && block.block_id !== BLOCK_IDS.ticketActions) as unknown as KnownBlock[];
}

/** The ticket shown above the note in a note modal, as the submission echoes the modal's blocks. */
export function ticketBlocksFromModal(blocks: readonly unknown[] | undefined): KnownBlock[] {
  const parsed = echoedBlocksSchema.safeParse(blocks?.slice(0, MESSAGE_BLOCKS_MAX));
  if (!parsed.success) return [];
  return parsed.data.filter((block) => MODAL_SAFE.has(block.type) && block.block_id !== BLOCK_IDS.ticketStatus && block.block_id !== BLOCK_IDS.ticketActions) as unknown as KnownBlock[];
}

/**
 * The staff message after someone acted: the ticket as it was, the new status with who changed it
 * (a Slack mention), and the buttons while the ticket is open, so a closed ticket is not acted on twice.
 */
export function staffMessageAfter(ticketBlocks: readonly unknown[], reply: Extract<Reply, { kind: 'ticket-action-recorded' }>, actorUserId: string): SlackMessage {
  const k = ticketTexts[reply.language];
  const s = slackTicketTexts[reply.language];
  const recorded = k.actionRecorded(reply.ticket, reply.requesterNotified);
  const mention = /^[UW][A-Z0-9]{1,63}$/u.test(actorUserId) ? ` ${s.by(`<@${actorUserId}>`)}` : '';
  const blocks = [...(ticketBlocks as KnownBlock[]).slice(0, MESSAGE_BLOCKS_MAX - 2), statusBlock(`${escapeMrkdwn(recorded)}${mention}`)];
  if (isOpen(reply.ticket)) blocks.push(staffActions(reply.ticket, reply.language));
  return { text: recorded, blocks };
}

/**
 * Begär komplettering / Avvisa: a modal asking for the note the requester is shown, with the ticket
 * above it (the staff member sees what they answer; the submission carries it back, see
 * ticketBlocksOf).
 */
export function ticketNoteModal(metadata: TicketNoteMetadata, ticketBlocks: readonly unknown[]): ModalView {
  const k = ticketTexts[metadata.language];
  const s = slackTicketTexts[metadata.language];
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.ticketNote,
    private_metadata: JSON.stringify(metadata),
    title: plain(metadata.action === 'ask' ? k.ask : k.reject, MODAL_TITLE_MAX),
    submit: plain(s.send, MODAL_TITLE_MAX),
    close: plain(s.cancel, MODAL_TITLE_MAX),
    blocks: [
      ...(ticketBlocks as KnownBlock[]).slice(0, MODAL_BLOCKS_MAX - 2),
      ...(ticketBlocks.length === 0 ? [context(escapeMrkdwn(metadata.ticketId))] : []),
      {
        type: 'input',
        block_id: BLOCK_IDS.ticketNote,
        label: plain(k.noteLabel, FIELD_TEXT_MAX),
        element: { type: 'plain_text_input', action_id: ACTION_IDS.input, multiline: true, min_length: 1, max_length: NOTE_MAX },
      },
    ],
  };
}
