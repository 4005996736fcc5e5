import { describeNotice, formatWindow, noticeTexts, type NoticeChangeMode, type NoticeSummary, type Reply } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { formatStockholm } from '../../src/time/index.js';
import { NOTICE_REASON_INPUT_ID } from './action-data.js';
import { heading, paragraph, submit } from './card-parts.js';
import { adaptiveCard, type AdaptiveCard, type CardElement, type FactSet, type SubmitAction } from './cards.js';
import { teamsTexts } from './texts.js';

type Of<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

const REASON_MAX = 1_000;
/** A list card stays well under Teams' message size limit (about 28 KB) with this many notices. */
const LIST_MAX = 25;
/** Failures shown on a delivery report; the rest are counted ("… och 12 till"), for the same reason. */
const FAILURES_MAX = 20;

/** The facts of a notice, labelled as every other channel labels them (describeNotice's words). */
function noticeFacts(notice: NoticeSummary, language: Language, options: { readonly staff?: boolean } = {}): FactSet {
  const t = noticeTexts[language];
  const latest = notice.updates.at(-1);
  const facts: Array<{ title: string; value: string }> = [{ title: t.systems, value: notice.systems.join(', ') }];
  if (notice.window) facts.push({ title: t.when, value: formatWindow(notice.window) });
  facts.push({ title: t.state, value: notice.stateLabel });
  if (notice.description) facts.push({ title: t.description, value: notice.description });
  if (notice.impact) facts.push({ title: t.impact, value: notice.impact });
  if (latest) facts.push({ title: `${t.latest} (${formatStockholm(new Date(latest.at))}, ${latest.stateLabel})`, value: latest.text });
  // The reason for breaking the rules is for staff; recipients get the notice itself.
  if (options.staff && notice.exceptionReason) facts.push({ title: t.exception, value: notice.exceptionReason });
  facts.push({ title: t.reference, value: `${notice.id} (${notice.municipality.name})` });
  return { type: 'FactSet', facts };
}

/** The body of a notice as recipients see it: heading, facts, and the hint how to get more or fewer. */
function noticeBody(reply: Pick<Of<'notice'>, 'notice' | 'purpose' | 'reminderHours' | 'language'>, options: { readonly staff?: boolean } = {}): CardElement[] {
  const { heading: title } = describeNotice(reply.notice, reply.purpose, reply.reminderHours, reply.language);
  return [
    // A disruption is news someone is waiting for; its heading stands out.
    { ...heading(title), ...(reply.notice.kind === 'disruption' && reply.purpose !== 'cancel' ? { color: 'attention' as const } : {}) },
    noticeFacts(reply.notice, reply.language, options),
    paragraph(noticeTexts[reply.language].footer, { isSubtle: true, size: 'small', separator: true, spacing: 'medium' }),
  ];
}

/** Plain lines of a notice, for notifications and clients that cannot show the card. */
export function noticeFallback(reply: Pick<Of<'notice'>, 'notice' | 'purpose' | 'reminderHours' | 'language'>): string {
  const { heading: title, lines } = describeNotice(reply.notice, reply.purpose, reply.reminderHours, reply.language);
  return [title, ...lines].join('\n');
}

/** An outage notice as recipients get it: first announcement, update, correction, reminder or cancellation. */
export function noticeCard(reply: Of<'notice'>): AdaptiveCard {
  return adaptiveCard({ lang: reply.language, fallbackText: noticeFallback(reply), body: noticeBody(reply) });
}

function newNoticeButtons(language: Language): SubmitAction[] {
  const t = noticeTexts[language];
  return [
    submit(t.newPlanned, { verb: 'open-notice-form', noticeKind: 'planned', lang: language }),
    submit(t.newDisruption, { verb: 'open-notice-form', noticeKind: 'disruption', lang: language }),
  ];
}

