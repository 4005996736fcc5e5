import { fieldErrorTexts, refusalTexts, wordFieldErrors } from '../bot/index.js';
import { operatorPrincipal } from '../contacts/index.js';
import { currentState, formatWindow, noticeForFeed, stateLabels, type DisruptionState, type Notice, type NoticeKind, type NoticeOutcome } from '../notices/index.js';
import type { Services } from '../app/index.js';
import type { Language } from '../knowledge/index.js';
import { formatStockholm, parseStockholmDateTime } from '../time/index.js';
import { noticeRulesCommand } from './notice-rules-command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, fieldErrorLines, openServicesFor, parseMunicipality, stringOption, whenSent, write, type Command, type ParsedArgs, type Runtime } from './command.js';
import { reportTexts } from './report-texts.js';
import { cliTexts, type CliTexts } from './texts.js';

/** "2026-12-13 08:00" (Stockholm time) or an ISO 8601 instant with offset. */
function parseWhen(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const instant = parseStockholmDateTime(value) ?? (/(?:Z|[+-]\d{2}:\d{2})$/u.test(value) ? new Date(value) : undefined);
  if (!instant || Number.isNaN(instant.getTime())) {
    // Written right, but no such moment in Sweden: a date like 30 February, or an hour skipped when the clocks go forward.
    if (/^\d{4}-\d{2}-\d{2}[ T]\d{1,2}[:.]\d{2}$/u.test(value.trim())) throw new UsageError((t) => t.notices.noSuchTime(flag, value));
    throw new UsageError((t) => t.notices.time(flag, value));
  }
  return instant;
}

/** The flag that sets a field the service found wrong, so the message says what to change. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = { text: '--text', reason: '--reason', title: '--title', description: '--description', impact: '--impact', state: '--state', system: '--systems', systems: '--systems', municipality: '--municipality', kind: '--kind', start: '--start', end: '--end' };

function print(runtime: Runtime, args: ParsedArgs, result: NoticeOutcome<Notice>, now: Date, options: { queue?: { readonly queued: number; readonly sending: string } | undefined } = {}): number {
  if (!result.ok) {
    // What was refused, in the command line's language, worded by the bot's catalogue.
    const message = refusalTexts[runtime.language].notice(result.reason, result.errors);
    const errors = result.code === 'invalid' ? wordFieldErrors(result.errors, runtime.language) : [{ field: 'id', message }];
    if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: false, errors }));
    else if (result.code === 'invalid') write(runtime.stderr, fieldErrorLines(errors, FLAG_OF_FIELD).join('\n'));
    else write(runtime.stderr, message);
    return EXIT_FAILURE;
  }
  const notice = result.value;
  const { queue } = options;
  if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: true, notice: staffView(notice, now), ...(queue ? { queued: queue.queued } : {}) }));
  else {
    const r = reportTexts[runtime.language].notices;
    write(runtime.stdout, summary(notice, now, runtime.language));
    // Only the server sends (it holds the chat connections and the rate limits); its heartbeat says whether it runs.
    if (queue?.queued === 0) write(runtime.stdout, r.noneQueued(notice.id));
    else if (queue) write(runtime.stdout, r.queued(queue.queued, queue.sending, notice.id));
  }
  return EXIT_OK;
}

/** What staff see of a notice as JSON: the public feed's fields, and who wrote it and why it broke a rule. */
function staffView(notice: Notice, now: Date): Record<string, unknown> {
  return { ...noticeForFeed(notice, now), municipality: notice.municipality, createdBy: notice.createdBy, exceptionReason: notice.exception?.reason ?? null };
}

function stateLabel(notice: Notice, now: Date, language: Language): string {
  return stateLabels(currentState(notice, now))?.[language] ?? reportTexts[language].notices.draft;
}

function summary(notice: Notice, now: Date, language: Language): string {
  const window = notice.window ? ` ${formatWindow(notice.window)}` : '';
  return `${notice.id}\t${stateLabel(notice, now, language)}\t${reportTexts[language].notices.kindShort[notice.kind]}${window}\t${notice.title}`;
}

