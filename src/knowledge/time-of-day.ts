import { describeDays } from './contact-answer.js';
import type { OpeningHours } from './schema.js';
import { foldForMatching, type Language } from './text/index.js';

type Day = OpeningHours['days'][number];

/** A time of day that a question asks about ("kl 18", "at 7pm", "på lördag kl. 10"), in minutes after midnight. */
export interface AskedTime {
  readonly minutes: number;
  /** The day named in the question; undefined when none was. */
  readonly day: Day | undefined;
  /**
   * What to search for: the question with its time ("kl 18") taken for what it asks, opening hours.
   */
  readonly rest: string;
}

const DAYS: ReadonlyArray<readonly [RegExp, Day]> = [
  [/^(?:mandag(?:en)?|monday)s?$/u, 'mon'],
  [/^(?:tisdag(?:en)?|tuesday)s?$/u, 'tue'],
  [/^(?:onsdag(?:en)?|wednesday)s?$/u, 'wed'],
  [/^(?:torsdag(?:en)?|thursday)s?$/u, 'thu'],
  [/^(?:fredag(?:en)?|friday)s?$/u, 'fri'],
  [/^(?:lordag(?:en)?|saturday|helg(?:en)?|weekend)s?$/u, 'sat'],
  [/^(?:sondag(?:en)?|sunday)s?$/u, 'sun'],
  [/^(?:helgdag(?:ar|en)?|rod(?:a)?dag(?:ar)?|holiday|holidays|julafton|midsommar(?:afton)?|nyarsdagen?)$/u, 'holiday'],
];

// "kl 18", "kl. 7.30", "klockan 18:00", "18:30", "at 7pm", "7 am", "efter kl 17", "after 5 pm". A
// bare number after "efter" is not a time ("efter 2 veckor").
const CLOCK = /\b(?:kl\.?|klockan|at)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?!\d)|\b(\d{1,2})[:.](\d{2})\b|\b(\d{1,2})\s*(am|pm)\b/u;

/** Finds the time of day a question asks about, if it asks about one. */
export function askedTime(question: string): AskedTime | undefined {
  // Every time of day has a digit: most questions have none.
  if (!/\d/u.test(question)) return undefined;
  const folded = foldForMatching(question);
  const match = CLOCK.exec(folded);
  if (!match) return undefined;
  let hours = Number(match[1] ?? match[4] ?? match[6]);
  const minutes = Number(match[2] ?? match[5] ?? 0);
  const meridiem = (match[3] ?? match[7])?.replace(/\./gu, '');
  if (meridiem === 'pm' && hours < 12) hours += 12;
  if (meridiem === 'am' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return undefined;
  let day: Day | undefined;
  for (const word of folded.split(/[^\p{L}]+/u)) {
    const found = DAYS.find(([pattern]) => pattern.test(word));
    if (found) {
      day = found[1];
      break;
    }
  }
  // Folding keeps the length of Swedish text, so the match's place is the same in the original.
  const rest = `${folded.length === question.length ? `${question.slice(0, match.index)} ${question.slice(match.index + match[0].length)}` : question} (öppettider)`;
  return { minutes: hours * 60 + minutes, day, rest };
}

function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Whether a contact with these opening hours answers at the asked time: "Klockan 18:00 på vardagar
 * är Intraservice support öppen." Weekdays when the question names no day. Undefined when the
 * contact has no hours to judge by.
 */
export function openAt(name: string, hours: readonly OpeningHours[], asked: AskedTime, language: Language): string | undefined {
  if (hours.length === 0) return undefined;
  const day: Day = asked.day ?? 'mon';
  const covering = hours.filter((entry) => entry.days.includes(day) && clockMinutes(entry.from) <= asked.minutes && asked.minutes < clockMinutes(entry.to));
  const when = `${language === 'sv' ? 'Klockan' : 'At'} ${clockText(asked.minutes)} ${language === 'sv' ? 'på' : 'on'} ${asked.day ? describeDays([asked.day], language) : language === 'sv' ? 'vardagar' : 'weekdays'}`;
  if (covering.some((entry) => entry.kind === 'normal')) return language === 'sv' ? `${when} har ${name} öppet.` : `${when}, ${name} is open.`;
  if (covering.length > 0) return language === 'sv' ? `${when} tar ${name} bara emot akuta ärenden.` : `${when}, ${name} only takes urgent matters.`;
  return language === 'sv' ? `${when} har ${name} stängt.` : `${when}, ${name} is closed.`;
}
