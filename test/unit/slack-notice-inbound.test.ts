import { describe, expect, it } from 'vitest';
import {
  NOTICE_ACTION_IDS,
  NOTICE_BLOCK_IDS,
  NOTICE_CALLBACK_IDS,
  noticeChangeErrors,
  noticeChangeModal,
  noticeFormErrors,
  noticeFormModal,
  noticeReasonModal,
  readSlackPayload,
  renderReply,
} from '../../adapters/slack/index.js';
import { noticeTexts } from '../../src/bot/index.js';
import { blockAction, slashCommand, viewSubmission, type OpenedView } from '../support/fake-slack-api.js';
import { DISRUPTION, PLANNED, buttonsOf, changeReply, expectWithinSlackLimits, formReply, type AnyBlock } from './slack-notice-fixtures.js';

const readAs = (payload: Record<string, unknown>) => readSlackPayload(payload, { botUserId: 'U0BOT' });
const press = (actionId: string, value: string, message = { channel: 'D0ANNA', ts: '1760000000.000100' }) => readAs(blockAction({ type: 'button', action_id: actionId, value }, { userId: 'U0ANNA', message, responseUrl: 'https://hooks.slack.test/actions/1' }));

describe('"/it driftinfo"', () => {
  it('reaches the core as the text "driftinfo", answered through the response_url, with a trigger for forms', () => {
    const inbound = readAs(slashCommand('  driftinfo ', { responseUrl: 'https://hooks.slack.test/commands/1', channelId: 'C0ITDRIFT' }));
    expect(inbound).toMatchObject({ kind: 'message', source: 'command', text: 'driftinfo', channel: 'C0ITDRIFT', conversationKind: 'channel', triggerId: '1111.2222.abcd', responseUrl: 'https://hooks.slack.test/commands/1' });
  });
});

