import type { Router } from 'express';
import { noticeForFeed, noticesCalendar, type NoticeService } from '../notices/index.js';

/**
 * GET /notices/<municipality>.ics (a calendar of planned outages to subscribe to) and
 * GET /notices/<municipality>.json (current and upcoming notices). Public by design: they say what
 * staff published for every IT-contact, and nothing personal or staff-only (authors, the reason
 * for an exception to the rules).
 */
export function mountNoticeFeeds(
  app: Router,
  options: { readonly notices: NoticeService; readonly now: () => Date; readonly municipalities: ReadonlyArray<{ id: string; name: string }>; readonly systems: ReadonlyArray<{ id: string; name: string }> },
): void {
  const systemName = (id: string): string => options.systems.find((system) => system.id === id)?.name ?? id;
  // Express 5 passes a rejected promise on to the error handler.
  app.get('/notices/:file', async (request, response) => {
    const match = /^([a-z0-9-]+)\.(ics|json)$/u.exec(request.params.file ?? '');
    const municipality = match && options.municipalities.find((candidate) => candidate.id === match[1]);
    if (!match || !municipality) {
      response.status(404).json({ error: 'not_found', message: `Välj en kommun: ${options.municipalities.map((candidate) => `/notices/${candidate.id}.ics eller .json`).join(', ')}` });
      return;
    }
    const now = options.now();
    if (match[2] === 'ics') {
      const published = (await options.notices.list(municipality.id)).filter((notice) => notice.state !== 'draft');
      response.type('text/calendar; charset=utf-8').send(noticesCalendar(municipality.name, published, systemName));
    } else {
      response.json({ municipality: municipality.id, generatedAt: now.toISOString(), notices: (await options.notices.current(municipality.id)).map((notice) => noticeForFeed(notice, now)) });
    }
  });
}
