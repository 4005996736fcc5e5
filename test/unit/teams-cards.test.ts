import { describe, expect, it } from 'vitest';
import { texts, type MunicipalityChoice, type Reply } from '../../src/bot/index.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, renderReply, type AdaptiveCard } from '../../adapters/teams/index.js';
import { adaptiveCardProblems, cardActions, cardTexts, type Card } from '../support/fake-bot-connector.js';
import { bundledEngine, bundledKnowledge } from '../support/knowledge.js';

async function municipalities(): Promise<MunicipalityChoice[]> {
  return (await bundledKnowledge()).municipalities.map(({ id, name }) => ({ id, name }));
}

function cardIn(reply: Reply): Card {
  const activity = renderReply(reply);
  expect(activity.type).toBe('message');
  const attachment = activity.attachments?.[0];
  expect(attachment?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return attachment!.content as Card;
}

async function answerReply(question: string, municipality?: string): Promise<Extract<Reply, { kind: 'answer' }>> {
  const answer = (await bundledEngine()).ask(question, { municipality });
  return { kind: 'answer', language: answer.language, question, answer };
}

describe('Teams cards', () => {
  it('an answer is an Adaptive Card 1.5 with the facts, a Källa section with document, heading and quote, and the buttons', async () => {
    const reply = await answerReply('Vilken mobiltelefonmodell ska personalen ha i tjänsten?', 'goteborg');
    expect(reply.answer.found).toBe(true);
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', lang: 'sv' });
    const shown = cardTexts(card);
    expect(shown[0]).toBe('Svar för Göteborgs Stad');
    const record = reply.answer.groups[0]!.records[0]!;
    expect(shown).toContain(record.text);
    expect(shown).toContain('Källa');
    expect(shown).toContain(`${record.citation.document.sv}, ${record.citation.heading}`);
    expect(shown).toContain(`«${record.citation.quote}»`);
    const factSets = JSON.stringify(card.body).match(/"type":"FactSet"/gu) ?? [];
    expect(factSets).toHaveLength(reply.answer.sources.length);
    expect(shown).toContain('Hjälpte svaret?');

    const actions = cardActions(card);
    expect(actions.map((action) => action.title)).toEqual(['Ja', 'Nej', 'Skapa ärende']);
    expect(actions.every((action) => action.type === 'Action.Submit')).toBe(true);
    const feedback = { verb: 'feedback', question: reply.question, municipality: 'goteborg', answerId: reply.answer.answerId, lang: 'sv' };
    expect(actions[0]!.data).toEqual({ ...feedback, helpful: true });
    expect(actions[1]!.data).toEqual({ ...feedback, helpful: false });
    expect(actions[2]!.data).toEqual({ verb: 'create-ticket', question: reply.question, lang: 'sv' });
    expect(card.fallbackText).toBe(reply.answer.answer);
  });

  it('an answer from several municipalities names each, and its feedback has no single municipality', async () => {
    const reply = await answerReply('Vilka krav gäller för lösenord?');
    expect(reply.answer.groups.length).toBeGreaterThan(1);
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(texts.sv.answerForMany);
    for (const group of reply.answer.groups) expect(shown).toContain(group.municipalityName);
    expect(cardActions(card)[0]!.data).toMatchObject({ municipality: null, answerId: reply.answer.answerId });
  });

  it('an English answer is in English: "Source", "Did this help?", "Create ticket"', async () => {
    const reply = await answerReply("How will we be told when the city's systems are down?", 'goteborg');
    expect(reply.language).toBe('en');
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(card.lang).toBe('en');
    const shown = cardTexts(card);
    expect(shown).toEqual(expect.arrayContaining(['Answer for Göteborgs Stad', 'Source', 'Did this help?', 'Yes', 'No', 'Create ticket']));
  });

  it('an out-of-scope question gets a short card that says so and offers a ticket', async () => {
    const reply = await answerReply('Vem vann fotbolls-VM 2018?', 'orebro');
    expect(reply.answer.found).toBe(false);
    const card = cardIn(reply);
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([texts.sv.notFoundTitle, reply.answer.answer, texts.sv.createTicket]);
    expect(cardActions(card)).toEqual([{ type: 'Action.Submit', title: 'Skapa ärende', data: { verb: 'create-ticket', question: reply.question, lang: 'sv' } }]);
  });

  it('the welcome card says what the bot does and has the municipality menu, with the current choice selected', async () => {
    const all = await municipalities();
    const card = cardIn({ kind: 'welcome', language: 'sv', municipality: all[1]!, municipalities: all });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown).toEqual(expect.arrayContaining([texts.sv.welcomeTitle, texts.sv.welcome, texts.sv.helpTitle, `• ${texts.sv.helpLines[0]}`]));
    const menu = card.body.find((element) => element.type === 'Input.ChoiceSet');
    expect(menu).toMatchObject({ id: 'municipality', isRequired: true, value: all[1]!.id });
    expect((menu!.choices as unknown[]).length).toBe(all.length);
    expect(cardActions(card)).toEqual([{ type: 'Action.Submit', title: texts.sv.selectMunicipality, data: { verb: 'choose-municipality', lang: 'sv' } }]);
  });

  it('the choose-municipality card names an unknown municipality and lists them all', async () => {
    const all = await municipalities();
    const card = cardIn({ kind: 'choose-municipality', language: 'en', municipalities: all, unknown: 'Atlantis' });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    const shown = cardTexts(card);
    expect(shown[0]).toBe(texts.en.unknownMunicipality('Atlantis'));
    expect(shown).toContain(texts.en.chooseMunicipality);
    for (const municipality of all) expect(shown).toContain(municipality.name);
  });

  it('the help card lists what the bot can do and the current municipality', async () => {
    const card = cardIn({ kind: 'help', language: 'sv', municipality: null, municipalities: await municipalities() });
    expect(await adaptiveCardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([texts.sv.helpTitle, ...texts.sv.helpLines.map((line) => `• ${line}`), texts.sv.currentMunicipality(null)]);
  });

  it('confirmations are plain text, so quotes and asterisks show as written', async () => {
    const [first] = await municipalities();
    expect(renderReply({ kind: 'municipality-set', language: 'sv', municipality: first! })).toEqual({ type: 'message', text: texts.sv.municipalitySet(first!), textFormat: 'plain', locale: 'sv-SE' });
    expect(renderReply({ kind: 'feedback-recorded', language: 'en', helpful: false })).toMatchObject({ text: texts.en.feedbackThanks(false), locale: 'en-US' });
    expect(renderReply({ kind: 'coming-soon', language: 'sv', feature: 'tickets' })).toMatchObject({ text: texts.sv.comingSoon.tickets });
  });

  it('the card check catches what Teams would not render (so the checks above can fail)', async () => {
    const valid = adaptiveCard({ body: [{ type: 'TextBlock', text: 'Hej' }] });
    expect(await adaptiveCardProblems(valid)).toEqual([]);
    const broken = {
      ...valid,
      body: [{ type: 'TextBlock', text: 'Hej', weight: 'bold' }, { type: 'Bogus' }, { type: 'Input.ChoiceSet', choices: [] }],
    } as unknown as AdaptiveCard;
    const problems = await adaptiveCardProblems(broken);
    expect(problems.some((problem) => problem.startsWith('schema:') && problem.includes('weight'))).toBe(true);
    expect(problems.some((problem) => problem.includes('Unknown element type "Bogus"'))).toBe(true);
    expect(await adaptiveCardProblems({ ...valid, version: '1.6' })).toContain('version: expected "1.5", got "1.6"');
  });
});