describe('notice buttons become the core’s actions', () => {
  it('the list’s two buttons open a new planned outage or disruption', () => {
    const buttons = buttonsOf(renderReply({ kind: 'notice-list', language: 'en', municipality: { id: 'goteborg', name: 'Göteborgs Stad' }, notices: [], canPublish: true }).blocks);
    const [planned, disruption] = buttons.map((button) => press(button.action_id, button.value));
    expect(planned).toMatchObject({ kind: 'action', action: { type: 'open-notice-form', noticeKind: 'planned' }, language: 'en', triggerId: '1111.2222.abcd' });
    expect(disruption).toMatchObject({ kind: 'action', action: { type: 'open-notice-form', noticeKind: 'disruption' }, language: 'en' });
    expect((planned as { action: object }).action).not.toHaveProperty('noticeId');
  });

  it('the preview’s buttons: publish, edit the draft, discard', () => {
    const buttons = buttonsOf(renderReply({ kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: [], needsReason: false, recipients: 3, rules: { title: 'Regler i kraft', lines: [] } }).blocks);
    const [publish, edit, discard] = buttons.map((button) => press(button.action_id, button.value));
    expect(publish).toMatchObject({ kind: 'action', action: { type: 'publish-notice', noticeId: PLANNED.id }, origin: { type: 'message', channel: 'D0ANNA' } });
    expect((publish as { action: object }).action).not.toHaveProperty('reason');
    expect(edit).toMatchObject({ kind: 'action', action: { type: 'open-notice-form', noticeKind: 'planned', noticeId: PLANNED.id } });
    expect(discard).toMatchObject({ kind: 'action', action: { type: 'discard-notice', noticeId: PLANNED.id } });
  });

  it('Publicera against the rules asks the reason in a modal first, remembering the preview to update', () => {
    const [publish] = buttonsOf(renderReply({ kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: ['Minst 10 dagar.'], needsReason: true, recipients: 3, rules: { title: 'Regler i kraft', lines: [] } }).blocks);
    expect(press(publish!.action_id, publish!.value)).toEqual({
      kind: 'notice-reason-requested',
      teamId: 'T0KOMMUN1',
      userId: 'U0ANNA',
      triggerId: '1111.2222.abcd',
      metadata: { noticeId: PLANNED.id, language: 'sv', preview: { channel: 'D0ANNA', ts: '1760000000.000100' }, responseUrl: 'https://hooks.slack.test/actions/1' },
    });
  });

  it('the report’s buttons open the change form in their mode; a recorded action’s button shows the report', () => {
    const report = renderReply({ kind: 'notice-report', language: 'sv', notice: DISRUPTION, report: { channels: [], failures: [], complete: true } });
    const modes = buttonsOf(report.blocks).map((button) => press(button.action_id, button.value));
    expect(modes.map((inbound) => (inbound as { action: unknown }).action)).toEqual([
      { type: 'open-notice-change', noticeId: DISRUPTION.id, mode: 'update' },
      { type: 'open-notice-change', noticeId: DISRUPTION.id, mode: 'correct' },
      { type: 'open-notice-change', noticeId: DISRUPTION.id, mode: 'resolve' },
    ]);
    const [reportButton] = buttonsOf(renderReply({ kind: 'notice-action-recorded', language: 'sv', notice: DISRUPTION, action: 'updated', recipients: 4 }).blocks);
    expect(press(reportButton!.action_id, reportButton!.value)).toMatchObject({ kind: 'action', action: { type: 'notice-report', noticeId: DISRUPTION.id } });
  });

  it('Följ and Sluta följa, and "driftinfo" from the Home tab', () => {
    const buttons = buttonsOf(
      renderReply({
        kind: 'subscriptions',
        language: 'sv',
        municipality: { id: 'goteborg', name: 'Göteborgs Stad' },
        systems: [
          { id: 'treserva', name: 'Treserva', following: true },
          { id: 'lifecare-sp', name: 'Lifecare SP', following: false },
        ],
        changed: null,
      }).blocks,
    );
    expect(buttons.map((button) => (press(button.action_id, button.value) as { action: unknown }).action)).toEqual([
      { type: 'follow-system', system: 'treserva', follow: false },
      { type: 'follow-system', system: 'lifecare-sp', follow: true },
    ]);
    const home = readAs(blockAction({ type: 'button', action_id: NOTICE_ACTION_IDS.list, value: '{"language":"en"}' }, { userId: 'U0ANNA', home: true }));
    expect(home).toMatchObject({ kind: 'action', action: { type: 'list-notices' }, language: 'en', origin: { type: 'home' } });
  });

  it.each([
    ['a value for another kind of notice', NOTICE_ACTION_IDS.newPlanned, { noticeKind: 'disruption', language: 'sv' }],
    ['a "new" button naming a draft', NOTICE_ACTION_IDS.newDisruption, { noticeKind: 'disruption', noticeId: 'GBG-DRIFT-2026-0001', language: 'sv' }],
    ['"Ändra" without its draft', NOTICE_ACTION_IDS.edit, { noticeKind: 'planned', language: 'sv' }],
    ['a mode that is not the button’s', NOTICE_ACTION_IDS.changeCancel, { noticeId: PLANNED.id, mode: 'resolve', language: 'sv' }],
    ['Följ that unfollows', NOTICE_ACTION_IDS.follow, { system: 'treserva', follow: false, language: 'sv' }],
    ['a forged notice id', NOTICE_ACTION_IDS.discard, { noticeId: '../../etc/passwd', language: 'sv' }],
    ['a system id that is not one', NOTICE_ACTION_IDS.unfollow, { system: 'Treserva <script>', follow: false, language: 'sv' }],
    ['an unknown language', NOTICE_ACTION_IDS.report, { noticeId: PLANNED.id, language: 'de' }],
    ['extra keys', NOTICE_ACTION_IDS.publish, { noticeId: PLANNED.id, language: 'sv', needsReason: false, reason: 'smuggled' }],
  ])('refuses %s', (_name, actionId, value) => {
    expect(press(actionId, JSON.stringify(value))).toMatchObject({ kind: 'invalid', type: 'block_actions', reason: `invalid value for ${actionId}` });
  });

  it('refuses a value that is not JSON', () => {
    expect(press(NOTICE_ACTION_IDS.publish, 'publish GBG-DRIFT-2026-0007')).toMatchObject({ kind: 'invalid' });
  });
});

