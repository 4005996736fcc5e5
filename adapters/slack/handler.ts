import type { types, webApi } from '@slack/bolt';
import type { Actor } from '../../src/contacts/index.js';
import { textsFor, type ConversationRef, type Reply, type Turn } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { deliver, type Delivery, type SlackHandlerDependencies } from './delivery.js';
import type { HandledInbound, SlackInbound } from './inbound-model.js';
import { noticeChangeModal, noticeFormModal, noticeReasonModal } from './notice-modals.js';
import { isNoticePreview, noticeRecordedMessage } from './notice-render.js';
import { handleNoticeChangeSubmitted, handleNoticeFormSubmitted, handleNoticeReasonSubmitted } from './notice-submission.js';
import { registrationModal, rejectModal, reviewDecidedMessage } from './registration-render.js';
import { renderHome, renderReply, withFeedbackGiven } from './render.js';
import { updateSlackMessage, withRetryAfter } from './send.js';
import { handleRegistrationSubmitted, handleRejectionSubmitted, type SlackAck } from './submission.js';
import { handleTicketNoteSubmitted, handleTicketReplySubmitted, handleTicketSubmitted } from './ticket-submission.js';
import { ticketModal } from './ticket-form-render.js';
import { ticketReplyModal, withRatingGiven } from './ticket-follow-up-render.js';
import { staffMessageAfter, ticketBlocksOf, ticketNoteModal } from './ticket-staff-render.js';

type WebClient = webApi.WebClient;
type ModalView = types.ModalView;
type FormReply = Extract<Reply, { kind: 'registration-form' | 'ticket-form' | 'notice-form' | 'notice-change-form' }>;

export type { SlackHandlerDependencies } from './delivery.js';

/**
 * Handles one validated inbound after it was acknowledged: builds the core's Turn, asks the bot,
 * and delivers the replies where the user is (a mention's thread, the DM, the slash command's
 * response_url, the Home tab, a modal). No business rule here: what to say is the bot's decision.
 * Modal submissions are the one kind not yet acknowledged: they get `ack`, whose body is the
 * modal's answer (see submission.ts).
 */
