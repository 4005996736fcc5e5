import { beforeAll, describe, expect, it } from 'vitest';
import { askerScope, parseCommand, texts, type BotAction, type ConversationRef, type Reply } from '../../src/bot/index.js';
import { bareMunicipalityName, nameAsWritten } from '../../src/bot/scope.js';
import { operatorPrincipal, type Contact, type Principal, type Actor } from '../../src/contacts/index.js';
import type { AnswerEngine, KnowledgeBase } from '../../src/knowledge/index.js';
import { openTestBot, type TestBot } from '../support/bot.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';
import { nearMiss } from '../support/near-miss.js';

let engine: AnswerEngine;
let knowledge: KnowledgeBase;
beforeAll(async () => {
  [engine, knowledge] = await Promise.all([bundledEngine(), bundledKnowledge()]);
});

type AnswerReply = Extract<Reply, { kind: 'answer' }>;
const answerOf = (replies: readonly Reply[]): AnswerReply => {
  const reply = replies.find((candidate): candidate is AnswerReply => candidate.kind === 'answer');
  if (!reply) throw new Error(`no answer among ${replies.map((candidate) => candidate.kind).join(', ')}`);
  return reply;
};
const sourcesOf = (reply: AnswerReply): string[] => [...new Set(reply.answer.sources.map((source) => source.municipality))];

// The SITHS-and-Edge question that, asked without a municipality, also gets other municipalities' SITHS routines.
const SITHS_EDGE = 'Hur loggar man in med SITHS i Edge?';
// Answered by both Göteborg and Örebro.
const LEND_CARD = 'Får en kollega låna mitt SITHS-kort?';

let users = 0;
function person(): { actor: Actor; conversation: ConversationRef } {
  users += 1;
  const userId = `U-scope-${users}`;
  return { actor: { platform: 'slack', userId, tenantId: 'T1' }, conversation: { platform: 'slack', id: `D-${userId}`, kind: 'personal', tenantId: 'T1' } };
}

/** Registers the person as IT-contact of the municipalities, as staff would. */
async function register(testBot: TestBot, actor: Actor, municipalities: readonly string[]): Promise<void> {
  for (const municipality of municipalities) {
    const saved = await testBot.contacts.saveContact(
      operatorPrincipal('test'),
      { municipality, providerName: `Omsorg ${municipality} AB`, orgNumber: '556036-0793', name: 'Anna Andersson', email: `anna.${municipality}@omsorg.se`, phone: '070-123 45 67' },
      [{ platform: actor.platform, tenantId: actor.tenantId ?? '-', userId: actor.userId }],
    );
    expect(saved.ok).toBe(true);
  }
}

function talk(testBot: TestBot, who: { actor: Actor; conversation: ConversationRef }) {
  return {
    say: (text: string) => testBot.bot.handle({ kind: 'message', actor: who.actor, conversation: who.conversation, text }),
    press: (action: BotAction, language: 'sv' | 'en' = 'sv') =>
      testBot.bot.handle({ kind: 'action', actor: who.actor, conversation: who.conversation, action, language }),
  };
}

