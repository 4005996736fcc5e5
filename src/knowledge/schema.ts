import { z } from 'zod';

/**
 * The knowledge base's file formats. Everything a maintainer writes in `knowledge/*.yaml` is parsed
 * through these schemas, so a typo is a clear error with a path, never a silently ignored field.
 */

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'använd små bokstäver a–z, siffror och bindestreck (t.ex. "gbg-antivirus")');

const nonEmpty = z.string().trim().min(1, 'får inte vara tom');

/** Text in Swedish, with an English version where one is written. */
export const bilingualSchema = z
  .object({
    sv: nonEmpty,
    en: nonEmpty.optional(),
  })
  .strict();

/**
 * Where a statement comes from: a heading path in the municipality's source document and a verbatim
 * quote that stands under the last heading of the path (or before the first heading, for an empty path).
 */
export const sourceRefSchema = z
  .object({
    /**
     * Heading lines of the source, outermost first; each must be one of the document's headings.
     * Empty for the document's opening lines before its first heading (who drew it up, when it was
     * revised).
     */
    heading: z.array(nonEmpty),
    /** Verbatim text from the source (whitespace is normalised when it is checked). */
    quote: nonEmpty,
  })
  .strict();

export const documentSchema = z
  .object({
    /** The seed file's name, as in knowledge/sources/ (for example `004_e3550580cd7c5777.txt`). */
    file: z.string().regex(/^[\w.-]+\.txt$/, 'filnamnet ska vara en .txt-fil i knowledge/sources/'),
    title: bilingualSchema,
    version: z.string().optional(),
    date: z.string().optional(),
    /**
     * The document's headings in the order they stand in the source, each written exactly as its
     * line in the source (whitespace-normalised). A heading that stands twice (the same line under
     * two parents) is listed at each place; a heading path tells them apart.
     */
    headings: z.array(nonEmpty).min(1),
  })
  .strict();

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday']);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'skriv tiden som HH:MM, t.ex. 07:00');

export const openingHoursSchema = z
  .object({
    days: z.array(weekday).min(1),
    from: clock,
    to: clock,
    /** `urgent` hours serve only what the municipality defines as urgent. */
    kind: z.enum(['normal', 'urgent']).default('normal'),
  })
  .strict();

export const contactSchema = z
  .object({
    id,
    name: bilingualSchema,
    email: z.array(z.string().email('ogiltig e-postadress')).default([]),
    phone: z.array(z.string().regex(/^0[\d -]{6,14}\d$/, 'skriv telefonnumret som i Sverige, t.ex. 031-368 68 00')).default([]),
    web: z.array(z.string().url('ogiltig webbadress')).default([]),
    hours: z.array(openingHoursSchema).default([]),
    /** What the municipality counts as urgent, when it says. */
    urgent: bilingualSchema.optional(),
    /** What this contact is for. */
    purpose: bilingualSchema,
    source: sourceRefSchema,
  })
  .strict();

export const requirementSchema = z
  .object({
    id,
    /** System ids from knowledge/systems.yaml. */
    systems: z.array(id).default([]),
    /** Free topic words (Swedish), used for search and grouping. */
    topics: z.array(nonEmpty).default([]),
    /** Who must act: the care provider, the municipality, both, or a named third party. */
    responsible: z.enum(['provider', 'municipality', 'shared', 'third-party', 'user']),
    /** One or two sentences a person can act on, with the concrete facts (addresses, numbers, hours). */
    answer: bilingualSchema.extend({ en: nonEmpty }),
    /** Extra search words people use for this (synonyms, everyday words), per language. */
    keywords: z
      .object({ sv: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) })
      .strict()
      .default({ sv: [], en: [] }),
    /** Contact ids of this municipality that the answer refers to. */
    contacts: z.array(id).default([]),
    /** Why the answer differs from the quote, where the source has a known flaw. */
    correction: z.string().optional(),
    source: sourceRefSchema,
  })
  .strict();