export async function handleSlackInbound(inbound: HandledInbound, client: WebClient, deps: SlackHandlerDependencies, ack: SlackAck = async () => undefined): Promise<void> {
  switch (inbound.kind) {
    case 'message': {
      const delivery: Delivery = inbound.responseUrl ? { kind: 'respond', url: inbound.responseUrl } : { kind: 'post', channel: inbound.channel, threadTs: inbound.threadTs };
      // A reply in a channel thread carries the thread: the core follows its tickets' staff threads.
      // Whatever the core answers to it (an error) goes into that thread.
      const turn: Turn = {
        kind: 'message',
        actor: actorOf(inbound),
        conversation: conversationOf(inbound),
        text: inbound.text,
        ...(inbound.threadId ? { threadId: inbound.threadId } : {}),
        // A thread reply that does not mention the bot is only followed for tickets, never answered.
        ...(inbound.source === 'thread' ? { addressed: false } : {}),
      };
      await answer(turn, delivery, 'sv', client, deps, { echoQuestion: inbound.source === 'command', modal: modalTrigger(inbound) });
      return;
    }
    case 'action': {
      const { origin } = inbound;
      const delivery: Delivery =
        origin.type === 'home'
          ? { kind: 'home', teamId: inbound.teamId, userId: inbound.userId }
          : inbound.responseUrl
            ? { kind: 'respond', url: inbound.responseUrl }
            : origin.type === 'message'
              ? { kind: 'post', channel: origin.channel, threadTs: origin.threadTs }
              : { kind: 'post', channel: inbound.userId };
      const turn: Turn = { kind: 'action', actor: actorOf(inbound), conversation: conversationOf(inbound), action: inbound.action, language: inbound.language };
      const sentMessage = origin.type === 'message' && !origin.ephemeral ? origin : undefined;
      const ticket = sentMessage ? ticketBlocksOf(sentMessage.blocks) : undefined;
      await answer(turn, delivery, inbound.language, client, deps, {
        // Feedback on a normal message updates that message: the thanks replaces the Ja/Nej buttons.
        feedbackTarget: sentMessage,
        // A decision on an application replaces its Godkänn/Avslå with the decision, for every reader.
        reviewTarget: sentMessage,
        // Staff acting on a ticket: its message shows the new status (and loses its buttons once closed).
        ticketTarget: sentMessage && ticket ? { channel: sentMessage.channel, ts: sentMessage.ts, ticket, actorUserId: inbound.userId } : undefined,
        // Publicera or Släng utkastet on a preview: the preview shows the outcome instead of its buttons.
        previewTarget: sentMessage && isNoticePreview(sentMessage.blocks) ? sentMessage : undefined,
        modal: modalTrigger(inbound, inbound.carried),
      });
      return;
    }
    case 'ticket-reply-requested':
      // The answer is written in a modal; the bot hears of it when the modal is sent.
      await withRetryAfter(() => client.views.open({ trigger_id: inbound.triggerId, view: ticketReplyModal(inbound.metadata) }), deps.rateLimit);
      return;
    case 'ticket-reply-submitted':
      await handleTicketReplySubmitted(inbound, ack, client, deps);
      return;
    case 'ticket-note-requested':
      // The note is part of the action: the bot hears of it when the modal is sent.
      await withRetryAfter(() => client.views.open({ trigger_id: inbound.triggerId, view: ticketNoteModal(inbound.metadata, inbound.ticket) }), deps.rateLimit);
      return;
    case 'ticket-submitted':
      await handleTicketSubmitted(inbound, ack, client, deps);
      return;
    case 'ticket-note-submitted':
      await handleTicketNoteSubmitted(inbound, ack, client, deps);
      return;
    case 'reject-requested':
      // Asking the reason is the form of the decision, not the decision: the bot hears of it on submit.
      await withRetryAfter(() => client.views.open({ trigger_id: inbound.triggerId, view: rejectModal(inbound.metadata) }), deps.rateLimit);
      return;
    case 'notice-reason-requested':
      // A notice against the rules is published with a reason: asked in a modal, published on submit.
      await withRetryAfter(() => client.views.open({ trigger_id: inbound.triggerId, view: noticeReasonModal(inbound.metadata) }), deps.rateLimit);
      return;
    case 'notice-form-submitted':
      await handleNoticeFormSubmitted(inbound, ack, client, deps);
      return;
    case 'notice-change-submitted':
      await handleNoticeChangeSubmitted(inbound, ack, client, deps);
      return;
    case 'notice-reason-submitted':
      await handleNoticeReasonSubmitted(inbound, ack, client, deps);
      return;
    case 'registration-submitted':
      await handleRegistrationSubmitted(inbound, ack, client, deps);
      return;
    case 'rejection-submitted':
      await handleRejectionSubmitted(inbound, ack, client, deps);
      return;
    case 'home-opened':
      await publishHome({ kind: 'home', teamId: inbound.teamId, userId: inbound.userId, channel: inbound.channel }, client, deps);
      return;
    case 'bot-joined': {
      const conversation: ConversationRef = { platform: 'slack', id: inbound.channel, kind: inbound.conversationKind, tenantId: inbound.teamId };
      const turn: Turn = {
        kind: 'installed',
        actor: { platform: 'slack', userId: inbound.userId, tenantId: inbound.teamId },
        conversation,
        // What a notice sender needs to post here later: the channel, in its workspace.
        reference: { channel: inbound.channel, team: inbound.teamId },
      };
      await answer(turn, { kind: 'post', channel: inbound.channel }, 'sv', client, deps);
      deps.logger.info({ team: inbound.teamId, channel: inbound.channel }, 'slack: added to a channel, recorded as a notice destination');
      return;
    }
    case 'bot-left': {
      const conversation: ConversationRef = { platform: 'slack', id: inbound.channel, kind: 'channel', tenantId: inbound.teamId };
      await deps.bot.handle({ kind: 'uninstalled', actor: { platform: 'slack', userId: inbound.actorId ?? 'unknown', tenantId: inbound.teamId }, conversation });
      deps.logger.info({ team: inbound.teamId, channel: inbound.channel }, 'slack: removed from a channel, no longer a notice destination');
      return;
    }
    case 'ignored':
      deps.logger.debug({ type: inbound.type, reason: inbound.reason }, 'slack: ignored');
      return;
    case 'unsupported':
      // Logged without the payload: it may hold a person's message.
      deps.logger.info({ type: inbound.type, reason: inbound.reason }, 'slack: unsupported payload acknowledged and skipped');
      return;
  }
}

