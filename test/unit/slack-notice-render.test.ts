import { describe, expect, it } from 'vitest';
import { NOTICE_ACTION_IDS, NOTICE_BLOCK_IDS, renderHome, renderReply, slackNoticeTexts } from '../../adapters/slack/index.js';
import { describeNotice, noticeTexts, type NoticeSummary, type Reply } from '../../src/bot/index.js';
import { DISRUPTION, GBG, PLANNED, buttonsOf, changeReply, expectWithinSlackLimits, formReply, readable, type AnyBlock } from './slack-notice-fixtures.js';

const t = noticeTexts.sv;

describe('every notice reply renders as valid Block Kit', () => {
  const replies: Reply[] = [
    { kind: 'notice', language: 'sv', notice: PLANNED, purpose: 'publish', reminderHours: null },
    { kind: 'notice', language: 'en', notice: DISRUPTION, purpose: 'update', reminderHours: null },
    { kind: 'notice-list', language: 'sv', municipality: GBG, notices: [PLANNED, DISRUPTION], canPublish: true },
    { kind: 'notice-list', language: 'sv', municipality: null, notices: [], canPublish: false },
    formReply(),
    { kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: ['Minst 10 dagars framförhållning.'], needsReason: true, recipients: 12, rules: { title: 'Regler i kraft', lines: [] } },
    changeReply(),
    { kind: 'notice-report', language: 'sv', notice: PLANNED, report: { channels: [{ channel: 'chat', sent: 3, pending: 1, failed: 0, withdrawn: 0 }], failures: [], complete: false } },
    { kind: 'notice-action-recorded', language: 'sv', notice: PLANNED, action: 'published', recipients: 12 },
    { kind: 'subscriptions', language: 'sv', municipality: GBG, systems: [{ id: 'treserva', name: 'Treserva', following: true }], changed: null },
    { kind: 'notice-channel-set', language: 'en', municipality: GBG, enabled: true },
  ];

  it.each(replies.map((reply, index) => [`${index} ${reply.kind}`, reply] as const))('%s', (_name, reply) => {
    const message = renderReply(reply);
    expect(message.text.length).toBeGreaterThan(0);
    expectWithinSlackLimits(message.blocks);
  });
});

describe('a notice as recipients get it', () => {
  it('has the heading, systems, window in Stockholm time and state side by side, description, impact, id and the footer', () => {
    const { blocks, text } = renderReply({ kind: 'notice', language: 'sv', notice: PLANNED, purpose: 'publish', reminderHours: null });
    const list = blocks as AnyBlock[];
    expect(list[0]).toMatchObject({ type: 'header', text: { text: 'Planerat driftstopp: Treserva uppgraderas' } });
    expect(text).toBe('Planerat driftstopp: Treserva uppgraderas');
    const facts = list.find((block) => block.fields)!.fields!.map((field) => field.text);
    // 07:00Z in December is 08:00 in Stockholm.
    expect(facts).toEqual(['*System*\nTreserva, Lifecare', '*När*\n2026-12-06 08:00–12:00', '*Status*\nPlanerat']);
    const shown = readable(blocks);
    expect(shown).toContain(`*${t.description}*\n${PLANNED.description}`);
    expect(shown).toContain(`*${t.impact}*\nDokumentation får göras på papper &amp; föras in efteråt.`);
    expect(list.at(-1)!.type).toBe('context');
    // Slack's control characters escaped: "<system>" is shown, not read as a link.
    expect(list.at(-1)!.elements!.map((element) => element.text)).toEqual(['Id: GBG-DRIFT-2026-0007 (Göteborgs Stad)', t.footer.replace('<system>', '&lt;system&gt;')]);
  });

  it('leads an update with the latest word, escaped so it cannot ping the channel', () => {
    const { blocks, text } = renderReply({ kind: 'notice', language: 'sv', notice: DISRUPTION, purpose: 'update', reminderHours: null });
    const list = blocks as AnyBlock[];
    expect(list[0]!.text!.text).toBe(describeNotice(DISRUPTION, 'update', null, 'sv').heading);
    // 08:30Z in November is 09:30 in Stockholm.
    expect(list[1]!.text!.text).toBe('*Senaste (2026-11-25 09:30, Orsak identifierad)*\nFelet ligger hos leverantören &lt;!channel&gt;.');
    expect(readable(blocks)).not.toContain('<!channel>');
    expect(text).toMatch(/^Uppdatering – driftstörning: Phoniro svarar inte$/u);
    // A disruption has no window.
    expect(list.find((block) => block.fields)!.fields!.map((field) => field.text.split('\n')[0])).toEqual(['*System*', '*Status*']);
  });

  it('says how soon a reminder is, in the heading', () => {
    const { blocks } = renderReply({ kind: 'notice', language: 'sv', notice: PLANNED, purpose: 'reminder', reminderHours: 24 });
    expect((blocks as AnyBlock[])[0]!.text!.text).toBe('Påminnelse: planerat driftstopp om 24 timmar: Treserva uppgraderas');
  });

  it('stays within Slack’s limits with a very long title and description', () => {
    const long: NoticeSummary = { ...PLANNED, title: 'Uppgradering '.repeat(30), description: 'Lång beskrivning av arbetet. '.repeat(400), systems: Array.from({ length: 300 }, (_, index) => `System ${index}`) };
    const { blocks } = renderReply({ kind: 'notice', language: 'sv', notice: long, purpose: 'correction', reminderHours: null });
    expectWithinSlackLimits(blocks);
    expect(((blocks as AnyBlock[])[0]!.text!.text).endsWith('…')).toBe(true);
    expect((blocks as AnyBlock[]).filter((block) => block.text?.text.includes('Lång beskrivning')).length).toBe(3);
  });
});

