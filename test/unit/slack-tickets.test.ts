import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  BLOCK_IDS,
  decodeValue,
  encodeValue,
  readSlackPayload,
  renderReply,
  slackTicketTexts,
  staffMessageAfter,
  ticketBlocksOf,
  ticketErrors,
  ticketModal,
  ticketNoteModal,
  ticketReplyModal,
  ticketValueSchema,
  withRatingGiven,
} from '../../adapters/slack/index.js';
import { ticketTexts, type Reply, type TicketForm, type TicketSummary } from '../../src/bot/index.js';
import { FAKE_SLACK, blockAction, viewSubmission, type OpenedView } from '../support/fake-slack-api.js';

type AnyBlock = {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
  accessory?: Record<string, unknown>;
  element?: Record<string, unknown>;
  hint?: { text: string };
  optional?: boolean;
};

const k = ticketTexts.sv;
const GBG = { id: 'goteborg', name: 'Göteborgs Stad' };

/** A form with every kind of field the knowledge base declares. */
const PHONE_LOST: TicketForm = {
  id: 'gbg-ticket-lost-phone',
  title: 'Borttappad eller stulen mobiltelefon',
  description: 'Anmäl direkt när en telefon har tappats bort eller stulits.',
  deadline: 'omedelbart',
  prerequisite: null,
  fields: [
    { key: 'provider', label: 'Utförare', type: 'text', required: true, options: [], help: null },
    { key: 'what', label: 'Stöld eller förlust', type: 'choice', required: true, options: ['Stöld', 'Förlust'], help: null },
    { key: 'happenedOn', label: 'Datum för stölden/förlusten', type: 'date', required: true, options: [], help: null },
    { key: 'owner', label: 'Användarens personnummer', type: 'personnummer', required: true, options: [], help: 'Tolv siffror.' },
    { key: 'description', label: 'Övrigt', type: 'multiline', required: false, options: [], help: null },
  ],
};

const formReply = (values: Record<string, string> = {}, errors: Array<{ field: string; message: string }> = []): Extract<Reply, { kind: 'ticket-form' }> => ({
  kind: 'ticket-form',
  language: 'sv',
  municipality: GBG,
  type: PHONE_LOST,
  values,
  errors,
});

const SUMMARY: TicketSummary = { id: 'GBG-2026-0042', title: 'Borttappad eller stulen mobiltelefon', status: 'new', municipality: GBG, deadline: 'omedelbart', updatedAt: '2026-11-25T09:00:00.000Z' };

/** Slack's limits that would make chat.postMessage or views.open fail. */
function expectWithinSlackLimits(blocks: readonly unknown[], max = 50): void {
  const list = blocks as AnyBlock[];
  expect(list.length).toBeGreaterThan(0);
  expect(list.length).toBeLessThanOrEqual(max);
  for (const block of list) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'section' && block.fields) expect(block.fields.length).toBeLessThanOrEqual(10);
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'actions') {
      const ids = block.elements!.map((element) => element.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of block.elements!) expect(String(element.value ?? '').length).toBeLessThanOrEqual(2000);
    }
  }
  const blockIds = list.map((block) => block.block_id).filter(Boolean);
  expect(new Set(blockIds).size).toBe(blockIds.length);
}

const readAs = (payload: Record<string, unknown>) => readSlackPayload(payload, { botUserId: 'U0BOT' });

