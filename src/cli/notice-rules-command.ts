import type { NoticeRules, RuleOrigin } from '../knowledge/index.js';
import { EXIT_OK, UsageError, parseMunicipality, write, type Command } from './command.js';

/** A rule's origin as JSON: the document with its source, or the bot's default. */
function originJson(origin: RuleOrigin): Record<string, unknown> {
  return origin.from === 'default' ? { from: 'default' } : { from: 'document', file: origin.citation.file, heading: origin.citation.heading, quote: origin.citation.quote };
}

function rulesJson(rules: NoticeRules): Record<string, unknown> {
  const block = <T extends { readonly origin: Readonly<Record<string, RuleOrigin>> }>(values: T): Record<string, unknown> => {
    const { origin, ...rest } = values;
    return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, { value, ...originJson(origin[key]!) }]));
  };
  return { municipality: rules.municipalityId, planned: block(rules.planned), disruption: block(rules.disruption) };
}

/**
 * `notices rules`: the notice rules in force in a municipality, each marked as its document's (with
 * the source) or the bot's default, so staff can see what their municipality has not decided.
 */
export const noticeRulesCommand: Command = {
  name: 'notices rules',
  help: (t) => t.commands['notices rules'],
  options: { municipality: { type: 'string', short: 'm' }, json: { type: 'boolean' } },
  async run(args, runtime) {
    const config = runtime.loadConfig();
    const knowledge = await runtime.loadKnowledge(config.knowledgeDir);
    const municipality = parseMunicipality(args.values.municipality, knowledge);
    if (!municipality) throw new UsageError((t) => t.usage.municipalityToChoose(knowledge.municipalities.map((candidate) => candidate.id)));
    const rules = knowledge.noticeRules.find((candidate) => candidate.municipalityId === municipality)!;
    if (args.values.json) {
      write(runtime.stdout, JSON.stringify(rulesJson(rules)));
      return EXIT_OK;
    }
    // The bot words the rules; loaded only here, so the other notice commands do without it.
    const { noticeRuleSections, noticeRulesTitle } = await import('../bot/index.js');
    const name = knowledge.municipalities.find((candidate) => candidate.id === municipality)!.name;
    const sections = noticeRuleSections(rules, runtime.language).flatMap((section) => ['', section.heading, ...section.lines.flatMap((line) => [`  • ${line.rule}`, `    ${line.origin}`])]);
    write(runtime.stdout, [`${noticeRulesTitle(name, runtime.language)}:`, ...sections].join('\n'));
    return EXIT_OK;
  },
};
