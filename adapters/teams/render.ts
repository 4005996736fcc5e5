import type { Activity } from 'botbuilder';
import { answerTitle, describeNotice, isFollowUp, noticeTexts, registrationTexts, textsFor, ticketTexts, type MunicipalityChoice, type Reply } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { MUNICIPALITY_INPUT_ID, type CardActionData } from './action-data.js';
import { heading, paragraph, sourceFacts, submit } from './card-parts.js';
import { adaptiveCard, cardActivity, textActivity, type ActionSet, type AdaptiveCard, type CardElement, type ChoiceSet, type SubmitAction, type TextBlock } from './cards.js';
import { noticeCard, noticeListCard, noticePreviewCard, noticeReportCard, subscriptionsCard } from './notice-cards.js';
import { noticeChangeFormCard, noticeFormCard } from './notice-form-cards.js';
import { registrationFormCard, registrationReviewCard } from './registration-cards.js';
import { handledElsewhereCard, ticketFormCard, ticketListCard, ticketMessageCard, ticketQuestionCard, ticketRatingCard, ticketStaffCard, ticketTypeChoiceCard } from './ticket-cards.js';

type AnswerReply = Extract<Reply, { kind: 'answer' }>;

/** Renders one Reply as the Bot Framework activity Teams shows: a card where there is something to press, text otherwise. */
export function renderReply(reply: Reply): Partial<Activity> {
  const t = textsFor(reply.language);
  switch (reply.kind) {
    case 'answer':
      return reply.answer.found ? cardActivity(answerCard(reply), answerTitle(reply)) : cardActivity(notFoundCard(reply), reply.answer.suggestions.length > 0 ? t.didYouMean : t.notFoundTitle);
    case 'welcome':
      return cardActivity(welcomeCard(reply), t.welcomeTitle);
    case 'help':
      return cardActivity(helpCard(reply), t.helpTitle);
    case 'choose-municipality':
      return cardActivity(chooseMunicipalityCard(reply), t.chooseMunicipality);
    case 'municipality-set':
      return textActivity(t.municipalitySet(reply.municipality), reply.language);
    case 'language':
      return textActivity(t.language(reply.changed), reply.language);
    case 'feedback-recorded':
      return textActivity(t.feedbackThanks(reply.helpful), reply.language);
    case 'registration-form':
      return cardActivity(registrationFormCard(reply), registrationTexts[reply.language].formTitle);
    case 'registration-received':
      return textActivity(registrationTexts[reply.language].received(reply.request, reply.staffNotified), reply.language);
    case 'registration-review':
      return cardActivity(registrationReviewCard(reply), registrationTexts[reply.language].reviewTitle(reply.request));
    case 'registration-decided':
      return textActivity(registrationTexts[reply.language].decided(reply.request, reply.approved, reply.reason), reply.language);
    case 'registration-decision-recorded':
      return textActivity(registrationTexts[reply.language].decisionRecorded(reply.request, reply.approved, reply.applicantNotified), reply.language);
    case 'staff-channel-set':
      return textActivity(registrationTexts[reply.language].staffChannelSet(reply.municipality.name), reply.language);
    case 'error':
      return textActivity(reply.message, reply.language);
    case 'ticket-type-choice':
      return cardActivity(ticketTypeChoiceCard(reply), ticketTexts[reply.language].chooseType(reply.municipality.name));
    case 'ticket-form':
      return cardActivity(ticketFormCard(reply), reply.type.title);
    case 'ticket-filed':
      return textActivity(ticketTexts[reply.language].filed(reply.ticket), reply.language);
    case 'ticket-staff':
      return cardActivity(ticketStaffCard(reply), ticketTexts[reply.language].staffTitle(reply.ticket));
    case 'ticket-update': {
      const update = ticketTexts[reply.language].update(reply.ticket, reply.note);
      if (reply.askRating) return cardActivity(ticketRatingCard(reply), update);
      return reply.ticket.status === 'waiting-for-requester' ? cardActivity(ticketQuestionCard(reply), update) : textActivity(update, reply.language);
    }
    case 'ticket-message': {
      const t = ticketTexts[reply.language];
      return cardActivity(ticketMessageCard(reply), reply.from === 'staff' ? t.messageFromStaff(reply.ticket.id, reply.author) : t.messageFromRequester(reply.ticket.id, reply.author));
    }
    case 'ticket-message-sent':
      return textActivity(ticketTexts[reply.language].messageSent(reply.ticket.id, reply.delivered), reply.language);
    case 'ticket-action-recorded':
      return textActivity(ticketTexts[reply.language].actionRecorded(reply.ticket, reply.requesterNotified), reply.language);
    case 'ticket-list':
      return reply.tickets.length === 0 ? textActivity(ticketTexts[reply.language].listEmpty, reply.language) : cardActivity(ticketListCard(reply), ticketTexts[reply.language].listTitle);
    case 'ticket-rated':
      return textActivity(ticketTexts[reply.language].rated(reply.solved), reply.language);
    case 'handled-elsewhere':
      return cardActivity(handledElsewhereCard(reply), ticketTexts[reply.language].handledElsewhereTitle);
    case 'notice':
      return cardActivity(noticeCard(reply), describeNotice(reply.notice, reply.purpose, reply.reminderHours, reply.language).heading);
    case 'notice-list': {
      const n = noticeTexts[reply.language];
      if (!reply.municipality) return textActivity(n.listNoMunicipality, reply.language);
      // Nothing to show and nothing to press: a sentence says it.
      if (reply.notices.length === 0 && !reply.canPublish) return textActivity(n.listEmpty(reply.municipality.name), reply.language);
      return cardActivity(noticeListCard({ ...reply, municipality: reply.municipality }), n.listTitle(reply.municipality.name));
    }
    case 'notice-form':
      return cardActivity(noticeFormCard(reply), noticeTexts[reply.language].formTitle(reply.noticeKind, reply.municipality.name));
    case 'notice-preview':
      return cardActivity(noticePreviewCard(reply), noticeTexts[reply.language].previewTitle(reply.recipients));
    case 'notice-change-form':
      return cardActivity(noticeChangeFormCard(reply), `${noticeTexts[reply.language].changeTitle[reply.mode]}: ${reply.notice.title}`);
    case 'notice-report':
      return cardActivity(noticeReportCard(reply), noticeTexts[reply.language].reportTitle(reply.notice));
    case 'notice-action-recorded':
      return textActivity(noticeTexts[reply.language].recorded(reply.action, reply.notice, reply.recipients), reply.language);
    case 'subscriptions':
      return cardActivity(subscriptionsCard(reply), noticeTexts[reply.language].subscriptionsTitle(reply.municipality.name));
    case 'notice-channel-set': {
      const n = noticeTexts[reply.language];
      return textActivity(reply.enabled ? n.channelSet(reply.municipality.name) : n.channelUnset(reply.municipality.name), reply.language);
    }
  }
}

