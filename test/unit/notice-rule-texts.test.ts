import { describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/slack/index.js';
import { noticeRuleSections, noticeRulesTitle, type Reply } from '../../src/bot/index.js';
import { bundledKnowledge } from '../support/knowledge.js';
import { PLANNED, expectWithinSlackLimits, readable } from './slack-notice-fixtures.js';

async function rulesOf(municipality: string) {
  return (await bundledKnowledge()).noticeRules.find((rules) => rules.municipalityId === municipality)!;
}

describe('the notice rules in force, worded', () => {
  it('in English, with the document’s rules cited and the defaults said to be the bot’s', async () => {
    const [planned, disruption] = noticeRuleSections(await rulesOf('goteborg'), 'en');
    expect(planned!.heading).toBe('Planned outages');
    expect(planned!.lines.map((line) => [line.rule, line.from])).toEqual([
      ['Announced at least 10 days before the start.', 'document'],
      ['Placed preferably Sundays 08:00–15:00 (Swedish time).', 'document'],
      ['Sent to the IT contacts by chat and email (not SMS).', 'default'],
      ['Reminder 24 and 1 hours before the start.', 'default'],
    ]);
    expect(planned!.lines[0]!.origin).toBe('Source: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Planerade driftstopp');
    expect(planned!.lines[2]!.origin).toBe('The bot’s default, not the municipality’s rule');
    expect(disruption!.lines).toEqual([{ rule: 'Sent to the IT contacts by SMS and email.', from: 'document', origin: expect.stringMatching(/^Source: Göteborgs Stad, .*Driftstörningar$/u) }]);
  });

  it('limited to one kind of notice for a preview', async () => {
    const sections = noticeRuleSections(await rulesOf('vellinge'), 'sv', 'disruption');
    expect(sections).toEqual([{ heading: 'Driftstörningar', lines: [{ rule: 'Går till IT-kontaktpersonerna via chatt och e-post (inte sms).', from: 'default', origin: 'Botens standard, inte kommunens regel' }] }]);
  });

  it('rendered in the Slack preview, each rule with its origin', async () => {
    const lines = noticeRuleSections(await rulesOf('goteborg'), 'sv', 'planned').flatMap((section) => section.lines);
    const reply: Reply = { kind: 'notice-preview', language: 'sv', notice: PLANNED, violations: [], needsReason: false, recipients: 3, rules: { title: noticeRulesTitle('Göteborgs Stad', 'sv'), lines } };
    const { blocks } = renderReply(reply);
    expectWithinSlackLimits(blocks);
    expect(readable(blocks)).toContain('*Regler i kraft för Göteborgs Stad*\n• Meddelas minst 10 dagar före start.\n    _Källa: Göteborgs Stad, Bilaga: IT-system och appar (hemtjänst), Planerade driftstopp_');
    expect(readable(blocks)).toContain('• Påminnelse 24 och 1 timmar före start.\n    _Botens standard, inte kommunens regel_');
  });
});
