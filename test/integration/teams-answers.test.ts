import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../src/contacts/index.js';
import { texts } from '../../src/bot/index.js';
import type { AnswerEngine, KnowledgeBase } from '../../src/knowledge/index.js';
import { runCliInProcess } from '../support/cli.js';
import {
  TEST_TENANT,
  cardActions,
  cardOf,
  cardTexts,
  exchange,
  messageActivity,
  personalChat,
  startFakeBotConnector,
  submitActivity,
  testUser,
  type Card,
  type FakeBotConnector,
  type RecordedActivity,
} from '../support/fake-bot-connector.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';
import { nearMiss } from '../support/near-miss.js';
import { startTestServer, temporaryDataDir, type TestServer } from '../support/server.js';

/**
 * Issue 15 in Teams, over real HTTP on loopback against the fake Bot Connector: a registered
 * Göteborg IT-contact is answered from Göteborg's requirements only and never asked which
 * municipality; a question naming Uppsala is answered from Uppsala's and says so; "hur gör de andra
 * kommunerna?" answers the last question from the others; a near miss offers "Menar du …?".
 */

let connector: FakeBotConnector;
let server: TestServer;
let engine: AnswerEngine;
let knowledge: KnowledgeBase;
const contact = testUser('Greta Göransson');
const chat = personalChat(contact);

beforeAll(async () => {
  [connector, engine, knowledge] = await Promise.all([startFakeBotConnector(), bundledEngine(), bundledKnowledge()]);
  const dataDir = await temporaryDataDir();
  const added = await runCliInProcess(
    ['contacts', 'add', '--municipality', 'goteborg', '--provider', 'Omsorg i Väst AB', '--org-number', '556036-0793', '--name', 'Greta Göransson', '--email', 'greta@omsorgivast.se', '--phone', '070-123 45 67', '--teams-user', contact.aadObjectId, '--teams-tenant', TEST_TENANT],
    { DATA_DIR: dataDir },
  );
  expect(added.code, added.stderr).toBe(0);
  server = await startTestServer({}, dataDir);
});

afterEach(() => {
  // Every card the bot sent validated against Adaptive Cards 1.5.
  expect(connector.received.flatMap((item) => item.cardProblems)).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
  await connector?.close();
});

const say = (text: string): Promise<RecordedActivity[]> => exchange(connector, server.url, chat, messageActivity(connector.serviceUrl, contact, chat, text));
const press = (data: Record<string, unknown>): Promise<RecordedActivity[]> => exchange(connector, server.url, chat, submitActivity(connector.serviceUrl, contact, chat, data));
const messages = (activities: RecordedActivity[]): RecordedActivity[] => activities.filter((item) => item.activity.type === 'message');

/** The one card the bot answered with (and nothing else: no municipality question). */
function onlyCard(activities: RecordedActivity[]): Card {
  const sent = messages(activities);
  expect(sent).toHaveLength(1);
  return cardOf(sent[0]!);
}

/** The municipalities whose sources a card quotes: the titles of its Källa facts. */
function quotedMunicipalities(card: Card): string[] {
  const names = new Set(knowledge.municipalities.map((municipality) => municipality.name));
  const titles: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'FactSet') for (const fact of record.facts as Array<{ title: string }>) if (names.has(fact.title)) titles.push(fact.title);
    for (const value of Object.values(record)) visit(value);
  };
  visit(card.body);
  return [...new Set(titles)];
}

const nameOf = (id: string): string => knowledge.municipalities.find((municipality) => municipality.id === id)!.name;

async function storedFeedback(): Promise<FeedbackEntry[]> {
  return (JSON.parse(await readFile(join(server.dataDir, 'itkontakt.json'), 'utf8')) as { feedback: FeedbackEntry[] }).feedback;
}

