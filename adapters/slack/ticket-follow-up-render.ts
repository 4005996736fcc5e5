import type { types } from '@slack/bolt';
import { textsFor, ticketTexts, type Reply, type TicketSummary } from '../../src/bot/index.js';
import { citationLine, type Language } from '../../src/knowledge/index.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, type TicketRatingValue, type TicketReplyMetadata, type TicketValue } from './action-values.js';
import { BUTTON_TEXT_MAX, MESSAGE_BLOCKS_MAX, MODAL_TITLE_MAX, SECTION_MAX, context, header, plain, section, simple, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, splitText, truncate } from './mrkdwn.js';
import { echoedBlocksSchema, isOpen } from './ticket-staff-render.js';
import { slackTicketTexts } from './ticket-texts.js';

// The requester's side of a ticket in Slack once it is filed: updates with "Blev det löst?", the
// conversation with staff and its "Svara", lists, the Home tab, and how the municipality wants it
// done instead. Filing is in ticket-form-render.ts; the staff's side in ticket-staff-render.ts.

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

/** Slack's limits: one field's text (a label), an input's length. */
const FIELD_TEXT_MAX = 2000;
const INPUT_MAX = 3000;

/** "Svara": opens the answer modal for the ticket. */
function replyButton(ticketId: string, language: Language): types.Button {
  const value: TicketReplyMetadata = { ticketId, language };
  return { type: 'button', action_id: ACTION_IDS.ticketReply, text: plain(ticketTexts[language].replyAction, BUTTON_TEXT_MAX), style: 'primary', value: JSON.stringify(value) };
}

/**
 * To the requester: what staff did, and after resolution "Blev det löst?" with Ja/Nej. When staff
 * asked for more, "Svara" lets the requester answer in the ticket's conversation.
 */
export function ticketUpdateMessage(reply: Extract<Reply, { kind: 'ticket-update' }>): SlackMessage {
  const k = ticketTexts[reply.language];
  const text = k.update(reply.ticket, reply.note);
  if (reply.ticket.status === 'waiting-for-requester' && !reply.askRating) {
    return { text, blocks: [section(escapeMrkdwn(text)), { type: 'actions', block_id: BLOCK_IDS.ticketReply, elements: [replyButton(reply.ticket.id, reply.language)] }] };
  }
  if (!reply.askRating) return simple(text);
  const value = (solved: boolean): string => JSON.stringify({ ticketId: reply.ticket.id, solved, language: reply.language } satisfies TicketRatingValue);
  return {
    text: `${text} ${k.askRating}`,
    blocks: [
      section(escapeMrkdwn(text)),
      section(`*${escapeMrkdwn(k.askRating)}*`, BLOCK_IDS.ticketRatingPrompt),
      {
        type: 'actions',
        block_id: BLOCK_IDS.ticketRating,
        elements: [
          { type: 'button', action_id: ACTION_IDS.ticketSolvedYes, text: plain(k.solvedYes, BUTTON_TEXT_MAX), style: 'primary', value: value(true) },
          { type: 'button', action_id: ACTION_IDS.ticketSolvedNo, text: plain(k.solvedNo, BUTTON_TEXT_MAX), value: value(false) },
        ],
      },
    ],
  };
}

/**
 * The update after the requester answered "Blev det löst?": the question gives way to the thanks
 * and the buttons go. Undefined when the blocks are not an update this adapter rendered.
 */
export function withRatingGiven(echoed: readonly unknown[] | undefined, reply: Extract<Reply, { kind: 'ticket-rated' }>): KnownBlock[] | undefined {
  const parsed = echoedBlocksSchema.safeParse(echoed);
  if (!parsed.success || !parsed.data.some((block) => block.block_id === BLOCK_IDS.ticketRatingPrompt)) return undefined;
  const thanks = { ...context(escapeMrkdwn(ticketTexts[reply.language].rated(reply.solved))), block_id: BLOCK_IDS.ticketRatingPrompt };
  return parsed.data.flatMap((block) => (block.block_id === BLOCK_IDS.ticketRatingPrompt ? [thanks] : block.block_id === BLOCK_IDS.ticketRating ? [] : [block as unknown as KnownBlock]));
}

function ticketLine(ticket: TicketSummary, language: Language): string {
  return `• *${escapeMrkdwn(ticket.id)}* · ${escapeMrkdwn(ticketTexts[language].status[ticket.status])} · ${escapeMrkdwn(ticket.title)}`;
}

