import type { types } from '@slack/bolt';
import { describeNotice, formatWindow, noticeTexts, type NoticeChangeMode, type NoticePurpose, type NoticeSummary, type Reply } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';
import { formatStockholm } from '../../src/time/index.js';
import { BUTTON_TEXT_MAX, MESSAGE_BLOCKS_MAX, SECTION_MAX, context, header, mrkdwn, plain, section, simple, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, splitText, truncate } from './mrkdwn.js';
import {
  CHANGE_ACTION_IDS,
  NOTICE_ACTION_IDS,
  NOTICE_BLOCK_IDS,
  encodeOpenNoticeForm,
  type ChangeValue,
  type FollowValue,
  type NoticeRefValue,
  type PublishValue,
} from './notice-values.js';
import { slackNoticeTexts } from './notice-texts.js';

// Outage notices in Block Kit: the notice as recipients get it, the list, the preview, the delivery
// report and the small confirmations. The forms (modals) are in notice-modals.ts.

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Slack's limit for one field of a section, and for a section's fields. */
const FIELD_TEXT_MAX = 2000;
/** A description longer than a section is split; more than this many pieces is not a notice. */
const TEXT_PIECES_MAX = 3;
/** Notices listed, and failures shown, before "… och N till". */
const LIST_MAX = 20;
const FAILURES_MAX = 20;
const SYSTEMS_MAX = 40;

const field = (label: string, value: string): types.MrkdwnElement => mrkdwn(truncate(`*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`, FIELD_TEXT_MAX));

/** A long text under its label, in as many sections as it needs (a few at most). */
function labelled(label: string, text: string): KnownBlock[] {
  const pieces = splitText(escapeMrkdwn(text), SECTION_MAX - label.length - 10).slice(0, TEXT_PIECES_MAX);
  return pieces.map((piece, index) => section(index === 0 ? `*${escapeMrkdwn(label)}*\n${piece}` : piece));
}

function latestBlock(notice: NoticeSummary, language: Language): KnownBlock[] {
  const latest = notice.updates.at(-1);
  if (!latest) return [];
  const t = noticeTexts[language];
  return labelled(`${t.latest} (${formatStockholm(new Date(latest.at))}, ${latest.stateLabel})`, latest.text);
}

/**
 * The notice's blocks as recipients see them: the heading (what kind of message this is), the
 * systems, window and state side by side, what happens and what it means for the service, the
 * latest word, and the id with how to follow or mute. An update or cancellation leads with its news.
 */
export function noticeBlocks(notice: NoticeSummary, purpose: NoticePurpose, reminderHours: number | null, language: Language): KnownBlock[] {
  const t = noticeTexts[language];
  const { heading } = describeNotice(notice, purpose, reminderHours, language);
  const news = purpose === 'update' || purpose === 'cancel';
  const facts = [field(t.systems, notice.systems.join(', ')), ...(notice.window ? [field(t.when, formatWindow(notice.window))] : []), field(t.state, notice.stateLabel)];
  return [
    header(heading),
    ...(news ? latestBlock(notice, language) : []),
    { type: 'section', fields: facts },
    ...(notice.description ? labelled(t.description, notice.description) : []),
    ...(notice.impact ? labelled(t.impact, notice.impact) : []),
    ...(news ? [] : latestBlock(notice, language)),
    context(escapeMrkdwn(`${t.reference}: ${notice.id} (${notice.municipality.name})`), escapeMrkdwn(t.footer)),
  ];
}

/** A notice as a message; the notification text is the heading, escaped (a title's "<!channel>" must not ping). */
export function noticeMessage(reply: Extract<Reply, { kind: 'notice' }>): SlackMessage {
  const { heading } = describeNotice(reply.notice, reply.purpose, reply.reminderHours, reply.language);
  return { text: escapeMrkdwn(heading), blocks: noticeBlocks(reply.notice, reply.purpose, reply.reminderHours, reply.language) };
}

function button(actionId: string, text: string, value: object | string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', action_id: actionId, text: plain(text, BUTTON_TEXT_MAX), value: typeof value === 'string' ? value : JSON.stringify(value), ...(style ? { style } : {}) };
}