/** `notices show`: the whole notice as staff need it. */
function details(notice: Notice, now: Date, language: Language): string {
  const r = reportTexts[language].notices;
  const lines = [
    `${notice.id} (${notice.municipality}): ${notice.title}`,
    `  ${r.status}: ${stateLabel(notice, now, language)}, ${r.kindLong[notice.kind]}`,
    ...(notice.window ? [`  ${r.window}: ${formatWindow(notice.window)}`] : []),
    `  ${r.systems}: ${notice.systems.join(', ')}`,
    `  ${r.description}: ${notice.description || '–'}`,
    `  ${r.impact}: ${notice.impact || '–'}`,
    ...(notice.exception ? [`  ${r.exception}: ${notice.exception.reason}`] : []),
    `  ${r.createdBy(notice.createdBy)}${notice.publishedAt ? r.published(formatStockholm(new Date(notice.publishedAt))) : r.notPublished}`,
  ];
  if (notice.updates.length > 0) {
    lines.push(`  ${r.updates}`);
    for (const update of notice.updates) lines.push(`    ${formatStockholm(new Date(update.at))}  ${update.text}`);
  }
  return lines.join('\n');
}

const json = { json: { type: 'boolean' } } as const;

const NOTICE_ID_MISSING = (t: CliTexts): string => t.usage.idMissing('notices list');

/** What a notice's change queued, and who sends it, for `print`. */
async function queueOf(app: Services, runtime: Runtime, result: NoticeOutcome<Notice>): Promise<{ readonly queued: number; readonly sending: string } | undefined> {
  return result.ok ? { queued: app.notices.queuedBy(result.value.id), sending: await whenSent(app, reportTexts[runtime.language]) } : undefined;
}

