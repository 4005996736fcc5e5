import { foldForMatching } from './text/index.js';

// The weights and limits of matching a question's words to the records' terms, in one place so that
// their balance can be read at a glance.

// How much each field counts. Headings, topics and keywords are chosen words, so they count more
// than a word that merely occurs in a quote.
export const FIELD_WEIGHT = { heading: 1.5, topics: 1.5, keywords: 1.5, answer: 1, quote: 1, system: 2 } as const;
// Alternatives that are not the word itself count less, so an exact match wins over a guess.
export const ALTERNATIVE_WEIGHT = { stem: 1, particleVerb: 1, verbWithoutParticle: 0.5, hyphenPart: 0.9, withoutDiacritics: 0.95, correction: 0.85, stemCorrection: 0.8, compoundHead: 0.7, glossary: 0.8, system: 1.2 } as const;
// An unknown word this long may be the first part of a known compound.
export const MIN_PREFIX_WORD = 5;
// An unknown word may be a known word of at least this many letters with a misspelt ending of at
// most so many.
export const MIN_KNOWN_BEGINNING = 7;
export const MAX_UNKNOWN_ENDING = 4;
// A short bare number ("2018") says little about which requirement is meant, even when a record has it.
export const NUMBER_IMPORTANCE = 0.5;
// Words that every municipality's requirements are about (the staff, the municipality, the provider,
// the systems) say little about *which* requirement is meant, even where a municipality happens to
// use them rarely: they count half towards the coverage. A fixed list, so that one municipality's
// answers never depend on what the others wrote.
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  ['personal', 'personalen', 'medarbetare', 'medarbetarna', 'kollega', 'kollegan', 'kollegor', 'kollegorna', 'colleague', 'colleagues', 'coworker', 'coworkers', 'anställd', 'anställda', 'användare', 'användarna', 'kommun', 'kommunen', 'staden', 'utförare', 'utföraren', 'verksamhet', 'verksamheten', 'system', 'systemen', 'systemet', 'information', 'informationen', 'uppgifter', 'företag', 'företaget', 'organisation', 'organisationen', 'staff', 'employee', 'employees', 'user', 'users', 'municipality', 'city', 'provider', 'providers', 'system', 'systems', 'information', 'company', 'organisation', 'organization',
    // That someone or something is new ("en ny undersköterska") says little about which
    // requirement is meant either.
    'ny', 'nya', 'nytt', 'new',
    // Calendar words: when something happens says little about which requirement it is.
    'dag', 'dagar', 'dagen', 'vecka', 'veckan', 'veckor', 'månad', 'månaden', 'månader', 'år', 'året', 'halvår', 'halvåret', 'kvartal', 'kvartalet', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december', 'semester', 'semestern', 'semesterperiod', 'semesterperioden', 'semesterperioder', 'sommar', 'sommaren', 'jul', 'julen', 'påsk', 'påsken', 'helgdag', 'helgdagar', 'helgdagarna', 'röda', 'vacation', 'vacations', 'holiday', 'holidays', 'summer', 'christmas', 'easter', 'morse', 'morning', 'yesterday', 'today', 'tomorrow', 'tonight', 'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
    'måndag', 'måndagar', 'tisdag', 'tisdagar', 'onsdag', 'onsdagar', 'torsdag', 'torsdagar', 'fredag', 'fredagar', 'lördag', 'lördagar', 'söndag', 'söndagar', 'monday', 'mondays', 'tuesday', 'tuesdays', 'wednesday', 'wednesdays', 'thursday', 'thursdays', 'friday', 'fridays', 'saturday', 'saturdays', 'sunday', 'sundays'].map((word) => foldForMatching(word)),
);
export const GENERIC_IMPORTANCE = 0.5;
export const INDEX_COMPOUND_PART_WEIGHT = 0.5;
export const MAX_GLOSSARY_TERMS = 12;
// Words shorter than this are not split into compound parts.
export const MIN_COMPOUND_LENGTH = 7;

// Verb particles that Swedish writes apart in a verb and together in its noun: "lämna över" is
// "överlämnande", "logga in" is "inloggning", "montera ner" is "nedmontering".
export const PARTICLES: ReadonlyMap<string, readonly string[]> = new Map([
  ['över', ['över']],
  ['upp', ['upp']],
  ['ner', ['ned', 'ner']],
  ['ned', ['ned', 'ner']],
  ['ut', ['ut']],
  ['in', ['in']],
  ['bort', ['bort']],
  ['fram', ['fram']],
]);
// Words with these endings are nouns, not verbs with a particle: "beställning av" is no "avbeställning".
export const NOUN_ENDING = /(?:ning|ing|het|else|tion|skap|ande|ende)$/u;
export const MIN_PARTICLE_PREFIX = 6;
// Subjects that a question puts between a verb and its particle ("loggar man in", "tar vi över").
export const SUBJECTS: ReadonlySet<string> = new Set(['man', 'vi', 'jag', 'du', 'ni', 'de', 'dom', 'hon', 'han', 'hen', 'den', 'det', 'nagon']);

// Prepositions of place and time, and the small words that may stand between one and its noun: a
// word no record knows in such a phrase ("på bussen", "i fredags", "on the tram", "at our office")
// says where or when, not what the question is about.
export const PLACE_OR_TIME_PREPOSITIONS: ReadonlySet<string> = new Set(['pa', 'i', 'vid', 'hos', 'fran', 'under', 'efter', 'infor', 'on', 'at', 'in', 'from', 'during', 'after']);
export const DETERMINERS: ReadonlySet<string> = new Set(['en', 'ett', 'den', 'det', 'de', 'var', 'vart', 'vara', 'min', 'mitt', 'mina', 'hans', 'hennes', 'deras', 'sin', 'sitt', 'sina', 'er', 'ert', 'era', 'the', 'a', 'an', 'our', 'my', 'their', 'his', 'her', 'your', 'this', 'that']);

// Fixed phrases that say when, not what ("ska hon ha kvar inlogget under tiden?"): their words are
// left out of the question, folded.
export const EMPTY_PHRASES: ReadonlyArray<readonly string[]> = [
  ['under', 'tiden'],
  ['i', 'mellantiden'],
  ['sa', 'lange'],
  ['in', 'the', 'meantime'],
  ['for', 'the', 'time', 'being'],
  ['for', 'now'],
];

export const SYSTEM_TERM_PREFIX = 'sys:';

/** How many analysed words an analyzer keeps (a few hundred kilobytes). */
export const RECENT_WORDS = 4096;
