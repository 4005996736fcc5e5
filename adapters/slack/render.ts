import type { types } from '@slack/bolt';
import { z } from 'zod';
import { answerTitle, isFollowUp, registrationTexts, textsFor, ticketTexts, type AnswerContext, type MunicipalityChoice, type Reply } from '../../src/bot/index.js';
import { citationLine, type Answer, type Language } from '../../src/knowledge/index.js';
import { ACTION_IDS, BLOCK_IDS, encodeValue, municipalityBlockId, suggestionActionId, type SuggestionValue } from './action-values.js';
import { BUTTON_TEXT_MAX, MESSAGE_BLOCKS_MAX, OPTION_TEXT_MAX, OPTIONS_MAX, SECTION_MAX, bullets, context, header, plain, section, simple, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, splitText, truncate } from './mrkdwn.js';
import {
  homeNoticeBlocks,
  noticeChangeFormMessage,
  noticeChannelSetMessage,
  noticeFormMessage,
  noticeListMessage,
  noticeMessage,
  noticePreviewMessage,
  noticeRecordedMessage,
  noticeReportMessage,
  subscriptionsMessage,
} from './notice-render.js';
import { openRegistrationButton, registrationFormMessage, reviewDecidedMessage, reviewMessage } from './registration-render.js';
import { staffTicketMessage } from './ticket-staff-render.js';
import { ticketFormMessage, ticketTypeChoiceMessage } from './ticket-form-render.js';
import { handledElsewhereMessage, homeTicketBlocks, ticketConversationMessage, ticketListMessage, ticketUpdateMessage } from './ticket-follow-up-render.js';

type KnownBlock = types.KnownBlock;
type HomeView = types.HomeView;

export type { SlackMessage } from './blocks.js';

export interface RenderOptions {
  /**
   * Repeat the question above the answer: a slash command's text is not shown in the conversation,
   * so without it the answer would stand alone.
   */
  readonly echoQuestion?: boolean | undefined;
  /** Why the answer comes from where it does (a municipality the question named, the others). */
  readonly context?: AnswerContext | undefined;
}

/** Renders any Reply as a Block Kit message. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const t = textsFor(reply.language);
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.question, reply.answer, reply.language, { ...options, context: reply.context });
    case 'help':
      return {
        text: t.helpTitle,
        blocks: [header(t.helpTitle), section(bullets(t.helpLines)), context(escapeMrkdwn(t.currentMunicipality(reply.municipality)))],
      };
    case 'welcome':
      return {
        text: `${t.welcomeTitle} ${t.welcome}`,
        blocks: [
          header(t.welcomeTitle),
          section(escapeMrkdwn(t.welcome)),
          section(`*${escapeMrkdwn(t.helpTitle)}*\n${bullets(t.helpLines)}`),
          // Providers' IT-contacts who are not registered yet can apply from here.
          { type: 'actions', elements: [openRegistrationButton(reply.language, registrationTexts[reply.language].register)] },
        ],
      };
    case 'choose-municipality': {
      const question = [reply.unknown ? t.unknownMunicipality(reply.unknown) : '', t.chooseMunicipality].filter(Boolean).join(' ');
      const list = reply.municipalities.map((municipality) => municipality.name).join(', ');
      return {
        text: question,
        blocks: [
          { ...section(escapeMrkdwn(question), municipalityBlockId(reply.language)), accessory: municipalityMenu(reply.municipalities, reply.language, null) },
          context(escapeMrkdwn(t.chooseHint(list))),
        ],
      };
    }
    case 'municipality-set':
      return simple(t.municipalitySet(reply.municipality));
    case 'language':
      return simple(t.language(reply.changed));
    case 'feedback-recorded':
      return simple(t.feedbackThanks(reply.helpful));
    case 'registration-form':
      return registrationFormMessage(reply);
    case 'registration-received':
      return simple(registrationTexts[reply.language].received(reply.request, reply.staffNotified));
    case 'registration-review':
      return reviewMessage(reply);
    case 'registration-decided':
      return simple(registrationTexts[reply.language].decided(reply.request, reply.approved, reply.reason));
    case 'registration-decision-recorded':
      // Where the review message cannot be updated in place (the handler does that when it can).
      return reviewDecidedMessage(reply);
    case 'staff-channel-set':
      return simple(registrationTexts[reply.language].staffChannelSet(reply.municipality.name));
    case 'error':
      return simple(reply.message);
    case 'ticket-type-choice':
      return ticketTypeChoiceMessage(reply);
    case 'ticket-form':
      // Where a modal can be opened the handler opens one instead (see ticketModal).
      return ticketFormMessage(reply);
    case 'ticket-filed':
      return simple(ticketTexts[reply.language].filed(reply.ticket));
    case 'ticket-staff':
      return staffTicketMessage(reply);
    case 'ticket-update':
      return ticketUpdateMessage(reply);
    case 'ticket-action-recorded':
      // Where the staff message cannot be updated in place (the handler does that when it can).
      return simple(ticketTexts[reply.language].actionRecorded(reply.ticket, reply.requesterNotified));
    case 'ticket-list':
      return ticketListMessage(reply);
    case 'ticket-rated':
      return simple(ticketTexts[reply.language].rated(reply.solved));
    case 'ticket-message':
      return ticketConversationMessage(reply);
    case 'ticket-message-sent':
      return simple(ticketTexts[reply.language].messageSent(reply.ticket.id, reply.delivered));
    case 'handled-elsewhere':
      return handledElsewhereMessage(reply);
    case 'notice':
      return noticeMessage(reply);
    case 'notice-list':
      return noticeListMessage(reply);
    case 'notice-form':
      // Where a modal can be opened the handler opens one instead (see noticeFormModal).
      return noticeFormMessage(reply);
    case 'notice-preview':
      return noticePreviewMessage(reply);
    case 'notice-change-form':
      // Likewise a modal where one can be opened (see noticeChangeModal).
      return noticeChangeFormMessage(reply);
    case 'notice-report':
      return noticeReportMessage(reply);
    case 'notice-action-recorded':
      return noticeRecordedMessage(reply);
    case 'subscriptions':
      return subscriptionsMessage(reply);
    case 'notice-channel-set':
      return noticeChannelSetMessage(reply);
  }
}

/**
 * An answer: the facts in sections, each followed by a context block that cites the source
 * ("Källa: Göteborgs Stad, document, heading") with its verbatim quote, then "Hjälpte svaret?" with
 * Ja/Nej and "Skapa ärende". Not found: the engine's short reply, which offers a ticket, and the
 * button; a near miss asks "Menar du …?" with a button per suggestion and "Inget av dessa" instead.
 */
