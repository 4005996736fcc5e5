import { beforeAll, describe, expect, it } from 'vitest';
import { Bot, parseCommand, type Actor, type ConversationRef, type Reply } from '../../src/bot/index.js';
import type { AnswerEngine, KnowledgeBase } from '../../src/knowledge/index.js';
import { LowdbStore } from '../../src/store/index.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';
import { temporaryDataDir } from '../support/server.js';

let engine: AnswerEngine;
let knowledge: KnowledgeBase;
beforeAll(async () => {
  [engine, knowledge] = await Promise.all([bundledEngine(), bundledKnowledge()]);
});

const actor: Actor = { platform: 'slack', userId: 'U1', tenantId: 'T1' };
const conversation: ConversationRef = { platform: 'slack', id: 'D1', kind: 'personal', tenantId: 'T1' };
const now = () => new Date('2026-11-25T09:00:00Z');

async function newBot(dataDir?: string): Promise<{ bot: Bot; store: LowdbStore; dataDir: string }> {
  const directory = dataDir ?? (await temporaryDataDir());
  const store = await LowdbStore.open(directory);
  const municipalities = knowledge.municipalities.map(({ id, name }) => ({ id, name }));
  const bot = new Bot({ engine, municipalities, preferences: store.preferences, feedback: store.feedback, destinations: store.destinations, now });
  return { bot, store, dataDir: directory };
}

const say = (bot: Bot, text: string): Promise<Reply[]> => bot.handle({ kind: 'message', actor, conversation, text });

describe('commands', () => {
  it.each([
    ['hjälp', 'help', 'sv'],
    ['help', 'help', 'en'],
    ['kommun Göteborg', 'municipality', 'sv'],
    ['municipality uppsala', 'municipality', 'en'],
    ['ärende', 'coming-soon', 'sv'],
    ['driftinfo', 'coming-soon', 'sv'],
    ['registrera', 'coming-soon', 'sv'],
    ['Vad gäller för lösenord?', 'question', 'sv'],
    ['What are the password rules?', 'question', 'en'],
  ])('%s → %s (%s)', (text, type, language) => {
    expect(parseCommand(text)).toMatchObject({ type, language });
  });
});

describe('the bot', () => {
  it('answers across municipalities on first contact and asks once which municipality is theirs', async () => {
    const { bot } = await newBot();
    const first = await say(bot, 'Får en kollega låna mitt SITHS-kort?');
    expect(first.map((reply) => reply.kind)).toEqual(['answer', 'choose-municipality']);
    const second = await say(bot, 'Måste datorerna ha antivirus?');
    expect(second.map((reply) => reply.kind)).toEqual(['answer']);
  });

  it('remembers the chosen municipality across a restart and answers from it', async () => {
    const { bot, dataDir } = await newBot();
    const set = await say(bot, 'kommun goteborg');
    expect(set[0]).toMatchObject({ kind: 'municipality-set', municipality: { id: 'goteborg', name: 'Göteborgs Stad' } });
    const { bot: restarted } = await newBot(dataDir);
    const [reply] = await say(restarted, 'Vilket telefonnummer har supporten?');
    expect(reply?.kind).toBe('answer');
    if (reply?.kind === 'answer') {
      expect(reply.answer.municipality).toBe('goteborg');
      expect(reply.answer.answer).toMatch(/031-368 68 00/u);
    }
  });

  it('says which municipalities exist when the name is unknown', async () => {
    const { bot } = await newBot();
    const [reply] = await say(bot, 'kommun Atlantis');
    expect(reply).toMatchObject({ kind: 'choose-municipality', unknown: 'Atlantis' });
  });

  it('records feedback with the question, municipality and answer id, masking personal data', async () => {
    const { bot, store } = await newBot();
    const [reply] = await bot.handle({
      kind: 'action',
      actor,
      conversation,
      language: 'sv',
      action: { type: 'feedback', helpful: false, answerId: 'gbg-antivirus', question: 'Gäller det 19121212-1212?', municipality: 'goteborg' },
    });
    expect(reply).toMatchObject({ kind: 'feedback-recorded', helpful: false });
    const [entry] = await store.feedback.list({ municipality: 'goteborg' });
    expect(entry).toMatchObject({ helpful: false, answerId: 'gbg-antivirus', municipality: 'goteborg', platform: 'slack', at: '2026-11-25T09:00:00.000Z' });
    expect(entry?.question).not.toContain('19121212-1212');
  });

  it('stores a destination on install and removes it on uninstall', async () => {
    const { bot, store } = await newBot();
    const channel: ConversationRef = { platform: 'slack', id: 'C42', kind: 'channel', tenantId: 'T1' };
    const replies = await bot.handle({ kind: 'installed', actor, conversation: channel, reference: { channel: 'C42', team: 'T1' } });
    expect(replies[0]?.kind).toBe('welcome');
    expect(await store.destinations.get('slack:T1:C42')).toMatchObject({ kind: 'channel', reference: { channel: 'C42', team: 'T1' }, installedBy: 'slack:T1:U1' });
    await bot.handle({ kind: 'uninstalled', actor, conversation: channel });
    expect(await store.destinations.get('slack:T1:C42')).toBeUndefined();
  });

  it('says tickets and notices are coming, in the user’s language', async () => {
    const { bot } = await newBot();
    expect(await say(bot, 'ticket')).toEqual([{ kind: 'coming-soon', language: 'en', feature: 'tickets' }]);
    expect(await say(bot, 'driftinfo')).toEqual([{ kind: 'coming-soon', language: 'sv', feature: 'notices' }]);
  });
});