function actorOf(inbound: { teamId: string; userId: string }): Actor {
  return { platform: 'slack', userId: inbound.userId, tenantId: inbound.teamId };
}

function conversationOf(inbound: Extract<SlackInbound, { kind: 'message' | 'action' }>): ConversationRef {
  return { platform: 'slack', id: inbound.channel ?? inbound.userId, kind: inbound.conversationKind, tenantId: inbound.teamId };
}

/**
 * What opening a modal (registration, ticket) needs: the trigger of the press or command, where the
 * answers go afterwards, and what a "Fyll i ansökan" or "Fyll i ärendet" button carried.
 */
interface ModalTrigger {
  readonly triggerId: string;
  /** The person's user id: a post to it lands in their DM with the bot. */
  readonly answerTo: string;
  readonly carried?: Readonly<Record<string, string>> | undefined;
}

function modalTrigger(inbound: Extract<SlackInbound, { kind: 'message' | 'action' }>, carried?: Readonly<Record<string, string>> | undefined): ModalTrigger | undefined {
  if (!inbound.triggerId) return undefined;
  // The answers (received, filed, decided) go to the person's DM with the bot, by user id: a form
  // opened in a channel or from the Home tab is answered privately, and every path gives one conversation.
  return { triggerId: inbound.triggerId, answerTo: inbound.userId, carried };
}

/** The modal for a form reply, with where its answers go. */
function modalFor(reply: FormReply, trigger: ModalTrigger): ModalView {
  switch (reply.kind) {
    case 'registration-form':
      return registrationModal(reply, { channel: trigger.answerTo, language: reply.language }, trigger.carried);
    case 'ticket-form':
      return ticketModal(reply, { typeId: reply.type.id, channel: trigger.answerTo, language: reply.language }, trigger.carried);
    case 'notice-form':
      return noticeFormModal(reply, { noticeKind: reply.noticeKind, ...(reply.noticeId ? { noticeId: reply.noticeId } : {}), channel: trigger.answerTo, language: reply.language }, trigger.carried);
    case 'notice-change-form':
      return noticeChangeModal(reply, { noticeId: reply.notice.id, mode: reply.mode, channel: trigger.answerTo, language: reply.language });
  }
}

interface AnswerOptions {
  readonly echoQuestion?: boolean | undefined;
  readonly feedbackTarget?: { readonly channel: string; readonly ts: string; readonly text?: string | undefined; readonly blocks?: readonly unknown[] | undefined } | undefined;
  readonly reviewTarget?: { readonly channel: string; readonly ts: string } | undefined;
  /** A staff message of a ticket that was acted on: its blocks without status and buttons, and who acted. */
  readonly ticketTarget?: { readonly channel: string; readonly ts: string; readonly ticket: readonly unknown[]; readonly actorUserId: string } | undefined;
  /** A notice preview whose Publicera or Släng utkastet was pressed. */
  readonly previewTarget?: { readonly channel: string; readonly ts: string } | undefined;
  readonly modal?: ModalTrigger | undefined;
}