/** "mina ärenden": one line per ticket with its status, newest first (as the bot orders them). */
export function ticketListMessage(reply: Extract<Reply, { kind: 'ticket-list' }>): SlackMessage {
  const k = ticketTexts[reply.language];
  if (reply.tickets.length === 0) return simple(k.listEmpty);
  const pieces = splitText(reply.tickets.map((ticket) => ticketLine(ticket, reply.language)).join('\n'), SECTION_MAX);
  return { text: k.listTitle, blocks: [header(k.listTitle), ...pieces.slice(0, MESSAGE_BLOCKS_MAX - 1).map((piece) => section(piece))] };
}

/** How the municipality wants it done instead, with the source it says so in. */
export function handledElsewhereMessage(reply: Extract<Reply, { kind: 'handled-elsewhere' }>): SlackMessage {
  const k = ticketTexts[reply.language];
  return {
    text: `${k.handledElsewhereTitle}: ${reply.text}`,
    blocks: [
      section(`*${escapeMrkdwn(k.handledElsewhereTitle)}*\n${escapeMrkdwn(reply.text)}`),
      ...(reply.link ? [section(`*${escapeMrkdwn(k.routineLink(reply.link))}*`)] : []),
      context(escapeMrkdwn(citationLine(reply.citation, reply.language)), `«${escapeMrkdwn(truncate(reply.citation.quote, SECTION_MAX - 2))}»`),
    ],
  };
}

/** The Home tab's tickets: the open ones, and "Skapa ärende" (a button press can open the modal). */
export function homeTicketBlocks(list: Extract<Reply, { kind: 'ticket-list' }> | undefined, language: Language): KnownBlock[] {
  const k = ticketTexts[language];
  const open = (list?.tickets ?? []).filter(isOpen);
  const lines = open.length > 0 ? open.slice(0, 20).map((ticket) => ticketLine(ticket, language)).join('\n') : escapeMrkdwn(slackTicketTexts[language].homeNone);
  return [
    {
      ...section(`*${escapeMrkdwn(k.listTitle)}*\n${lines}`),
      accessory: { type: 'button', action_id: ACTION_IDS.createTicket, text: plain(textsFor(language).createTicket, BUTTON_TEXT_MAX), value: JSON.stringify({ language } satisfies TicketValue) },
    },
  ];
}

/**
 * A message in a ticket's conversation: from staff to the requester (with "Svara" when they can
 * answer), or the requester's answer in the staff thread. The text is the person's own, shown as written.
 */
export function ticketConversationMessage(reply: Extract<Reply, { kind: 'ticket-message' }>): SlackMessage {
  const k = ticketTexts[reply.language];
  const heading = reply.from === 'staff' ? k.messageFromStaff(reply.ticket.id, reply.author) : k.messageFromRequester(reply.ticket.id, reply.author);
  const pieces = splitText(escapeMrkdwn(reply.text), SECTION_MAX);
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(heading)}*`), ...pieces.slice(0, MESSAGE_BLOCKS_MAX - 2).map((piece) => section(piece))];
  if (reply.canReply) blocks.push({ type: 'actions', block_id: BLOCK_IDS.ticketReply, elements: [replyButton(reply.ticket.id, reply.language)] });
  // The notification text is escaped too: a person's "<!channel>" must not ping through the bot.
  return { text: truncate(escapeMrkdwn(`${heading} ${reply.text}`), SECTION_MAX), blocks };
}

/** The answer modal behind "Svara": one required multiline input. */
export function ticketReplyModal(metadata: TicketReplyMetadata): ModalView {
  const s = slackTicketTexts[metadata.language];
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.ticketReply,
    private_metadata: JSON.stringify(metadata),
    title: plain(s.replyTitle, MODAL_TITLE_MAX),
    submit: plain(s.send, MODAL_TITLE_MAX),
    close: plain(s.cancel, MODAL_TITLE_MAX),
    blocks: [
      context(escapeMrkdwn(metadata.ticketId)),
      {
        type: 'input',
        block_id: BLOCK_IDS.ticketReply,
        label: plain(s.replyLabel, FIELD_TEXT_MAX),
        element: { type: 'plain_text_input', action_id: ACTION_IDS.input, multiline: true, min_length: 1, max_length: INPUT_MAX },
      },
    ],
  };
}