export const TICKET_FIELD_TYPES = ['text', 'multiline', 'personnummer', 'hsa-id', 'email', 'phone', 'ipv4-public', 'date', 'date-not-past', 'choice'] as const;

/** What a ticket field may be prefilled with, from what the bot knows about the filer. */
export const PREFILL_SOURCES = ['contact.name', 'contact.email', 'contact.phone', 'contact.provider', 'contact.orgNumber'] as const;

export const ticketFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/u, 'använd camelCase, t.ex. hsaId'),
    label: bilingualSchema.extend({ en: nonEmpty }),
    type: z.enum(TICKET_FIELD_TYPES),
    required: z.boolean().default(true),
    /** For `choice`: the allowed values. */
    options: z.array(bilingualSchema.extend({ en: nonEmpty })).optional(),
    prefill: z.enum(PREFILL_SOURCES).optional(),
    help: bilingualSchema.optional(),
  })
  .strict()
  .refine((field) => field.type !== 'choice' || (field.options?.length ?? 0) > 0, { message: 'ett choice-fält behöver options', path: ['options'] });

export const ticketTypeSchema = z
  .object({
    id,
    title: bilingualSchema.extend({ en: nonEmpty }),
    description: bilingualSchema.extend({ en: nonEmpty }),
    /** Words that say a question asks for this (for recognising "vi behöver ett konto till en nyanställd"). */
    keywords: z
      .object({ sv: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) })
      .strict()
      .default({ sv: [], en: [] }),
    /** Who may file it: registered IT-contacts only (access orders), or anyone registered. */
    filers: z.enum(['it-contact', 'registered']),
    /** How soon the routine says it must be reported, when it says (e.g. "senast inom 48 timmar"). */
    deadline: bilingualSchema.optional(),
    /** What must be true before filing (e.g. the user has received the SITHS card). */
    prerequisite: bilingualSchema.optional(),
    fields: z.array(ticketFieldSchema).min(1),
    route: z
      .object({
        email: z.array(z.string().email('ogiltig e-postadress')).default([]),
        /** The subject line the routine asks for. */
        subject: nonEmpty,
        /** Also post to the municipality's staff channel. */
        staffChannel: z.boolean().default(true),
        /**
         * Why this route was chosen when the source document does not state it. `kb check` lists
         * it, so the municipality confirms or corrects it before go-live. With no mailbox, it is
         * what makes the staff channel the ticket's destination.
         */
        assumption: nonEmpty.optional(),
      })
      .strict()
      .refine((route) => route.email.length > 0 || route.staffChannel, { message: 'ärendet måste gå till en e-postadress eller personalkanalen' }),
    /**
     * The routine has the order made somewhere else (an e-service, a form): the bot guides there
     * with the `handledElsewhere` note and files nothing, unless the municipality has agreed to
     * take the orders through the bot (`takenByBot: true`, with its mailbox in `route.email`).
     */
    orderedElsewhere: z
      .object({
        /** A `handledElsewhere` id of the same file: the document's words, link and source. */
        note: id,
        takenByBot: z.boolean().default(false),
      })
      .strict()
      .optional(),
    source: sourceRefSchema,
  })
  .strict()
  .refine((type) => !type.orderedElsewhere?.takenByBot || type.route.email.length > 0, {
    message: 'takenByBot: true kräver kommunens brevlåda i route.email: beställningen ska nå den som utför den',
    path: ['orderedElsewhere', 'takenByBot'],
  });

/** How a municipality wants a request handled when the bot files no ticket for it (phone, e-service). */
export const handledElsewhereSchema = z
  .object({
    id,
    keywords: z.object({ sv: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) }).strict(),
    answer: bilingualSchema.extend({ en: nonEmpty }),
    /** The document's own link to the place (its text as written; the address where it gives one). */
    link: z.object({ text: nonEmpty, url: z.string().url('ogiltig webbadress').optional() }).strict().optional(),
    source: sourceRefSchema,
  })
  .strict();