describe('the notice form modal', () => {
  const metadata = { noticeKind: 'planned' as const, channel: 'U0ANNA', language: 'sv' as const };

  it('asks title, systems (a menu of several, preset), start and end with date and time pickers in Swedish time, description and impact', () => {
    const view = noticeFormModal(formReply({ values: { title: 'Treserva uppgraderas', systems: 'treserva, phoniro', start: '2026-12-06 08:00', end: '', description: '', impact: '' } }), metadata);
    expect(view.callback_id).toBe(NOTICE_CALLBACK_IDS.form);
    expect(view.title.text).toBe('Planerat driftstopp');
    expect(view.submit!.text).toBe(noticeTexts.sv.preview);
    for (const text of [view.title.text, view.submit!.text, view.close!.text]) expect(text.length).toBeLessThanOrEqual(24);
    expectWithinSlackLimits(view.blocks, 100);
    const inputs = (view.blocks as AnyBlock[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => [block.block_id, block.label!.text, block.optional])).toEqual([
      ['notice:title', 'Rubrik', false],
      ['notice:systems', 'Berörda system', false],
      ['notice:startDate', 'Startdatum', false],
      ['notice:startTime', 'Starttid (svensk tid)', false],
      ['notice:endDate', 'Slutdatum', false],
      ['notice:endTime', 'Sluttid (svensk tid)', false],
      ['notice:description', 'Beskrivning', false],
      ['notice:impact', 'Påverkan för verksamheten', true],
    ]);
    expect(inputs[0]!.element).toMatchObject({ type: 'plain_text_input', initial_value: 'Treserva uppgraderas' });
    expect(inputs[1]!.element).toMatchObject({ type: 'multi_static_select', options: [{ value: 'treserva' }, { value: 'lifecare' }, { value: 'phoniro' }], initial_options: [{ value: 'treserva' }, { value: 'phoniro' }] });
    expect(inputs[2]!.element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-06' });
    expect(inputs[3]!.element).toMatchObject({ type: 'timepicker', initial_time: '08:00', timezone: 'Europe/Stockholm' });
    expect(inputs[4]!.element).toEqual({ type: 'datepicker', action_id: 'value', placeholder: { type: 'plain_text', text: 'Välj datum', emoji: true } });
    expect(inputs[6]!.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(JSON.parse(view.private_metadata!)).toEqual(metadata);
  });

  it('has no window for a disruption, and takes what "Fyll i formuläret" carried over the bot’s prefill', () => {
    const view = noticeFormModal(formReply({ noticeKind: 'disruption', values: { title: 'Gammal', systems: '', start: '', end: '', description: '', impact: '' } }), { ...metadata, noticeKind: 'disruption' }, { title: 'Phoniro svarar inte' });
    const inputs = (view.blocks as AnyBlock[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => block.block_id)).toEqual(['notice:title', 'notice:systems', 'notice:description', 'notice:impact']);
    expect(inputs[0]!.element).toMatchObject({ initial_value: 'Phoniro svarar inte' });
  });

  it('lets the systems be typed when there are more than a menu holds', () => {
    const systems = Array.from({ length: 120 }, (_, index) => ({ id: `system-${index}`, name: `System ${index}` }));
    const view = noticeFormModal(formReply({ systems }), metadata);
    const systemsInput = (view.blocks as AnyBlock[]).find((block) => block.block_id === 'notice:systems')!;
    expect(systemsInput.element).toMatchObject({ type: 'plain_text_input' });
  });

  it('reads a submission into preview-notice’s values: systems as comma-separated ids, each picked date and time as one value', () => {
    const view = noticeFormModal(formReply(), metadata);
    const payload = viewSubmission(view as unknown as OpenedView, {
      'notice:title': 'Treserva uppgraderas',
      'notice:systems': 'treserva,lifecare',
      'notice:startDate': '2026-12-06',
      'notice:startTime': '08:00',
      'notice:endDate': '2026-12-06',
      'notice:endTime': '12:00',
      'notice:description': 'Version 7.2.',
    });
    expect(readAs(payload)).toEqual({
      kind: 'notice-form-submitted',
      teamId: 'T0KOMMUN1',
      userId: 'U0ANNA',
      metadata,
      values: { title: 'Treserva uppgraderas', systems: 'treserva,lifecare', start: '2026-12-06 08:00', end: '2026-12-06 12:00', description: 'Version 7.2.', impact: '' },
    });
  });

  it('refuses a submission whose metadata was tampered with', () => {
    const view = noticeFormModal(formReply(), metadata);
    const forged = viewSubmission({ ...(view as unknown as OpenedView), private_metadata: JSON.stringify({ ...metadata, noticeKind: 'meteor' }) }, {});
    expect(readAs(forged)).toMatchObject({ kind: 'invalid', reason: 'notice form modal without valid metadata' });
  });

  it('puts field errors under their blocks, and one about a field the modal lacks on the first with its label', () => {
    expect(noticeFormErrors(formReply())).toBeUndefined();
    const errors = noticeFormErrors(
      formReply({
        noticeKind: 'disruption',
        errors: [
          { field: 'systems', message: 'Välj minst ett system.' },
          { field: 'start', message: 'Ska inte anges.' },
        ],
      }),
    );
    expect(errors).toEqual({ 'notice:systems': 'Välj minst ett system.', 'notice:title': 'Start (ÅÅÅÅ-MM-DD TT:MM): Ska inte anges.' });
  });
});

describe('the change modal', () => {
  const metadata = (mode: 'update' | 'correct' | 'cancel' | 'resolve') => ({ noticeId: DISRUPTION.id, mode, channel: 'U0ANNA', language: 'sv' as const });

  it('an update asks what is new and the disruption’s next state', () => {
    const view = noticeChangeModal(changeReply({ values: { state: 'monitoring' } }), metadata('update'));
    expect(view.title.text).toBe('Uppdatera');
    expectWithinSlackLimits(view.blocks, 100);
    const inputs = (view.blocks as AnyBlock[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => [block.block_id, block.label!.text, block.optional])).toEqual([
      ['notice-change:text', 'Vad är nytt?', false],
      ['notice-change:state', 'Ny status', true],
    ]);
    expect(inputs[1]!.element).toMatchObject({ type: 'static_select', initial_option: { value: 'monitoring' } });
    const payload = viewSubmission(view as unknown as OpenedView, { 'notice-change:text': 'Leverantören har åtgärdat felet, vi bevakar.' });
    expect(readAs(payload)).toEqual({
      kind: 'notice-change-submitted',
      teamId: 'T0KOMMUN1',
      userId: 'U0ANNA',
      metadata: metadata('update'),
      values: { text: 'Leverantören har åtgärdat felet, vi bevakar.', state: 'monitoring' },
    });
  });

  it('a correction rewrites title, description and impact, prefilled as they stand', () => {
    const view = noticeChangeModal(changeReply({ mode: 'correct', notice: PLANNED, states: [] }), { ...metadata('correct'), noticeId: PLANNED.id });
    const inputs = (view.blocks as AnyBlock[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => [block.block_id, (block.element as { initial_value?: string }).initial_value])).toEqual([
      ['notice-change:title', PLANNED.title],
      ['notice-change:description', PLANNED.description],
      ['notice-change:impact', PLANNED.impact],
    ]);
    expect(view.title.text).toBe('Rätta');
  });

  it('cancel and resolve ask only for the text; errors land under their fields', () => {
    for (const mode of ['cancel', 'resolve'] as const) {
      const view = noticeChangeModal(changeReply({ mode }), metadata(mode));
      expect((view.blocks as AnyBlock[]).filter((block) => block.type === 'input').map((block) => block.block_id)).toEqual(['notice-change:text']);
      expect(view.title.text.length).toBeLessThanOrEqual(24);
    }
    expect(noticeChangeErrors(changeReply({ errors: [{ field: 'text', message: 'Skriv vad som är nytt.' }] }))).toEqual({ 'notice-change:text': 'Skriv vad som är nytt.' });
  });
});

describe('the reason modal', () => {
  it('asks the reason and reads it back with the preview to update', () => {
    const metadata = { noticeId: PLANNED.id, language: 'sv' as const, preview: { channel: 'D0ANNA', ts: '1760000000.000100' } };
    const view = noticeReasonModal(metadata);
    expect(view.callback_id).toBe(NOTICE_CALLBACK_IDS.reason);
    const input = (view.blocks as AnyBlock[]).find((block) => block.type === 'input')!;
    expect(input).toMatchObject({ block_id: NOTICE_BLOCK_IDS.reason, label: { text: noticeTexts.sv.fields.reason } });
    const payload = viewSubmission(view as unknown as OpenedView, { [NOTICE_BLOCK_IDS.reason]: '  Akut säkerhetsuppdatering från leverantören.  ' });
    expect(readAs(payload)).toEqual({ kind: 'notice-reason-submitted', teamId: 'T0KOMMUN1', userId: 'U0ANNA', reason: 'Akut säkerhetsuppdatering från leverantören.', metadata });
  });
});

describe('forged modal submissions', () => {
  it('refuses a notice form with a field it never had', () => {
    const view = noticeFormModal(formReply(), { noticeKind: 'planned', channel: 'U0ANNA', language: 'sv' });
    const forged = viewSubmission({ ...(view as unknown as OpenedView), blocks: [...view.blocks, { type: 'input', block_id: 'notice:publishedAt', element: { type: 'plain_text_input', action_id: 'value' } }] as never }, { 'notice:publishedAt': '2020-01-01' });
    expect(readAs(forged)).toMatchObject({ kind: 'invalid', reason: 'notice form modal with an unknown field publishedAt' });
  });
});