describe('ticket type choice', () => {
  const types = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `gbg-ticket-${index}`, title: `Typ ${index}`, description: `Beskrivning ${index}`, deadline: index === 0 ? 'inom 48 timmar' : null }));

  it('offers a few types as one button each, carrying the type and the language', () => {
    const { blocks, text } = renderReply({ kind: 'ticket-type-choice', language: 'sv', municipality: GBG, types: types(4) });
    expectWithinSlackLimits(blocks);
    expect(text).toBe(k.chooseType('Göteborgs Stad'));
    const list = blocks as AnyBlock[];
    const choices = list.filter((block) => block.accessory?.action_id === ACTION_IDS.chooseTicketType);
    expect(choices.map((block) => JSON.parse(String(block.accessory!.value)))).toEqual(types(4).map((type) => ({ typeId: type.id, language: 'sv' })));
    expect(list.some((block) => block.type === 'context' && String(block.elements![0]!.text) === k.deadline('inom 48 timmar'))).toBe(true);

    const pressed = readAs(blockAction({ type: 'button', action_id: ACTION_IDS.chooseTicketType, value: choices[2]!.accessory!.value }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }));
    expect(pressed).toMatchObject({ kind: 'action', action: { type: 'choose-ticket-type', typeId: 'gbg-ticket-2' }, language: 'sv', triggerId: '1111.2222.abcd' });
  });

  it('offers many types in a menu whose block id carries the language', () => {
    const list = renderReply({ kind: 'ticket-type-choice', language: 'en', municipality: GBG, types: types(8) }).blocks as AnyBlock[];
    expect(list).toHaveLength(1);
    expect(list[0]!.block_id).toBe('ticket-type:en');
    expect(list[0]!.accessory).toMatchObject({ type: 'static_select', action_id: ACTION_IDS.chooseTicketType, placeholder: { text: slackTicketTexts.en.chooseTypePlaceholder } });
    expect((list[0]!.accessory!.options as unknown[]).length).toBe(8);
    const chosen = readAs(blockAction({ type: 'static_select', block_id: 'ticket-type:en', action_id: ACTION_IDS.chooseTicketType, selected_option: { value: 'gbg-ticket-7' } }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }));
    expect(chosen).toMatchObject({ kind: 'action', action: { type: 'choose-ticket-type', typeId: 'gbg-ticket-7' }, language: 'en' });
  });
});

