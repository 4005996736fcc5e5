import { citationLine, type Answer } from '../../src/knowledge/index.js';
import { renderNoticeText } from './notice-render.js';
import { answerTitle, isFollowUp, registrationTexts, textsFor, ticketTexts, type Reply, type TicketSummary } from '../../src/bot/index.js';

/** An answer as plain text: the facts, then each source with its quote. */
export function renderAnswerText(answer: Answer): string {
  if (!answer.found) return answer.answer;
  const many = answer.groups.length > 1;
  return answer.groups
    .map((group) => {
      const facts = group.records.map((record) => record.text).join('\n\n');
      const sources = [...new Set(group.records.map((record) => `  ${citationLine(record.citation, answer.language)}\n    «${record.citation.quote}»`))].join('\n');
      return `${many ? `== ${group.municipalityName} ==\n` : ''}${facts}\n\n${sources}`;
    })
    .join('\n\n');
}

/**
 * An answer in the chat: a heading when the answer comes from elsewhere than the asker's own
 * municipality (named in the question, or the others), the answer, and "Hjälpte svaret? (ja/nej)".
 * A near miss lists its suggestions numbered, "Inget av dessa" last: the user types the number.
 */
function renderAnswerReply(reply: Extract<Reply, { kind: 'answer' }>): string {
  const t = textsFor(reply.language);
  const { answer, context } = reply;
  const lead = [...(context ? [answerTitle(reply)] : []), ...(isFollowUp(context) ? [t.yourQuestion(reply.question)] : [])];
  if (answer.found) return [...lead, renderAnswerText(answer), '', `${t.helpful} ${reply.language === 'en' ? '(yes/no)' : '(ja/nej)'}`].join('\n');
  if (answer.suggestions.length === 0) return [...lead, answer.answer].join('\n');
  const choices = suggestionChoices(reply).map((label, index) => `  ${index + 1}. ${label}`);
  return [...lead, answer.answer, '', t.didYouMean, ...choices, t.typeNumber].join('\n');
}

/** The numbered choices of a near miss, as the terminal lists them: the suggestions, then "Inget av dessa". */
export function suggestionChoices(reply: Extract<Reply, { kind: 'answer' }>): string[] {
  return [...reply.answer.suggestions.map((suggestion) => suggestion.label), textsFor(reply.language).noneOfThese];
}

/** Any reply as plain text for the terminal. */
export function renderReplyText(reply: Reply): string {
  const t = textsFor(reply.language);
  switch (reply.kind) {
    case 'answer':
      return renderAnswerReply(reply);
    case 'help':
      return [t.helpTitle, ...t.helpLines.map((line) => `  • ${line}`), t.currentMunicipality(reply.municipality)].join('\n');
    case 'welcome':
      return [t.welcomeTitle, t.welcome, '', t.helpTitle, ...t.helpLines.map((line) => `  • ${line}`)].join('\n');
    case 'choose-municipality': {
      const list = reply.municipalities.map((municipality) => municipality.name).join(', ');
      return [reply.unknown ? t.unknownMunicipality(reply.unknown) : '', t.chooseMunicipality, t.chooseHint(list)].filter(Boolean).join(' ');
    }
    case 'municipality-set':
      return t.municipalitySet(reply.municipality);
    case 'language':
      return t.language(reply.changed);
    case 'feedback-recorded':
      return t.feedbackThanks(reply.helpful);
    case 'notice':
    case 'notice-list':
    case 'notice-form':
    case 'notice-preview':
    case 'notice-change-form':
    case 'notice-report':
    case 'notice-action-recorded':
    case 'subscriptions':
    case 'notice-channel-set':
      return renderNoticeText(reply);
    case 'registration-form': {
      const r = registrationTexts[reply.language];
      const errors = reply.errors.map((error) => `  • ${r.fieldLabels[error.field as keyof typeof r.fieldLabels] ?? error.field}: ${error.message}`);
      return [r.formTitle, r.formIntro, ...(errors.length > 0 ? [r.fixErrors, ...errors] : [])].join('\n');
    }
    case 'registration-received':
      return registrationTexts[reply.language].received(reply.request, reply.staffNotified);
    case 'registration-review': {
      const r = registrationTexts[reply.language];
      return [r.reviewTitle(reply.request), ...r.reviewFacts(reply.request).map(([label, value]) => `  ${label}: ${value}`)].join('\n');
    }
    case 'registration-decided':
      return registrationTexts[reply.language].decided(reply.request, reply.approved, reply.reason);
    case 'registration-decision-recorded':
      return registrationTexts[reply.language].decisionRecorded(reply.request, reply.approved, reply.applicantNotified);
    case 'staff-channel-set':
      return registrationTexts[reply.language].staffChannelSet(reply.municipality.name);
    case 'error':
      return reply.message;
    case 'ticket-type-choice': {
      const k = ticketTexts[reply.language];
      return [k.chooseType(reply.municipality.name), ...reply.types.map((type, index) => `  ${index + 1}. ${type.title}: ${type.description}`)].join('\n');
    }
    case 'ticket-form': {
      const k = ticketTexts[reply.language];
      const errors = reply.errors.map((error) => `  • ${reply.type.fields.find((field) => field.key === error.field)?.label ?? error.field}: ${error.message}`);
      return [
        `${reply.type.title} (${reply.municipality.name})`,
        reply.type.description,
        ...(reply.type.deadline ? [k.deadline(reply.type.deadline)] : []),
        ...(reply.type.prerequisite ? [k.prerequisite(reply.type.prerequisite)] : []),
        ...(errors.length > 0 ? [k.fixErrors, ...errors] : [k.formIntro]),
      ].join('\n');
    }
    case 'ticket-filed':
      return ticketTexts[reply.language].filed(reply.ticket);
    case 'ticket-staff': {
      const k = ticketTexts[reply.language];
      return [k.staffTitle(reply.ticket), ...reply.fields.map((field) => `  ${field.label}: ${field.value}`), `  ${k.requester}: ${reply.requester}`].join('\n');
    }
    case 'ticket-update': {
      const k = ticketTexts[reply.language];
      return `${k.update(reply.ticket, reply.note)}${reply.askRating ? ` ${k.askRating}` : ''}`;
    }
    case 'ticket-action-recorded':
      return ticketTexts[reply.language].actionRecorded(reply.ticket, reply.requesterNotified);
    case 'ticket-list': {
      const k = ticketTexts[reply.language];
      const line = (ticket: TicketSummary): string => `  ${ticket.id}  ${k.status[ticket.status]}  ${ticket.title}`;
      return reply.tickets.length === 0 ? k.listEmpty : [k.listTitle, ...reply.tickets.map(line)].join('\n');
    }
    case 'ticket-rated':
      return ticketTexts[reply.language].rated(reply.solved);
    case 'ticket-message': {
      const k = ticketTexts[reply.language];
      const heading = reply.from === 'staff' ? k.messageFromStaff(reply.ticket.id, reply.author) : k.messageFromRequester(reply.ticket.id, reply.author);
      return [heading, reply.text, ...(reply.canReply ? [k.replyHint(reply.ticket.id)] : [])].join('\n');
    }
    case 'ticket-message-sent':
      return ticketTexts[reply.language].messageSent(reply.ticket.id, reply.delivered);
    case 'handled-elsewhere':
      return [`${ticketTexts[reply.language].handledElsewhereTitle}: ${reply.text}`, ...(reply.link ? [`  ${ticketTexts[reply.language].routineLink(reply.link)}`] : []), `  ${citationLine(reply.citation, reply.language)}`].join('\n');
  }
}
