// The console adapter and the bot are imported where a command uses them, so that `ask --json`
// loads neither.
import type { KnowledgeGap } from '../bot/index.js';
import { formatIssue, loadKnowledgeBase, type KnowledgeNote } from '../knowledge/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, openEngine, parseLanguage, parseMunicipality, write, type Command } from './command.js';
import { reportTexts, type ReportTexts } from './report-texts.js';
import { cliTexts } from './texts.js';

/** serve, ask, chat and kb check: running the bot and asking it. */
export const botCommands: readonly Command[] = [
  {
    name: 'serve',
    help: (t) => t.commands.serve,
    options: {},
    async run(_args, runtime) {
      const config = runtime.loadConfig();
      const logger = runtime.createLogger(config);
      const running = await runtime.serve(config, logger);
      await new Promise<void>((resolve) => {
        runtime.onShutdownSignal(async (signal) => {
          logger.info({ signal }, 'shutting down');
          await running.stop();
          logger.info('stopped');
          resolve();
        });
      });
      return EXIT_OK;
    },
  },
  {
    name: 'ask',
    help: (t) => t.commands.ask,
    options: {
      municipality: { type: 'string', short: 'm' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      explain: { type: 'boolean' },
    },
    async run({ values, positionals }, runtime) {
      const question = positionals.join(' ').trim();
      if (!question) throw new UsageError((t) => t.usage.question);
      const language = parseLanguage(values.lang);
      const config = runtime.loadConfig();
      const engine = await openEngine(runtime, config);
      const knowledge = engine.knowledge;
      const municipality = parseMunicipality(values.municipality, knowledge);
      if (values.explain) {
        write(runtime.stdout, JSON.stringify(engine.engine.explain(question, { municipality }), null, 2));
        return EXIT_OK;
      }
      const answer = engine.engine.ask(question, { municipality, language });
      if (values.json) {
        const { found, municipality: applied, language: answeredIn, answer: text, sources } = answer;
        write(runtime.stdout, JSON.stringify({ found, municipality: applied, language: answeredIn, answer: text, sources }));
      } else {
        const { renderAnswerText } = await import('../../adapters/console/index.js');
        write(runtime.stdout, renderAnswerText(answer));
      }
      return EXIT_OK;
    },
  },
  {
    name: 'chat',
    help: (t) => t.commands.chat,
    options: { municipality: { type: 'string', short: 'm' } },
    async run({ values }, runtime) {
      const config = runtime.loadConfig();
      const logger = runtime.createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, runtime.stderr);
      const { runConsoleChat } = await import('../../adapters/console/index.js');
      const itkontakt = await runtime.openItkontakt(config, logger);
      const municipality = parseMunicipality(values.municipality, itkontakt.knowledge);
      await runConsoleChat({ bot: itkontakt.bot, input: runtime.stdin, output: runtime.stdout, municipality, language: runtime.language });
      await itkontakt.close();
      return EXIT_OK;
    },
  },
  {
    name: 'kb check',
    help: (t) => t.commands['kb check'],
    options: { json: { type: 'boolean' } },
    async run({ values }, runtime) {
      const config = runtime.loadConfig();
      const result = await loadKnowledgeBase(config.knowledgeDir);
      if (values.json) {
        write(
          runtime.stdout,
          JSON.stringify(
            result.ok
              ? { ok: true, records: result.knowledge.records.length, municipalities: result.knowledge.municipalities.map((m) => m.id), issues: [], notes: result.notes }
              : { ok: false, issues: result.issues },
          ),
        );
        return result.ok ? EXIT_OK : EXIT_FAILURE;
      }
      if (!result.ok) {
        write(runtime.stderr, `${cliTexts[runtime.language].kb.invalid(config.knowledgeDir, result.issues.length)}\n${result.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
        return EXIT_FAILURE;
      }
      const { knowledge } = result;
      const r = reportTexts[runtime.language].kb;
      const lines = knowledge.municipalities.map((municipality) => {
        const count = knowledge.records.filter((record) => record.municipalityId === municipality.id).length;
        return `  ${municipality.id.padEnd(10)} ${String(count).padStart(4)} ${r.records}  ${municipality.document.file}`;
      });
      write(runtime.stdout, [r.ok(knowledge.records.length, knowledge.municipalities.length, knowledge.systems.length, knowledge.glossary.length), ...lines].join('\n'));
      if (result.notes.length > 0) write(runtime.stdout, noteLines(result.notes, r).join('\n'));
      return EXIT_OK;
    },
  },
  {
    name: 'kb gaps',
    help: (t) => t.commands['kb gaps'],
    options: { municipality: { type: 'string', short: 'm' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const config = runtime.loadConfig();
      const app = await runtime.openServices(config, runtime.createLogger({ ...config, logLevel: 'warn' }, runtime.stderr));
      const municipality = parseMunicipality(args.values.municipality, app.knowledge);
      const { knowledgeGaps } = await import('../bot/index.js');
      const gaps = knowledgeGaps(await app.store.feedback.list(), municipality);
      if (args.values.json) {
        write(runtime.stdout, JSON.stringify(gaps));
      } else if (gaps.length === 0) {
        write(runtime.stdout, reportTexts[runtime.language].kb.noGaps);
      } else {
        for (const gap of gaps) write(runtime.stdout, gapLines(gap, reportTexts[runtime.language].kb).join('\n'));
      }
      return EXIT_OK;
    },
  },
];

/**
 * One gap for a person: how often, what kind, what it is about (the terms of unanswered questions,
 * or the answer that did not help), then a few of the questions and what askers chose from
 * "Menar du …?".
 */
function gapLines(gap: KnowledgeGap, r: ReportTexts['kb']): string[] {
  const indent = ' '.repeat(22);
  const subject = gap.terms.length > 0 ? r.terms(gap.subject) : gap.subject;
  const lines = [`${String(gap.count).padStart(4)}  ${r.gapKind[gap.kind]}  ${subject}`];
  if (gap.kind === 'not-helpful' || gap.terms.length > 0) lines.push(...gap.examples.map((example) => `${indent}${r.example(example)}`));
  if (gap.chosen.length > 0) lines.push(`${indent}${r.chose(gap.chosen.map((choice) => `${choice.answerId ?? r.noneOfThese} (${choice.count})`).join(', '))}`);
  return lines;
}

const NOTE_KINDS: ReadonlyArray<KnowledgeNote['kind']> = ['assumption', 'no-destination', 'ordered-elsewhere'];

/** What each municipality must confirm before go-live, grouped by kind: not errors, so kb check still passes. */
function noteLines(notes: readonly KnowledgeNote[], r: ReportTexts['kb']): string[] {
  return NOTE_KINDS.flatMap((kind) => {
    const ofKind = notes.filter((note) => note.kind === kind);
    return ofKind.length === 0 ? [] : ['', r.notes[kind], ...ofKind.map((note) => `  ${formatIssue(note)}`)];
  });
}