describe('whose requirements a question is answered from', () => {
  const contact = (municipality: string, active = true): Contact => ({
    id: `c-${municipality}`,
    municipality,
    provider: { name: 'X', orgNumber: '556036-0793' },
    name: 'Anna',
    email: 'anna@x.se',
    phone: '+46701234567',
    identities: [],
    language: 'sv',
    active,
    createdAt: 'x',
    updatedAt: 'x',
  });
  const principal = (role: Principal['role'], municipalities: readonly string[] | null = []): Principal => ({ role, label: 'x', municipalities, contactIds: [] });

  it('the registry wins over a stale choice; one of several chooses among theirs; a guest has their choice', () => {
    expect(askerScope(principal('it-contact'), [contact('goteborg')], 'uppsala')).toEqual({ municipality: 'goteborg', source: 'registry', registered: ['goteborg'] });
    expect(askerScope(principal('it-contact'), [contact('goteborg'), contact('orebro')], null)).toEqual({ municipality: null, source: 'none', registered: ['goteborg', 'orebro'] });
    expect(askerScope(principal('it-contact'), [contact('goteborg'), contact('orebro')], 'orebro')).toMatchObject({ municipality: 'orebro', source: 'choice' });
    expect(askerScope(principal('it-contact'), [contact('goteborg'), contact('orebro')], 'uppsala')).toMatchObject({ municipality: null, source: 'none' });
    // An inactive record no longer makes them a contact of that municipality.
    expect(askerScope(principal('it-contact'), [contact('goteborg', false)], 'uppsala')).toMatchObject({ municipality: 'uppsala', source: 'choice', registered: [] });
    expect(askerScope(principal('staff', ['vellinge']), [], null)).toMatchObject({ municipality: 'vellinge', source: 'registry' });
    expect(askerScope(principal('admin', null), [], 'norrtalje')).toMatchObject({ municipality: 'norrtalje', source: 'choice' });
    expect(askerScope(principal('guest'), [], undefined)).toEqual({ municipality: null, source: 'none', registered: [] });
  });

  it('reads a municipality typed in any common form, and only a name alone as an answer to "which municipality?"', () => {
    const named = (text: string) => bareMunicipalityName(text, knowledge.municipalities);
    expect(['GBG', 'i Gothenburg', 'Göteborgs stad', 'Göteborgs Stad', 'goteborg', 'Göteborgs', 'vi är i Göteborg'].map(named)).toEqual(Array(7).fill('goteborg'));
    expect([named('Uppsala kommun'), named('Örebro'), named('orebro kommun'), named('in Norrtälje'), named('Vellinges kommun')]).toEqual(['uppsala', 'orebro', 'orebro', 'norrtalje', 'vellinge']);
    expect([named('hur är det i Uppsala då?'), named('Vad gäller för lösenord i GBG?'), named('kommun'), named('Atlantis'), named('')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('says "du frågade om …" in the user’s own words', () => {
    const goteborg = knowledge.municipalities.find((municipality) => municipality.id === 'goteborg')!;
    const uppsala = knowledge.municipalities.find((municipality) => municipality.id === 'uppsala')!;
    expect(nameAsWritten('Vad gäller för lösenord i GBG?', goteborg)).toBe('GBG');
    expect(nameAsWritten('What are the password rules in Gothenburg?', goteborg)).toBe('Gothenburg');
    expect(nameAsWritten('Hur gör Göteborgs stad?', goteborg)).toBe('Göteborgs stad');
    expect(nameAsWritten('Vad gäller i uppsala?', uppsala)).toBe('uppsala');
    expect(nameAsWritten('Vad gäller där?', uppsala)).toBe('Uppsala');
  });

  it('takes "hur gör de andra kommunerna?" and its kin for the follow-up, and a question that only mentions other municipalities for a question', () => {
    for (const text of ['hur gör de andra kommunerna?', 'Och i andra kommuner?', 'Hur är det i de andra kommunerna?', 'vad gäller hos övriga kommuner då?', 'De andra kommunerna?', 'Hur ser det ut hos andra kommuner']) {
      expect(parseCommand(text), text).toEqual({ type: 'others', language: 'sv' });
    }
    for (const text of ['What do the other municipalities do?', 'and in other municipalities?', 'What about the other municipalities?', 'how do other municipalities handle it?']) {
      expect(parseCommand(text), text).toEqual({ type: 'others', language: 'en' });
    }
    expect(parseCommand('Får vi dela SITHS-kort med andra kommuner?')).toMatchObject({ type: 'question' });
    expect(parseCommand('Can we share SITHS cards with other municipalities?')).toMatchObject({ type: 'question' });
  });
});

describe('answers scoped to the asker', () => {
  it('a registered Göteborg IT-contact is never asked which municipality and gets only Göteborg’s answer, whatever an old choice says', async () => {
    const testBot = await openTestBot();
    const who = person();
    const { say } = talk(testBot, who);
    // Chosen as a guest, before the registration: the registry wins.
    await say('kommun Uppsala');
    await register(testBot, who.actor, ['goteborg']);
    expect(sourcesOf(answerOf(await say(SITHS_EDGE)))).toEqual(['goteborg']);
    const replies = await say('Vilken webbläsare ska vi använda med SITHS-kortet?');
    expect(replies.map((reply) => reply.kind)).not.toContain('choose-municipality');
    const answer = answerOf(replies);
    expect(answer.answer).toMatchObject({ found: true, municipality: 'goteborg' });
    expect(answer.context).toBeUndefined();
    expect(sourcesOf(answer)).toEqual(['goteborg']);
    // Help shows the registry's municipality, not the stale choice.
    expect(await say('hjälp')).toMatchObject([{ kind: 'help', municipality: { id: 'goteborg' } }]);
  });

  it('the same contact naming Uppsala gets Uppsala’s answer, and the reply says they asked about Uppsala', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg']);
    const answer = answerOf(await talk(testBot, who).say('Hur loggar man in med SITHS i Uppsala?'));
    expect(answer.answer.found).toBe(true);
    expect(sourcesOf(answer)).toEqual(['uppsala']);
    expect(answer.context).toEqual({ kind: 'named', asked: ['Uppsala'] });
  });

  it('a guest whose municipality nobody knows is told nothing about the one named: for them it is not another one', async () => {
    const testBot = await openTestBot();
    const answer = answerOf(await talk(testBot, person()).say('Hur loggar man in med SITHS i Uppsala?'));
    expect(sourcesOf(answer)).toEqual(['uppsala']);
    expect(answer.context).toBeUndefined();
  });

  it('a contact cannot choose another municipality than theirs, and is told why', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg']);
    const { say } = talk(testBot, who);
    expect(await say('kommun Uppsala')).toEqual([{ kind: 'error', language: 'sv', message: texts.sv.registeredIn(['Göteborgs Stad']) }]);
    expect(await say('kommun GBG')).toMatchObject([{ kind: 'municipality-set', municipality: { id: 'goteborg' } }]);
  });

  it('a contact of two municipalities is asked once among those, and answered from both meanwhile', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg', 'orebro']);
    const { say } = talk(testBot, who);
    const first = await say(LEND_CARD);
    const choose = first.find((reply): reply is Extract<Reply, { kind: 'choose-municipality' }> => reply.kind === 'choose-municipality');
    expect(choose?.municipalities.map((municipality) => municipality.id).sort()).toEqual(['goteborg', 'orebro']);
    expect(sourcesOf(answerOf(first)).sort()).toEqual(['goteborg', 'orebro']);
    expect((await say(LEND_CARD)).map((reply) => reply.kind)).not.toContain('choose-municipality');
    // Their choice among theirs holds; one outside theirs does not.
    const theirs = knowledge.municipalities.filter((municipality) => municipality.id === 'goteborg' || municipality.id === 'orebro').map((municipality) => municipality.name);
    expect(await say('kommun Uppsala')).toMatchObject([{ kind: 'error', message: texts.sv.registeredIn(theirs) }]);
    expect(await say('Örebro')).toMatchObject([{ kind: 'municipality-set', municipality: { id: 'orebro' } }]);
    expect(sourcesOf(answerOf(await say(LEND_CARD)))).toEqual(['orebro']);
  });

  it('a guest is asked once; a name typed in any common form sets the municipality, as the menu does', async () => {
    const testBot = await openTestBot();
    const { say } = talk(testBot, person());
    expect((await say(SITHS_EDGE)).map((reply) => reply.kind)).toContain('choose-municipality');
    expect((await say(SITHS_EDGE)).map((reply) => reply.kind)).not.toContain('choose-municipality');
    for (const [typed, id] of [['GBG', 'goteborg'], ['i Gothenburg', 'goteborg'], ['Uppsala kommun', 'uppsala'], ['kommun Göteborgs stad', 'goteborg'], ['kommun i Gothenburg', 'goteborg'], ['municipality GBG', 'goteborg']] as const) {
      expect(await say(typed), typed).toMatchObject([{ kind: 'municipality-set', municipality: { id } }]);
    }
    expect(sourcesOf(answerOf(await say(SITHS_EDGE)))).toEqual(['goteborg']);
  });

  it('registration accepts the municipality in the same forms', async () => {
    const testBot = await openTestBot();
    const who = person();
    const [received] = await talk(testBot, who).press({ type: 'submit-registration', values: { municipality: 'GBG', providerName: 'Omsorg i Väst AB', orgNumber: '556036-0793', name: 'Anna Andersson', email: 'anna@omsorgivast.se', phone: '070-123 45 67' } });
    expect(received).toMatchObject({ kind: 'registration-received', request: { municipality: { id: 'goteborg' } } });
  });
});

describe('follow-ups', () => {
  it('"hur gör de andra kommunerna?" asks the last question of every other municipality, also after a restart', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg']);
    const { say } = talk(testBot, who);
    expect(await say('hur gör de andra kommunerna?')).toEqual([{ kind: 'error', language: 'sv', message: texts.sv.noPreviousQuestion }]);
    // The question is remembered with personal data masked.
    await say('Vem beställer SITHS-kort? Ring mig på 070-123 45 67.');
    const remembered = (await testBot.store.preferences.get(who.actor))?.lastQuestion;
    expect(remembered).toMatchObject({ text: expect.stringMatching(/^Vem beställer SITHS-kort\? Ring mig på 070-1/u), language: 'sv', municipalities: ['goteborg'] });
    expect(remembered?.text).not.toContain('123 45 67');
    await say('Hur beställer vi SITHS-kort?');

    const restarted = await openTestBot(testBot.dataDir);
    const others = answerOf(await talk(restarted, who).say('Hur gör de andra kommunerna?'));
    expect(others).toMatchObject({ question: 'Hur beställer vi SITHS-kort?', context: { kind: 'others' } });
    expect(others.answer.found).toBe(true);
    const answeredBy = others.answer.groups.map((group) => group.municipalityId);
    expect(answeredBy.length).toBeGreaterThan(1);
    expect(answeredBy).not.toContain('goteborg');
    // Each under its own name.
    for (const group of others.answer.groups) expect(others.answer.answer).toContain(`${group.municipalityName}: `);

    const english = answerOf(await talk(restarted, who).say('What do the other municipalities do?'));
    expect(english).toMatchObject({ language: 'en', context: { kind: 'others' } });
    expect(english.answer.language).toBe('en');
  });

  it('"hur är det i Uppsala då?" asks the last question of Uppsala', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg']);
    const { say } = talk(testBot, who);
    expect(await say('och i Uppsala då?')).toEqual([{ kind: 'error', language: 'sv', message: texts.sv.noPreviousQuestion }]);
    await say('Hur beställer vi SITHS-kort?');
    const followUp = answerOf(await say('hur är det i Uppsala då?'));
    expect(followUp).toMatchObject({ question: 'Hur beställer vi SITHS-kort?', context: { kind: 'named', asked: ['Uppsala'], followUp: true } });
    expect(sourcesOf(followUp)).toEqual(['uppsala']);
    // From a registered contact, another municipality's name alone after a question asks it there too.
    const named = answerOf(await say('Uppsala'));
    expect(named).toMatchObject({ question: 'Hur beställer vi SITHS-kort?', context: { kind: 'named', asked: ['Uppsala'], followUp: true } });
    expect((await testBot.store.preferences.get(who.actor))?.municipality).toBeNull();
  });
});

