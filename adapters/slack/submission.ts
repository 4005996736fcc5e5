import type { webApi } from '@slack/bolt';
import { destinationKey, type Actor } from '../../src/contacts/index.js';
import { registrationTexts, textsFor, type BotAction, type ConversationRef, type Reply, type Turn } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { BLOCK_IDS } from './action-values.js';
import { simple, type SlackMessage } from './blocks.js';
import { deliver, type Delivery, type SlackHandlerDependencies } from './delivery.js';
import { kindOfChannel, type SlackInbound } from './inbound-model.js';
import { registrationErrors, reviewDecidedMessage } from './registration-render.js';
import { renderReply } from './render.js';
import { updateSlackMessage } from './send.js';

type WebClient = webApi.WebClient;

/** Bolt's acknowledgement; for a modal submission its body is the answer ("errors", or none to close). */
export type SlackAck = (response?: Record<string, unknown>) => Promise<void>;

/** The bot's replies if they came within the deadline, and the pending answer either way. */
export interface Asked {
  readonly replies: Reply[] | undefined;
  readonly pending: Promise<Reply[]>;
}

/**
 * Asks the bot and waits at most `deadlineMs`: a modal can only show field errors in its
 * acknowledgement, and Slack gives up on that after three seconds (the bot may be posting the
 * application to the staff channel meanwhile, through a rate-limited Slack).
 */
export async function askWithin(turn: Turn, deps: SlackHandlerDependencies): Promise<Asked> {
  const pending = deps.bot.handle(turn);
  // Whoever awaits `pending` sees a failure; this only keeps it from being reported as unhandled.
  pending.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), deps.submissionDeadlineMs)));
  try {
    return { replies: await Promise.race([pending, deadline]), pending };
  } finally {
    clearTimeout(timer);
  }
}

/** The replies, or the apology when the bot failed (logged); said where the delivery says. */
export async function settle(asked: Asked, language: Language, deps: SlackHandlerDependencies): Promise<Reply[] | SlackMessage> {
  try {
    return asked.replies ?? (await asked.pending);
  } catch (error) {
    deps.logger.error({ err: error }, 'slack: the bot failed to answer a modal');
    return simple(textsFor(language).apology);
  }
}

/**
 * Slack has no install event for a DM, but the registry answers the applicant (and the ticket
 * service the requester) in the conversation the form came from, later, when staff act. So that conversation is recorded the way
 * the core records any conversation the bot is in (its welcome is not shown: the person is in the
 * middle of a form).
 */
export async function rememberConversation(actor: Actor, conversation: ConversationRef, deps: SlackHandlerDependencies): Promise<void> {
  if (await deps.destinations.get(destinationKey(conversation))) return;
  await deps.bot.handle({ kind: 'installed', actor, conversation, reference: { channel: conversation.id, team: conversation.tenantId } });
}

/**
 * The registration modal, sent. Field errors go back into the modal (`response_action: "errors"`,
 * so Slack keeps what was typed); otherwise the modal closes and the bot's answer (received, or a
 * refusal such as a second pending application) is posted to the applicant's DM.
 */
export async function handleRegistrationSubmitted(
  inbound: Extract<SlackInbound, { kind: 'registration-submitted' }>,
  ack: SlackAck,
  client: WebClient,
  deps: SlackHandlerDependencies,
): Promise<void> {
  const { metadata } = inbound;
  await submitFormModal(
    {
      userId: inbound.userId,
      teamId: inbound.teamId,
      channel: metadata.channel,
      language: metadata.language,
      action: { type: 'submit-registration', values: inbound.values },
      failure: 'slack: the bot failed to take a registration',
      fieldErrors: (replies) => {
        const form = replies.find((reply): reply is Extract<Reply, { kind: 'registration-form' }> => reply.kind === 'registration-form');
        return form ? registrationErrors(form) : undefined;
      },
    },
    ack,
    client,
    deps,
  );
}

/**
 * The reason modal, sent: a blank reason is refused in the modal (the applicant is owed one), then
 * the bot decides. A refusal (not staff, already decided) is shown in the modal too; a decision
 * replaces the application's buttons where it was posted.
 */
export async function handleRejectionSubmitted(
  inbound: Extract<SlackInbound, { kind: 'rejection-submitted' }>,
  ack: SlackAck,
  client: WebClient,
  deps: SlackHandlerDependencies,
): Promise<void> {
  const { metadata } = inbound;
  await answerInModal(
    {
      text: inbound.reason,
      missing: registrationTexts[metadata.language].reasonRequired,
      userId: inbound.userId,
      teamId: inbound.teamId,
      language: metadata.language,
      origin: metadata.review,
      responseUrl: metadata.responseUrl,
      action: { type: 'decide-registration', requestId: metadata.requestId, approve: false, reason: inbound.reason },
      errorBlock: BLOCK_IDS.rejectReason,
      failure: 'slack: the bot failed to record a rejection',
      updateOrigin: (reply) => (reply.kind === 'registration-decision-recorded' ? reviewDecidedMessage(reply) : undefined),
    },
    ack,
    client,
    deps,
  );
}

