import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log/index.js';
import { TIME_ZONE } from '../time/index.js';
import type { NoticeService } from './service.js';

/**
 * Runs the notices' clock: every minute (node-cron, Stockholm time) it plans the reminders that
 * have fallen due. Nothing is kept in memory: on start it looks at the store at once, so a reminder
 * that fell due while the server was down is sent then (once, and only if the outage is still
 * ahead), and one already planned is never planned again. A scheduled outage's in-progress and
 * completed states follow from its window, so they need no timer. It also archives the notices that
 * ended more than NOTICE_RETENTION_DAYS ago (see NoticeService.archiveEnded).
 */
export class NoticeScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly notices: NoticeService,
    private readonly logger: Logger,
    private readonly expression = '* * * * *',
  ) {}

  /** One look at the clock: plans what is due now, and archives what ended past the retention period. */
  async tick(): Promise<{ reminded: string[]; archived: string[] }> {
    const reminded = await this.notices.planDueReminders();
    if (reminded.length > 0) this.logger.info({ notices: reminded }, 'notice reminders planned');
    const archived = await this.notices.archiveEnded();
    // Notice ids only: they name no person.
    if (archived.length > 0) this.logger.info({ archived: archived.length, notices: archived }, 'notices archived: delivery rows replaced by their report');
    return { reminded, archived };
  }

  private safeTick(): Promise<unknown> {
    this.running = this.running.then(() => this.tick()).catch((error: unknown) => this.logger.error({ err: error }, 'notice scheduler tick failed'));
    return this.running;
  }

  async start(): Promise<void> {
    await this.safeTick();
    this.task = cron.schedule(this.expression, () => this.safeTick(), { timezone: TIME_ZONE, name: 'notice-reminders', noOverlap: true });
    const next = await this.notices.nextReminderAt();
    this.logger.info({ nextReminderAt: next?.toISOString() ?? null }, 'notice scheduler started');
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.running;
  }
}
