import { describe, expect, it } from 'vitest';
import { describeNotice, noticeFormTexts, noticeTexts, ticketTexts, type NoticeReportView, type NoticeSummary, type Reply } from '../../src/bot/index.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderReply, teamsTexts } from '../../adapters/teams/index.js';
import { adaptiveCardProblems, cardActions, cardTexts, type Card } from '../support/fake-bot-connector.js';

/**
 * The Adaptive Cards of outage notices: each one valid Adaptive Card 1.5 (the shipped schema subset
 * and the adaptivecards parser), showing what the core said, with buttons that carry what the
 * action decoder expects.
 */

const goteborg = { id: 'goteborg', name: 'Göteborgs Stad' };
const sv = noticeTexts.sv;

/** Sunday 6 December 2026, 08:00–15:00 Stockholm time (winter: UTC+1). */
const planned: NoticeSummary = {
  id: 'GBG-DRIFT-2026-0007',
  municipality: goteborg,
  kind: 'planned',
  title: 'Uppgradering av Treserva',
  systems: ['Treserva', 'Lifecare'],
  state: 'scheduled',
  stateLabel: 'Planerat',
  window: { start: '2026-12-06T07:00:00.000Z', end: '2026-12-06T14:00:00.000Z' },
  description: 'Treserva uppgraderas till version 7.',
  impact: 'Ingen dokumentation i Treserva under tiden; använd reservrutinen.',
  updates: [],
  exceptionReason: null,
  closed: false,
};

const disruption: NoticeSummary = {
  id: 'GBG-DRIFT-2026-0008',
  municipality: goteborg,
  kind: 'disruption',
  title: 'Inloggning till Lifecare fungerar inte',
  systems: ['Lifecare'],
  state: 'identified',
  stateLabel: 'Orsak identifierad',
  window: null,
  description: 'Det går inte att logga in med SITHS-kort.',
  impact: 'Hemtjänsten kan inte se sina insatser.',
  updates: [{ at: '2026-11-25T13:05:00.000Z', stateLabel: 'Orsak identifierad', text: 'Ett certifikat har gått ut och byts nu.' }],
  exceptionReason: null,
  closed: false,
};

function cardIn(reply: Reply): Card {
  const activity = renderReply(reply);
  expect(activity.type).toBe('message');
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return attachment!.content as Card;
}

/** A card's FactSet facts as title → value. */
function factsOf(card: Card): Map<string, string> {
  const facts = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'FactSet') for (const fact of record.facts as Array<{ title: string; value: string }>) facts.set(fact.title, fact.value);
    else Object.values(record).forEach(visit);
  };
  visit(card.body);
  return facts;
}

/** Every input of a card (nested ones included), by id. */
function inputsOf(card: Card): Map<string, Record<string, unknown>> {
  const inputs = new Map<string, Record<string, unknown>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.')) inputs.set(String(record.id), record);
    Object.values(record).forEach(visit);
  };
  visit(card.body);
  return inputs;
}

