import { describe, expect, it } from 'vitest';
import { joinWhen, noticeFormTexts, readWindow, splitWhen } from '../../src/bot/index.js';

describe('a planned outage’s start and end, read in Swedish time', () => {
  it('reads winter and summer time, and both sides of the spring and autumn changes', () => {
    expect(readWindow({ start: '2026-12-06 08:00', end: '2026-12-06 12:00' })).toEqual({ ok: true, window: { start: new Date('2026-12-06T07:00:00Z'), end: new Date('2026-12-06T11:00:00Z') } });
    expect(readWindow({ start: '2027-06-13 08:00', end: '2027-06-13 15:00' })).toEqual({ ok: true, window: { start: new Date('2027-06-13T06:00:00Z'), end: new Date('2027-06-13T13:00:00Z') } });
    // 28 March 2027: 02:00 becomes 03:00, so 01:30 to 03:30 is one hour.
    expect(readWindow({ start: '2027-03-28 01:30', end: '2027-03-28 03:30' })).toEqual({ ok: true, window: { start: new Date('2027-03-28T00:30:00Z'), end: new Date('2027-03-28T01:30:00Z') } });
    // 31 October 2027: 03:00 becomes 02:00 again; 02:30 happens twice and is read as the second (winter time).
    expect(readWindow({ start: '2027-10-31 01:30', end: '2027-10-31 02:30' })).toEqual({ ok: true, window: { start: new Date('2027-10-30T23:30:00Z'), end: new Date('2027-10-31T01:30:00Z') } });
  });

  it('says what is wrong with each: missing parts, a date or time that does not exist, the skipped hour, an end before the start', () => {
    expect(readWindow({ start: '', end: '08:00' })).toEqual({ ok: false, problems: [{ field: 'start', problem: 'missing' }, { field: 'end', problem: 'missing-date' }] });
    expect(readWindow({ start: '2027-02-29 08:00', end: '2027-03-01' })).toEqual({ ok: false, problems: [{ field: 'start', problem: 'bad-date' }, { field: 'end', problem: 'missing-time' }] });
    expect(readWindow({ start: '2027-03-28 24:00', end: 'i morgon bitti' })).toEqual({ ok: false, problems: [{ field: 'start', problem: 'bad-time' }, { field: 'end', problem: 'bad-date' }] });
    expect(readWindow({ start: '2027-03-28 02:30', end: '2027-03-28 04:00' })).toEqual({ ok: false, problems: [{ field: 'start', problem: 'skipped-hour' }] });
    expect(readWindow({ start: '2027-03-28 04:00', end: '2027-03-28 04:00' })).toEqual({ ok: false, problems: [{ field: 'end', problem: 'not-after-start' }] });
  });

  it('words every problem in Swedish and English', () => {
    expect(noticeFormTexts.sv.when('skipped-hour', 'start')).toBe('Tiden för starten finns inte i svensk tid den dagen: klockan ställs fram från 02:00 till 03:00. Välj en tid före 02:00 eller från 03:00.');
    expect(noticeFormTexts.en.when('missing-time', 'end')).toBe('Choose a time for the end.');
    for (const problem of ['missing', 'missing-date', 'missing-time', 'bad-date', 'bad-time', 'skipped-hour', 'not-after-start'] as const) {
      expect(noticeFormTexts.sv.when(problem, 'end')).not.toBe(noticeFormTexts.en.when(problem, 'end'));
    }
  });

  it('joins the pickers’ values into the form’s and splits it back for them', () => {
    expect(joinWhen('2026-12-06', '08:00')).toBe('2026-12-06 08:00');
    expect(joinWhen('', '08:00')).toBe('08:00');
    expect(splitWhen('2026-12-06 8.00')).toEqual({ date: '2026-12-06', time: '08:00' });
    expect(splitWhen('i morgon')).toEqual({ date: '', time: '' });
  });
});
