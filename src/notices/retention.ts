import { stockholmDate } from '../time/index.js';
import type { NoticeContext } from './context.js';
import { endedAt, type Notice } from './model.js';
import { refuse, type NoticeFailure } from './refusal.js';
import { buildReport } from './report.js';

const DAY_MS = 86_400_000;

/** An archived notice is read-only: its deliveries are gone, so nothing could be threaded, withdrawn or reported. */
export function archivedRefusal(context: NoticeContext, notice: Notice): NoticeFailure | undefined {
  if (!notice.archivedReport) return undefined;
  return refuse('conflict', { kind: 'archived', noticeId: notice.id, archivedOn: notice.archivedAt ? stockholmDate(new Date(notice.archivedAt)) : null, retentionDays: context.retentionDays });
}

/**
 * Archives the notices that ended more than the retention period ago (and were not changed since):
 * each keeps its delivery report, exactly as `report` gave it, and its delivery rows are removed,
 * in one unit of work. With nothing to archive nothing is written. Returns the notices archived.
 */
export async function archiveEnded(context: NoticeContext, now: Date = context.now()): Promise<string[]> {
  const { repository, retentionDays } = context;
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const due = (notice: Notice): boolean => {
    if (notice.archivedReport) return false;
    const ended = endedAt(notice, now);
    // A completed outage may still be updated after its window: count from its last change then.
    return ended !== undefined && Math.max(ended.getTime(), new Date(notice.updatedAt).getTime()) < cutoff;
  };
  const ended = (await repository.findNotices({ archived: false })).filter(due);
  if (ended.length === 0) return [];
  return repository.write(async (transaction) => {
    const candidates: Notice[] = [];
    for (const { id } of ended) {
      // As it is now: changed since it was looked at, it may not be due any more.
      const notice = await transaction.lockNotice(id);
      if (notice && due(notice)) candidates.push(notice);
    }
    const at = now.toISOString();
    for (const notice of candidates) {
      // The very rows `report` reads, so the archived report is the one staff saw.
      const deliveries = await transaction.deliveries(notice.id);
      await transaction.putNotice({ ...notice, archivedReport: buildReport(notice, deliveries), archivedAt: at });
      await transaction.removeDeliveries(deliveries.map((delivery) => delivery.id));
      await transaction.appendAudit({ at, actor: 'system:retention', action: 'notice.archived', municipality: notice.municipality, subject: notice.id, before: null, after: { deliveriesRemoved: deliveries.length, retentionDays } });
    }
    return candidates.map((notice) => notice.id);
  });
}