/** "driftinfo": each current or upcoming notice in two lines; staff also get the buttons to announce one. */
export function noticeListCard(reply: Of<'notice-list'> & { readonly municipality: NonNullable<Of<'notice-list'>['municipality']> }): AdaptiveCard {
  const t = noticeTexts[reply.language];
  const x = teamsTexts[reply.language];
  const shown = reply.notices.slice(0, LIST_MAX);
  const title = t.listTitle(reply.municipality.name);
  return adaptiveCard({
    lang: reply.language,
    fallbackText: reply.notices.length === 0 ? t.listEmpty(reply.municipality.name) : title,
    body: [
      heading(title),
      ...(reply.notices.length === 0 ? [paragraph(t.listEmpty(reply.municipality.name))] : []),
      ...shown.map(
        (notice): CardElement => ({
          type: 'Container',
          separator: true,
          items: [
            paragraph(`${t.kind[notice.kind]}: ${notice.title}`, { weight: 'bolder', ...(notice.kind === 'disruption' ? { color: 'attention' as const } : {}) }),
            paragraph([notice.stateLabel, notice.systems.join(', '), ...(notice.window ? [formatWindow(notice.window)] : [])].join(' · '), { isSubtle: true, size: 'small', spacing: 'none' }),
            ...(notice.updates.length > 0 ? [paragraph(`${t.latest}: ${notice.updates.at(-1)!.text}`, { size: 'small', spacing: 'none' })] : []),
            paragraph(notice.id, { isSubtle: true, size: 'small', spacing: 'none' }),
            // Staff reach a notice's report (and from there its changes) from the list.
            ...(reply.canPublish ? [{ type: 'ActionSet' as const, spacing: 'small' as const, actions: [submit(t.report, { verb: 'notice-report', noticeId: notice.id, lang: reply.language })] }] : []),
          ],
        }),
      ),
      ...(reply.notices.length > shown.length ? [paragraph(x.moreItems(reply.notices.length - shown.length), { isSubtle: true })] : []),
    ],
    ...(reply.canPublish ? { actions: newNoticeButtons(reply.language) } : {}),
  });
}

/**
 * Staff: the draft exactly as recipients will see it, the rules in force (the document's or the
 * bot's defaults), what it breaks of them, and a required reason to publish anyway. Ändra and Släng send no inputs, so an empty reason does
 * not hold them back.
 */
export function noticePreviewCard(reply: Of<'notice-preview'>): AdaptiveCard {
  const t = noticeTexts[reply.language];
  const { notice, language } = reply;
  const violations: CardElement[] =
    reply.violations.length === 0
      ? []
      : [
          paragraph(t.violations, { color: 'attention', weight: 'bolder', spacing: 'medium' }),
          ...reply.violations.map((violation) => paragraph(`• ${violation}`, { color: 'attention', spacing: 'small' })),
        ];
  // The rules in force, each marked as the document's (its Källa line) or the bot's default.
  const rules: CardElement[] =
    reply.rules.lines.length === 0
      ? []
      : [
          {
            type: 'Container',
            separator: true,
            spacing: 'medium',
            items: [
              paragraph(reply.rules.title, { weight: 'bolder' }),
              ...reply.rules.lines.flatMap((line) => [paragraph(`• ${line.rule}`, { spacing: 'small' }), paragraph(line.origin, { isSubtle: true, size: 'small', spacing: 'none' })]),
            ],
          },
        ];
  const reason: CardElement[] = reply.needsReason
    ? [
        paragraph(t.needsReason, { spacing: 'medium' }),
        {
          type: 'Input.Text',
          id: NOTICE_REASON_INPUT_ID,
          label: t.fields.reason,
          isMultiline: true,
          isRequired: true,
          maxLength: REASON_MAX,
          errorMessage: teamsTexts[language].required(t.fields.reason),
          ...(notice.exceptionReason ? { value: notice.exceptionReason } : {}),
        },
      ]
    : [];
  const noInputs = { associatedInputs: 'None' } as const;
  return adaptiveCard({
    lang: language,
    fallbackText: `${t.previewTitle(reply.recipients)}\n${noticeFallback({ notice, purpose: 'publish', reminderHours: null, language })}`,
    body: [
      paragraph(t.previewTitle(reply.recipients), { weight: 'bolder', isSubtle: true }),
      { type: 'Container', style: 'emphasis', items: noticeBody({ notice, purpose: 'publish', reminderHours: null, language }) },
      ...rules,
      ...violations,
      ...reason,
    ],
    actions: [
      submit(t.publish, { verb: 'publish-notice', noticeId: notice.id, lang: language }, 'positive'),
      submit(t.edit, { verb: 'open-notice-form', noticeKind: notice.kind, noticeId: notice.id, lang: language }, undefined, noInputs),
      submit(t.discard, { verb: 'discard-notice', noticeId: notice.id, lang: language }, 'destructive', noInputs),
    ],
  });
}

