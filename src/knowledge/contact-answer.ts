import type { OpeningHours, SupportContact } from './schema.js';

type Day = OpeningHours['days'][number];

const DAY_NAMES: Record<'sv' | 'en', Record<Day, string>> = {
  sv: { mon: 'måndag', tue: 'tisdag', wed: 'onsdag', thu: 'torsdag', fri: 'fredag', sat: 'lördag', sun: 'söndag', holiday: 'helgdagar' },
  en: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday', holiday: 'public holidays' },
};

const WEEKDAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** "vardagar", "lördag, söndag och helgdagar": how people say a set of days. */
export function describeDays(days: readonly Day[], language: 'sv' | 'en'): string {
  const names = DAY_NAMES[language];
  const rest = [...days];
  const parts: string[] = [];
  if (WEEKDAYS.every((day) => rest.includes(day))) {
    parts.push(language === 'sv' ? 'vardagar' : 'weekdays');
    for (const day of WEEKDAYS) rest.splice(rest.indexOf(day), 1);
  }
  parts.push(...rest.map((day) => names[day]));
  const last = parts.pop() ?? '';
  return parts.length === 0 ? last : `${parts.join(', ')} ${language === 'sv' ? 'och' : 'and'} ${last}`;
}

function describeHours(hours: readonly OpeningHours[], language: 'sv' | 'en'): string {
  const normal = hours.filter((entry) => entry.kind === 'normal');
  const urgent = hours.filter((entry) => entry.kind === 'urgent');
  const span = (entry: OpeningHours): string => `${describeDays(entry.days, language)} ${entry.from}–${entry.to}`;
  const sentences: string[] = [];
  if (normal.length > 0) sentences.push(`${language === 'sv' ? 'Öppet' : 'Open'} ${normal.map(span).join(', ')}.`);
  if (urgent.length > 0) sentences.push(`${language === 'sv' ? 'Akuta ärenden' : 'Urgent matters'}: ${urgent.map(span).join(', ')}.`);
  return sentences.join(' ');
}

/** The answer text for a support contact, built from its data so that it never drifts from it. */
export function formatContactAnswer(contact: SupportContact): { sv: string; en: string } {
  const build = (language: 'sv' | 'en'): string => {
    const name = language === 'en' ? (contact.name.en ?? contact.name.sv) : contact.name.sv;
    const purpose = language === 'en' ? (contact.purpose.en ?? contact.purpose.sv) : contact.purpose.sv;
    const reach: string[] = [];
    if (contact.email.length > 0) reach.push(`${language === 'sv' ? 'e-post' : 'email'} ${contact.email.join(language === 'sv' ? ' eller ' : ' or ')}`);
    if (contact.phone.length > 0) reach.push(`${language === 'sv' ? 'telefon' : 'phone'} ${contact.phone.join(language === 'sv' ? ' eller ' : ' or ')}`);
    if (contact.web.length > 0) reach.push(`${language === 'sv' ? 'webb' : 'web'} ${contact.web.join(' ')}`);
    const parts = [`${name}: ${purpose.replace(/\.$/u, '')}.`];
    if (reach.length > 0) parts.push(`${language === 'sv' ? 'Nås på' : 'Reach them by'} ${reach.join(language === 'sv' ? ' eller ' : ' or ')}.`);
    const hours = describeHours(contact.hours, language);
    if (hours) parts.push(hours);
    const urgent = contact.urgent && (language === 'en' ? (contact.urgent.en ?? contact.urgent.sv) : contact.urgent.sv);
    if (urgent) parts.push(`${language === 'sv' ? 'Akut är' : 'Urgent means'}: ${urgent.replace(/\.$/u, '')}.`);
    return parts.join(' ');
  };
  return { sv: build('sv'), en: build('en') };
}
