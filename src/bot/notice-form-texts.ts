import { bilingual } from '../knowledge/index.js';
import type { WhenProblem } from './notice-when.js';

type Edge = 'start' | 'end';

/**
 * The notice form's own words, in Swedish and English, for every adapter: the labels of the date
 * and time pickers of a planned outage's start and end, what is wrong with what was picked, and
 * why a system is not on the list.
 */
export const noticeFormTexts = bilingual(
  {
    dateLabel: (edge: Edge) => (edge === 'start' ? 'Startdatum' : 'Slutdatum'),
    timeLabel: (edge: Edge) => (edge === 'start' ? 'Starttid (svensk tid)' : 'Sluttid (svensk tid)'),
    datePlaceholder: 'Välj datum',
    timePlaceholder: 'Välj tid',
    when: (problem: WhenProblem, edge: Edge): string => {
      const which = edge === 'start' ? 'starten' : 'slutet';
      switch (problem) {
        case 'missing':
          return `Välj datum och tid för ${which}.`;
        case 'missing-date':
          return `Välj ett datum för ${which}.`;
        case 'missing-time':
          return `Välj en tid för ${which}.`;
        case 'bad-date':
          return `Datumet för ${which} finns inte; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-12-06.`;
        case 'bad-time':
          return `Tiden för ${which} ska skrivas TT:MM, t.ex. 08:00.`;
        case 'skipped-hour':
          return `Tiden för ${which} finns inte i svensk tid den dagen: klockan ställs fram från 02:00 till 03:00. Välj en tid före 02:00 eller från 03:00.`;
        case 'not-after-start':
          return 'Slutet måste vara efter starten.';
      }
    },
    notOwnSystem: (names: string, municipality: string, known: string) => `${names} finns inte bland ${municipality}s system. Välj bland: ${known}.`,
  },
  {
    dateLabel: (edge: Edge) => (edge === 'start' ? 'Start date' : 'End date'),
    timeLabel: (edge: Edge) => (edge === 'start' ? 'Start time (Swedish time)' : 'End time (Swedish time)'),
    datePlaceholder: 'Choose a date',
    timePlaceholder: 'Choose a time',
    when: (problem: WhenProblem, edge: Edge): string => {
      const which = edge === 'start' ? 'the start' : 'the end';
      switch (problem) {
        case 'missing':
          return `Choose a date and time for ${which}.`;
        case 'missing-date':
          return `Choose a date for ${which}.`;
        case 'missing-time':
          return `Choose a time for ${which}.`;
        case 'bad-date':
          return `The date for ${which} does not exist; write it as YYYY-MM-DD, e.g. 2026-12-06.`;
        case 'bad-time':
          return `The time for ${which} should be written HH:MM, e.g. 08:00.`;
        case 'skipped-hour':
          return `The time for ${which} does not exist in Swedish time that day: the clocks go forward from 02:00 to 03:00. Choose a time before 02:00 or from 03:00.`;
        case 'not-after-start':
          return 'The end must be after the start.';
      }
    },
    notOwnSystem: (names: string, municipality: string, known: string) => `${names} is not among the systems of ${municipality}. Choose from: ${known}.`,
  },
);