describe('the ticket modal', () => {
  it('has one input per field: text, a menu for choices, a date picker for dates, multiline, with hints and optional fields', () => {
    const view = ticketModal(formReply({ provider: 'Omsorg AB', what: 'förlust', happenedOn: '2026-11-24' }), { typeId: PHONE_LOST.id, channel: 'U1', language: 'sv' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.callback_id).toBe('ticket');
    expectWithinSlackLimits(view.blocks, 100);
    const inputs = (view.blocks as AnyBlock[]).filter((block) => block.type === 'input');
    expect(inputs.map((block) => block.block_id)).toEqual(['ticket:provider', 'ticket:what', 'ticket:happenedOn', 'ticket:owner', 'ticket:description']);
    const [provider, what, date, owner, description] = inputs;
    expect(provider!.element).toMatchObject({ type: 'plain_text_input', initial_value: 'Omsorg AB', max_length: 300 });
    expect(what!.element).toMatchObject({ type: 'static_select', options: [{ value: 'Stöld' }, { value: 'Förlust' }], initial_option: { value: 'Förlust' } });
    expect(date!.element).toMatchObject({ type: 'datepicker', initial_date: '2026-11-24' });
    expect(owner!.element).toMatchObject({ type: 'plain_text_input', placeholder: { text: 'ÅÅÅÅMMDD-NNNN' } });
    expect(owner!.element).not.toHaveProperty('initial_value');
    expect(owner!.hint?.text).toBe('Tolv siffror.');
    expect(description!.element).toMatchObject({ type: 'plain_text_input', multiline: true });
    expect(inputs.map((block) => block.optional)).toEqual([false, false, false, false, true]);
    expect((view.blocks as AnyBlock[]).some((block) => block.type === 'context' && String(block.elements![0]!.text) === k.deadline('omedelbart'))).toBe(true);
  });

  it('reads a submission (typed text, the chosen option, the picked date) back into the fields', () => {
    const view = ticketModal(formReply({ provider: 'Omsorg AB' }), { typeId: PHONE_LOST.id, channel: 'U1', language: 'sv' });
    const payload = viewSubmission(view as unknown as OpenedView, { 'ticket:what': 'Stöld', 'ticket:happenedOn': '2026-11-20', 'ticket:owner': '19121212-1212' }, { userId: 'U1' });
    expect(readAs(payload)).toEqual({
      kind: 'ticket-submitted',
      teamId: 'T0KOMMUN1',
      userId: 'U1',
      metadata: { typeId: PHONE_LOST.id, channel: 'U1', language: 'sv' },
      values: { provider: 'Omsorg AB', what: 'Stöld', happenedOn: '2026-11-20', owner: '19121212-1212', description: '' },
    });
  });

  it('refuses a submission whose metadata was tampered with', () => {
    const view = ticketModal(formReply(), { typeId: PHONE_LOST.id, channel: 'U1', language: 'sv' });
    const forged = viewSubmission({ ...(view as unknown as OpenedView), private_metadata: JSON.stringify({ typeId: '../../etc', channel: 'U1', language: 'sv' }) }, {});
    expect(readAs(forged)).toMatchObject({ kind: 'invalid', reason: 'ticket modal without valid metadata' });
  });

  it('puts each field error under its own block, and one about no field of the form on the first', () => {
    expect(ticketErrors(formReply())).toBeUndefined();
    expect(
      ticketErrors(
        formReply({}, [
          { field: 'owner', message: 'Personnumret är inte giltigt' },
          { field: 'happenedOn', message: 'Skriv datumet som ÅÅÅÅ-MM-DD' },
          { field: 'colour', message: 'finns inte' },
        ]),
      ),
    ).toEqual({ 'ticket:owner': 'Personnumret är inte giltigt', 'ticket:happenedOn': 'Skriv datumet som ÅÅÅÅ-MM-DD', 'ticket:provider': 'colour: finns inte' });
  });

  it('sends the form as a message with "Fyll i ärendet", which carries what was typed but never a personnummer', () => {
    const { blocks } = renderReply(formReply({ provider: 'Omsorg AB', owner: '19121212-1212' }, [{ field: 'owner', message: 'Kontrollera' }]));
    expectWithinSlackLimits(blocks);
    const list = blocks as AnyBlock[];
    expect(list.map((block) => block.text?.text ?? '').join('\n')).toContain(`${k.fixErrors}\n• *Användarens personnummer*: Kontrollera`);
    const open = list.flatMap((block) => block.elements ?? []).find((element) => element.action_id === ACTION_IDS.openTicketForm)!;
    expect(open.text).toMatchObject({ text: slackTicketTexts.sv.openForm });
    expect(JSON.parse(String(open.value))).toEqual({ typeId: PHONE_LOST.id, language: 'sv', values: { provider: 'Omsorg AB' } });
    const pressed = readAs(blockAction({ type: 'button', action_id: ACTION_IDS.openTicketForm, value: open.value }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }));
    expect(pressed).toMatchObject({ kind: 'action', action: { type: 'choose-ticket-type', typeId: PHONE_LOST.id }, carried: { provider: 'Omsorg AB' } });
    // A prefilled form without errors carries nothing: the bot prefills the modal for whoever presses.
    const fresh = (renderReply(formReply({ provider: 'Omsorg AB' })).blocks as AnyBlock[]).flatMap((block) => block.elements ?? []).find((element) => element.action_id === ACTION_IDS.openTicketForm)!;
    expect(JSON.parse(String(fresh.value))).toEqual({ typeId: PHONE_LOST.id, language: 'sv' });
  });
});

describe('"Skapa ärende" with the question', () => {
  it('keeps a long question within Slack’s 2000 characters, cut from its end and never through an emoji', () => {
    const question = `Vi behöver "beställa" behörighet 📱 ${'till Lifecare för en ny användare 😀 '.repeat(120)}`;
    const value = encodeValue({ question, language: 'sv' });
    expect(value.length).toBeLessThanOrEqual(2000);
    const decoded = decodeValue(ticketValueSchema, value)!;
    expect(decoded.question!.endsWith('…')).toBe(true);
    expect(question.startsWith(decoded.question!.slice(0, -1))).toBe(true);
    expect(decoded.question).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    const pressed = readAs(blockAction({ type: 'button', action_id: ACTION_IDS.createTicket, value }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }));
    expect(pressed).toMatchObject({ kind: 'action', action: { type: 'create-ticket', question: decoded.question }, language: 'sv' });
  });

  it('refuses a value that is not what the button carries', () => {
    const forged = readAs(blockAction({ type: 'button', action_id: ACTION_IDS.createTicket, value: JSON.stringify({ question: 'x'.repeat(2001), language: 'sv' }) }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }));
    expect(forged).toMatchObject({ kind: 'invalid', reason: 'invalid value for create-ticket' });
  });
});