describe('"driftinfo"', () => {
  it('lists the notices compactly, with each one’s report and the two new-notice buttons for staff', () => {
    const { blocks, text } = renderReply({ kind: 'notice-list', language: 'sv', municipality: GBG, notices: [PLANNED, DISRUPTION], canPublish: true });
    expect(text).toBe(t.listTitle('Göteborgs Stad'));
    const shown = readable(blocks);
    expect(shown).toContain('*Planerat driftstopp: Treserva uppgraderas*\nTreserva, Lifecare · 2026-12-06 08:00–12:00 · Planerat · GBG-DRIFT-2026-0007');
    expect(shown).toContain('*Driftstörning: Phoniro svarar inte*\nPhoniro · Orsak identifierad · GBG-DRIFT-2026-0008');
    const buttons = buttonsOf(blocks);
    expect(buttons.filter((button) => button.action_id === NOTICE_ACTION_IDS.report).map((button) => JSON.parse(button.value))).toEqual([
      { noticeId: PLANNED.id, language: 'sv' },
      { noticeId: DISRUPTION.id, language: 'sv' },
    ]);
    const actions = (blocks as AnyBlock[]).find((block) => block.block_id === NOTICE_BLOCK_IDS.listActions)!;
    expect(actions.elements!.map((element) => [(element.text as { text: string }).text, JSON.parse(String(element.value))])).toEqual([
      ['Nytt planerat driftstopp', { noticeKind: 'planned', language: 'sv' }],
      ['Ny driftstörning', { noticeKind: 'disruption', language: 'sv' }],
    ]);
  });

  it('shows IT-contacts no buttons at all, and says when nothing is going on', () => {
    const { blocks } = renderReply({ kind: 'notice-list', language: 'sv', municipality: GBG, notices: [], canPublish: false });
    expect(buttonsOf(blocks)).toEqual([]);
    expect(readable(blocks)).toContain(t.listEmpty('Göteborgs Stad'));
  });

  it('asks for a municipality first when none is chosen', () => {
    expect(renderReply({ kind: 'notice-list', language: 'en', municipality: null, notices: [], canPublish: true }).text).toBe(noticeTexts.en.listNoMunicipality);
  });

  it('lists twenty and says how many more', () => {
    const many = Array.from({ length: 45 }, (_, index) => ({ ...PLANNED, id: `GBG-DRIFT-2026-${String(index).padStart(4, '0')}` }));
    const { blocks } = renderReply({ kind: 'notice-list', language: 'sv', municipality: GBG, notices: many, canPublish: true });
    expectWithinSlackLimits(blocks);
    expect(buttonsOf(blocks).filter((button) => button.action_id === NOTICE_ACTION_IDS.report)).toHaveLength(20);
    expect(readable(blocks)).toContain(slackNoticeTexts.sv.more(25));
  });
});