function reportButton(notice: NoticeSummary, language: Language): Button {
  return button(NOTICE_ACTION_IDS.report, noticeTexts[language].report, { noticeId: notice.id, language } satisfies NoticeRefValue);
}

function newNoticeButtons(language: Language): KnownBlock {
  const t = noticeTexts[language];
  return {
    type: 'actions',
    block_id: NOTICE_BLOCK_IDS.listActions,
    elements: [
      button(NOTICE_ACTION_IDS.newPlanned, t.newPlanned, encodeOpenNoticeForm({ noticeKind: 'planned', language }), 'primary'),
      button(NOTICE_ACTION_IDS.newDisruption, t.newDisruption, encodeOpenNoticeForm({ noticeKind: 'disruption', language })),
    ],
  };
}

/** One line-pair per notice in a list: kind and title, then systems, window, state and id. */
function summaryLine(notice: NoticeSummary, language: Language): string {
  const t = noticeTexts[language];
  const facts = [notice.systems.join(', '), ...(notice.window ? [formatWindow(notice.window)] : []), notice.stateLabel, notice.id];
  return `*${escapeMrkdwn(`${t.kind[notice.kind]}: ${notice.title}`)}*\n${escapeMrkdwn(facts.join(' · '))}`;
}

/**
 * "driftinfo": the municipality's current and upcoming notices, one section each; staff also get
 * each notice's delivery report and the buttons that announce a new one.
 */