describe('the staff message', () => {
  const staffReply: Extract<Reply, { kind: 'ticket-staff' }> = {
    kind: 'ticket-staff',
    language: 'sv',
    ticket: SUMMARY,
    fields: [
      { label: 'Stöld eller förlust', value: 'Stöld' },
      { label: 'Användarens personnummer', value: '191212121212' },
    ],
    requester: 'Anna Andersson, anna@omsorg.se',
  };

  it('shows the fields, who filed it, the status and the four actions, each carrying the ticket', () => {
    const { blocks } = renderReply(staffReply);
    expectWithinSlackLimits(blocks);
    const list = blocks as AnyBlock[];
    expect(list[0]).toMatchObject({ type: 'header', text: { text: k.staffTitle(SUMMARY) } });
    expect(list[1]!.fields!.map((field) => field.text)).toEqual(['*Stöld eller förlust*\nStöld', '*Användarens personnummer*\n191212121212']);
    expect(list.find((block) => block.block_id === BLOCK_IDS.ticketStatus)).toMatchObject({ elements: [{ text: slackTicketTexts.sv.status(k.status.new) }] });
    const actions = list.find((block) => block.block_id === BLOCK_IDS.ticketActions)!;
    expect(actions.elements!.map((element) => [element.action_id, JSON.parse(String(element.value))])).toEqual([
      ['ticket-take', { ticketId: SUMMARY.id, action: 'take', language: 'sv' }],
      ['ticket-ask', { ticketId: SUMMARY.id, action: 'ask', language: 'sv' }],
      ['ticket-resolve', { ticketId: SUMMARY.id, action: 'resolve', language: 'sv' }],
      ['ticket-reject', { ticketId: SUMMARY.id, action: 'reject', language: 'sv' }],
    ]);
  });

  it('reads "Ta ärendet" as the action, "Avvisa" as a request for the note with the ticket to show, and refuses a mismatched value', () => {
    const blocks = JSON.parse(JSON.stringify(renderReply(staffReply).blocks)) as AnyBlock[];
    const value = (action: string) => String((blocks.find((block) => block.block_id === BLOCK_IDS.ticketActions)!.elements!.find((element) => element.action_id === `ticket-${action}`))!.value);
    const message = { channel: 'C0STAFF', ts: '5.5', blocks };
    expect(readAs(blockAction({ type: 'button', action_id: 'ticket-take', value: value('take') }, { userId: 'U0OLLE', message }))).toMatchObject({ kind: 'action', action: { type: 'ticket-action', ticketId: SUMMARY.id, action: 'take' } });
    const reject = readAs(blockAction({ type: 'button', action_id: 'ticket-reject', value: value('reject') }, { userId: 'U0OLLE', message, responseUrl: 'https://hooks.slack.com/actions/T/1/x' }));
    expect(reject).toMatchObject({ kind: 'ticket-note-requested', triggerId: '1111.2222.abcd', metadata: { ticketId: SUMMARY.id, action: 'reject', message: { channel: 'C0STAFF', ts: '5.5' }, responseUrl: 'https://hooks.slack.com/actions/T/1/x' } });
    if (reject.kind !== 'ticket-note-requested') return;
    expect(reject.ticket.map((block) => (block as AnyBlock).type)).toEqual(['header', 'section', 'context', 'context']);
    const modal = ticketNoteModal(reject.metadata, reject.ticket);
    expect(modal.title.text).toBe(k.reject);
    expectWithinSlackLimits(modal.blocks, 100);
    // The submission carries the ticket back, so the staff message can be rebuilt.
    const submitted = readAs(viewSubmission(modal as unknown as OpenedView, { 'ticket-note': 'Fel kommun.' }, { userId: 'U0OLLE' }));
    expect(submitted).toMatchObject({ kind: 'ticket-note-submitted', note: 'Fel kommun.', metadata: { action: 'reject' } });
    if (submitted.kind === 'ticket-note-submitted') expect(submitted.ticket).toEqual(reject.ticket);
    // A "take" value on the "resolve" button is not trusted.
    expect(readAs(blockAction({ type: 'button', action_id: 'ticket-resolve', value: value('take') }, { userId: 'U0OLLE', message }))).toMatchObject({ kind: 'invalid', reason: 'invalid value for ticket-resolve' });
  });

  it('after an action shows the new status and who changed it; a closed ticket loses its buttons', () => {
    const echoed = JSON.parse(JSON.stringify(renderReply(staffReply).blocks)) as AnyBlock[];
    const ticket = ticketBlocksOf(echoed)!;
    const taken = staffMessageAfter(ticket, { kind: 'ticket-action-recorded', language: 'sv', ticket: { ...SUMMARY, status: 'in-progress' }, requesterNotified: true }, 'U0OLLE');
    expectWithinSlackLimits(taken.blocks);
    const takenBlocks = taken.blocks as AnyBlock[];
    expect(takenBlocks.slice(0, ticket.length)).toEqual(ticket);
    expect(takenBlocks.find((block) => block.block_id === BLOCK_IDS.ticketStatus)!.elements![0]!.text).toBe(`${k.actionRecorded({ ...SUMMARY, status: 'in-progress' }, true)} av <@U0OLLE>`);
    // Taken: "Ta ärendet" is no longer offered.
    expect(takenBlocks.at(-1)!.elements!.map((element) => element.action_id)).toEqual(['ticket-ask', 'ticket-resolve', 'ticket-reject']);
    const rejected = staffMessageAfter(ticketBlocksOf(JSON.parse(JSON.stringify(taken.blocks)))!, { kind: 'ticket-action-recorded', language: 'sv', ticket: { ...SUMMARY, status: 'rejected' }, requesterNotified: false }, 'U0OLLE');
    expect((rejected.blocks as AnyBlock[]).some((block) => block.type === 'actions')).toBe(false);
    expect(rejected.text).toBe(k.actionRecorded({ ...SUMMARY, status: 'rejected' }, false));
    expect(ticketBlocksOf([{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }])).toBeUndefined();
  });
});

