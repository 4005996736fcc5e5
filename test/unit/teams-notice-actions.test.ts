import { describe, expect, it } from 'vitest';
import type { NoticeSummary, Reply } from '../../src/bot/index.js';
import { decodeCardAction, renderReply } from '../../adapters/teams/index.js';
import { pressButton, type Card } from '../support/fake-bot-connector.js';

/**
 * What comes back when a notice card's button is pressed: decoded into the core's actions, with
 * every field checked and bounded. Pressing the buttons of rendered cards (as a Teams client merges
 * data and inputs) checks that cards and decoder agree.
 */

const goteborg = { id: 'goteborg', name: 'Göteborgs Stad' };
const notice: NoticeSummary = {
  id: 'GBG-DRIFT-2026-0007',
  municipality: goteborg,
  kind: 'planned',
  title: 'Uppgradering av Treserva',
  systems: ['Treserva'],
  state: 'scheduled',
  stateLabel: 'Planerat',
  window: { start: '2026-12-06T07:00:00.000Z', end: '2026-12-06T14:00:00.000Z' },
  description: 'Ny version.',
  impact: 'Ingen dokumentation.',
  updates: [],
  exceptionReason: null,
  closed: false,
};

function cardOf(reply: Reply): Card {
  return renderReply(reply).attachments![0]!.content as Card;
}

describe('Teams notice actions: decoding', () => {
  it('decodes every notice button into its action, in the card’s language', () => {
    expect(decodeCardAction({ verb: 'list-notices', lang: 'en' })).toEqual({ language: 'en', action: { type: 'list-notices' } });
    expect(decodeCardAction({ verb: 'open-notice-form', noticeKind: 'planned', lang: 'sv' })).toEqual({ language: 'sv', action: { type: 'open-notice-form', noticeKind: 'planned' } });
    expect(decodeCardAction({ verb: 'open-notice-form', noticeKind: 'disruption', noticeId: 'GBG-DRIFT-2026-0008' })).toEqual({ language: 'sv', action: { type: 'open-notice-form', noticeKind: 'disruption', noticeId: 'GBG-DRIFT-2026-0008' } });
    expect(decodeCardAction({ verb: 'discard-notice', noticeId: notice.id, lang: 'sv' })?.action).toEqual({ type: 'discard-notice', noticeId: notice.id });
    expect(decodeCardAction({ verb: 'open-notice-change', noticeId: notice.id, mode: 'cancel', lang: 'sv' })?.action).toEqual({ type: 'open-notice-change', noticeId: notice.id, mode: 'cancel' });
    expect(decodeCardAction({ verb: 'notice-report', noticeId: notice.id })?.action).toEqual({ type: 'notice-report', noticeId: notice.id });
    expect(decodeCardAction({ verb: 'follow-system', system: 'treserva', follow: false, lang: 'sv' })?.action).toEqual({ type: 'follow-system', system: 'treserva', follow: false });
  });

  it('the form’s inputs arrive as values by field; the preview’s reason only when given', () => {
    const decoded = decodeCardAction({ verb: 'preview-notice', noticeKind: 'planned', lang: 'sv', 'notice.title': 'Uppgradering', 'notice.systems': 'treserva,lifecare', 'notice.start': '2026-12-06 08:00', 'notice.end': '' });
    expect(decoded).toEqual({ language: 'sv', action: { type: 'preview-notice', noticeKind: 'planned', values: { title: 'Uppgradering', systems: 'treserva,lifecare', start: '2026-12-06 08:00', end: '' } } });
    expect(decodeCardAction({ verb: 'publish-notice', noticeId: notice.id, 'publish.reason': '  Akut säkerhetsfix.  ' })?.action).toEqual({ type: 'publish-notice', noticeId: notice.id, reason: 'Akut säkerhetsfix.' });
    expect(decodeCardAction({ verb: 'publish-notice', noticeId: notice.id, 'publish.reason': '   ' })?.action).toEqual({ type: 'publish-notice', noticeId: notice.id });
    expect(decodeCardAction({ verb: 'change-notice', noticeId: notice.id, mode: 'update', 'change.text': 'Klart 14:00.', 'change.state': 'monitoring' })?.action).toEqual({
      type: 'change-notice',
      noticeId: notice.id,
      mode: 'update',
      values: { text: 'Klart 14:00.', state: 'monitoring' },
    });
  });

  it('refuses what is not one of our buttons: unknown kinds and modes, missing or overlong ids, foreign or oversized inputs', () => {
    for (const bad of [
      { verb: 'open-notice-form', noticeKind: 'outage' },
      { verb: 'open-notice-form' },
      { verb: 'open-notice-change', noticeId: notice.id, mode: 'delete' },
      { verb: 'publish-notice' },
      { verb: 'publish-notice', noticeId: '   ' },
      { verb: 'discard-notice', noticeId: 'x'.repeat(101) },
      { verb: 'notice-report', noticeId: 42 },
      { verb: 'follow-system', system: 'treserva' },
      { verb: 'follow-system', system: 'treserva', follow: 'yes' },
      // An input the form does not have, or one longer than any field.
      { verb: 'preview-notice', noticeKind: 'planned', 'notice.password': 'x' },
      { verb: 'preview-notice', noticeKind: 'planned', 'notice.description': 'x'.repeat(4_001) },
      { verb: 'preview-notice', noticeKind: 'planned', 'notice.title': { nested: true } },
      { verb: 'change-notice', noticeId: notice.id, mode: 'update', 'change.verb': 'publish-notice' },
      { verb: 'change-notice', noticeId: notice.id, mode: 'correct', 'change.title': 'x'.repeat(4_001) },
    ]) {
      expect(decodeCardAction(bad), JSON.stringify(bad).slice(0, 120)).toBeUndefined();
    }
    // A reason longer than allowed is dropped as if not given: the core then asks for one again.
    expect(decodeCardAction({ verb: 'publish-notice', noticeId: notice.id, 'publish.reason': 'x'.repeat(2_001) })?.action).toEqual({ type: 'publish-notice', noticeId: notice.id });
  });
});

