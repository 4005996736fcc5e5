import type { webApi } from '@slack/bolt';
import { textsFor, type Actor, type ConversationRef, type Reply } from '../../src/bot/index.js';
import { BLOCK_IDS } from './action-values.js';
import { simple } from './blocks.js';
import { deliver, type Delivery, type SlackHandlerDependencies } from './delivery.js';
import type { SlackInbound } from './inbound.js';
import { renderReply } from './render.js';
import { answerInModal, askWithin, rememberConversation, settle, type Asked, type SlackAck } from './submission.js';
import { ticketErrors } from './ticket-render.js';
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
  const actor: Actor = { platform: 'slack', userId: inbound.userId, tenantId: inbound.teamId };
  // The requester's DM with the bot (by user id: chat.postMessage then posts there).
  const conversation: ConversationRef = { platform: 'slack', id: metadata.channel, kind: 'personal', tenantId: inbound.teamId };
  const delivery: Delivery = { kind: 'post', channel: metadata.channel };
  let asked: Asked;
  try {
    await rememberConversation(actor, conversation, deps);
    asked = await askWithin({ kind: 'action', actor, conversation, action: { type: 'submit-ticket', typeId: metadata.typeId, values: inbound.values }, language: metadata.language }, deps);
  } catch (error) {
    await ack();
    deps.logger.error({ err: error }, 'slack: the bot failed to take a ticket');
    await deliver(delivery, simple(textsFor(metadata.language).apology), client, deps);
    return;
  }
  const form = asked.replies?.find((reply): reply is Extract<Reply, { kind: 'ticket-form' }> => reply.kind === 'ticket-form');
  const errors = form ? ticketErrors(form) : undefined;
  if (errors) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  await ack();
  const answered = await settle(asked, metadata.language, deps);
  // Past the deadline a form with errors comes as a message, whose button reopens it as typed.
  for (const message of Array.isArray(answered) ? answered.map((reply) => renderReply(reply)) : [answered]) await deliver(delivery, message, client, deps);
}

/**
 * The note modal (Begär komplettering, Avvisa), sent: a blank note is refused in the modal (the
 * requester is owed one), then the bot records the action. A refusal (not staff, no such ticket) is
 * shown in the modal too; the recorded action updates the staff message where it was posted.
 */
export async function handleTicketNoteSubmitted(inbound: Extract<SlackInbound, { kind: 'ticket-note-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  if (!inbound.note) {
    await ack({ response_action: 'errors', errors: { [BLOCK_IDS.ticketNote]: slackTicketTexts[metadata.language].noteRequired } });
    return;
  }
  await answerInModal(
    {
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
