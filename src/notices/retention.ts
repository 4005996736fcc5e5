import { stockholmDate } from '../time/index.js';
import type { NoticeContext } from './context.js';
import type { NoticeDelivery } from './delivery.js';
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
  if (!repository.read((view) => view.notices().some(due))) return [];
  return repository.write((transaction) => {
    const candidates = transaction.notices().filter(due);
    if (candidates.length === 0) return [];
    // One pass over the outbox, in its order, so each report is built from the very rows `report` reads.
    const wanted = new Set(candidates.map((notice) => notice.id));
    const rows = new Map<string, NoticeDelivery[]>();
    for (const delivery of transaction.deliveries()) {
      if (!wanted.has(delivery.noticeId)) continue;
      const list = rows.get(delivery.noticeId) ?? [];
      list.push(delivery);
      rows.set(delivery.noticeId, list);
    }
    const at = now.toISOString();
    for (const notice of candidates) {
      const deliveries = rows.get(notice.id) ?? [];
      transaction.putNotice({ ...notice, archivedReport: buildReport(notice, deliveries), archivedAt: at });
      transaction.removeDeliveries(deliveries.map((delivery) => delivery.id));
      transaction.appendAudit({ at, actor: 'system:retention', action: 'notice.archived', municipality: notice.municipality, subject: notice.id, before: null, after: { deliveriesRemoved: deliveries.length, retentionDays } });
    }
    return candidates.map((notice) => notice.id);
  });
}
