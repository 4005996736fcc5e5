import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, renderAnswer, renderHome, renderReply, slackTicketTexts, withFeedbackGiven } from '../../adapters/slack/index.js';
import { noticeTexts, texts, ticketTexts, type MunicipalityChoice, type Reply } from '../../src/bot/index.js';
import type { AnswerEngine } from '../../src/knowledge/index.js';
import { bundledEngine } from '../support/knowledge.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await bundledEngine();
});

type AnyBlock = { type: string; block_id?: string; text?: { type: string; text: string }; elements?: Array<Record<string, unknown>>; accessory?: Record<string, unknown> };
const municipalities: MunicipalityChoice[] = [
  { id: 'goteborg', name: 'Göteborgs Stad' },
  { id: 'uppsala', name: 'Uppsala kommun' },
];

/** Slack's limits that would make chat.postMessage fail with invalid_blocks. */
function expectWithinSlackLimits(blocks: readonly unknown[]): void {
  const list = blocks as AnyBlock[];
  expect(list.length).toBeGreaterThan(0);
  expect(list.length).toBeLessThanOrEqual(50);
  for (const block of list) {
    if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') {
      expect(block.elements!.length).toBeLessThanOrEqual(10);
      for (const element of block.elements!) expect(String(element.text).length).toBeLessThanOrEqual(3000);
    }
    if (block.type === 'actions') {
      const ids = block.elements!.map((element) => element.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of block.elements!) expect(String(element.value ?? '').length).toBeLessThanOrEqual(2000);
    }
  }
  const blockIds = list.map((block) => block.block_id).filter(Boolean);
  expect(new Set(blockIds).size).toBe(blockIds.length);
}

