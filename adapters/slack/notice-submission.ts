import type { webApi } from '@slack/bolt';
import { noticeTexts, type Reply } from '../../src/bot/index.js';
import type { SlackHandlerDependencies } from './delivery.js';
import type { SlackInbound } from './inbound-model.js';
import { noticeChangeErrors, noticeFormErrors } from './notice-modals.js';
import { noticeRecordedMessage } from './notice-render.js';
import { NOTICE_BLOCK_IDS, noticeChangeBlockId, noticeFormBlockId } from './notice-values.js';
import { answerInModal, submitFormModal, type SlackAck } from './submission.js';

type WebClient = webApi.WebClient;

/**
 * The bot's answer to a notice modal, as the modal's errors: the form sent back with field errors,
 * or, when all it says is a refusal (not staff, the notice is closed), that refusal under the first
 * field, so staff see it where they typed rather than in another conversation.
 */
function modalErrors(replies: readonly Reply[], fieldErrors: (reply: Reply) => Record<string, string> | undefined, firstBlock: string): Record<string, string> | undefined {
  for (const reply of replies) {
    const errors = fieldErrors(reply);
    if (errors) return errors;
  }
  const refusals = replies.filter((reply): reply is Extract<Reply, { kind: 'error' }> => reply.kind === 'error');
  if (refusals.length > 0 && refusals.length === replies.length) return { [firstBlock]: refusals.map((reply) => reply.message).join(' ') };
  return undefined;
}

/**
 * The notice form, sent: the draft is saved and previewed. Field errors go back into the modal;
 * otherwise it closes and the preview (with Publicera, Ändra, Släng utkastet) comes in the staff
 * member's DM with the bot, shown to nobody else.
 */
export async function handleNoticeFormSubmitted(inbound: Extract<SlackInbound, { kind: 'notice-form-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  await submitFormModal(
    {
      userId: inbound.userId,
      teamId: inbound.teamId,
      channel: metadata.channel,
      language: metadata.language,
      action: { type: 'preview-notice', noticeKind: metadata.noticeKind, ...(metadata.noticeId ? { noticeId: metadata.noticeId } : {}), values: inbound.values },
      failure: 'slack: the bot failed to preview a notice',
      fieldErrors: (replies) => modalErrors(replies, (reply) => (reply.kind === 'notice-form' ? noticeFormErrors(reply) : undefined), noticeFormBlockId('title')),
    },
    ack,
    client,
    deps,
  );
}

/** The change form (update, correction, cancellation, resolution), sent: like the notice form, errors stay in the modal. */
export async function handleNoticeChangeSubmitted(inbound: Extract<SlackInbound, { kind: 'notice-change-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  await submitFormModal(
    {
      userId: inbound.userId,
      teamId: inbound.teamId,
      channel: metadata.channel,
      language: metadata.language,
      action: { type: 'change-notice', noticeId: metadata.noticeId, mode: metadata.mode, values: inbound.values },
      failure: 'slack: the bot failed to change a notice',
      fieldErrors: (replies) => modalErrors(replies, (reply) => (reply.kind === 'notice-change-form' ? noticeChangeErrors(reply) : undefined), noticeChangeBlockId(metadata.mode === 'correct' ? 'title' : 'text')),
    },
    ack,
    client,
    deps,
  );
}

/**
 * The reason modal, sent: a blank reason is refused in the modal, as is the bot's refusal; once
 * published, the preview it came from shows so (its buttons gone, so nobody publishes twice).
 */
export async function handleNoticeReasonSubmitted(inbound: Extract<SlackInbound, { kind: 'notice-reason-submitted' }>, ack: SlackAck, client: WebClient, deps: SlackHandlerDependencies): Promise<void> {
  const { metadata } = inbound;
  await answerInModal(
    {
      text: inbound.reason,
      missing: noticeTexts[metadata.language].needsReason,
      userId: inbound.userId,
      teamId: inbound.teamId,
      language: metadata.language,
      origin: metadata.preview,
      responseUrl: metadata.responseUrl,
      action: { type: 'publish-notice', noticeId: metadata.noticeId, reason: inbound.reason },
      errorBlock: NOTICE_BLOCK_IDS.reason,
      failure: 'slack: the bot failed to publish a notice',
      updateOrigin: (reply) => (reply.kind === 'notice-action-recorded' ? noticeRecordedMessage(reply) : undefined),
    },
    ack,
    client,
    deps,
  );
}