export function noticeListMessage(reply: Extract<Reply, { kind: 'notice-list' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  if (!reply.municipality) return simple(t.listNoMunicipality);
  const title = t.listTitle(reply.municipality.name);
  const blocks: KnownBlock[] = [header(title)];
  if (reply.notices.length === 0) blocks.push(section(escapeMrkdwn(t.listEmpty(reply.municipality.name))));
  for (const notice of reply.notices.slice(0, LIST_MAX)) {
    blocks.push({ ...section(truncate(summaryLine(notice, reply.language), SECTION_MAX)), ...(reply.canPublish ? { accessory: reportButton(notice, reply.language) } : {}) });
  }
  if (reply.notices.length > LIST_MAX) blocks.push(context(escapeMrkdwn(slackNoticeTexts[reply.language].more(reply.notices.length - LIST_MAX))));
  if (reply.canPublish) blocks.push(newNoticeButtons(reply.language));
  return { text: title, blocks };
}

/** What to fix in a form, field by field, with the fields' own labels. */
export function errorLines(errors: ReadonlyArray<{ readonly field: string; readonly message: string }>, language: Language): string {
  const labels: Readonly<Record<string, string>> = noticeTexts[language].fields;
  return errors.map((error) => `• *${escapeMrkdwn(labels[error.field] ?? error.field)}*: ${escapeMrkdwn(error.message)}`).join('\n');
}

/**
 * The notice form as a message, where no modal can be opened (typed in a DM, answered too late for
 * the modal): what it is, what to fix, and "Fyll i formuläret", which opens the modal.
 */
export function noticeFormMessage(reply: Extract<Reply, { kind: 'notice-form' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  const title = t.formTitle(reply.noticeKind, reply.municipality.name);
  const blocks: KnownBlock[] = [header(title), section(escapeMrkdwn(t.formIntro))];
  if (reply.errors.length > 0) blocks.push(section(errorLines(reply.errors, reply.language)));
  const value = encodeOpenNoticeForm({ noticeKind: reply.noticeKind, noticeId: reply.noticeId ?? undefined, language: reply.language, values: reply.errors.length > 0 ? reply.values : undefined });
  blocks.push({ type: 'actions', elements: [button(NOTICE_ACTION_IDS.openForm, slackNoticeTexts[reply.language].openForm, value, 'primary')] });
  return { text: title, blocks };
}

/**
 * The draft as recipients will see it, the rules in force (the document's or the bot's defaults),
 * what it breaks of them, and Publicera
 * (which asks for a reason first when one is needed), Ändra and Släng utkastet.
 */
export function noticePreviewMessage(reply: Extract<Reply, { kind: 'notice-preview' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  const { notice, language } = reply;
  const title = t.previewTitle(reply.recipients);
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(title)}*`), { type: 'divider' }, ...noticeBlocks(notice, 'publish', null, language), { type: 'divider' }];
  if (reply.rules.lines.length > 0) {
    // The rules in force, each marked as the document's (its Källa line) or the bot's default.
    const lines = reply.rules.lines.map((line) => `• ${escapeMrkdwn(line.rule)}\n    _${escapeMrkdwn(line.origin)}_`);
    blocks.push(section(truncate(`*${escapeMrkdwn(reply.rules.title)}*\n${lines.join('\n')}`, SECTION_MAX)));
  }
  if (reply.violations.length > 0) {
    blocks.push(section(truncate(`*${escapeMrkdwn(t.violations)}*\n${reply.violations.map((violation) => `• ${escapeMrkdwn(violation)}`).join('\n')}`, SECTION_MAX)));
  }
  if (reply.needsReason) blocks.push(context(escapeMrkdwn(t.needsReason)));
  blocks.push({
    type: 'actions',
    block_id: NOTICE_BLOCK_IDS.previewActions,
    elements: [
      button(NOTICE_ACTION_IDS.publish, t.publish, { noticeId: notice.id, language, needsReason: reply.needsReason } satisfies PublishValue, 'primary'),
      button(NOTICE_ACTION_IDS.edit, t.edit, encodeOpenNoticeForm({ noticeKind: notice.kind, noticeId: notice.id, language })),
      button(NOTICE_ACTION_IDS.discard, t.discard, { noticeId: notice.id, language } satisfies NoticeRefValue, 'danger'),
    ],
  });
  return { text: title, blocks: blocks.slice(0, MESSAGE_BLOCKS_MAX) };
}

/** What staff can do to a published notice: a planned outage is cancelled, a disruption resolved. */
export function changeModesOf(notice: NoticeSummary): NoticeChangeMode[] {
  return notice.kind === 'planned' ? ['update', 'correct', 'cancel'] : ['update', 'correct', 'resolve'];
}

export function changeButton(notice: NoticeSummary, mode: NoticeChangeMode, language: Language, text?: string): Button {
  return button(CHANGE_ACTION_IDS[mode], text ?? noticeTexts[language].changeTitle[mode], { noticeId: notice.id, mode, language } satisfies ChangeValue, mode === 'cancel' ? 'danger' : mode === 'resolve' ? 'primary' : undefined);
}

/**
 * The change form as a message, where no modal can be opened: which change to which notice, what it
 * does, what to fix, and the button that opens the modal.
 */
export function noticeChangeFormMessage(reply: Extract<Reply, { kind: 'notice-change-form' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  const title = `${t.changeTitle[reply.mode]}: ${reply.notice.title}`;
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(title)}*`), context(escapeMrkdwn(`${t.reference}: ${reply.notice.id}`), escapeMrkdwn(t.changeIntro[reply.mode]))];
  if (reply.errors.length > 0) blocks.push(section(errorLines(reply.errors, reply.language)));
  blocks.push({ type: 'actions', elements: [changeButton(reply.notice, reply.mode, reply.language, slackNoticeTexts[reply.language].openForm)] });
  return { text: escapeMrkdwn(title), blocks };
}

/**
 * How delivery goes: counts per channel, the failures (recipients masked by the core), running or
 * done, and what staff can do next while the notice is open. The copy posted at publishing is
 * replaced with this as delivery goes on.
 */