/** notices create|publish|update|cancel|resolve|list|show|report. */
export const noticeCommands: readonly Command[] = [
  {
    name: 'notices create',
    help: (t) => t.commands['notices create'],
    options: { municipality: { type: 'string', short: 'm' }, kind: { type: 'string' }, title: { type: 'string' }, systems: { type: 'string' }, description: { type: 'string' }, impact: { type: 'string' }, start: { type: 'string' }, end: { type: 'string' }, ...json },
    async run(args, runtime) {
      const kind = stringOption(args, 'kind');
      if (kind !== 'planned' && kind !== 'disruption') throw new UsageError((t) => t.notices.kind);
      if (!stringOption(args, 'municipality')) throw new UsageError((t) => t.usage.municipalityMissing);
      const start = parseWhen(stringOption(args, 'start'), '--start');
      const end = parseWhen(stringOption(args, 'end'), '--end');
      const app = await openServicesFor(runtime);
      const municipality = parseMunicipality(args.values.municipality, app.knowledge)!;
      const result = await app.notices.create(operatorPrincipal(runtime.operator), {
        municipality,
        kind: kind as NoticeKind,
        title: stringOption(args, 'title') ?? '',
        systems: (stringOption(args, 'systems') ?? '').split(',').map((system) => system.trim()).filter(Boolean),
        description: stringOption(args, 'description') ?? '',
        impact: stringOption(args, 'impact') ?? '',
        window: start && end ? { start, end } : undefined,
      });
      const code = print(runtime, args, result, app.now());
      if (result.ok && !args.values.json) {
        for (const violation of app.notices.violations(result.value)) write(runtime.stderr, cliTexts[runtime.language].notices.breaksRule(fieldErrorTexts[runtime.language].violation(violation)));
      }
      return code;
    },
  },
  {
    name: 'notices publish',
    help: (t) => t.commands['notices publish'],
    options: { reason: { type: 'string' }, ...json },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError(NOTICE_ID_MISSING);
      const app = await openServicesFor(runtime);
      const result = await app.notices.publish(operatorPrincipal(runtime.operator), id, stringOption(args, 'reason'));
      return print(runtime, args, result, app.now(), { queue: await queueOf(app, runtime, result) });
    },
  },
  {
    name: 'notices update',
    help: (t) => t.commands['notices update'],
    options: { text: { type: 'string' }, state: { type: 'string' }, correct: { type: 'boolean' }, title: { type: 'string' }, description: { type: 'string' }, impact: { type: 'string' }, ...json },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError(NOTICE_ID_MISSING);
      const app = await openServicesFor(runtime);
      const principal = operatorPrincipal(runtime.operator);
      const result = args.values.correct
        ? await app.notices.correct(principal, id, { title: stringOption(args, 'title'), description: stringOption(args, 'description'), impact: stringOption(args, 'impact') })
        : await app.notices.update(principal, id, { text: stringOption(args, 'text') ?? '', state: stringOption(args, 'state') as DisruptionState | undefined });
      return print(runtime, args, result, app.now(), { queue: await queueOf(app, runtime, result) });
    },
  },
  {
    name: 'notices cancel',
    help: (t) => t.commands['notices cancel'],
    options: { reason: { type: 'string' }, ...json },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError(NOTICE_ID_MISSING);
      const app = await openServicesFor(runtime);
      const result = await app.notices.cancel(operatorPrincipal(runtime.operator), id, stringOption(args, 'reason') ?? '');
      return print(runtime, args, result, app.now(), { queue: await queueOf(app, runtime, result) });
    },
  },
  {
    name: 'notices resolve',
    help: (t) => t.commands['notices resolve'],
    options: { text: { type: 'string' }, ...json },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError(NOTICE_ID_MISSING);
      const app = await openServicesFor(runtime);
      const result = await app.notices.resolve(operatorPrincipal(runtime.operator), id, stringOption(args, 'text') ?? '');
      return print(runtime, args, result, app.now(), { queue: await queueOf(app, runtime, result) });
    },
  },
  {
    name: 'notices list',
    help: (t) => t.commands['notices list'],
    options: { municipality: { type: 'string', short: 'm' }, ...json },
    async run(args, runtime) {
      const app = await openServicesFor(runtime);
      const now = app.now();
      const municipality = parseMunicipality(args.values.municipality, app.knowledge);
      const notices = await app.notices.list(municipality);
      if (args.values.json) write(runtime.stdout, JSON.stringify(notices.map((notice) => staffView(notice, now))));
      else write(runtime.stdout, notices.length === 0 ? reportTexts[runtime.language].notices.none : notices.map((notice) => summary(notice, now, runtime.language)).join('\n'));
      return EXIT_OK;
    },
  },
  {
    name: 'notices show',
    help: (t) => t.commands['notices show'],
    options: { ...json },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError(NOTICE_ID_MISSING);
      const app = await openServicesFor(runtime);
      const notice = await app.notices.show(id);
      if (!notice) return print(runtime, args, { ok: false, code: 'not-found', reason: { kind: 'not-found', noticeId: id }, errors: [] }, app.now());
      if (args.values.json) return print(runtime, args, { ok: true, value: notice }, app.now());
      write(runtime.stdout, details(notice, app.now(), runtime.language));
      return EXIT_OK;
    },
  },
  {
    name: 'notices report',
    help: (t) => t.commands['notices report'],
    options: { ...json },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError(NOTICE_ID_MISSING);
      const app = await openServicesFor(runtime);
      const report = await app.notices.report(id);
      if (!report) {
        const message = refusalTexts[runtime.language].notice({ kind: 'not-found', noticeId: id }, []);
        if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: false, errors: [{ field: 'id', message }] }));
        else write(runtime.stderr, message);
        return EXIT_FAILURE;
      }
      if (args.values.json) {
        write(runtime.stdout, JSON.stringify({ ok: true, report }));
        return EXIT_OK;
      }
      const r = reportTexts[runtime.language].notices;
      const lines = [r.reportTitle(report.noticeId, report.total, report.complete)];
      for (const line of report.channels) lines.push(`  ${r.channel[line.channel].padEnd(7)} ${r.counts(line)}`);
      if (report.failures.length > 0) {
        lines.push(r.failures);
        for (const failure of report.failures) lines.push(`  ${r.channel[failure.channel]}\t${failure.recipient}\t${failure.reason}`);
      }
      write(runtime.stdout, lines.join('\n'));
      return EXIT_OK;
    },
  },
  noticeRulesCommand,
];