describe('renderAnswer', () => {
  it('shows each fact with a context block citing municipality, document and heading, and the quote', () => {
    const answer = engine.ask('Måste våra datorer ha antivirus?', { municipality: 'goteborg' });
    expect(answer.found).toBe(true);
    const { blocks, text } = renderAnswer('Måste våra datorer ha antivirus?', answer, 'sv');
    expectWithinSlackLimits(blocks);
    const list = blocks as AnyBlock[];
    expect(list[0]).toMatchObject({ type: 'header', text: { text: texts.sv.answerFor('Göteborgs Stad') } });
    const contexts = list.filter((block) => block.type === 'context');
    expect(contexts).toHaveLength(answer.groups[0]!.records.length);
    const record = answer.groups[0]!.records[0]!;
    expect(contexts[0]!.elements!.map((element) => element.text)).toEqual([
      `Källa: Göteborgs Stad, ${record.citation.document.sv}, ${record.citation.heading}`.replace(/&/gu, '&amp;'),
      `«${record.citation.quote.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;')}»`,
    ]);
    expect(text).toBe(answer.answer.slice(0, 3000));
  });

  it('ends with "Hjälpte svaret?", Ja/Nej carrying what feedback needs, and "Skapa ärende"', () => {
    const answer = engine.ask('Vilket telefonnummer har supporten?', { municipality: 'goteborg' });
    const list = renderAnswer('Vilket telefonnummer har supporten?', answer, 'sv').blocks as AnyBlock[];
    const [prompt, actions] = list.slice(-2);
    expect(prompt).toMatchObject({ block_id: BLOCK_IDS.feedbackPrompt, text: { text: `*${texts.sv.helpful}*` } });
    expect(actions!.block_id).toBe(BLOCK_IDS.answerActions);
    expect(actions!.elements!.map((element) => [element.action_id, (element.text as { text: string }).text])).toEqual([
      [ACTION_IDS.feedbackYes, 'Ja'],
      [ACTION_IDS.feedbackNo, 'Nej'],
      [ACTION_IDS.createTicket, 'Skapa ärende'],
    ]);
    expect(JSON.parse(String(actions!.elements![0]!.value))).toEqual({ answerId: answer.answerId, question: 'Vilket telefonnummer har supporten?', municipality: 'goteborg', language: 'sv' });
  });

  it('labels each municipality when an answer covers several, and speaks English to English questions', () => {
    const answer = engine.ask('May I lend my SITHS card to a colleague?', { language: 'en' });
    expect(answer.groups.length).toBeGreaterThan(1);
    const list = renderAnswer('May I lend my SITHS card to a colleague?', answer, 'en').blocks as AnyBlock[];
    expect(list[0]!.text!.text).toBe(texts.en.answerForMany);
    for (const group of answer.groups) expect(list.some((block) => block.text?.text === `*${group.municipalityName}*`)).toBe(true);
    expect(list.filter((block) => block.type === 'context').every((block) => String(block.elements![0]!.text).startsWith('Source: '))).toBe(true);
    expect(list.at(-1)!.elements!.map((element) => (element.text as { text: string }).text)).toEqual(['Yes', 'No', 'Create ticket']);
  });

  it('answers "not found" in one short section with only the ticket button', () => {
    const answer = engine.ask('Vem vann fotbolls-VM 2018?', { municipality: 'orebro' });
    expect(answer.found).toBe(false);
    const list = renderAnswer('Vem vann fotbolls-VM 2018?', answer, 'sv').blocks as AnyBlock[];
    expect(list.map((block) => block.type)).toEqual(['section', 'actions']);
    expect(list[0]!.text!.text).toBe(answer.answer);
    expect(list[1]!.elements!.map((element) => element.action_id)).toEqual([ACTION_IDS.createTicket]);
  });

  it('repeats the question for slash commands, escaped, and keeps a very long question within the button limit', () => {
    const question = `<@U1> ${'Vad gäller för lösenord & SITHS? '.repeat(200)}`;
    const answer = engine.ask('Vad gäller för lösenord?', { municipality: 'vellinge' });
    const { blocks } = renderAnswer(question, answer, 'sv', { echoQuestion: true });
    expectWithinSlackLimits(blocks);
    const first = (blocks as AnyBlock[])[0]!;
    expect(first.text!.text.startsWith('> &lt;@U1&gt; Vad gäller för lösenord &amp; SITHS?')).toBe(true);
    const value = JSON.parse(String((blocks as AnyBlock[]).at(-1)!.elements![0]!.value)) as { question: string; answerId: string };
    expect(value.answerId).toBe(answer.answerId);
    expect(value.question.endsWith('…')).toBe(true);
  });
});

describe('renderReply', () => {
  const replies: Reply[] = [
    { kind: 'help', language: 'sv', municipality: municipalities[0]!, municipalities },
    { kind: 'welcome', language: 'en', municipality: null, municipalities },
    { kind: 'choose-municipality', language: 'sv', municipalities, unknown: 'Atlantis' },
    { kind: 'municipality-set', language: 'sv', municipality: municipalities[1]! },
    { kind: 'feedback-recorded', language: 'en', helpful: true },
    { kind: 'error', language: 'sv', message: 'Du har inte behörighet att publicera driftinformation.' },
  ];

  it.each(replies.map((reply) => [reply.kind, reply] as const))('renders %s as valid Block Kit with a notification text', (_kind, reply) => {
    const message = renderReply(reply);
    expect(message.text.length).toBeGreaterThan(0);
    expectWithinSlackLimits(message.blocks);
  });

  it('offers the municipalities in a menu that carries the message’s language', () => {
    const list = renderReply({ kind: 'choose-municipality', language: 'en', municipalities }).blocks as AnyBlock[];
    expect(list[0]!.block_id).toBe('municipality:en');
    expect(list[0]!.accessory).toMatchObject({
      type: 'static_select',
      action_id: ACTION_IDS.chooseMunicipality,
      placeholder: { text: texts.en.selectMunicipality },
      options: [
        { text: { text: 'Göteborgs Stad' }, value: 'goteborg' },
        { text: { text: 'Uppsala kommun' }, value: 'uppsala' },
      ],
    });
  });

  it('says a refusal as the core wrote it', () => {
    expect((renderReply({ kind: 'error', language: 'sv', message: 'Du har inte behörighet att publicera driftinformation.' }).blocks[0] as AnyBlock).text!.text).toBe('Du har inte behörighet att publicera driftinformation.');
  });
});