export function noticeReportMessage(reply: Extract<Reply, { kind: 'notice-report' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  const s = slackNoticeTexts[reply.language];
  const { notice, report, language } = reply;
  const title = t.reportTitle(notice);
  const blocks: KnownBlock[] = [header(title)];
  if (report.channels.length === 0) blocks.push(section(escapeMrkdwn(t.noRecipients)));
  else blocks.push({ type: 'section', fields: report.channels.slice(0, 10).map((line) => field(t.channel[line.channel], t.counts(line))) });
  blocks.push(context(escapeMrkdwn(report.complete ? t.reportDone : t.reportRunning)));
  if (report.failures.length > 0) {
    const lines = report.failures.slice(0, FAILURES_MAX).map((failure) => `• ${escapeMrkdwn(`${t.channel[failure.channel]} · ${failure.recipient}: ${failure.reason}`)}`);
    if (report.failures.length > FAILURES_MAX) lines.push(escapeMrkdwn(s.more(report.failures.length - FAILURES_MAX)));
    blocks.push(section(truncate(`*${escapeMrkdwn(t.failuresTitle)}*\n${lines.join('\n')}`, SECTION_MAX)));
  }
  if (notice.exceptionReason) blocks.push(context(escapeMrkdwn(`${t.exception}: ${notice.exceptionReason}`)));
  if (!notice.closed) blocks.push({ type: 'actions', block_id: NOTICE_BLOCK_IDS.reportActions, elements: changeModesOf(notice).map((mode) => changeButton(notice, mode, language)) });
  // The notification text is escaped too: a title's "<!channel>" must not ping through the bot.
  return { text: escapeMrkdwn(title), blocks };
}

/** What staff did was done; the report is a press away (nothing to report for a discarded draft). */
export function noticeRecordedMessage(reply: Extract<Reply, { kind: 'notice-action-recorded' }>): SlackMessage {
  const text = noticeTexts[reply.language].recorded(reply.action, reply.notice, reply.recipients);
  if (reply.action === 'discarded') return simple(text);
  return { text, blocks: [{ ...section(escapeMrkdwn(text)), accessory: reportButton(reply.notice, reply.language) }] };
}

/** An IT-contact's systems in their municipality, each with Följ or Sluta följa; what just changed first. */
export function subscriptionsMessage(reply: Extract<Reply, { kind: 'subscriptions' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  const s = slackNoticeTexts[reply.language];
  const title = t.subscriptionsTitle(reply.municipality.name);
  const blocks: KnownBlock[] = [header(title)];
  let text = title;
  if (reply.changed) {
    const name = reply.systems.find((system) => system.id === reply.changed!.system)?.name ?? reply.changed.system;
    text = reply.changed.following ? t.subscribed(name) : t.unsubscribed(name);
    blocks.push(section(escapeMrkdwn(text)));
  }
  for (const system of reply.systems.slice(0, SYSTEMS_MAX)) {
    const value: FollowValue = { system: system.id, follow: !system.following, language: reply.language };
    blocks.push({
      ...section(`*${escapeMrkdwn(system.name)}*: ${escapeMrkdwn(system.following ? t.following : t.muted)}`),
      accessory: button(system.following ? NOTICE_ACTION_IDS.unfollow : NOTICE_ACTION_IDS.follow, system.following ? s.unfollow : s.follow, value),
    });
  }
  if (reply.systems.length > SYSTEMS_MAX) blocks.push(context(escapeMrkdwn(s.more(reply.systems.length - SYSTEMS_MAX))));
  return { text, blocks };
}

/** "driftkanal": this channel now gets the municipality's notices, or no longer. */
export function noticeChannelSetMessage(reply: Extract<Reply, { kind: 'notice-channel-set' }>): SlackMessage {
  const t = noticeTexts[reply.language];
  return simple(reply.enabled ? t.channelSet(reply.municipality.name) : t.channelUnset(reply.municipality.name));
}

/** The Home tab's notice section: the municipality's service status a press away. */
export function homeNoticeBlocks(municipality: { readonly name: string } | null, language: Language): KnownBlock[] {
  const t = noticeTexts[language];
  if (!municipality) return [section(escapeMrkdwn(t.listNoMunicipality))];
  return [
    {
      ...section(`*${escapeMrkdwn(t.listTitle(municipality.name))}*\n${escapeMrkdwn(t.footer)}`),
      accessory: button(NOTICE_ACTION_IDS.list, slackNoticeTexts[language].show, { language }),
    },
  ];
}

/** True when echoed blocks are a notice preview this adapter posted (its buttons are still there). */
export function isNoticePreview(echoed: readonly unknown[] | undefined): boolean {
  return (echoed ?? []).some((block) => (block as { block_id?: unknown } | null)?.block_id === NOTICE_BLOCK_IDS.previewActions);
}
