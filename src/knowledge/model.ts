import type { Bilingual, GlossaryEntry, NoticeRuleDefaults, OpeningHours, SystemEntry, TicketTypeDefinition } from './schema.js';

/** A source document of one municipality, loaded and ready for quote checks and citations. */
export interface SourceDocument {
  readonly file: string;
  readonly title: Bilingual;
  readonly version?: string | undefined;
  readonly date?: string | undefined;
  /** The raw text of the document. */
  readonly text: string;
}

/** Where an answer comes from, ready to cite. */
export interface Citation {
  readonly municipalityId: string;
  readonly municipalityName: string;
  readonly file: string;
  readonly document: Bilingual;
  /** Heading path as written in the YAML (the source's own lines). */
  readonly headingPath: readonly string[];
  /** The heading path as people read it: section numbers dropped, joined with " › ". */
  readonly heading: string;
  readonly quote: string;
}

/** One answerable statement: a requirement, or a support contact with its details. */
export interface KnowledgeRecord {
  readonly id: string;
  readonly kind: 'requirement' | 'contact';
  readonly municipalityId: string;
  readonly systems: readonly string[];
  readonly topics: readonly string[];
  readonly keywords: { readonly sv: readonly string[]; readonly en: readonly string[] };
  readonly responsible: 'provider' | 'municipality' | 'shared' | 'third-party' | 'user';
  readonly answer: { readonly sv: string; readonly en: string };
  readonly citation: Citation;
  /** A support contact's name and opening hours, so a time asked about can be checked against them. */
  readonly contact?: { readonly name: { readonly sv: string; readonly en: string }; readonly hours: readonly OpeningHours[] } | undefined;
}

export interface Municipality {
  readonly id: string;
  readonly name: string;
  /** The start of its ticket ids (GBG-2026-0042). */
  readonly ticketPrefix: string;
  readonly aliases: readonly string[];
  readonly document: SourceDocument;
}

/** A kind of ticket a municipality's routine defines, with the source that requires it. */
export interface TicketType extends Omit<TicketTypeDefinition, 'source'> {
  readonly municipalityId: string;
  readonly citation: Citation;
}

/** How a municipality wants a request handled instead of a ticket (phone, e-service). */
export interface HandledElsewhereNote {
  readonly id: string;
  readonly municipalityId: string;
  readonly keywords: { readonly sv: readonly string[]; readonly en: readonly string[] };
  readonly answer: { readonly sv: string; readonly en: string };
  /** The document's own link to the place, as it writes it. */
  readonly link: { readonly text: string; readonly url?: string | undefined } | null;
  readonly citation: Citation;
}

/** Where a rule in force comes from: the municipality's document (cited), or the bot's default. */
export type RuleOrigin = { readonly from: 'document'; readonly citation: Citation } | { readonly from: 'default' };

/**
 * The notice rules in force in a municipality: each rule its document's where the document states
 * it, else the bot's default (knowledge/defaults.yaml), with `origin` saying which.
 */
export interface NoticeRules {
  readonly municipalityId: string;
  readonly planned: NoticeRuleDefaults['planned'] & { readonly origin: { readonly [K in keyof NoticeRuleDefaults['planned']]: RuleOrigin } };
  readonly disruption: NoticeRuleDefaults['disruption'] & { readonly origin: { readonly [K in keyof NoticeRuleDefaults['disruption']]: RuleOrigin } };
}

/** The whole knowledge base, validated. */
export interface KnowledgeBase {
  readonly municipalities: readonly Municipality[];
  readonly records: readonly KnowledgeRecord[];
  readonly ticketTypes: readonly TicketType[];
  readonly handledElsewhere: readonly HandledElsewhereNote[];
  /** The notice rules in force, one entry per municipality (its document's rules, else the defaults). */
  readonly noticeRules: readonly NoticeRules[];
  readonly systems: readonly SystemEntry[];
  readonly glossary: readonly GlossaryEntry[];
}