describe('the requester’s messages', () => {
  it('asks "Blev det löst?" with Ja/Nej after resolution, and replaces it with the thanks once answered', () => {
    const { blocks } = renderReply({ kind: 'ticket-update', language: 'sv', ticket: { ...SUMMARY, status: 'resolved' }, note: 'Telefonen är spärrad.', askRating: true });
    expectWithinSlackLimits(blocks);
    const list = blocks as AnyBlock[];
    expect(list[0]!.text!.text).toBe(k.update({ ...SUMMARY, status: 'resolved' }, 'Telefonen är spärrad.'));
    const yes = list.at(-1)!.elements![0]!;
    const pressed = readAs(blockAction({ type: 'button', action_id: ACTION_IDS.ticketSolvedYes, value: yes.value }, { userId: 'U1', message: { channel: 'D1', ts: '1.1', blocks: list } }));
    expect(pressed).toMatchObject({ kind: 'action', action: { type: 'rate-ticket', ticketId: SUMMARY.id, solved: true } });
    expect(readAs(blockAction({ type: 'button', action_id: ACTION_IDS.ticketSolvedNo, value: yes.value }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }))).toMatchObject({ kind: 'invalid' });
    const thanked = withRatingGiven(JSON.parse(JSON.stringify(list)), { kind: 'ticket-rated', language: 'sv', ticket: SUMMARY, solved: true }) as AnyBlock[];
    expect(thanked.map((block) => block.type)).toEqual(['section', 'context']);
    expect(thanked[1]!.elements![0]!.text).toBe(k.rated(true));
    expect(renderReply({ kind: 'ticket-update', language: 'sv', ticket: SUMMARY, note: null, askRating: false }).blocks).toHaveLength(1);
  });

  it('lists tickets with their status, and says so when there are none', () => {
    expect((renderReply({ kind: 'ticket-list', language: 'en', tickets: [] }).blocks[0] as AnyBlock).text!.text).toBe(ticketTexts.en.listEmpty);
    const list = renderReply({ kind: 'ticket-list', language: 'sv', tickets: [SUMMARY, { ...SUMMARY, id: 'GBG-2026-0041', status: 'waiting-for-requester' }] }).blocks as AnyBlock[];
    expect(list[0]).toMatchObject({ type: 'header', text: { text: k.listTitle } });
    expect(list[1]!.text!.text).toBe(`• *GBG-2026-0042* · Ny · ${SUMMARY.title}\n• *GBG-2026-0041* · Väntar på svar från dig · ${SUMMARY.title}`);
  });

  it('says how the municipality wants it done instead, with a Källa line and the quote', () => {
    const citation = { municipalityId: 'orebro', municipalityName: 'Örebro kommun', file: 'orebro.yaml', document: { sv: 'Rutin Lifecare SP' }, headingPath: ['Ansvar'], heading: 'Ansvar: privata utförare', quote: 'SITHS-kort kan beställas via behöriga företag.' };
    const { blocks } = renderReply({ kind: 'handled-elsewhere', language: 'sv', text: 'Beställ SITHS-kort via behöriga företag.', link: null, citation } as Extract<Reply, { kind: 'handled-elsewhere' }>);
    expectWithinSlackLimits(blocks);
    expect((blocks[0] as AnyBlock).text!.text).toBe(`*${k.handledElsewhereTitle}*\nBeställ SITHS-kort via behöriga företag.`);
    expect((blocks[1] as AnyBlock).elements!.map((element) => element.text)).toEqual(['Källa: Örebro kommun, Rutin Lifecare SP, Ansvar: privata utförare', '«SITHS-kort kan beställas via behöriga företag.»']);
    const linked = renderReply({ kind: 'handled-elsewhere', language: 'sv', text: 'Beställ i e-tjänsten.', link: { text: 'SITHS-kort - beställning — Vellinge kommun' }, citation } as Extract<Reply, { kind: 'handled-elsewhere' }>).blocks as AnyBlock[];
    expect(linked[1]!.text!.text).toBe('*Länk i rutinen: "SITHS-kort - beställning — Vellinge kommun"*');
  });

  it('says the ticket is filed, and what was recorded where no staff message can be updated', () => {
    expect((renderReply({ kind: 'ticket-filed', language: 'sv', ticket: SUMMARY }).blocks[0] as AnyBlock).text!.text).toBe(k.filed(SUMMARY));
    expect(renderReply({ kind: 'ticket-action-recorded', language: 'en', ticket: SUMMARY, requesterNotified: true }).text).toBe(ticketTexts.en.actionRecorded(SUMMARY, true));
    expect(renderReply({ kind: 'ticket-rated', language: 'sv', ticket: SUMMARY, solved: false }).text).toBe(k.rated(false));
  });
});

