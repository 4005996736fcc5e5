import type { Contact, Principal } from '../contacts/index.js';
import { foldForMatching } from '../knowledge/index.js';

/** Whose IT requirements a person's questions are answered from, and why. */
export interface AskerScope {
  /** The municipality answers come from; null while nobody knows (a guest, or a contact of several, who has not chosen). */
  readonly municipality: string | null;
  /**
   * `registry`: their registration decides, so they are never asked; `choice`: they chose (the menu,
   * "kommun Göteborg", a name typed in answer); `none`: not known yet.
   */
  readonly source: 'registry' | 'choice' | 'none';
  /** The municipalities the registry knows them in (active IT-contact records, staff); empty for guests and administrators. */
  readonly registered: readonly string[];
}

/**
 * The registry wins: an IT-contact (or staff member) of one municipality is answered from it
 * whatever an old choice says; one of several from the one they chose among those; anyone else from
 * their choice, if any.
 */
export function askerScope(principal: Principal, contacts: readonly Contact[], preferred: string | null | undefined): AskerScope {
  const registered = [...new Set([...contacts.filter((contact) => contact.active).map((contact) => contact.municipality), ...(principal.municipalities ?? [])])];
  if (registered.length === 1) return { municipality: registered[0]!, source: 'registry', registered };
  const chosen = preferred && (registered.length === 0 || registered.includes(preferred)) ? preferred : null;
  return chosen ? { municipality: chosen, source: 'choice', registered } : { municipality: null, source: 'none', registered };
}

/** A municipality's names as the knowledge base lists them. */
export interface MunicipalityNames {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

// Words around a name in an answer to "which municipality?": "vi är i Göteborg", "Uppsala kommun",
// "in Gothenburg", "the city of Göteborg". Question words are not among them: "hur är det i Uppsala
// då?" asks about Uppsala, it does not answer which municipality is theirs.
const AROUND_A_NAME = new Set(['i', 'in', 'for', 'fran', 'from', 'kommun', 'kommunen', 'stad', 'staden', 'municipality', 'city', 'of', 'the', 'vi', 'we', 'jag', 'ar', 'are', 'am', 'ligger', 'jobbar', 'arbetar', 'work']);

function words(text: string): Array<{ readonly folded: string; readonly start: number; readonly end: number }> {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => ({ folded: foldForMatching(match[0]), start: match.index, end: match.index + match[0].length }));
}

/** A name's folded words without "kommun" or "stad", which people add or leave out as they like. */
function coreOf(name: string): string {
  return words(name)
    .map((word) => word.folded)
    .filter((word) => !AROUND_A_NAME.has(word))
    .join(' ');
}

/**
 * The municipality a message consists of, when it is only a name in any common form ("GBG", "i
 * Gothenburg", "Göteborgs stad", "vi är i Uppsala"): what someone writes when asked which
 * municipality is theirs. Undefined for anything more (a question that names one).
 */
export function bareMunicipalityName(text: string, municipalities: readonly MunicipalityNames[]): string | undefined {
  const rest = words(text)
    .map((word) => word.folded)
    .filter((word) => !AROUND_A_NAME.has(word))
    .join(' ');
  if (!rest) return undefined;
  for (const municipality of municipalities) {
    for (const name of [municipality.id, municipality.name, ...municipality.aliases]) {
      const core = coreOf(name);
      // "Göteborgs" is Göteborg's too.
      if (core && (rest === core || rest === `${core}s`)) return municipality.id;
    }
  }
  return undefined;
}

/**
 * How a question wrote a municipality's name ("Uppsala", "GBG", "Göteborgs stad"), to say "du
 * frågade om …" in the user's own words; its first alias (the short name) when the words are not found.
 */
export function nameAsWritten(question: string, municipality: MunicipalityNames): string {
  const found = words(question);
  const names = [municipality.name, ...municipality.aliases].map((name) => words(name).map((word) => word.folded)).sort((a, b) => b.length - a.length);
  for (const name of names) {
    for (let start = 0; start + name.length <= found.length; start += 1) {
      const matches = name.every((word, offset) => {
        const candidate = found[start + offset]!.folded;
        // The genitive on a name's last word: "Göteborgs", "Uppsalas".
        return candidate === word || (offset === name.length - 1 && candidate === `${word}s`);
      });
      if (matches) return question.slice(found[start]!.start, found[start + name.length - 1]!.end);
    }
  }
  return municipality.aliases[0] ?? municipality.name;
}