/** A modal that asks for a text (a rejection reason, a note, an answer) before the bot acts. */
export interface ModalAnswer {
  /** The text typed in the modal; a blank one is refused under `errorBlock` with `missing`. */
  readonly text: string | undefined;
  readonly missing: string;
  readonly userId: string;
  readonly teamId: string;
  readonly language: Language;
  /** The message the modal was opened from, to update with the outcome. */
  readonly origin: { readonly channel: string; readonly ts: string } | undefined;
  readonly responseUrl: string | undefined;
  readonly action: BotAction;
  /** The input block a refusal is shown under. */
  readonly errorBlock: string;
  readonly failure: string;
  /** The updated origin message for the reply that records the outcome, or undefined to post the reply instead. */
  readonly updateOrigin: (reply: Reply) => SlackMessage | undefined;
}

/**
 * Sends a modal's action to the bot. A blank text, or the bot's refusal (not staff, already
 * decided), stays in the modal under its field; otherwise the modal closes, the origin message is
 * updated with the outcome and any other reply is delivered where the modal came from.
 */
export async function answerInModal(options: ModalAnswer, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { language, origin } = options;
  if (!options.text) {
    await ack({ response_action: 'errors', errors: { [options.errorBlock]: options.missing } });
    return;
  }
  const actor: Actor = { platform: 'slack', userId: options.userId, tenantId: options.teamId };
  const where = origin?.channel ?? options.userId;
  const conversation: ConversationRef = { platform: 'slack', id: where, kind: origin ? kindOfChannel(where) : 'personal', tenantId: options.teamId };
  const delivery: Delivery = options.responseUrl ? { kind: 'respond', url: options.responseUrl } : { kind: 'post', channel: options.userId };
  let asked: Asked;
  try {
    asked = await askWithin({ kind: 'action', actor, conversation, action: options.action, language }, deps);
  } catch (error) {
    await ack();
    deps.logger.error({ err: error }, options.failure);
    await deliver(delivery, simple(textsFor(language).apology), client, deps);
    return;
  }
  const refusal = asked.replies?.find((reply): reply is Extract<Reply, { kind: 'error' }> => reply.kind === 'error');
  if (refusal) {
    await ack({ response_action: 'errors', errors: { [options.errorBlock]: refusal.message } });
    return;
  }
  await ack();
  const answered = await settle(asked, language, deps);
  if (!Array.isArray(answered)) {
    await deliver(delivery, answered, client, deps);
    return;
  }
  for (const reply of answered) {
    const updated = origin ? options.updateOrigin(reply) : undefined;
    if (updated && origin) await updateSlackMessage(client, origin, updated, deps.rateLimit);
    else await deliver(delivery, renderReply(reply), client, deps);
  }
}

/** A form modal (registration, ticket) sent by a user, to be answered in their DM. */
export interface FormSubmission {
  readonly userId: string;
  readonly teamId: string;
  /** The user's DM with the bot, where the answer goes and where they hear more later. */
  readonly channel: string;
  readonly language: Language;
  readonly action: BotAction;
  readonly failure: string;
  /** The field errors to show in the modal, when the bot sent the form back. */
  readonly fieldErrors: (replies: readonly Reply[]) => Record<string, string> | undefined;
}

/**
 * Sends a form modal's values to the bot. Field errors go back into the modal
 * (`response_action: "errors"`, so Slack keeps what was typed); otherwise the modal closes and the
 * bot's answer is posted to the user's DM. Past Slack's deadline a form with errors comes as a
 * message whose button reopens it as typed.
 */
export async function submitFormModal(submission: FormSubmission, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const actor: Actor = { platform: 'slack', userId: submission.userId, tenantId: submission.teamId };
  const conversation: ConversationRef = { platform: 'slack', id: submission.channel, kind: 'personal', tenantId: submission.teamId };
  const delivery: Delivery = { kind: 'post', channel: submission.channel };
  let asked: Asked;
  try {
    await rememberConversation(actor, conversation, deps);
    asked = await askWithin({ kind: 'action', actor, conversation, action: submission.action, language: submission.language }, deps);
  } catch (error) {
    await ack();
    deps.logger.error({ err: error }, submission.failure);
    await deliver(delivery, simple(textsFor(submission.language).apology), client, deps);
    return;
  }
  const errors = asked.replies ? submission.fieldErrors(asked.replies) : undefined;
  if (errors) {
    await ack({ response_action: 'errors', errors });
    return;
  }
  await ack();
  const answered = await settle(asked, submission.language, deps);
  for (const message of Array.isArray(answered) ? answered.map((reply) => renderReply(reply)) : [answered]) await deliver(delivery, message, client, deps);
}
