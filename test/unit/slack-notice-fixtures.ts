import { expect } from 'vitest';
import type { NoticeSummary, Reply } from '../../src/bot/index.js';

// Notices and checks shared by the slack-notice-* tests.

export const GBG = { id: 'goteborg', name: 'Göteborgs Stad' } as const;

/** A planned Sunday outage in Göteborg, 08:00–12:00 Stockholm time (winter: UTC+1). */
export const PLANNED: NoticeSummary = {
  id: 'GBG-DRIFT-2026-0007',
  municipality: GBG,
  kind: 'planned',
  title: 'Treserva uppgraderas',
  systems: ['Treserva', 'Lifecare'],
  state: 'scheduled',
  stateLabel: 'Planerat',
  window: { start: '2026-12-06T07:00:00.000Z', end: '2026-12-06T11:00:00.000Z' },
  description: 'Treserva uppgraderas till version 7.2. Inloggning är inte möjlig under arbetet.',
  impact: 'Dokumentation får göras på papper & föras in efteråt.',
  updates: [],
  exceptionReason: null,
  closed: false,
};

/** A disruption being investigated, with one update. */
export const DISRUPTION: NoticeSummary = {
  id: 'GBG-DRIFT-2026-0008',
  municipality: GBG,
  kind: 'disruption',
  title: 'Phoniro svarar inte',
  systems: ['Phoniro'],
  state: 'identified',
  stateLabel: 'Orsak identifierad',
  window: null,
  description: 'Låsen går inte att öppna med appen.',
  impact: 'Använd nyckel.',
  updates: [{ at: '2026-11-25T08:30:00.000Z', stateLabel: 'Orsak identifierad', text: 'Felet ligger hos leverantören <!channel>.' }],
  exceptionReason: null,
  closed: false,
};

export type AnyBlock = {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
  accessory?: Record<string, unknown>;
  element?: Record<string, unknown>;
  label?: { text: string };
  optional?: boolean;
};

/** Slack's limits that would make chat.postMessage (50 blocks) or views.open (100) fail. */
export function expectWithinSlackLimits(blocks: readonly unknown[], max = 50): void {
  const list = blocks as AnyBlock[];
  expect(list.length).toBeGreaterThan(0);
  expect(list.length).toBeLessThanOrEqual(max);
  for (const block of list) {
    if (block.type === 'section') {
      expect(block.text !== undefined || block.fields !== undefined).toBe(true);
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      if (block.fields) {
        expect(block.fields.length).toBeLessThanOrEqual(10);
        for (const field of block.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
      }
      if (block.accessory?.type === 'button') expect(String(block.accessory.value ?? '').length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'context') {
      expect(block.elements!.length).toBeLessThanOrEqual(10);
      for (const element of block.elements!) expect(String(element.text).length).toBeLessThanOrEqual(3000);
    }
    if (block.type === 'actions') {
      expect(block.elements!.length).toBeLessThanOrEqual(25);
      const ids = block.elements!.map((element) => element.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const element of block.elements!) {
        expect(String(element.value ?? '').length).toBeLessThanOrEqual(2000);
        expect(String((element.text as { text: string }).text).length).toBeLessThanOrEqual(75);
      }
    }
  }
  const blockIds = list.map((block) => block.block_id).filter(Boolean);
  expect(new Set(blockIds).size).toBe(blockIds.length);
}

/** Everything a person can read in blocks: section texts and fields, headers, contexts. */
export function readable(blocks: readonly unknown[]): string {
  return (blocks as AnyBlock[])
    .flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text), ...(block.type === 'context' ? (block.elements ?? []).map((element) => String(element.text ?? '')) : [])])
    .join('\n');
}

/** Every button in blocks: in actions blocks and as section accessories. */
export function buttonsOf(blocks: readonly unknown[]): Array<Record<string, unknown> & { action_id: string; value: string; text: { text: string } }> {
  return (blocks as AnyBlock[]).flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory?.type === 'button' ? [block.accessory] : [])]) as never;
}

export const formReply = (overrides: Partial<Extract<Reply, { kind: 'notice-form' }>> = {}): Extract<Reply, { kind: 'notice-form' }> => ({
  kind: 'notice-form',
  language: 'sv',
  municipality: GBG,
  noticeKind: 'planned',
  noticeId: null,
  values: { title: '', systems: '', start: '', end: '', description: '', impact: '' },
  errors: [],
  systems: [
    { id: 'treserva', name: 'Treserva' },
    { id: 'lifecare', name: 'Lifecare' },
    { id: 'phoniro', name: 'Phoniro' },
  ],
  ...overrides,
});

export const changeReply = (overrides: Partial<Extract<Reply, { kind: 'notice-change-form' }>> = {}): Extract<Reply, { kind: 'notice-change-form' }> => ({
  kind: 'notice-change-form',
  language: 'sv',
  notice: DISRUPTION,
  mode: 'update',
  values: {},
  errors: [],
  states: [
    { id: 'identified', label: 'Orsak identifierad' },
    { id: 'monitoring', label: 'Bevakas' },
    { id: 'resolved', label: 'Åtgärdad' },
  ],
  ...overrides,
});