describe('answers in Teams follow the registered IT-contact', () => {
  it('a Göteborg IT-contact asking about SITHS in Edge gets Göteborg’s answer only, and no municipality question', async () => {
    const question = 'Hur loggar man in med SITHS i Edge?';
    // Without a municipality, other municipalities' SITHS routines would come too.
    expect(new Set(engine.ask(question).groups.map((group) => group.municipalityId)).size).toBeGreaterThan(1);
    const card = onlyCard(await say(question));
    expect(card.body.some((element) => element.type === 'Input.ChoiceSet')).toBe(false);
    expect(cardTexts(card)[0]).toBe(texts.sv.answerFor('Göteborgs Stad'));
    expect(quotedMunicipalities(card)).toEqual(['Göteborgs Stad']);
    expect(cardActions(card)[0]!.data).toMatchObject({ verb: 'feedback', municipality: 'goteborg' });
  });

  it('the same contact naming Uppsala gets Uppsala’s answer, with "du frågade om Uppsala"', async () => {
    const card = onlyCard(await say('Hur loggar man in med SITHS i Uppsala?'));
    expect(cardTexts(card)[0]).toBe(`${texts.sv.answerFor('Uppsala kommun')} ${texts.sv.askedAbout(['Uppsala'])}`);
    expect(cardTexts(card)[0]).toBe('Svar för Uppsala kommun (du frågade om Uppsala)');
    expect(quotedMunicipalities(card)).toEqual(['Uppsala kommun']);
  });

  it('"hur gör de andra kommunerna?" answers the last question from the others, each under its own name', async () => {
    const question = 'Hur beställer vi SITHS-kort?';
    expect(quotedMunicipalities(onlyCard(await say(question)))).toEqual(['Göteborgs Stad']);
    const card = onlyCard(await say('Hur gör de andra kommunerna?'));
    const shown = cardTexts(card);
    expect(shown.slice(0, 2)).toEqual([texts.sv.othersTitle, texts.sv.yourQuestion(question)]);
    const expected = engine.ask(question, { municipalities: knowledge.municipalities.map((municipality) => municipality.id).filter((id) => id !== 'goteborg'), language: 'sv' });
    const others = expected.groups.map((group) => group.municipalityName);
    expect(others.length).toBeGreaterThan(1);
    // Each municipality's answer under its name, and its sources quoted; Göteborg's not among them.
    expect(shown).toEqual(expect.arrayContaining(others));
    expect(quotedMunicipalities(card).sort()).toEqual([...others].sort());
    expect(shown).not.toContain(nameOf('goteborg'));
  });

  it('a near miss offers "Menar du …?" as buttons; pressing one answers that record and the choice is recorded', async () => {
    const miss = nearMiss(engine, 'goteborg');
    const card = onlyCard(await say(miss.question));
    const shown = cardTexts(card);
    expect(shown.slice(0, 2)).toEqual([texts.sv.notFoundTitle, miss.answer.answer]);
    expect(shown).toContain(texts.sv.didYouMean);
    const buttons = cardActions(card);
    expect(buttons.map((button) => button.title)).toEqual([...miss.answer.suggestions.map((suggestion) => suggestion.label), texts.sv.noneOfThese]);
    expect(buttons.every((button) => button.type === 'Action.Submit')).toBe(true);
    expect(buttons[0]!.data).toEqual({ verb: 'choose-suggestion', question: miss.question, recordId: miss.answer.suggestions[0]!.id, municipality: 'goteborg', lang: 'sv' });
    expect(buttons.at(-1)!.data).toMatchObject({ verb: 'choose-suggestion', recordId: null });

    const chosen = miss.answer.suggestions[0]!;
    const answered = onlyCard(await press(buttons[0]!.data));
    const expected = engine.answerRecord(chosen.id, 'sv')!;
    expect(cardTexts(answered)[0]).toBe(texts.sv.answerFor(nameOf(chosen.municipalityId)));
    expect(cardTexts(answered)).toContain(`«${expected.groups[0]!.records[0]!.citation.quote}»`);
    // The normal answer card: feedback about the chosen record, for the question asked.
    expect(cardActions(answered).map((action) => action.title)).toEqual(['Ja', 'Nej', 'Skapa ärende']);
    expect(cardActions(answered)[0]!.data).toEqual({ verb: 'feedback', helpful: true, question: miss.question, municipality: chosen.municipalityId, answerId: chosen.id, lang: 'sv' });
    expect((await storedFeedback()).filter((entry) => entry.kind === 'suggestion')).toEqual([
      { kind: 'suggestion', at: expect.any(String), platform: 'teams', helpful: true, question: miss.question, municipality: 'goteborg', answerId: chosen.id, terms: miss.answer.terms },
    ]);

    // "Inget av dessa": the not-found card with its ticket button, as for any question without an answer.
    const none = onlyCard(await press(buttons.at(-1)!.data));
    expect(cardTexts(none)).toEqual([texts.sv.notFoundTitle, miss.answer.answer, texts.sv.createTicket]);
    expect(cardActions(none)[0]!.data).toEqual({ verb: 'create-ticket', question: miss.question, lang: 'sv' });
  });
});

describe('answers in Teams understand questions written as people write them', () => {
  /** The quotes a card shows, each «…», and whether each stands verbatim in Göteborg's source. */
  async function quotes(card: Card): Promise<string[]> {
    const found = cardTexts(card)
      .filter((text) => text.startsWith('«') && text.endsWith('»'))
      .map((text) => text.slice(1, -1));
    const source = knowledge.municipalities.find((municipality) => municipality.id === 'goteborg')!.document.text.replace(/\s+/gu, ' ');
    for (const quote of found) expect(source).toContain(quote);
    return found;
  }

  it('typed without å-ä-ö and with a typo, the Göteborg contact gets the lost-phone rule, quoted', async () => {
    const card = onlyCard(await say('vad gor vi om nagon tappat bort jobbtelefonen, vem ska vi kontakat?'));
    expect(quotedMunicipalities(card)).toEqual(['Göteborgs Stad']);
    expect((await quotes(card)).join(' ')).toMatch(/stulen eller tappas bort/u);
  });

  it('an English question is answered in English, with the Swedish quote', async () => {
    const card = onlyCard(await say('How long must the PIN code on the work phone be?'));
    expect(cardTexts(card)[0]).toBe(texts.en.answerFor('Göteborgs Stad'));
    expect(cardTexts(card).join(' ')).toMatch(/four|4/u);
    expect((await quotes(card)).join(' ')).toMatch(/pinkod på minst fyra siffror/u);
  });

  it('a five-sentence message ending in a question gets the answer to its question', async () => {
    const message =
      'Hej! Jag heter Greta och är ny som IT-kontakt hos oss. Vi har tolv medarbetare i hemtjänsten. ' +
      'Hittills har alla delat på en gemensam mobil under passen. Nu ska vi byta till en ny telefon. ' +
      'Vad måste vi göra med den gamla mobilen innan någon annan får den?';
    const card = onlyCard(await say(message));
    expect(quotedMunicipalities(card)).toEqual(['Göteborgs Stad']);
    expect((await quotes(card)).join(' ')).toMatch(/fabriksinställningar/u);
  });

  it('a question that no document covers is declined with the ticket offer', async () => {
    const card = onlyCard(await say('Hur många semesterdagar har en undersköterska rätt till?'));
    expect(cardTexts(card)[0]).toBe(texts.sv.notFoundTitle);
    expect(cardActions(card).map((action) => action.title)).toContain(texts.sv.createTicket);
    expect(quotedMunicipalities(card)).toEqual([]);
  });
});