/** A one-line text for places that cannot show a card (an Action.Execute invoke response). */
export function replySummary(reply: Reply): string {
  const activity = renderReply(reply);
  return activity.text ?? activity.summary ?? '';
}

/** Under the heading of an answer to an earlier question (a follow-up): which question it answers. */
function contextLines(reply: AnswerReply): TextBlock[] {
  return isFollowUp(reply.context) ? [paragraph(textsFor(reply.language).yourQuestion(reply.question), { isSubtle: true, spacing: 'small' })] : [];
}

/**
 * The answer card: the facts, then a "Källa" section that cites document and heading with the
 * quote, then "Hjälpte svaret?" Ja/Nej and "Skapa ärende". The buttons carry the question,
 * municipality and answer id, so the feedback is recorded with them whenever it is pressed.
 */
export function answerCard(reply: AnswerReply): AdaptiveCard {
  const { answer, question, language } = reply;
  const t = textsFor(language);
  const many = answer.groups.length > 1;
  const facts: CardElement[] = answer.groups.flatMap((group) => [
    ...(many ? [paragraph(group.municipalityName, { weight: 'bolder', spacing: 'medium' })] : []),
    ...group.records.map((record) => paragraph(record.text)),
  ]);
  const sources: CardElement[] = answer.groups.flatMap((group) => group.records.map((record) => sourceFacts(record.citation, language)));
  const feedback = (helpful: boolean): CardActionData => ({ verb: 'feedback', helpful, question, municipality: answer.municipality, answerId: answer.answerId, lang: language });
  return adaptiveCard({
    lang: language,
    fallbackText: answer.answer,
    body: [
      heading(answerTitle(reply)),
      ...contextLines(reply),
      ...facts,
      { type: 'Container', separator: true, spacing: 'medium', items: [paragraph(t.source, { weight: 'bolder' }), ...sources] },
      paragraph(t.helpful, { weight: 'bolder', spacing: 'medium' }),
      { type: 'ActionSet', actions: [submit(t.yes, feedback(true), 'positive'), submit(t.no, feedback(false))] },
    ],
    actions: [ticketButton(language, question)],
  });
}

function ticketButton(language: Language, question: string): SubmitAction {
  return submit(textsFor(language).createTicket, { verb: 'create-ticket', question, lang: language });
}

/**
 * Out of scope: say so briefly (the core's text already offers a ticket) and offer the button. A
 * near miss asks "Menar du …?" instead: a button per suggestion, which answers it, and "Inget av
 * dessa", which leads to the ticket offer.
 */
