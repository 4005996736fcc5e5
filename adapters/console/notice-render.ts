import { describeNotice, noticeTexts, type Reply } from '../../src/bot/index.js';

type NoticeReply = Extract<Reply, { kind: 'notice' | 'notice-list' | 'notice-form' | 'notice-preview' | 'notice-change-form' | 'notice-report' | 'notice-action-recorded' | 'subscriptions' | 'notice-channel-set' }>;

const CLI_HINT = {
  sv: 'I terminalen publicerar personal med kommandona: npx itkontakt notices create|publish|update|cancel|resolve (se npx itkontakt help).',
  en: 'In the terminal, staff publish with: npx itkontakt notices create|publish|update|cancel|resolve (see npx itkontakt help).',
} as const;

/** Notices as plain text for the terminal. Forms are the CLI's job there, so they point to it. */
export function renderNoticeText(reply: NoticeReply): string {
  const t = noticeTexts[reply.language];
  switch (reply.kind) {
    case 'notice': {
      const { heading, lines } = describeNotice(reply.notice, reply.purpose, reply.reminderHours, reply.language);
      return [heading, ...lines.map((line) => `  ${line}`)].join('\n');
    }
    case 'notice-list': {
      if (!reply.municipality) return t.listNoMunicipality;
      if (reply.notices.length === 0) return t.listEmpty(reply.municipality.name);
      const items = reply.notices.map((notice) => `  • ${t.kind[notice.kind]}: ${notice.title} (${notice.systems.join(', ')})${notice.window ? `, ${t.window(notice.window)}` : ''} – ${notice.stateLabel} [${notice.id}]`);
      return [t.listTitle(reply.municipality.name), ...items, ...(reply.canPublish ? [CLI_HINT[reply.language]] : [])].join('\n');
    }
    case 'notice-form':
    case 'notice-change-form':
      return CLI_HINT[reply.language];
    case 'notice-preview': {
      const { heading, lines } = describeNotice(reply.notice, 'publish', null, reply.language);
      const rules = reply.rules.lines.length > 0 ? [reply.rules.title, ...reply.rules.lines.flatMap((line) => [`  • ${line.rule}`, `    ${line.origin}`])] : [];
      return [t.previewTitle(reply.recipients), heading, ...lines.map((line) => `  ${line}`), ...rules, ...(reply.violations.length > 0 ? [t.violations, ...reply.violations.map((violation) => `  • ${violation}`), t.needsReason] : [])].join('\n');
    }
    case 'notice-report': {
      const lines = reply.report.channels.map((line) => `  ${t.channel[line.channel]}: ${t.counts(line)}`);
      const failures = reply.report.failures.map((failure) => `  • ${t.channel[failure.channel]} ${failure.recipient}: ${failure.reason}`);
      return [t.reportTitle(reply.notice), ...(lines.length > 0 ? lines : [`  ${t.noRecipients}`]), ...(failures.length > 0 ? [t.failuresTitle, ...failures] : []), reply.report.complete ? t.reportDone : t.reportRunning].join('\n');
    }
    case 'notice-action-recorded':
      return t.recorded(reply.action, reply.notice, reply.recipients);
    case 'subscriptions': {
      const changed = reply.changed ? (reply.changed.following ? t.subscribed(reply.changed.system) : t.unsubscribed(reply.changed.system)) : '';
      const systems = reply.systems.map((system) => `  ${system.following ? '✓' : '–'} ${system.name} (${system.following ? t.following : t.muted})`);
      return [changed, t.subscriptionsTitle(reply.municipality.name), ...systems].filter(Boolean).join('\n');
    }
    case 'notice-channel-set':
      return reply.enabled ? t.channelSet(reply.municipality.name) : t.channelUnset(reply.municipality.name);
  }
}