export function renderAnswer(question: string, answer: Answer, language: Language, options: RenderOptions = {}): SlackMessage {
  const t = textsFor(language);
  const reply = { kind: 'answer', language, question, answer, context: options.context } as const;
  const blocks: KnownBlock[] = [];
  if (options.echoQuestion && question) blocks.push(section(`> ${escapeMrkdwn(truncate(question, SECTION_MAX - 10))}`));
  if (answer.found) blocks.push(header(answerTitle(reply)));
  // A follow-up's answer says which question it answers.
  if (isFollowUp(options.context)) blocks.push(context(escapeMrkdwn(t.yourQuestion(question))));
  const ticketButton: types.Button = {
    type: 'button',
    action_id: ACTION_IDS.createTicket,
    text: plain(t.createTicket, 75),
    value: encodeValue({ question, language }),
  };
  if (!answer.found && answer.suggestions.length > 0) {
    const choose = (recordId: string | null): string => encodeValue<SuggestionValue>({ question, recordId, municipality: answer.municipality, language });
    blocks.push(section(escapeMrkdwn(answer.answer)), section(`*${escapeMrkdwn(t.didYouMean)}*`), {
      type: 'actions',
      block_id: BLOCK_IDS.suggestions,
      elements: [
        ...answer.suggestions.map((suggestion, index): types.Button => ({ type: 'button', action_id: suggestionActionId(index), text: plain(suggestion.label, BUTTON_TEXT_MAX), value: choose(suggestion.id) })),
        { type: 'button', action_id: suggestionActionId('none'), text: plain(t.noneOfThese, BUTTON_TEXT_MAX), value: choose(null) },
      ],
    });
    return { text: truncate(`${answer.answer} ${t.didYouMean}`, SECTION_MAX), blocks };
  }
  if (!answer.found) {
    blocks.push(section(escapeMrkdwn(answer.answer)), { type: 'actions', block_id: BLOCK_IDS.answerActions, elements: [ticketButton] });
    return { text: truncate(answer.answer, SECTION_MAX), blocks };
  }

  const many = answer.groups.length > 1;
  // Leave room for the prompt and the buttons; the answer engine returns a handful of records, so
  // this only matters if that ever changes.
  const room = MESSAGE_BLOCKS_MAX - blocks.length - 2;
  const body: KnownBlock[] = [];
  for (const group of answer.groups) {
    if (many) body.push(section(`*${escapeMrkdwn(group.municipalityName)}*`));
    for (const record of group.records) {
      for (const piece of splitText(escapeMrkdwn(record.text), SECTION_MAX)) body.push(section(piece));
      body.push(context(escapeMrkdwn(citationLine(record.citation, language)), `«${escapeMrkdwn(truncate(record.citation.quote, SECTION_MAX - 2))}»`));
    }
  }
  blocks.push(...body.slice(0, room));

  const feedback = { answerId: answer.answerId, question, municipality: answer.municipality, language };
  blocks.push(section(`*${escapeMrkdwn(t.helpful)}*`, BLOCK_IDS.feedbackPrompt), {
    type: 'actions',
    block_id: BLOCK_IDS.answerActions,
    elements: [
      { type: 'button', action_id: ACTION_IDS.feedbackYes, text: plain(t.yes, 75), style: 'primary', value: encodeValue(feedback) },
      { type: 'button', action_id: ACTION_IDS.feedbackNo, text: plain(t.no, 75), value: encodeValue(feedback) },
      ticketButton,
    ],
  });
  return { text: truncate(answer.answer, SECTION_MAX), blocks };
}