export const NOTICE_CHANNELS = ['chat', 'email', 'sms'] as const;

const windowSchema = z
  .object({ days: z.array(weekday).min(1), from: clock, to: clock })
  .strict()
  .refine((window) => window.from < window.to, { message: 'from ska vara före to' });

const plannedRulesShape = {
  /** How many days ahead IT-contacts must be told at the least. */
  minimumNoticeDays: z.number().int().nonnegative(),
  /** When planned outages are preferably placed (Stockholm time). */
  preferredWindows: z.array(windowSchema),
  channels: z.array(z.enum(NOTICE_CHANNELS)).min(1),
  /** Reminders, in hours before the planned start. */
  remindersHoursBefore: z.array(z.number().positive()),
};
const disruptionRulesShape = { channels: z.array(z.enum(NOTICE_CHANNELS)).min(1) };

/**
 * A municipality's rules for notices of planned outages and disruptions, as far as its document
 * states them: each rule written here is the document's (cited by the block's source); a rule left
 * out is the bot's default from defaults.yaml.
 */
export const noticeRulesSchema = z
  .object({
    planned: z.object({ ...plannedRulesShape, source: sourceRefSchema }).partial().required({ source: true }).strict().optional(),
    disruption: z.object({ ...disruptionRulesShape, source: sourceRefSchema }).partial().required({ source: true }).strict().optional(),
  })
  .strict();

/** defaults.yaml: what the bot does where a municipality's document says nothing. Every rule is required. */
export const defaultsFileSchema = z
  .object({
    defaults: z
      .object({
        noticeRules: z.object({ planned: z.object(plannedRulesShape).strict(), disruption: z.object(disruptionRulesShape).strict() }).strict(),
      })
      .strict(),
  })
  .strict();

export const municipalityFileSchema = z
  .object({
    municipality: z
      .object({
        id,
        name: nonEmpty,
        /** Other ways people write the name (without diacritics, short forms, English). */
        aliases: z.array(nonEmpty).default([]),
        /** Ticket ids start with it: GBG-2026-0042. Defaults to the id's first three letters. */
        ticketPrefix: z.string().regex(/^[A-Z]{2,5}$/u, 'två till fem versaler A–Z, t.ex. GBG').optional(),
      })
      .strict(),
    document: documentSchema,
    contacts: z.array(contactSchema).default([]),
    requirements: z.array(requirementSchema).min(1),
    ticketTypes: z.array(ticketTypeSchema).default([]),
    handledElsewhere: z.array(handledElsewhereSchema).default([]),
    noticeRules: noticeRulesSchema.optional(),
  })
  .strict();

export const systemSchema = z
  .object({
    id,
    name: nonEmpty,
    aliases: z.array(nonEmpty).default([]),
    description: bilingualSchema,
  })
  .strict();

export const systemsFileSchema = z.object({ systems: z.array(systemSchema).min(1) }).strict();

export const glossaryEntrySchema = z
  .object({
    sv: z.array(nonEmpty).min(1),
    en: z.array(nonEmpty).min(1),
  })
  .strict();

export const glossaryFileSchema = z.object({ terms: z.array(glossaryEntrySchema).min(1) }).strict();

export type Bilingual = z.infer<typeof bilingualSchema>;
export type SourceRef = z.infer<typeof sourceRefSchema>;
export type DocumentMeta = z.infer<typeof documentSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type SupportContact = z.infer<typeof contactSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type MunicipalityFile = z.infer<typeof municipalityFileSchema>;
export type SystemEntry = z.infer<typeof systemSchema>;
export type TicketFieldDefinition = z.infer<typeof ticketFieldSchema>;
export type TicketTypeDefinition = z.infer<typeof ticketTypeSchema>;
export type HandledElsewhere = z.infer<typeof handledElsewhereSchema>;
export type NoticeRulesDefinition = z.infer<typeof noticeRulesSchema>;
export type NoticeRuleDefaults = z.infer<typeof defaultsFileSchema>['defaults']['noticeRules'];
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
