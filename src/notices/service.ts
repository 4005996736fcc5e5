import type { Contact, ContactService, Principal } from '../contacts/index.js';
import type { NoticeOutcome } from './refusal.js';
import { DEFAULT_NOTICE_DELIVERY } from '../config/index.js';
import type { KnowledgeBase, NoticeRules } from '../knowledge/index.js';
import type { AudienceMember } from './audience.js';
import { audienceOf, contactChannels, findNotice, rulesFor, type NoticeContext } from './context.js';
import type { DeliveryChannel } from './delivery.js';
import { NoticeLifecycle, type NoticeDraft } from './lifecycle.js';
import { currentState, type DisruptionState, type Notice } from './model.js';
import { nextReminderAt, planDueReminders } from './reminders.js';
import { buildReport, type NoticeReport } from './report.js';
import type { NoticesReader, NoticesRepository } from './repository.js';
import { archiveEnded } from './retention.js';
import type { checkPlannedOutage } from './rules.js';
import { followSystem, mutedSystems } from './subscriptions.js';

const CLOSED = ['cancelled', 'resolved', 'completed'];

/**
 * Planned-outage and disruption notices, as one service over the jobs that make them up: their
 * lifecycle (lifecycle.ts), reminders (reminders.ts), retention (retention.ts) and who follows what
 * (subscriptions.ts), all on one store and one clock.
 */
export class NoticeService {
  private readonly context: NoticeContext;
  private readonly lifecycle: NoticeLifecycle;
  private queuedListener: (() => void) | undefined;

  constructor(
    repository: NoticesRepository,
    deps: {
      readonly knowledge: KnowledgeBase;
      readonly contacts: ContactService;
      readonly now: () => Date;
      /** Called after deliveries were queued, so a running dispatcher starts at once. */
      readonly onQueued?: (() => void) | undefined;
      /** Days after a notice ended before it is archived (NOTICE_RETENTION_DAYS); 90 by default. */
      readonly retentionDays?: number | undefined;
    },
  ) {
    this.queuedListener = deps.onQueued;
    this.context = {
      repository,
      knowledge: deps.knowledge,
      contacts: deps.contacts,
      now: deps.now,
      retentionDays: deps.retentionDays ?? DEFAULT_NOTICE_DELIVERY.retentionDays,
      queued: () => this.queuedListener?.(),
    };
    this.lifecycle = new NoticeLifecycle(this.context);
  }

  /** Tells the dispatcher of this process when deliveries are queued. */
  onQueued(listener: () => void): void {
    this.queuedListener = listener;
  }

  rules(municipality: string): NoticeRules | undefined {
    return rulesFor(this.context, municipality);
  }

  /** The channels IT-contacts get this kind of notice on, by the municipality's rules. */
  contactChannels(notice: Pick<Notice, 'municipality' | 'kind'>): readonly DeliveryChannel[] {
    return contactChannels(this.context, notice);
  }

  /** Who would get the notice now: every recipient on every channel. */
  audience(notice: Notice, reader?: NoticesReader, contacts?: readonly Contact[]): Promise<AudienceMember[]> {
    return audienceOf(this.context, notice, reader, contacts);
  }

  create(principal: Principal, draft: NoticeDraft): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.create(principal, draft);
  }

  /** What a planned outage breaks of its municipality's rules, if published now. */
  violations(notice: Notice): ReturnType<typeof checkPlannedOutage> {
    return this.lifecycle.violations(notice);
  }

  publish(principal: Principal, id: string, reason?: string): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.publish(principal, id, reason);
  }

  /** An update after publishing: new text, and for a disruption optionally its next state. */
  update(principal: Principal, id: string, input: { text: string; state?: DisruptionState | undefined }): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.update(principal, id, input);
  }

  /** A correction of what was said (title, description, impact). */
  correct(principal: Principal, id: string, input: { title?: string | undefined; description?: string | undefined; impact?: string | undefined }): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.correct(principal, id, input);
  }

  /** Replaces a draft's contents (from the chat form's "Ändra"). */
  editDraft(principal: Principal, id: string, draft: Omit<NoticeDraft, 'municipality' | 'kind'>): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.editDraft(principal, id, draft);
  }

  /** Throws away a draft that was never published. */
  discard(principal: Principal, id: string): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.discard(principal, id);
  }

  cancel(principal: Principal, id: string, reason: string): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.cancel(principal, id, reason);
  }

  resolve(principal: Principal, id: string, text: string): Promise<NoticeOutcome<Notice>> {
    return this.lifecycle.resolve(principal, id, text);
  }

  /** How many deliveries the last change of a notice in this process queued. */
  queuedBy(id: string): number {
    return this.lifecycle.queuedBy(id);
  }

  /** Archives the notices that ended more than the retention period ago; returns their ids. */
  archiveEnded(now?: Date): Promise<string[]> {
    return archiveEnded(this.context, now);
  }

  /** Plans the reminders that are due; returns the notices reminded about. */
  planDueReminders(): Promise<string[]> {
    return planDueReminders(this.context);
  }

  /** The next moment a reminder falls due, for the scheduler's log; undefined when none is ahead. */
  nextReminderAt(): Promise<Date | undefined> {
    return nextReminderAt(this.context);
  }

  /** How delivery of a notice is going: counts per channel and every failure (as archived, once it is). */
  async report(id: string): Promise<NoticeReport | undefined> {
    const notice = await findNotice(this.context, id);
    if (!notice) return undefined;
    if (notice.archivedReport) return notice.archivedReport;
    return buildReport(notice, await this.context.repository.deliveries(notice.id));
  }

  /** Remembers where a live report card was posted, so the dispatcher can keep it current. */
  async addReportCard(id: string, card: Notice['reportCards'][number]): Promise<void> {
    await this.context.repository.write(async (transaction) => {
      const notice = await transaction.lockNotice(id);
      if (notice) await transaction.putNotice({ ...notice, reportCards: [...notice.reportCards, card] });
    });
  }

  /** The systems a contact has muted. */
  muted(contactId: string): Promise<readonly string[]> {
    return mutedSystems(this.context, contactId);
  }

  /** Follows or mutes a system for an IT-contact's records in a municipality. */
  follow(principal: Principal, municipality: string, system: string, following: boolean): Promise<NoticeOutcome<readonly string[]>> {
    return followSystem(this.context, principal, municipality, system, following);
  }

  /** Published notices that matter now: planned ones not yet over, disruptions not yet resolved. */
  async current(municipality: string): Promise<readonly Notice[]> {
    const now = this.context.now();
    return (await this.list(municipality)).filter((notice) => !['draft', ...CLOSED].includes(currentState(notice, now)));
  }

  /** Every notice of a municipality (drafts included), newest first. */
  list(municipality?: string): Promise<readonly Notice[]> {
    return this.context.repository.findNotices({ municipality });
  }

  show(id: string): Promise<Notice | undefined> {
    return findNotice(this.context, id);
  }
}