function municipalityMenu(municipalities: readonly MunicipalityChoice[], language: Language, current: MunicipalityChoice | null): types.StaticSelect {
  const option = (municipality: MunicipalityChoice): types.PlainTextOption => ({ text: plain(municipality.name, OPTION_TEXT_MAX), value: municipality.id });
  return {
    type: 'static_select',
    action_id: ACTION_IDS.chooseMunicipality,
    placeholder: plain(textsFor(language).selectMunicipality),
    options: municipalities.slice(0, OPTIONS_MAX).map(option),
    ...(current ? { initial_option: option(current) } : {}),
  };
}

/**
 * The App Home tab, from the bot's help reply and the person's tickets: the municipality (with a
 * menu to change it), how to ask, registration, the open tickets with "Skapa ärende", and the
 * municipality's service status a press away.
 */
export function renderHome(reply: Extract<Reply, { kind: 'help' | 'welcome' }>, tickets?: Extract<Reply, { kind: 'ticket-list' }>): HomeView {
  const t = textsFor(reply.language);
  return {
    type: 'home',
    blocks: [
      header(t.welcomeTitle),
      section(escapeMrkdwn(t.welcome)),
      { type: 'divider' },
      {
        ...section(`*${escapeMrkdwn(t.currentMunicipality(reply.municipality))}*`, municipalityBlockId(reply.language)),
        accessory: municipalityMenu(reply.municipalities, reply.language, reply.municipality),
      },
      { type: 'divider' },
      section(`*${escapeMrkdwn(t.helpTitle)}*\n${bullets(t.helpLines)}`),
      { type: 'divider' },
      { ...section(`*${escapeMrkdwn(registrationTexts[reply.language].formTitle)}*\n${escapeMrkdwn(registrationTexts[reply.language].formIntro)}`), accessory: openRegistrationButton(reply.language, registrationTexts[reply.language].register) },
      { type: 'divider' },
      ...homeTicketBlocks(tickets, reply.language),
      { type: 'divider' },
      ...homeNoticeBlocks(reply.municipality, reply.language),
    ],
  };
}

const echoedBlockSchema = z.array(z.object({ type: z.string(), block_id: z.string().optional(), elements: z.array(z.unknown()).optional() }).passthrough());
const FEEDBACK_ACTIONS = new Set<string>([ACTION_IDS.feedbackYes, ACTION_IDS.feedbackNo]);

/**
 * The blocks of an answer after feedback was given: "Hjälpte svaret?" becomes the thanks and the
 * Ja/Nej buttons go (so one answer is not rated twice); "Skapa ärende" stays. Undefined when the
 * blocks are not an answer this adapter rendered.
 */
export function withFeedbackGiven(echoed: readonly unknown[] | undefined, reply: Extract<Reply, { kind: 'feedback-recorded' }>): KnownBlock[] | undefined {
  const parsed = echoedBlockSchema.safeParse(echoed);
  if (!parsed.success || !parsed.data.some((block) => block.block_id === BLOCK_IDS.feedbackPrompt)) return undefined;
  const thanks = textsFor(reply.language).feedbackThanks(reply.helpful);
  const blocks: unknown[] = [];
  for (const block of parsed.data) {
    if (block.block_id === BLOCK_IDS.feedbackPrompt) {
      blocks.push({ ...context(escapeMrkdwn(thanks)), block_id: BLOCK_IDS.feedbackPrompt });
    } else if (block.block_id === BLOCK_IDS.answerActions && block.elements) {
      const elements = block.elements.filter((element) => !FEEDBACK_ACTIONS.has(String((element as { action_id?: unknown }).action_id)));
      if (elements.length > 0) blocks.push({ ...block, elements });
    } else {
      blocks.push(block);
    }
  }
  // Slack's own echo of the blocks we sent, minus two buttons: still valid Block Kit.
  return blocks as KnownBlock[];
}
