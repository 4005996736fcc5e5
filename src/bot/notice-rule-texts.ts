import { bilingual, citationLine, type Language, type NoticeRules, type RuleOrigin } from '../knowledge/index.js';

/** One rule in force, worded: what it says, and where it comes from (a Källa line or "the bot's default"). */
export interface RuleLine {
  readonly rule: string;
  readonly origin: string;
  readonly from: RuleOrigin['from'];
}

/** The rules in force for one kind of notice, under a heading. */
export interface RuleSection {
  readonly heading: string;
  readonly lines: readonly RuleLine[];
}

type Channel = NoticeRules['planned']['channels'][number];
type Window = NoticeRules['planned']['preferredWindows'][number];

const joinAll = (items: readonly string[], and: string): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`);

const WORDS = bilingual(
  {
    and: 'och',
    title: (municipality: string) => `Regler i kraft för ${municipality}`,
    default: 'Botens standard, inte kommunens regel',
    planned: 'Planerade driftstopp',
    disruption: 'Driftstörningar',
    channel: { chat: 'chatt', email: 'e-post', sms: 'sms' } as Record<Channel, string>,
    day: { mon: 'måndagar', tue: 'tisdagar', wed: 'onsdagar', thu: 'torsdagar', fri: 'fredagar', sat: 'lördagar', sun: 'söndagar', holiday: 'helgdagar' } as Record<Window['days'][number], string>,
    notice: (days: number) => (days > 0 ? `Meddelas minst ${days} ${days === 1 ? 'dag' : 'dagar'} före start.` : 'Inget krav på varsel: kan meddelas när som helst före start.'),
    windows: (text: string) => (text ? `Läggs i första hand ${text} (svensk tid).` : 'Ingen föredragen tid i veckan.'),
    reminders: (hours: string) => (hours ? `Påminnelse ${hours} ${hours === '1' ? 'timme' : 'timmar'} före start.` : 'Inga påminnelser.'),
    channels: (list: string, sms: boolean) => `Går till IT-kontaktpersonerna via ${list}${sms ? '' : ' (inte sms)'}.`,
  },
  {
    and: 'and',
    title: (municipality: string) => `Rules in force for ${municipality}`,
    default: 'The bot’s default, not the municipality’s rule',
    planned: 'Planned outages',
    disruption: 'Disruptions',
    channel: { chat: 'chat', email: 'email', sms: 'SMS' },
    day: { mon: 'Mondays', tue: 'Tuesdays', wed: 'Wednesdays', thu: 'Thursdays', fri: 'Fridays', sat: 'Saturdays', sun: 'Sundays', holiday: 'public holidays' },
    notice: (days: number) => (days > 0 ? `Announced at least ${days} ${days === 1 ? 'day' : 'days'} before the start.` : 'No notice required: may be announced any time before the start.'),
    windows: (text: string) => (text ? `Placed preferably ${text} (Swedish time).` : 'No preferred time of the week.'),
    reminders: (hours: string) => (hours ? `Reminder ${hours} ${hours === '1' ? 'hour' : 'hours'} before the start.` : 'No reminders.'),
    channels: (list: string, sms: boolean) => `Sent to the IT contacts by ${list}${sms ? '' : ' (not SMS)'}.`,
  },
);

/** The title over the rules in force, in the reader's language. */
export function noticeRulesTitle(municipality: string, language: Language): string {
  return WORDS[language].title(municipality);
}

/**
 * The notice rules in force, worded for staff: each rule with where it comes from, the document
 * (its Källa line) or the bot's default, so nobody mistakes a default for the municipality's rule.
 * `kind` limits it to the rules of one kind of notice (the preview of a draft).
 */
export function noticeRuleSections(rules: NoticeRules, language: Language, kind?: 'planned' | 'disruption'): RuleSection[] {
  const w = WORDS[language];
  const line = (rule: string, origin: RuleOrigin): RuleLine => ({ rule, from: origin.from, origin: origin.from === 'document' ? citationLine(origin.citation, language) : w.default });
  const channels = (list: readonly Channel[]): string => w.channels(joinAll(list.map((channel) => w.channel[channel]), w.and), list.includes('sms'));
  const windows = rules.planned.preferredWindows.map((window) => `${joinAll(window.days.map((day) => w.day[day]), w.and)} ${window.from}–${window.to}`);
  const { planned, disruption } = rules;
  const sections: Array<RuleSection & { readonly kind: 'planned' | 'disruption' }> = [
    {
      kind: 'planned',
      heading: w.planned,
      lines: [
        line(w.notice(planned.minimumNoticeDays), planned.origin.minimumNoticeDays),
        line(w.windows(joinAll(windows, language === 'sv' ? 'eller' : 'or')), planned.origin.preferredWindows),
        line(channels(planned.channels), planned.origin.channels),
        line(w.reminders(joinAll(planned.remindersHoursBefore.map(String), w.and)), planned.origin.remindersHoursBefore),
      ],
    },
    { kind: 'disruption', heading: w.disruption, lines: [line(channels(disruption.channels), disruption.origin.channels)] },
  ];
  return sections.filter((section) => kind === undefined || section.kind === kind).map(({ heading, lines }) => ({ heading, lines }));
}