describe('Teams notice cards', () => {
  it('a notice shows the heading, systems, the window in Stockholm time, state, description, impact and id, with the footer hint', async () => {
    const card = cardIn({ kind: 'notice', language: 'sv', notice: planned, purpose: 'publish', reminderHours: null });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe('Planerat driftstopp: Uppgradering av Treserva');
    const facts = factsOf(card);
    expect(facts.get(sv.systems)).toBe('Treserva, Lifecare');
    expect(facts.get(sv.when)).toBe('2026-12-06 08:00–15:00');
    expect(facts.get(sv.state)).toBe('Planerat');
    expect(facts.get(sv.description)).toBe(planned.description);
    expect(facts.get(sv.impact)).toBe(planned.impact);
    expect(facts.get(sv.reference)).toBe('GBG-DRIFT-2026-0007 (Göteborgs Stad)');
    expect(cardTexts(card).at(-1)).toBe(sv.footer);
    // Recipients have nothing to press, and the text of notifications is the heading.
    expect(cardActions(card)).toEqual([]);
    expect(renderReply({ kind: 'notice', language: 'sv', notice: planned, purpose: 'publish', reminderHours: null }).summary).toBe('Planerat driftstopp: Uppgradering av Treserva');
    expect(card.fallbackText).toContain('2026-12-06 08:00–15:00');
  });

  it('a summer window is shown in summer time, and a window over two days in full', async () => {
    const summer = { ...planned, window: { start: '2026-06-07T06:00:00.000Z', end: '2026-06-08T13:00:00.000Z' } };
    const card = cardIn({ kind: 'notice', language: 'sv', notice: summer, purpose: 'publish', reminderHours: null });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(factsOf(card).get(sv.when)).toBe('2026-06-07 08:00 – 2026-06-08 15:00');
  });

  it('an update of a disruption has the update heading and the latest word with its time and state; reminders and cancellations their own headings', async () => {
    const card = cardIn({ kind: 'notice', language: 'sv', notice: disruption, purpose: 'update', reminderHours: null });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe('Uppdatering – driftstörning: Inloggning till Lifecare fungerar inte');
    expect(factsOf(card).get('Senaste (2026-11-25 14:05, Orsak identifierad)')).toBe('Ett certifikat har gått ut och byts nu.');
    expect(factsOf(card).has(sv.when)).toBe(false);

    const reminder = cardIn({ kind: 'notice', language: 'sv', notice: planned, purpose: 'reminder', reminderHours: 24 });
    expect(cardTexts(reminder)[0]).toBe(describeNotice(planned, 'reminder', 24, 'sv').heading);
    expect(cardTexts(reminder)[0]).toContain('om 24 timmar');
    const cancelled = cardIn({ kind: 'notice', language: 'en', notice: planned, purpose: 'cancel', reminderHours: null });
    expect(await adaptiveCardProblems(cancelled)).toEqual([]);
    expect(cardTexts(cancelled)[0]).toBe('Cancelled – planned outage: Uppgradering av Treserva');
    expect(cardTexts(cancelled).at(-1)).toBe(noticeTexts.en.footer);
  });

  it('the reason for publishing against the rules is for staff: not on the recipients’ card, on the report', async () => {
    const excepted = { ...planned, exceptionReason: 'Säkerhetsuppdatering som inte kan vänta.' };
    const notice = cardIn({ kind: 'notice', language: 'sv', notice: excepted, purpose: 'publish', reminderHours: null });
    expect(JSON.stringify(notice)).not.toContain('Säkerhetsuppdatering');
    const report = cardIn({ kind: 'notice-report', language: 'sv', notice: excepted, report: { channels: [], failures: [], complete: true } });
    expect(factsOf(report).get(sv.exception)).toBe('Säkerhetsuppdatering som inte kan vänta.');
  });

  it('"driftinfo" lists each notice in short; staff get "Nytt planerat driftstopp" and "Ny driftstörning"', async () => {
    const card = cardIn({ kind: 'notice-list', language: 'sv', municipality: goteborg, notices: [planned, disruption], canPublish: true });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(sv.listTitle('Göteborgs Stad'));
    expect(shown).toContain('Planerat driftstopp: Uppgradering av Treserva');
    expect(shown).toContain('Planerat · Treserva, Lifecare · 2026-12-06 08:00–15:00');
    expect(shown).toContain('Driftstörning: Inloggning till Lifecare fungerar inte');
    expect(shown).toContain(`${sv.latest}: Ett certifikat har gått ut och byts nu.`);
    const actions = cardActions(card);
    expect(actions.slice(-2)).toEqual([
      { type: 'Action.Submit', title: 'Nytt planerat driftstopp', data: { verb: 'open-notice-form', noticeKind: 'planned', lang: 'sv' } },
      { type: 'Action.Submit', title: 'Ny driftstörning', data: { verb: 'open-notice-form', noticeKind: 'disruption', lang: 'sv' } },
    ]);
    expect(actions.filter((action) => action.data.verb === 'notice-report').map((action) => action.data.noticeId)).toEqual([planned.id, disruption.id]);
  });

  it('an IT-contact’s list has no buttons; an empty list, or no municipality yet, is a sentence', async () => {
    const card = cardIn({ kind: 'notice-list', language: 'sv', municipality: goteborg, notices: [planned], canPublish: false });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardActions(card)).toEqual([]);
    expect(renderReply({ kind: 'notice-list', language: 'sv', municipality: goteborg, notices: [], canPublish: false })).toMatchObject({ text: sv.listEmpty('Göteborgs Stad'), textFormat: 'plain' });
    expect(renderReply({ kind: 'notice-list', language: 'en', municipality: null, notices: [], canPublish: false })).toMatchObject({ text: noticeTexts.en.listNoMunicipality });
    // Staff with nothing going on still get the buttons to announce something.
    const empty = cardIn({ kind: 'notice-list', language: 'sv', municipality: goteborg, notices: [], canPublish: true });
    expect(await adaptiveCardProblems(empty)).toEqual([]);
    expect(cardTexts(empty)).toContain(sv.listEmpty('Göteborgs Stad'));
    expect(cardActions(empty).map((action) => action.title)).toEqual([sv.newPlanned, sv.newDisruption]);
  });

  it('a long list is cut short and says how many more there are', async () => {
    const many = Array.from({ length: 30 }, (_, index) => ({ ...planned, id: `GBG-DRIFT-2026-${String(index + 1).padStart(4, '0')}` }));
    const card = cardIn({ kind: 'notice-list', language: 'sv', municipality: goteborg, notices: many, canPublish: false });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toContain(teamsTexts.sv.moreItems(5));
    expect(JSON.stringify(card)).not.toContain('GBG-DRIFT-2026-0026');
  });

  it('the form of a planned outage: prefilled inputs, a multi-select of the systems, the window, and errors under their fields', async () => {
    const values = { title: 'Uppgradering', systems: 'treserva,lifecare,okant', start: '2026-12-06 08:00', end: 'i morgon', description: 'Ny version.', impact: '' };
    const systems = [
      { id: 'treserva', name: 'Treserva' },
      { id: 'lifecare', name: 'Lifecare' },
      { id: 'phoniro', name: 'Phoniro' },
    ];
    const card = cardIn({ kind: 'notice-form', language: 'sv', municipality: goteborg, noticeKind: 'planned', noticeId: 'GBG-DRIFT-2026-0009', values, errors: [{ field: 'end', message: 'Skriv slutet som ÅÅÅÅ-MM-DD TT:MM.' }, { field: 'window', message: 'Slutet måste komma efter starten.' }], systems });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe(sv.formTitle('planned', 'Göteborgs Stad'));
    const inputs = [...inputsOf(card).values()];
    // Start and end are a date picker and a time picker each (Swedish time).
    const ids = ['notice.title', 'notice.systems', 'notice.start-date', 'notice.start-time', 'notice.end-date', 'notice.end-time', 'notice.description', 'notice.impact'];
    expect(inputs.map((input) => input.id)).toEqual(ids);
    const w = noticeFormTexts.sv;
    expect(inputs.map((input) => input.label)).toEqual([sv.fields.title, sv.fields.systems, w.dateLabel('start'), w.timeLabel('start'), w.dateLabel('end'), w.timeLabel('end'), sv.fields.description, sv.fields.impact]);
    const byId = inputsOf(card);
    expect(byId.get('notice.title')).toMatchObject({ type: 'Input.Text', value: 'Uppgradering', isRequired: true });
    // Only the systems the menu has are selected; the rest would show as bare ids.
    expect(byId.get('notice.systems')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'compact', value: 'treserva,lifecare', choices: systems.map((system) => ({ title: system.name, value: system.id })) });
    expect(byId.get('notice.start-date')).toMatchObject({ type: 'Input.Date', value: '2026-12-06', isRequired: true });
    expect(byId.get('notice.start-time')).toMatchObject({ type: 'Input.Time', value: '08:00', isRequired: true });
    // What is not a date or a time is not put in a picker.
    expect(byId.get('notice.end-date')).not.toHaveProperty('value');
    expect(byId.get('notice.end-time')).not.toHaveProperty('value');
    expect(byId.get('notice.description')).toMatchObject({ isMultiline: true, value: 'Ny version.' });
    expect(byId.get('notice.impact')).toMatchObject({ isMultiline: true });
    expect(byId.get('notice.impact')).not.toHaveProperty('value');
    // The end's error comes right under its two pickers.
    const endIndex = card.body.findIndex((element) => JSON.stringify(element).includes('"notice.end-date"'));
    expect(card.body[endIndex]).toMatchObject({ type: 'Container', items: [{ id: 'notice.end-date' }, { id: 'notice.end-time' }] });
    expect(card.body[endIndex + 1]).toMatchObject({ type: 'TextBlock', text: 'Skriv slutet som ÅÅÅÅ-MM-DD TT:MM.', color: 'attention' });
    // An error about no input of the form is shown at the top, not lost.
    expect(cardTexts(card)).toContain(ticketTexts.sv.fixErrors);
    expect(cardTexts(card)).toContain('window: Slutet måste komma efter starten.');
    expect(cardActions(card)).toEqual([{ type: 'Action.Submit', title: sv.preview, data: { verb: 'preview-notice', noticeKind: 'planned', noticeId: 'GBG-DRIFT-2026-0009', lang: 'sv' } }]);
  });

  it('the form of a new disruption has no window and no notice id', async () => {
    const values = { title: '', systems: '', start: '', end: '', description: '', impact: '' };
    const card = cardIn({ kind: 'notice-form', language: 'en', municipality: goteborg, noticeKind: 'disruption', noticeId: null, values, errors: [], systems: [{ id: 'lifecare', name: 'Lifecare' }] });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect([...inputsOf(card).keys()]).toEqual(['notice.title', 'notice.systems', 'notice.description', 'notice.impact']);
    expect(cardTexts(card)).not.toContain(ticketTexts.en.fixErrors);
    expect(cardActions(card)[0]!.data).toEqual({ verb: 'preview-notice', noticeKind: 'disruption', lang: 'en' });
  });

  it('the preview shows the notice as recipients will, what it breaks, a required reason, and Publicera / Ändra / Släng utkastet', async () => {
    const violations = ['Planerade driftstopp ska meddelas minst 10 dagar i förväg; det här är 3 dagar.'];
    const card = cardIn({ kind: 'notice-preview', language: 'sv', notice: planned, violations, needsReason: true, recipients: 42, rules: { title: 'Regler i kraft', lines: [] } });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(sv.previewTitle(42));
    expect(shown).toContain('Planerat driftstopp: Uppgradering av Treserva');
    expect(factsOf(card).get(sv.when)).toBe('2026-12-06 08:00–15:00');
    expect(shown).toContain(sv.violations);
    expect(shown).toContain(`• ${violations[0]}`);
    expect(shown).toContain(sv.needsReason);
    expect(inputsOf(card).get('publish.reason')).toMatchObject({ type: 'Input.Text', isRequired: true, label: sv.fields.reason });
    expect(card.actions!.map((action) => [action.title, action.data, action.associatedInputs])).toEqual([
      ['Publicera', { verb: 'publish-notice', noticeId: planned.id, lang: 'sv' }, undefined],
      ['Ändra', { verb: 'open-notice-form', noticeKind: 'planned', noticeId: planned.id, lang: 'sv' }, 'None'],
      ['Släng utkastet', { verb: 'discard-notice', noticeId: planned.id, lang: 'sv' }, 'None'],
    ]);
  });

  it('a preview that breaks no rule asks for no reason', async () => {
    const card = cardIn({ kind: 'notice-preview', language: 'sv', notice: planned, violations: [], needsReason: false, recipients: 1, rules: { title: 'Regler i kraft', lines: [] } });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(inputsOf(card).size).toBe(0);
    expect(cardTexts(card)).not.toContain(sv.violations);
    expect(cardActions(card).map((action) => action.title)).toEqual([sv.publish, sv.edit, sv.discard]);
  });

  it('the change form, by mode: an update with the next state, a correction prefilled, a cancellation with its reason', async () => {
    const states = [
      { id: 'investigating', label: 'Felsökning pågår' },
      { id: 'identified', label: 'Orsak identifierad' },
      { id: 'monitoring', label: 'Bevakas' },
    ];
    const update = cardIn({ kind: 'notice-change-form', language: 'sv', notice: disruption, mode: 'update', values: { text: '', state: 'identified' }, errors: [{ field: 'text', message: 'Skriv vad som är nytt.' }], states });
    expect(await adaptiveCardProblems(update)).toEqual([]);
    expect(cardTexts(update)[0]).toBe(`${sv.changeTitle.update}: ${disruption.title}`);
    expect(cardTexts(update)).toContain(sv.changeIntro.update);
    expect(inputsOf(update).get('change.text')).toMatchObject({ type: 'Input.Text', isRequired: true, isMultiline: true, label: sv.fields.text });
    expect(inputsOf(update).get('change.state')).toMatchObject({ type: 'Input.ChoiceSet', value: 'identified', label: sv.fields.state, choices: states.map((state) => ({ title: state.label, value: state.id })) });
    expect(cardTexts(update)).toContain('Skriv vad som är nytt.');
    expect(cardActions(update)).toEqual([{ type: 'Action.Submit', title: sv.send, data: { verb: 'change-notice', noticeId: disruption.id, mode: 'update', lang: 'sv' } }]);

    const plannedUpdate = cardIn({ kind: 'notice-change-form', language: 'sv', notice: planned, mode: 'update', values: {}, errors: [], states: [] });
    expect([...inputsOf(plannedUpdate).keys()]).toEqual(['change.text']);

    const correct = cardIn({ kind: 'notice-change-form', language: 'sv', notice: planned, mode: 'correct', values: {}, errors: [], states: [] });
    expect(await adaptiveCardProblems(correct)).toEqual([]);
    expect([...inputsOf(correct).values()].map((input) => [input.id, input.value])).toEqual([
      ['change.title', planned.title],
      ['change.description', planned.description],
      ['change.impact', planned.impact],
    ]);

    const cancel = cardIn({ kind: 'notice-change-form', language: 'sv', notice: planned, mode: 'cancel', values: {}, errors: [], states: [] });
    expect(await adaptiveCardProblems(cancel)).toEqual([]);
    expect(cardTexts(cancel)[0]).toBe(`Ställ in: ${planned.title}`);
    expect(inputsOf(cancel).get('change.text')).toMatchObject({ isRequired: true });
    expect(cancel.actions![0]).toMatchObject({ style: 'destructive', data: { verb: 'change-notice', mode: 'cancel' } });

    const resolve = cardIn({ kind: 'notice-change-form', language: 'sv', notice: disruption, mode: 'resolve', values: {}, errors: [], states: [] });
    expect(await adaptiveCardProblems(resolve)).toEqual([]);
    expect(inputsOf(resolve).get('change.text')).not.toHaveProperty('isRequired');
  });

  it('the delivery report: counts per channel, the failures (at most 20 shown), running or done, and the changes for its kind', async () => {
    const failures = Array.from({ length: 23 }, (_, index) => ({ channel: 'email' as const, recipient: `a${index}***@omsorg.se`, reason: 'Brevlådan finns inte' }));
    const report: NoticeReportView = {
      channels: [
        { channel: 'chat', sent: 40, pending: 2, failed: 0, withdrawn: 0 },
        { channel: 'email', sent: 10, pending: 0, failed: 23, withdrawn: 1 },
      ],
      failures,
      complete: false,
    };
    const card = cardIn({ kind: 'notice-report', language: 'sv', notice: planned, report });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(sv.reportTitle(planned));
    expect(factsOf(card).get('Chatt')).toBe('40 skickade, 2 väntar, 0 misslyckade');
    expect(factsOf(card).get('E-post')).toBe('10 skickade, 0 väntar, 23 misslyckade, 1 stoppade');
    expect(shown).toContain(sv.reportRunning);
    expect(shown).toContain(sv.failuresTitle);
    expect(shown.filter((text) => text.startsWith('• E-post: '))).toHaveLength(20);
    expect(shown).toContain('• E-post: a0***@omsorg.se – Brevlådan finns inte');
    expect(shown).toContain('… och 3 till.');
    expect(card.actions!.map((action) => [action.title, action.data])).toEqual([
      ['Uppdatera', { verb: 'open-notice-change', noticeId: planned.id, mode: 'update', lang: 'sv' }],
      ['Rätta', { verb: 'open-notice-change', noticeId: planned.id, mode: 'correct', lang: 'sv' }],
      ['Ställ in', { verb: 'open-notice-change', noticeId: planned.id, mode: 'cancel', lang: 'sv' }],
    ]);

    const done = cardIn({ kind: 'notice-report', language: 'sv', notice: disruption, report: { channels: [{ channel: 'sms', sent: 3, pending: 0, failed: 0, withdrawn: 0 }], failures: [], complete: true } });
    expect(await adaptiveCardProblems(done)).toEqual([]);
    expect(cardTexts(done)).toContain(sv.reportDone);
    expect(cardTexts(done)).not.toContain(sv.failuresTitle);
    expect(cardActions(done).map((action) => action.title)).toEqual(['Uppdatera', 'Rätta', 'Markera som åtgärdad']);
    expect(cardActions(done)[2]!.data).toMatchObject({ mode: 'resolve' });
  });

  it('a closed notice’s report has no buttons; one with no recipients says so', async () => {
    const card = cardIn({ kind: 'notice-report', language: 'sv', notice: { ...disruption, closed: true }, report: { channels: [], failures: [], complete: true } });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardActions(card)).toEqual([]);
    expect(cardTexts(card)).toContain(sv.noRecipients);
  });

  it('"mina system" shows each system followed or not, with a button that turns it the other way', async () => {
    const systems = [
      { id: 'treserva', name: 'Treserva', following: true },
      { id: 'phoniro', name: 'Phoniro', following: false },
    ];
    const card = cardIn({ kind: 'subscriptions', language: 'sv', municipality: goteborg, systems, changed: { system: 'Phoniro', following: false } });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(sv.unsubscribed('Phoniro'));
    expect(shown).toContain(sv.subscriptionsTitle('Göteborgs Stad'));
    expect(shown).toContain('Treserva: följer');
    expect(shown).toContain('Phoniro: följer inte');
    expect(cardActions(card)).toEqual([
      { type: 'Action.Submit', title: 'Sluta följa', data: { verb: 'follow-system', system: 'treserva', follow: false, lang: 'sv' } },
      { type: 'Action.Submit', title: 'Följ', data: { verb: 'follow-system', system: 'phoniro', follow: true, lang: 'sv' } },
    ]);
    const unchanged = cardIn({ kind: 'subscriptions', language: 'en', municipality: goteborg, systems, changed: null });
    expect(cardTexts(unchanged)[0]).toBe(noticeTexts.en.subscriptionsTitle('Göteborgs Stad'));
  });

  it('confirmations are plain text in the core’s words', () => {
    expect(renderReply({ kind: 'notice-action-recorded', language: 'sv', notice: planned, action: 'published', recipients: 42 })).toMatchObject({ type: 'message', text: sv.recorded('published', planned, 42), textFormat: 'plain', locale: 'sv-SE' });
    expect(renderReply({ kind: 'notice-channel-set', language: 'sv', municipality: goteborg, enabled: true }).text).toBe(sv.channelSet('Göteborgs Stad'));
    expect(renderReply({ kind: 'notice-channel-set', language: 'en', municipality: goteborg, enabled: false }).text).toBe(noticeTexts.en.channelUnset('Göteborgs Stad'));
  });
});