describe('renderHome', () => {
  it('shows the municipality with a menu preset to it, how to ask, the tickets with "Skapa ärende", and its service status', () => {
    const view = renderHome({ kind: 'help', language: 'sv', municipality: municipalities[1]!, municipalities });
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const list = view.blocks as AnyBlock[];
    const menu = list.find((block) => block.accessory?.type === 'static_select')!;
    expect(menu.text!.text).toBe('*Din kommun: Uppsala kommun.*');
    expect(menu.accessory!.initial_option).toMatchObject({ value: 'uppsala' });
    const shown = list.map((block) => block.text?.text ?? '').join('\n');
    for (const line of [...texts.sv.helpLines.slice(0, 1), ticketTexts.sv.listTitle, slackTicketTexts.sv.homeNone, noticeTexts.sv.listTitle('Uppsala kommun')]) expect(shown).toContain(line.replace(/&/gu, '&amp;'));
    expect(shown).not.toMatch(/Ärenden till supporten kommer snart/u);
    const create = list.find((block) => block.accessory?.action_id === ACTION_IDS.createTicket)!;
    expect(create.accessory).toMatchObject({ type: 'button', text: { text: texts.sv.createTicket }, value: '{"language":"sv"}' });
  });

  it('lists the open tickets, not the closed ones', () => {
    const ticket = (id: string, status: 'new' | 'resolved') => ({ id, title: 'Ny användare i Lifecare SP', status, municipality: { id: 'orebro', name: 'Örebro kommun' }, deadline: null, updatedAt: '2026-11-25T09:00:00.000Z' });
    const view = renderHome({ kind: 'help', language: 'sv', municipality: null, municipalities }, { kind: 'ticket-list', language: 'sv', tickets: [ticket('ORE-2026-0002', 'new'), ticket('ORE-2026-0001', 'resolved')] });
    const shown = (view.blocks as AnyBlock[]).map((block) => block.text?.text ?? '').join('\n');
    expect(shown).toContain('*ORE-2026-0002* · Ny · Ny användare i Lifecare SP');
    expect(shown).not.toContain('ORE-2026-0001');
    expect(shown).not.toContain(slackTicketTexts.sv.homeNone);
  });
});

describe('withFeedbackGiven', () => {
  it('replaces the prompt with the thanks and removes Ja/Nej, keeping the answer and "Skapa ärende"', () => {
    const answer = engine.ask('Måste våra datorer ha antivirus?', { municipality: 'goteborg' });
    const { blocks } = renderAnswer('Måste våra datorer ha antivirus?', answer, 'sv');
    // Slack echoes blocks back with ids and defaults added.
    const echoed = JSON.parse(JSON.stringify(blocks)) as AnyBlock[];
    const updated = withFeedbackGiven(echoed, { kind: 'feedback-recorded', language: 'sv', helpful: false }) as AnyBlock[];
    expectWithinSlackLimits(updated);
    expect(updated.slice(0, -2)).toEqual(echoed.slice(0, -2));
    expect(updated.at(-2)).toMatchObject({ type: 'context', block_id: BLOCK_IDS.feedbackPrompt, elements: [{ text: texts.sv.feedbackThanks(false) }] });
    expect(updated.at(-1)!.elements!.map((element) => element.action_id)).toEqual([ACTION_IDS.createTicket]);
  });

  it('leaves messages it did not render alone', () => {
    expect(withFeedbackGiven([{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }], { kind: 'feedback-recorded', language: 'sv', helpful: true })).toBeUndefined();
    expect(withFeedbackGiven(undefined, { kind: 'feedback-recorded', language: 'sv', helpful: true })).toBeUndefined();
  });
});
