import type { webApi } from '@slack/bolt';
import type { Reply } from '../../src/bot/index.js';
import { BLOCK_IDS } from './action-values.js';
import type { SlackHandlerDependencies } from './delivery.js';
import type { SlackInbound } from './inbound-model.js';
import { answerInModal, submitFormModal, type SlackAck } from './submission.js';
import { ticketErrors } from './ticket-form-render.js';
import { staffMessageAfter } from './ticket-staff-render.js';
import { slackTicketTexts } from './ticket-texts.js';

type WebClient = webApi.WebClient;

/**
 * The ticket modal, sent. Field errors go back into the modal (`response_action: "errors"`, so
 * Slack keeps what was typed); otherwise the modal closes and the bot's answer (the receipt, or a
 * refusal such as "only registered IT-contacts") is posted to the requester's DM, which is also
 * where they hear from staff later.
 */
export async function handleTicketSubmitted(inbound: Extract<SlackInbound, { kind: 'ticket-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  await submitFormModal(
    {
      userId: inbound.userId,
      teamId: inbound.teamId,
      channel: metadata.channel,
      language: metadata.language,
      action: { type: 'submit-ticket', typeId: metadata.typeId, values: inbound.values },
      failure: 'slack: the bot failed to take a ticket',
      fieldErrors: (replies) => {
        const form = replies.find((reply): reply is Extract<Reply, { kind: 'ticket-form' }> => reply.kind === 'ticket-form');
        return form ? ticketErrors(form) : undefined;
      },
    },
    ack,
    client,
    deps,
  );
}

/**
 * The note modal (Begär komplettering, Avvisa), sent: a blank note is refused in the modal (the
 * requester is owed one), then the bot records the action. A refusal (not staff, no such ticket) is
 * shown in the modal too; the recorded action updates the staff message where it was posted.
 */
export async function handleTicketNoteSubmitted(inbound: Extract<SlackInbound, { kind: 'ticket-note-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  await answerInModal(
    {
      text: inbound.note,
      missing: slackTicketTexts[metadata.language].noteRequired,
      userId: inbound.userId,
      teamId: inbound.teamId,
      language: metadata.language,
      origin: metadata.message,
      responseUrl: metadata.responseUrl,
      action: { type: 'ticket-action', ticketId: metadata.ticketId, action: metadata.action, note: inbound.note },
      errorBlock: BLOCK_IDS.ticketNote,
      failure: 'slack: the bot failed to record a ticket action',
      updateOrigin: (reply) => (reply.kind === 'ticket-action-recorded' && inbound.ticket.length > 0 ? staffMessageAfter(inbound.ticket, reply, inbound.userId) : undefined),
    },
    ack,
    client,
    deps,
  );
}

/**
 * The answer modal ("Svara"), sent: a blank answer is refused in the modal; a refusal by the bot
 * (the ticket is closed, not theirs) is shown there too. Otherwise the modal closes, the answer goes
 * to the ticket's staff thread, and the requester is told so in their DM.
 */
export async function handleTicketReplySubmitted(inbound: Extract<SlackInbound, { kind: 'ticket-reply-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  await answerInModal(
    {
      text: inbound.text,
      missing: slackTicketTexts[metadata.language].replyRequired,
      userId: inbound.userId,
      teamId: inbound.teamId,
      language: metadata.language,
      origin: undefined,
      responseUrl: undefined,
      action: { type: 'reply-ticket', ticketId: metadata.ticketId, text: inbound.text },
      errorBlock: BLOCK_IDS.ticketReply,
      failure: 'slack: the bot failed to take an answer on a ticket',
      updateOrigin: () => undefined,
    },
    ack,
    client,
    deps,
  );
}
