import { beforeAll, describe, expect, it } from 'vitest';
import { fieldErrorTexts } from '../../src/bot/index.js';
import type { NoticeRules } from '../../src/knowledge/index.js';
import { checkPlannedOutage, stockholmParts } from '../../src/notices/index.js';
import { bundledKnowledge } from '../support/knowledge.js';

let goteborg: NoticeRules;
beforeAll(async () => {
  goteborg = (await bundledKnowledge()).noticeRules.find((rules) => rules.municipalityId === 'goteborg')!;
});

describe('Göteborg’s rules for planned outages', () => {
  it('come from the document, with the quote', () => {
    expect(goteborg.planned).toMatchObject({ minimumNoticeDays: 10, preferredWindows: [{ days: ['sun'], from: '08:00', to: '15:00' }] });
    expect(goteborg.planned.origin.minimumNoticeDays).toMatchObject({ from: 'document', citation: { quote: expect.stringMatching(/senast 10 dagar innan/u) } });
    expect(goteborg.disruption).toMatchObject({ channels: ['sms', 'email'], origin: { channels: { from: 'document' } } });
  });

  it('take the bot’s defaults where the document says nothing, marked as such', async () => {
    // The document says neither how planned outages are announced nor anything of reminders.
    expect(goteborg.planned).toMatchObject({ channels: ['chat', 'email'], remindersHoursBefore: [24, 1], origin: { channels: { from: 'default' }, remindersHoursBefore: { from: 'default' } } });
    const uppsala = (await bundledKnowledge()).noticeRules.find((rules) => rules.municipalityId === 'uppsala')!;
    expect(uppsala.planned).toMatchObject({ minimumNoticeDays: 0, preferredWindows: [], origin: { minimumNoticeDays: { from: 'default' } } });
    expect(uppsala.disruption).toEqual({ channels: ['chat', 'email'], origin: { channels: { from: 'default' } } });
  });

  it('accept a Sunday 08–12 with 12 days’ notice, on the day daylight saving ends', () => {
    // 25 October 2026: clocks go back at 03.00, so 08.00 in Stockholm is 07.00 UTC.
    const start = new Date('2026-10-25T07:00:00Z');
    const end = new Date('2026-10-25T11:00:00Z');
    expect(stockholmParts(start)).toEqual({ date: '2026-10-25', weekday: 'sun', time: '08:00' });
    expect(checkPlannedOutage({ start, end }, goteborg.planned, new Date('2026-10-13T07:00:00Z'))).toEqual([]);
  });

  it('read Stockholm time right on the day daylight saving starts', () => {
    // 29 March 2026: clocks go forward at 02.00, so 08.00 in Stockholm is 06.00 UTC.
    expect(stockholmParts(new Date('2026-03-29T06:00:00Z'))).toEqual({ date: '2026-03-29', weekday: 'sun', time: '08:00' });
    const violations = checkPlannedOutage({ start: new Date('2026-03-29T05:30:00Z'), end: new Date('2026-03-29T09:00:00Z') }, goteborg.planned, new Date('2026-03-01T00:00:00Z'));
    expect(violations.map((violation) => violation.rule)).toEqual(['preferred-window']);
  });

  it('flag nine days’ notice and a Tuesday morning', () => {
    const now = new Date('2026-11-25T09:00:00Z');
    const start = new Date('2026-12-08T07:00:00Z'); // Tuesday 08.00
    const end = new Date('2026-12-08T09:00:00Z');
    const shortNotice = checkPlannedOutage({ start: new Date('2026-12-04T09:00:00Z'), end: new Date('2026-12-04T10:00:00Z') }, goteborg.planned, now);
    expect(shortNotice[0]).toMatchObject({ rule: 'minimum-notice', requiredDays: 10, actualDays: 9 });
    const tuesday = checkPlannedOutage({ start, end }, goteborg.planned, now);
    expect(tuesday).toEqual([{ rule: 'preferred-window', windows: goteborg.planned.preferredWindows }]);
    // Worded by the bot in either language.
    expect(fieldErrorTexts.sv.violation(tuesday[0]!)).toMatch(/söndagar 08:00–15:00/u);
    expect(fieldErrorTexts.en.violation(tuesday[0]!)).toMatch(/Sundays 08:00–15:00/u);
    expect(fieldErrorTexts.sv.violation(shortNotice[0]!)).toBe('Planerade driftstopp ska meddelas minst 10 dagar i förväg; det här är 9 dagar.');
  });

  it('flag a Sunday outage that runs past 15.00', () => {
    const violations = checkPlannedOutage({ start: new Date('2026-12-13T09:00:00Z'), end: new Date('2026-12-13T15:00:00Z') }, goteborg.planned, new Date('2026-11-25T09:00:00Z'));
    expect(violations.map((violation) => violation.rule)).toEqual(['preferred-window']);
  });
});
