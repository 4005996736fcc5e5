import { bilingual } from '../../src/knowledge/index.js';

/**
 * The few labels only Slack needs for notices: a modal's close button, menu placeholders, the
 * button that opens a form sent as a message, follow buttons and "and N more". Every sentence the
 * bot says about notices comes from the core's noticeTexts.
 */
export const slackNoticeTexts = bilingual(
  {
    cancel: 'Avbryt',
    openForm: 'Fyll i formuläret',
    chooseSystems: 'Välj system',
    chooseState: 'Välj status',
    systemsHint: 'System-id, kommaseparerade (t.ex. treserva, lifecare).',
    follow: 'Följ',
    unfollow: 'Sluta följa',
    show: 'Visa',
    more: (count: number) => `… och ${count} till.`,
  },
  {
    cancel: 'Cancel',
    openForm: 'Fill in the form',
    chooseSystems: 'Choose systems',
    chooseState: 'Choose status',
    systemsHint: 'System ids, comma-separated (e.g. treserva, lifecare).',
    follow: 'Follow',
    unfollow: 'Unfollow',
    show: 'Show',
    more: (count: number) => `… and ${count} more.`,
  },
);