async function answer(turn: Turn, delivery: Delivery, language: Language, client: WebClient, deps: SlackHandlerDependencies, options: AnswerOptions = {}): Promise<void> {
  let replies: Reply[];
  try {
    replies = await deps.bot.handle(turn);
  } catch (error) {
    deps.logger.error({ err: error, kind: turn.kind }, 'slack: the bot failed to answer');
    await deliver(delivery, { text: textsFor(language).apology, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: textsFor(language).apology } }] }, client, deps).catch(
      (deliveryError: unknown) => deps.logger.error({ err: deliveryError }, 'slack: could not send the apology either'),
    );
    return;
  }
  let modalOpened = false;
  const openModal = async (reply: FormReply): Promise<boolean> => {
    if (!options.modal || modalOpened) return false;
    try {
      const view = modalFor(reply, options.modal);
      await withRetryAfter(() => client.views.open({ trigger_id: options.modal!.triggerId, view }), deps.rateLimit);
      modalOpened = true;
    } catch (error) {
      // A trigger lives three seconds; when it has expired the form is sent as a message instead.
      deps.logger.warn({ err: error, kind: reply.kind }, 'slack: could not open the modal, sending the form as a message');
    }
    return modalOpened;
  };
  // A form offered with an answer ("vi behöver beställa behörighet…") is a message with a button:
  // the person asked a question, and a modal popping up over the answer would hide it.
  const offered = replies.some((reply) => reply.kind === 'answer');
  const isForm = (reply: Reply): reply is FormReply =>
    reply.kind === 'registration-form' || reply.kind === 'notice-form' || reply.kind === 'notice-change-form' || (reply.kind === 'ticket-form' && !offered);
  if (delivery.kind === 'home') {
    // From the Home tab: a form opens as a modal, anything to read goes to the DM, and otherwise
    // (the municipality changed) the tab is published again to show the new state.
    let shown = false;
    for (const reply of replies) {
      if (isForm(reply) && (await openModal(reply))) shown = true;
      else if (reply.kind !== 'municipality-set' && reply.kind !== 'help') {
        await deliver(delivery, renderReply(reply), client, deps);
        shown = true;
      }
    }
    if (!shown) await publishHome(delivery, client, deps);
    return;
  }
  for (const reply of replies) {
    if (isForm(reply) && (await openModal(reply))) continue;
    if (reply.kind === 'registration-decision-recorded' && options.reviewTarget) {
      await updateSlackMessage(client, options.reviewTarget, reviewDecidedMessage(reply), deps.rateLimit);
      continue;
    }
    if (reply.kind === 'ticket-action-recorded' && options.ticketTarget) {
      const { channel, ts, ticket, actorUserId } = options.ticketTarget;
      await updateSlackMessage(client, { channel, ts }, staffMessageAfter(ticket, reply, actorUserId), deps.rateLimit);
      continue;
    }
    if (reply.kind === 'notice-action-recorded' && options.previewTarget) {
      await updateSlackMessage(client, options.previewTarget, noticeRecordedMessage(reply), deps.rateLimit);
      continue;
    }
    if (reply.kind === 'feedback-recorded' && options.feedbackTarget) {
      const blocks = withFeedbackGiven(options.feedbackTarget.blocks, reply);
      if (blocks) {
        const { channel, ts, text } = options.feedbackTarget;
        await updateSlackMessage(client, { channel, ts }, { text: text || textsFor(reply.language).feedbackThanks(reply.helpful), blocks }, deps.rateLimit);
        continue;
      }
    }
    if (reply.kind === 'ticket-rated' && options.feedbackTarget) {
      // "Blev det löst?" answered: the thanks replaces the question and its buttons.
      const blocks = withRatingGiven(options.feedbackTarget.blocks, reply);
      if (blocks) {
        const { channel, ts, text } = options.feedbackTarget;
        await updateSlackMessage(client, { channel, ts }, { text: text || renderReply(reply).text, blocks }, deps.rateLimit);
        continue;
      }
    }
    await deliver(delivery, renderReply(reply, { echoQuestion: options.echoQuestion }), client, deps);
  }
}

async function publishHome(delivery: Extract<Delivery, { kind: 'home' }>, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const replies = await deps.bot.handle({
    kind: 'action',
    actor: { platform: 'slack', userId: delivery.userId, tenantId: delivery.teamId },
    conversation: { platform: 'slack', id: delivery.channel ?? delivery.userId, kind: 'personal', tenantId: delivery.teamId },
    action: { type: 'show-help' },
    language: 'sv',
  });
  const help = replies.find((reply): reply is Extract<Reply, { kind: 'help' }> => reply.kind === 'help');
  if (!help) return;
  const listed = await deps.bot.handle({
    kind: 'action',
    actor: { platform: 'slack', userId: delivery.userId, tenantId: delivery.teamId },
    conversation: { platform: 'slack', id: delivery.channel ?? delivery.userId, kind: 'personal', tenantId: delivery.teamId },
    action: { type: 'list-tickets' },
    language: help.language,
  });
  const tickets = listed.find((reply): reply is Extract<Reply, { kind: 'ticket-list' }> => reply.kind === 'ticket-list');
  await withRetryAfter(() => client.views.publish({ user_id: delivery.userId, view: renderHome(help, tickets) }), deps.rateLimit);
}