describe('Teams notice actions: pressing the buttons of rendered cards', () => {
  it('"Förhandsgranska" on the form sends the typed fields, the systems comma-separated, each picked date and time as one value', () => {
    const card = cardOf({
      kind: 'notice-form',
      language: 'sv',
      municipality: goteborg,
      noticeKind: 'planned',
      noticeId: null,
      values: { title: '', systems: '', start: '', end: '', description: '', impact: '' },
      errors: [],
      systems: [
        { id: 'treserva', name: 'Treserva' },
        { id: 'lifecare', name: 'Lifecare' },
      ],
    });
    // Start and end as their pickers give them: a date and a time each.
    const typed = { 'notice.title': 'Uppgradering', 'notice.systems': 'treserva,lifecare', 'notice.start-date': '2026-12-06', 'notice.start-time': '08:00', 'notice.end-date': '2026-12-06', 'notice.end-time': '15:00', 'notice.description': 'Ny version.' };
    expect(decodeCardAction(pressButton(card, 'Förhandsgranska', typed))?.action).toEqual({
      type: 'preview-notice',
      noticeKind: 'planned',
      values: { title: 'Uppgradering', systems: 'treserva,lifecare', start: '2026-12-06 08:00', end: '2026-12-06 15:00', description: 'Ny version.', impact: '' },
    });
    // Teams would not send the form without its required fields.
    expect(() => pressButton(card, 'Förhandsgranska', { 'notice.title': 'Uppgradering' })).toThrow(/required input notice\.systems/u);
    expect(() => pressButton(card, 'Förhandsgranska', { ...typed, 'notice.end-time': '' })).toThrow(/required input notice\.end-time/u);
  });

  it('on the preview, Publicera sends the reason; Ändra and Släng utkastet go without it', () => {
    const card = cardOf({ kind: 'notice-preview', language: 'sv', notice, violations: ['För kort varsel.'], needsReason: true, recipients: 3, rules: { title: 'Regler i kraft', lines: [] } });
    expect(decodeCardAction(pressButton(card, 'Publicera', { 'publish.reason': 'Akut.' }))?.action).toEqual({ type: 'publish-notice', noticeId: notice.id, reason: 'Akut.' });
    expect(() => pressButton(card, 'Publicera')).toThrow(/required input publish\.reason/u);
    expect(decodeCardAction(pressButton(card, 'Ändra'))?.action).toEqual({ type: 'open-notice-form', noticeKind: 'planned', noticeId: notice.id });
    expect(decodeCardAction(pressButton(card, 'Släng utkastet'))?.action).toEqual({ type: 'discard-notice', noticeId: notice.id });
  });

  it('a correction sends the texts as shown, changed where typed; the report opens each change', () => {
    const card = cardOf({ kind: 'notice-change-form', language: 'sv', notice, mode: 'correct', values: {}, errors: [], states: [] });
    expect(decodeCardAction(pressButton(card, 'Skicka', { 'change.title': 'Uppgradering av Treserva 7' }))?.action).toEqual({
      type: 'change-notice',
      noticeId: notice.id,
      mode: 'correct',
      values: { title: 'Uppgradering av Treserva 7', description: 'Ny version.', impact: 'Ingen dokumentation.' },
    });
    const report = cardOf({ kind: 'notice-report', language: 'en', notice, report: { channels: [], failures: [], complete: true } });
    expect(decodeCardAction(pressButton(report, 'Cancel'))).toEqual({ language: 'en', action: { type: 'open-notice-change', noticeId: notice.id, mode: 'cancel' } });
  });

  it('the toggle of "mina system" and the list’s new-notice buttons decode to their actions', () => {
    const subscriptions = cardOf({ kind: 'subscriptions', language: 'sv', municipality: goteborg, systems: [{ id: 'phoniro', name: 'Phoniro', following: false }], changed: null });
    expect(decodeCardAction(pressButton(subscriptions, 'Följ'))?.action).toEqual({ type: 'follow-system', system: 'phoniro', follow: true });
    const list = cardOf({ kind: 'notice-list', language: 'sv', municipality: goteborg, notices: [notice], canPublish: true });
    expect(decodeCardAction(pressButton(list, 'Ny driftstörning'))?.action).toEqual({ type: 'open-notice-form', noticeKind: 'disruption' });
    expect(decodeCardAction(pressButton(list, 'Leveransrapport'))?.action).toEqual({ type: 'notice-report', noticeId: notice.id });
  });
});
