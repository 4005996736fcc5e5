import type { AnswerGroup, AnswerSource } from './answer-model.js';
import type { Citation, KnowledgeRecord } from './model.js';
import type { Language } from './text/index.js';

// What the engine itself words: the decline with its ticket offer, the source lines, the intro
// across municipalities. Everything else an answer says is the knowledge base's own text.
const TEXT = {
  sv: {
    source: 'Källa',
    notFoundIn: (name: string) => `Jag hittar inget om det i IT-kraven för ${name}, och jag gissar inte när det gäller krav.`,
    notFoundAny: 'Jag hittar inget om det i kommunernas IT-krav, och jag gissar inte när det gäller krav.',
    noPriceIn: (name: string) => `IT-kraven för ${name} anger inga priser, och jag gissar inte vad något kostar.`,
    noPriceAny: 'Kommunernas IT-krav anger inga priser, och jag gissar inte vad något kostar.',
    offerTicket: 'Vill du att jag skapar ett ärende till supporten i stället?',
    intro: 'Så här står det i kommunernas IT-krav:',
  },
  en: {
    source: 'Source',
    notFoundIn: (name: string) => `I can't find anything about that in the IT requirements of ${name}, and I don't guess about requirements.`,
    notFoundAny: "I can't find anything about that in the municipalities' IT requirements, and I don't guess about requirements.",
    noPriceIn: (name: string) => `The IT requirements of ${name} state no prices, and I don't guess what something costs.`,
    noPriceAny: "The municipalities' IT requirements state no prices, and I don't guess what something costs.",
    offerTicket: 'Would you like me to file a support ticket instead?',
    intro: "Here is what the municipalities' IT requirements say:",
  },
} as const;

/** The decline when nothing answers: for one municipality by name, or for all. */
export function notFoundText(language: Language, municipalityName: string | undefined, asksPrice = false): string {
  const text = TEXT[language];
  const decline = asksPrice ? (municipalityName ? text.noPriceIn(municipalityName) : text.noPriceAny) : municipalityName ? text.notFoundIn(municipalityName) : text.notFoundAny;
  return `${decline} ${text.offerTicket}`;
}

/**
 * A suggestion's label: the start of the record's answer in the asker's language, which says what
 * the record is about better than a heading that several records share.
 */
export function suggestionLabel(record: KnowledgeRecord, language: Language): string {
  const text = answerText(record, language).replace(/\s+/gu, ' ').trim();
  const sentence = /^.+?[.!?](?=\s|$)/u.exec(text)?.[0] ?? text;
  return sentence.length > 75 ? `${sentence.slice(0, 72).replace(/\s+\S*$/u, '')} …` : sentence;
}

export function answerText(record: KnowledgeRecord, language: Language): string {
  return language === 'en' ? record.answer.en : record.answer.sv;
}


export function toSource(citation: Citation): AnswerSource {
  return { municipality: citation.municipalityId, file: citation.file, document: citation.document.sv, heading: citation.heading, quote: citation.quote };
}

/** "Källa: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Informationssäkerhet". */
export function citationLine(citation: Citation, language: Language): string {
  return `${TEXT[language].source}: ${citation.municipalityName}, ${documentAndHeading(citation)}`;
}

/** "Document title, Heading › Subheading", or the title alone for the lines before the first heading. */
export function documentAndHeading(citation: Citation): string {
  return citation.heading ? `${citation.document.sv}, ${citation.heading}` : citation.document.sv;
}

export function composeText(groups: readonly AnswerGroup[], language: Language, labelled: boolean): string {
  const sections = groups.map((group) => {
    const facts = group.records.map((record) => record.text).join('\n\n');
    // Two records may quote the same passage; it is cited once.
    const sources = [...new Set(group.records.map((record) => citationLine(record.citation, language)))].join('\n');
    return `${labelled ? `${group.municipalityName}: ` : ''}${facts}\n\n${sources}`;
  });
  return (labelled ? [TEXT[language].intro, ...sections] : sections).join('\n\n');
}