describe('forms sent as messages (no modal could be opened)', () => {
  it('the notice form says what to fix and its button opens the modal with what was typed', () => {
    const reply = formReply({ values: { title: 'Treserva', systems: 'treserva', start: 'i morgon', end: '', description: 'x', impact: '' }, errors: [{ field: 'start', message: 'Skriv som 2026-12-06 08:00' }] });
    const { blocks, text } = renderReply(reply);
    expect(text).toBe(t.formTitle('planned', 'Göteborgs Stad'));
    expect(readable(blocks)).toContain(`• *${t.fields.start}*: Skriv som 2026-12-06 08:00`);
    const [open] = buttonsOf(blocks);
    expect(open!.action_id).toBe(NOTICE_ACTION_IDS.openForm);
    expect(JSON.parse(open!.value)).toEqual({ noticeKind: 'planned', language: 'sv', values: { title: 'Treserva', systems: 'treserva', start: 'i morgon', description: 'x' } });
  });

  it('a fresh form’s button carries only which form (the bot prefills the modal)', () => {
    const [open] = buttonsOf(renderReply(formReply({ noticeKind: 'disruption', noticeId: 'GBG-DRIFT-2026-0009', values: { title: 'Utkast', systems: '', start: '', end: '', description: '', impact: '' } })).blocks);
    expect(JSON.parse(open!.value)).toEqual({ noticeKind: 'disruption', noticeId: 'GBG-DRIFT-2026-0009', language: 'sv' });
  });

  it('the change form names the change and its button opens the change modal', () => {
    const { blocks } = renderReply(changeReply({ mode: 'resolve' }));
    expect(readable(blocks)).toContain(t.changeIntro.resolve);
    const [open] = buttonsOf(blocks);
    expect(open).toMatchObject({ action_id: NOTICE_ACTION_IDS.changeResolve, text: { text: slackNoticeTexts.sv.openForm } });
    expect(JSON.parse(open!.value)).toEqual({ noticeId: DISRUPTION.id, mode: 'resolve', language: 'sv' });
  });
});

describe('the preview', () => {
  it('shows the notice as recipients will see it, what it breaks, and Publicera / Ändra / Släng utkastet', () => {
    const { blocks, text } = renderReply({ kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: ['Minst 10 dagars framförhållning.', 'Helst söndagar 08–15.'], needsReason: true, recipients: 12, rules: { title: 'Regler i kraft', lines: [] } });
    expect(text).toBe(t.previewTitle(12));
    const shown = readable(blocks);
    expect(shown).toContain('Planerat driftstopp: Treserva uppgraderas');
    expect(shown).toContain(`*${t.violations}*\n• Minst 10 dagars framförhållning.\n• Helst söndagar 08–15.`);
    expect(shown).toContain(t.needsReason);
    const actions = (blocks as AnyBlock[]).find((block) => block.block_id === NOTICE_BLOCK_IDS.previewActions)!;
    expect(actions.elements!.map((element) => [element.action_id, (element.text as { text: string }).text, JSON.parse(String(element.value))])).toEqual([
      [NOTICE_ACTION_IDS.publish, 'Publicera', { noticeId: PLANNED.id, language: 'sv', needsReason: true }],
      [NOTICE_ACTION_IDS.edit, 'Ändra', { noticeKind: 'planned', noticeId: PLANNED.id, language: 'sv' }],
      [NOTICE_ACTION_IDS.discard, 'Släng utkastet', { noticeId: PLANNED.id, language: 'sv' }],
    ]);
  });

  it('asks no reason when the draft keeps the rules', () => {
    const { blocks } = renderReply({ kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: [], needsReason: false, recipients: 1, rules: { title: 'Regler i kraft', lines: [] } });
    expect(readable(blocks)).not.toContain(t.violations);
    expect(JSON.parse(buttonsOf(blocks)[0]!.value)).toMatchObject({ needsReason: false });
  });
});

