import { citationLine, type Answer } from '../../src/knowledge/index.js';
import { textsFor, type Reply } from '../../src/bot/index.js';

/** An answer as plain text: the facts, then each source with its quote. */
export function renderAnswerText(answer: Answer): string {
  if (!answer.found) return answer.answer;
  const many = answer.groups.length > 1;
  return answer.groups
    .map((group) => {
      const facts = group.records.map((record) => record.text).join('\n\n');
      const sources = group.records.map((record) => `  ${citationLine(record.citation, answer.language)}\n    «${record.citation.quote}»`).join('\n');
      return `${many ? `== ${group.municipalityName} ==\n` : ''}${facts}\n\n${sources}`;
    })
    .join('\n\n');
}

/** Any reply as plain text for the terminal. */
export function renderReplyText(reply: Reply): string {
  const t = textsFor(reply.language);
  switch (reply.kind) {
    case 'answer':
      return reply.answer.found ? `${renderAnswerText(reply.answer)}\n\n${t.helpful} ${reply.language === 'en' ? '(yes/no)' : '(ja/nej)'}` : reply.answer.answer;
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
    case 'feedback-recorded':
      return t.feedbackThanks(reply.helpful);
    case 'coming-soon':
      return t.comingSoon[reply.feature];
  }
}