describe('the ticket conversation', () => {
  const fromStaff: Extract<Reply, { kind: 'ticket-message' }> = { kind: 'ticket-message', language: 'sv', ticket: { ...SUMMARY, status: 'in-progress' }, from: 'staff', author: 'Göteborgs Stad', text: 'Vilket *nummer* har telefonen? <!channel> &', canReply: true };

  it('shows a message from staff with who wrote it, the text as written, and "Svara" carrying the ticket', () => {
    const { text, blocks } = renderReply(fromStaff);
    expectWithinSlackLimits(blocks);
    const list = blocks as AnyBlock[];
    expect(list[0]!.text!.text).toBe(`*${k.messageFromStaff(SUMMARY.id, 'Göteborgs Stad')}*`);
    // The text as written; Slack's control characters escaped, so no one is pinged through the bot.
    expect(list[1]!.text!.text).toBe('Vilket *nummer* har telefonen? &lt;!channel&gt; &amp;');
    expect(text).toContain('Vilket *nummer* har telefonen? &lt;!channel&gt; &amp;');
    const svara = list.at(-1)!.elements![0]!;
    expect(svara).toMatchObject({ action_id: ACTION_IDS.ticketReply, text: { text: k.replyAction } });
    expect(readAs(blockAction({ type: 'button', action_id: ACTION_IDS.ticketReply, value: svara.value }, { userId: 'U1', message: { channel: 'D1', ts: '1.1', blocks: list } }))).toEqual({
      kind: 'ticket-reply-requested',
      teamId: FAKE_SLACK.teamId,
      userId: 'U1',
      triggerId: '1111.2222.abcd',
      metadata: { ticketId: SUMMARY.id, language: 'sv' },
    });
    expect(readAs(blockAction({ type: 'button', action_id: ACTION_IDS.ticketReply, value: '{"ticketId":"x y"}' }, { userId: 'U1', message: { channel: 'D1', ts: '1.1' } }))).toMatchObject({ kind: 'invalid' });
  });

  it('shows the requester’s answer in the staff thread without a button, and a long text in several sections', () => {
    const long = renderReply({ ...fromStaff, language: 'en', from: 'requester', author: 'Anna Andersson', text: 'x'.repeat(7000), canReply: false });
    expectWithinSlackLimits(long.blocks);
    const list = long.blocks as AnyBlock[];
    expect(list[0]!.text!.text).toBe(`*${ticketTexts.en.messageFromRequester(SUMMARY.id, 'Anna Andersson')}*`);
    expect(list.some((block) => block.type === 'actions')).toBe(false);
    expect(list.slice(1).map((block) => block.text!.text).join('')).toBe('x'.repeat(7000));
    expect(renderReply({ kind: 'ticket-message-sent', language: 'sv', ticket: SUMMARY, delivered: false }).text).toBe(k.messageSent(SUMMARY.id, false));
  });

  it('offers "Svara" when staff ask for more, and not otherwise', () => {
    const asked = renderReply({ kind: 'ticket-update', language: 'sv', ticket: { ...SUMMARY, status: 'waiting-for-requester' }, note: 'Vilket nummer?', askRating: false }).blocks as AnyBlock[];
    expect(asked.at(-1)!.elements!.map((element) => element.action_id)).toEqual([ACTION_IDS.ticketReply]);
    expect((renderReply({ kind: 'ticket-update', language: 'sv', ticket: { ...SUMMARY, status: 'in-progress' }, note: null, askRating: false }).blocks as AnyBlock[]).some((block) => block.type === 'actions')).toBe(false);
  });

  it('asks for the answer in a modal with one required input, read back with its ticket; tampered metadata is refused', () => {
    for (const language of ['sv', 'en'] as const) {
      const labels = slackTicketTexts[language];
      for (const label of [labels.replyTitle, labels.send, labels.cancel]) expect(label.length).toBeLessThanOrEqual(24);
    }
    const modal = ticketReplyModal({ ticketId: SUMMARY.id, language: 'en' }) as unknown as OpenedView & { title: { text: string } };
    expect(modal.title.text).toBe(slackTicketTexts.en.replyTitle);
    expect(modal.blocks.filter((block) => block.type === 'input')).toMatchObject([{ block_id: BLOCK_IDS.ticketReply, element: { multiline: true, min_length: 1 } }]);
    expect(readAs(viewSubmission(modal, { [BLOCK_IDS.ticketReply]: '  Nummer 070-1  ' }, { userId: 'U1' }))).toEqual({
      kind: 'ticket-reply-submitted',
      teamId: FAKE_SLACK.teamId,
      userId: 'U1',
      text: 'Nummer 070-1',
      metadata: { ticketId: SUMMARY.id, language: 'en' },
    });
    expect(readAs(viewSubmission({ ...modal, private_metadata: '{"ticketId":"GBG-1","language":"de"}' }, { [BLOCK_IDS.ticketReply]: 'x' }))).toMatchObject({ kind: 'invalid' });
  });
});