describe('"Menar du …?"', () => {
  it('answers the suggestion chosen and records the choice, masked, with the question’s terms', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg']);
    const miss = nearMiss(engine, 'goteborg');
    const { say, press } = talk(testBot, who);
    const offered = answerOf(await say(miss.question));
    expect(offered.answer).toMatchObject({ found: false, suggestions: miss.answer.suggestions });

    const chosen = miss.answer.suggestions[0]!;
    const question = `${miss.question} 19121212-1212`;
    const answered = answerOf(await press({ type: 'choose-suggestion', question, recordId: chosen.id, municipality: 'goteborg' }));
    expect(answered.answer).toMatchObject({ found: true, answerId: chosen.id, municipality: chosen.municipalityId });
    expect(answered.question).toBe(question);

    const entries = await testBot.store.feedback.list();
    expect(entries.find((entry) => entry.kind === 'unanswered')).toMatchObject({ question: miss.question, terms: miss.answer.terms, municipality: 'goteborg' });
    const choice = entries.find((entry) => entry.kind === 'suggestion')!;
    // The personnummer is in neither the question nor the terms the log keeps.
    expect(choice).toMatchObject({ answerId: chosen.id, helpful: true, municipality: 'goteborg', terms: miss.answer.terms });
    expect(choice.question).not.toContain('19121212-1212');
    expect(JSON.stringify(choice)).not.toMatch(/1212-?1212/u);
  });

  it('"Inget av dessa" leads to the ticket offer, without suggestions, and is recorded', async () => {
    const testBot = await openTestBot();
    const who = person();
    await register(testBot, who.actor, ['goteborg']);
    const miss = nearMiss(engine, 'goteborg');
    const replies = await talk(testBot, who).press({ type: 'choose-suggestion', question: miss.question, recordId: null, municipality: 'goteborg' });
    expect(answerOf(replies).answer).toMatchObject({ found: false, suggestions: [], answer: miss.answer.answer });
    expect((await testBot.store.feedback.list()).filter((entry) => entry.kind === 'suggestion')).toEqual([expect.objectContaining({ answerId: null, helpful: false })]);
  });

  it('a suggestion the knowledge base no longer has is said plainly', async () => {
    const testBot = await openTestBot();
    const replies = await talk(testBot, person()).press({ type: 'choose-suggestion', question: 'Vilken dator?', recordId: 'gbg-finns-inte', municipality: 'goteborg' }, 'en');
    expect(replies).toEqual([{ kind: 'error', language: 'en', message: texts.en.suggestionGone }]);
  });
});