describe('the delivery report', () => {
  const report = (notice: NoticeSummary, failures: number, complete: boolean): Reply => ({
    kind: 'notice-report',
    language: 'sv',
    notice,
    report: {
      channels: [
        { channel: 'chat', sent: 40, pending: complete ? 0 : 5, failed: failures, withdrawn: 0 },
        { channel: 'email', sent: 12, pending: 0, failed: 0, withdrawn: 2 },
      ],
      failures: Array.from({ length: failures }, (_, index) => ({ channel: 'chat' as const, recipient: `C0KANAL${index}`, reason: 'Slack: boten når inte kanalen eller personen (channel_not_found)' })),
      complete,
    },
  });

  it('counts per channel, says it is still sending, and offers Uppdatera, Rätta and Ställ in for a planned outage', () => {
    const { blocks, text } = renderReply(report(PLANNED, 1, false));
    expect(text).toBe(t.reportTitle(PLANNED));
    const counts = (blocks as AnyBlock[]).find((block) => block.fields)!.fields!.map((field) => field.text);
    expect(counts).toEqual(['*Chatt*\n40 skickade, 5 väntar, 1 misslyckade', '*E-post*\n12 skickade, 0 väntar, 0 misslyckade, 2 stoppade']);
    expect(readable(blocks)).toContain(t.reportRunning);
    expect(readable(blocks)).toContain(`*${t.failuresTitle}*\n• Chatt · C0KANAL0: Slack: boten når inte kanalen eller personen (channel_not_found)`);
    const actions = (blocks as AnyBlock[]).find((block) => block.block_id === NOTICE_BLOCK_IDS.reportActions)!;
    expect(actions.elements!.map((element) => [element.action_id, (element.text as { text: string }).text])).toEqual([
      [NOTICE_ACTION_IDS.changeUpdate, 'Uppdatera'],
      [NOTICE_ACTION_IDS.changeCorrect, 'Rätta'],
      [NOTICE_ACTION_IDS.changeCancel, 'Ställ in'],
    ]);
  });

  it('offers "Markera som åtgärdad" for a disruption, and caps the failures at twenty with how many more', () => {
    const { blocks } = renderReply(report(DISRUPTION, 57, true));
    expectWithinSlackLimits(blocks);
    const shown = readable(blocks);
    expect(shown).toContain(t.reportDone);
    expect(shown).toContain('C0KANAL19');
    expect(shown).not.toContain('C0KANAL20');
    expect(shown).toContain(slackNoticeTexts.sv.more(37));
    expect(buttonsOf(blocks).map((button) => button.text.text)).toEqual(['Uppdatera', 'Rätta', 'Markera som åtgärdad']);
  });

  it('offers nothing to do once the notice is closed, and shows a reason given against the rules', () => {
    const { blocks } = renderReply(report({ ...PLANNED, closed: true, exceptionReason: 'Akut säkerhetsuppdatering' }, 0, true));
    expect(buttonsOf(blocks)).toEqual([]);
    expect(readable(blocks)).toContain(`${t.exception}: Akut säkerhetsuppdatering`);
  });

  it('escapes a title in the notification text, so it cannot ping the channel', () => {
    const { text } = renderReply({ kind: 'notice-report', language: 'sv', notice: { ...PLANNED, title: 'Larm <!channel>' }, report: { channels: [], failures: [], complete: true } });
    expect(text).toBe('Leverans av GBG-DRIFT-2026-0007: Larm &lt;!channel&gt;');
  });

  it('says when there is no one to send to yet', () => {
    const { blocks } = renderReply({ kind: 'notice-report', language: 'sv', notice: PLANNED, report: { channels: [], failures: [], complete: true } });
    expect(readable(blocks)).toContain(t.noRecipients);
  });
});

describe('small confirmations', () => {
  it('a recorded action offers the report, a discarded draft does not', () => {
    const published = renderReply({ kind: 'notice-action-recorded', language: 'sv', notice: PLANNED, action: 'published', recipients: 12 });
    expect(published.text).toBe('GBG-DRIFT-2026-0007 är publicerad och går till 12 mottagare.');
    expect(buttonsOf(published.blocks).map((button) => [button.action_id, JSON.parse(button.value)])).toEqual([[NOTICE_ACTION_IDS.report, { noticeId: PLANNED.id, language: 'sv' }]]);
    expect(buttonsOf(renderReply({ kind: 'notice-action-recorded', language: 'sv', notice: PLANNED, action: 'discarded', recipients: 0 }).blocks)).toEqual([]);
  });

  it('subscriptions: what changed first, then each system with Följ or Sluta följa', () => {
    const { blocks, text } = renderReply({
      kind: 'subscriptions',
      language: 'sv',
      municipality: GBG,
      systems: [
        { id: 'treserva', name: 'Treserva', following: true },
        { id: 'phoniro', name: 'Phoniro', following: false },
      ],
      changed: { system: 'phoniro', following: false },
    });
    expect(text).toBe(t.unsubscribed('Phoniro'));
    expect(readable(blocks)).toContain('*Treserva*: följer');
    expect(readable(blocks)).toContain('*Phoniro*: följer inte');
    expect(buttonsOf(blocks).map((button) => [button.action_id, button.text.text, JSON.parse(button.value)])).toEqual([
      [NOTICE_ACTION_IDS.unfollow, 'Sluta följa', { system: 'treserva', follow: false, language: 'sv' }],
      [NOTICE_ACTION_IDS.follow, 'Följ', { system: 'phoniro', follow: true, language: 'sv' }],
    ]);
  });

  it('"driftkanal" on and off', () => {
    expect(renderReply({ kind: 'notice-channel-set', language: 'sv', municipality: GBG, enabled: true }).text).toBe(t.channelSet('Göteborgs Stad'));
    expect(renderReply({ kind: 'notice-channel-set', language: 'sv', municipality: GBG, enabled: false }).text).toBe(t.channelUnset('Göteborgs Stad'));
  });
});

describe('the Home tab and several replies in one post', () => {
  it('the Home tab offers the municipality’s service status behind a button', () => {
    const view = renderHome({ kind: 'help', language: 'sv', municipality: GBG, municipalities: [GBG] });
    const list = view.blocks as AnyBlock[];
    const notices = list.find((block) => block.accessory?.action_id === NOTICE_ACTION_IDS.list)!;
    expect(notices.text!.text).toContain(t.listTitle('Göteborgs Stad'));
    expect(JSON.parse(String(notices.accessory!.value))).toEqual({ language: 'sv' });
  });
});