export function notFoundCard(reply: AnswerReply): AdaptiveCard {
  const t = textsFor(reply.language);
  const { answer, question, language } = reply;
  const body = [heading(t.notFoundTitle), ...contextLines(reply), paragraph(answer.answer)];
  if (answer.suggestions.length === 0) return adaptiveCard({ lang: language, fallbackText: answer.answer, body, actions: [ticketButton(language, question)] });
  const choose = (recordId: string | null): CardActionData => ({ verb: 'choose-suggestion', question, recordId, municipality: answer.municipality, lang: language });
  return adaptiveCard({
    lang: language,
    fallbackText: [answer.answer, t.didYouMean, ...answer.suggestions.map((suggestion) => `• ${suggestion.label}`)].join('\n'),
    body: [
      ...body,
      paragraph(t.didYouMean, { weight: 'bolder', spacing: 'medium' }),
      // One button per row: a suggestion's label is a sentence, too long to share a row with another.
      ...answer.suggestions.map((suggestion): ActionSet => ({ type: 'ActionSet', spacing: 'small', actions: [submit(suggestion.label, choose(suggestion.id), undefined, { tooltip: suggestion.label })] })),
      { type: 'ActionSet', spacing: 'small', actions: [submit(t.noneOfThese, choose(null))] },
    ],
  });
}

function municipalityMenu(language: Language, municipalities: readonly MunicipalityChoice[], current: MunicipalityChoice | null): ChoiceSet {
  const t = textsFor(language);
  return {
    type: 'Input.ChoiceSet',
    id: MUNICIPALITY_INPUT_ID,
    label: t.chooseMunicipality,
    placeholder: t.selectMunicipality,
    style: 'compact',
    isRequired: true,
    errorMessage: t.selectMunicipality,
    choices: municipalities.map((municipality) => ({ title: municipality.name, value: municipality.id })),
    ...(current ? { value: current.id } : {}),
  };
}

/**
 * "Registrera dig": opens the application form. It sends no inputs, so the municipality menu next
 * to it (required for its own button) does not stop it.
 */
function registerButton(language: Language): SubmitAction {
  return submit(registrationTexts[language].register, { verb: 'start-registration', lang: language }, undefined, { associatedInputs: 'None' });
}

function chooseButton(language: Language): SubmitAction {
  return submit(textsFor(language).selectMunicipality, { verb: 'choose-municipality', lang: language }, 'positive');
}

function helpLines(language: Language): TextBlock[] {
  return textsFor(language).helpLines.map((line) => paragraph(`• ${line}`, { spacing: 'small' }));
}

/** On installation: who the bot is, what it can do, and the municipality menu. */
export function welcomeCard(reply: Extract<Reply, { kind: 'welcome' }>): AdaptiveCard {
  const t = textsFor(reply.language);
  const hasMenu = reply.municipalities.length > 0;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: [t.welcomeTitle, t.welcome, ...t.helpLines].join('\n'),
    body: [
      heading(t.welcomeTitle),
      paragraph(t.welcome),
      paragraph(t.helpTitle, { weight: 'bolder', spacing: 'medium' }),
      ...helpLines(reply.language),
      paragraph(t.currentMunicipality(reply.municipality), { isSubtle: true, spacing: 'medium' }),
      ...(hasMenu ? [municipalityMenu(reply.language, reply.municipalities, reply.municipality)] : []),
    ],
    actions: [...(hasMenu ? [chooseButton(reply.language)] : []), registerButton(reply.language)],
  });
}

/** "hjälp" / "help": the list of what the bot does and the user's current municipality. */
export function helpCard(reply: Extract<Reply, { kind: 'help' }>): AdaptiveCard {
  const t = textsFor(reply.language);
  return adaptiveCard({
    lang: reply.language,
    fallbackText: [t.helpTitle, ...t.helpLines, t.currentMunicipality(reply.municipality)].join('\n'),
    body: [heading(t.helpTitle), ...helpLines(reply.language), paragraph(t.currentMunicipality(reply.municipality), { isSubtle: true, spacing: 'medium' })],
  });
}

/** The municipality menu on its own (first contact, "kommun", or an unknown name). */
export function chooseMunicipalityCard(reply: Extract<Reply, { kind: 'choose-municipality' }>): AdaptiveCard {
  const t = textsFor(reply.language);
  const list = reply.municipalities.map((municipality) => municipality.name).join(', ');
  return adaptiveCard({
    lang: reply.language,
    fallbackText: [reply.unknown ? t.unknownMunicipality(reply.unknown) : '', t.chooseMunicipality, t.chooseHint(list)].filter(Boolean).join(' '),
    body: [
      ...(reply.unknown ? [paragraph(t.unknownMunicipality(reply.unknown), { color: 'attention' })] : []),
      municipalityMenu(reply.language, reply.municipalities, null),
      paragraph(t.chooseHint(list), { isSubtle: true, size: 'small' }),
    ],
    actions: [chooseButton(reply.language)],
  });
}