/** The changes staff can make to a notice of this kind, in the order the report shows them. */
function changeModes(notice: NoticeSummary): NoticeChangeMode[] {
  return notice.kind === 'planned' ? ['update', 'correct', 'cancel'] : ['update', 'correct', 'resolve'];
}

/**
 * Staff: delivery so far, per channel, and who it failed for (masked by the core); the copy posted
 * at publishing is replaced with each new state. A notice still open has its changes as buttons.
 */
export function noticeReportCard(reply: Of<'notice-report'>): AdaptiveCard {
  const t = noticeTexts[reply.language];
  const x = teamsTexts[reply.language];
  const { notice, report } = reply;
  const failures = report.failures.slice(0, FAILURES_MAX);
  const body: CardElement[] = [
    heading(t.reportTitle(notice)),
    paragraph(`${t.kind[notice.kind]} · ${notice.stateLabel} · ${notice.systems.join(', ')}${notice.window ? ` · ${formatWindow(notice.window)}` : ''}`, { isSubtle: true, size: 'small', spacing: 'none' }),
    report.channels.length === 0
      ? paragraph(t.noRecipients)
      : { type: 'FactSet', facts: report.channels.map((line) => ({ title: t.channel[line.channel], value: t.counts(line) })) },
    paragraph(report.complete ? t.reportDone : t.reportRunning, { color: report.complete ? 'good' : 'default', weight: 'bolder' }),
  ];
  if (notice.exceptionReason) body.push({ type: 'FactSet', facts: [{ title: t.exception, value: notice.exceptionReason }] });
  if (failures.length > 0) {
    body.push(
      paragraph(t.failuresTitle, { weight: 'bolder', color: 'attention', spacing: 'medium', separator: true }),
      ...failures.map((failure) => paragraph(`• ${t.channel[failure.channel]}: ${failure.recipient} – ${failure.reason}`, { size: 'small', spacing: 'none' })),
    );
    if (report.failures.length > failures.length) body.push(paragraph(x.moreItems(report.failures.length - failures.length), { isSubtle: true, size: 'small' }));
  }
  const summary = report.channels.map((line) => `${t.channel[line.channel]}: ${t.counts(line)}`).join('; ');
  return adaptiveCard({
    lang: reply.language,
    fallbackText: `${t.reportTitle(notice)}. ${summary || t.noRecipients}`,
    body,
    ...(notice.closed
      ? {}
      : { actions: changeModes(notice).map((mode) => submit(t.changeTitle[mode], { verb: 'open-notice-change', noticeId: notice.id, mode, lang: reply.language }, mode === 'cancel' ? 'destructive' : undefined)) }),
  });
}

/** An IT-contact's systems, each with whether they follow it and a button to change that. */
export function subscriptionsCard(reply: Of<'subscriptions'>): AdaptiveCard {
  const t = noticeTexts[reply.language];
  const x = teamsTexts[reply.language];
  const title = t.subscriptionsTitle(reply.municipality.name);
  const changed = reply.changed;
  // `changed.system` is the id the command named; show the system's name when it is one of these.
  const changedName = changed ? (reply.systems.find((system) => system.id === changed.system)?.name ?? changed.system) : null;
  const changedLine = changed && changedName ? (changed.following ? t.subscribed(changedName) : t.unsubscribed(changedName)) : null;
  return adaptiveCard({
    lang: reply.language,
    fallbackText: [changedLine, title, ...reply.systems.map((system) => `${system.name}: ${system.following ? t.following : t.muted}`)].filter(Boolean).join('\n'),
    body: [
      ...(changedLine ? [paragraph(changedLine, { color: 'good' as const })] : []),
      heading(title),
      ...reply.systems.map(
        (system): CardElement => ({
          type: 'Container',
          separator: true,
          items: [
            paragraph(`${system.name}: ${system.following ? t.following : t.muted}`, { ...(system.following ? { weight: 'bolder' as const } : { isSubtle: true }) }),
            {
              type: 'ActionSet',
              spacing: 'small',
              actions: [submit(system.following ? x.unfollow : x.follow, { verb: 'follow-system', system: system.id, follow: !system.following, lang: reply.language }, undefined, { tooltip: system.name })],
            },
          ],
        }),
      ),
    ],
  });
}
