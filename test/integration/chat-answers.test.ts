import { describe, expect, it } from 'vitest';
import { texts, type KnowledgeGap } from '../../src/bot/index.js';
import { runBin } from '../support/cli.js';
import { bundledEngine } from '../support/knowledge.js';
import { nearMiss } from '../support/near-miss.js';
import { temporaryDataDir } from '../support/server.js';

/**
 * The terminal chat (`itkontakt chat`, a real process) with "Menar du …?" as numbered choices, and
 * `itkontakt kb gaps` showing the unanswered questions grouped by the terms they were understood by,
 * with the choice the asker made.
 */
describe('the terminal chat, and kb gaps by terms', () => {
  it('says "du frågade om", answers for the others, lists "Menar du …?" numbered and answers the number; kb gaps groups by terms and shows the choice', { timeout: 60_000 }, async () => {
    const engine = await bundledEngine();
    const miss = nearMiss(engine, 'goteborg');
    const chosen = miss.answer.suggestions[0]!;
    const dataDir = await temporaryDataDir();
    const env = { DATA_DIR: dataDir };
    // Two wordings of one out-of-scope question, a question about Uppsala and how the others do it,
    // then the near miss and its first suggestion.
    const uppsala = 'Hur loggar man in med SITHS i Uppsala?';
    const input = ['kommun Göteborg', 'Vad blir det till lunch?', 'Lunch, vad blir det?', uppsala, 'hur gör de andra kommunerna?', miss.question, '1', 'ja', 'avsluta', ''].join('\n');
    const chat = await runBin(['chat'], { env, input });
    expect(chat.code, chat.stderr).toBe(0);

    expect(chat.stdout).toContain(`${texts.sv.answerFor('Uppsala kommun')} ${texts.sv.askedAbout(['Uppsala'])}\n`);
    expect(chat.stdout).toContain(`${texts.sv.othersTitle}\n${texts.sv.yourQuestion(uppsala)}\n`);

    const numbered = [...miss.answer.suggestions.map((suggestion) => suggestion.label), texts.sv.noneOfThese].map((label, index) => `  ${index + 1}. ${label}`);
    expect(chat.stdout).toContain([texts.sv.didYouMean, ...numbered, texts.sv.typeNumber].join('\n'));
    // "1" answered the first suggestion, with its source, and took "ja" as feedback on it.
    const expected = engine.answerRecord(chosen.id, 'sv')!;
    const after = chat.stdout.slice(chat.stdout.indexOf(texts.sv.typeNumber));
    expect(after).toContain(expected.groups[0]!.records[0]!.text);
    expect(after).toContain(`«${expected.groups[0]!.records[0]!.citation.quote}»`);
    expect(after).toContain(texts.sv.feedbackThanks(true));

    const json = await runBin(['kb', 'gaps', '--municipality', 'goteborg', '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    const gaps = JSON.parse(json.stdout) as KnowledgeGap[];
    expect(gaps.find((gap) => gap.subject === 'lunch')).toMatchObject({ kind: 'unanswered', terms: ['lunch'], count: 2, examples: ['Vad blir det till lunch?', 'Lunch, vad blir det?'], chosen: [] });
    const missed = gaps.find((gap) => gap.examples.includes(miss.question))!;
    expect(missed).toMatchObject({ kind: 'unanswered', count: 1, chosen: [{ answerId: chosen.id, count: 1 }] });
    expect(missed.terms.length).toBeGreaterThan(0);

    const text = await runBin(['kb', 'gaps', '--municipality', 'goteborg'], { env });
    expect(text.stdout).toMatch(/^\s+2 {2}utan svar {5}sökord: lunch\n\s+t\.ex\. "Vad blir det till lunch\?"\n\s+t\.ex\. "Lunch, vad blir det\?"$/mu);
    expect(text.stdout).toContain(`sökord: ${missed.subject}`);
    expect(text.stdout).toContain(`valde: ${chosen.id} (1)`);
  });
});
