import type { Principal } from '../contacts/index.js';
import { fieldError, type FieldError } from '../errors/index.js';
import { stockholmDate } from '../time/index.js';
import { contactsIn, fanOut, findNotice, rulesFor, type NoticeContext } from './context.js';
import type { NoticeEvent } from './fanout.js';
import { currentState, type DisruptionState, type Notice, type NoticeKind } from './model.js';
import { remindersPassed } from './reminders.js';
import { fieldsInvalid, refuse, type NoticeFailure, type NoticeOutcome } from './refusal.js';
import { archivedRefusal } from './retention.js';
import { checkPlannedOutage } from './rules.js';

export interface NoticeDraft {
  readonly municipality: string;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly systems: readonly string[];
  readonly description: string;
  readonly impact: string;
  readonly window?: { readonly start: Date; readonly end: Date } | undefined;
}

const CLOSED = ['cancelled', 'resolved', 'completed'];

const DISRUPTION_FLOW: readonly DisruptionState[] = ['investigating', 'identified', 'monitoring', 'resolved'];

const invalid = (error: FieldError): NoticeFailure => fieldsInvalid([error]);

function auditView(notice: Notice): unknown {
  return { id: notice.id, kind: notice.kind, state: notice.state, title: notice.title, window: notice.window, sequence: notice.sequence, exception: notice.exception };
}

/**
 * A notice's life: drafting, publishing under the municipality's rules (breaking one needs a
 * recorded reason), updates, corrections, cancellation and resolution. Only the municipality's staff
 * (and administrators) may change notices; every change is audited and queues its deliveries in the
 * same unit of work.
 */
export class NoticeLifecycle {
  private readonly lastQueued = new Map<string, number>();

  constructor(private readonly context: NoticeContext) {}

  /** How many deliveries the last change of a notice in this process queued. */
  queuedBy(id: string): number {
    return this.lastQueued.get(id.toUpperCase()) ?? 0;
  }

  private refuse(principal: Principal, municipality: string): NoticeFailure | undefined {
    return this.context.contacts.manages(principal, municipality) ? undefined : refuse('forbidden', { kind: 'not-staff-of', municipality });
  }

  /** The notice a change is for, if it exists and the principal manages its municipality (and, with `live`, it is not archived). */
  private async changeable(principal: Principal, id: string, options: { readonly live?: boolean } = {}): Promise<NoticeOutcome<Notice>> {
    const notice = await findNotice(this.context, id);
    if (!notice) return refuse('not-found', { kind: 'not-found', noticeId: id });
    const refused = this.refuse(principal, notice.municipality) ?? (options.live ? archivedRefusal(this.context, notice) : undefined);
    return refused ?? { ok: true, value: notice };
  }

  async create(principal: Principal, draft: NoticeDraft): Promise<NoticeOutcome<Notice>> {
    const municipality = this.context.knowledge.municipalities.find((candidate) => candidate.id === draft.municipality);
    if (!municipality) return invalid(fieldError('municipality', 'unknown-municipality', { municipality: draft.municipality, known: this.context.knowledge.municipalities.map((candidate) => candidate.id) }));
    const refused = this.refuse(principal, draft.municipality);
    if (refused) return refused;
    const checked = this.checkDraft(draft);
    if (checked) return checked;
    const notice = await this.context.repository.write(async (transaction) => {
      const now = this.context.now();
      const at = now.toISOString();
      const series = `${municipality.ticketPrefix}-DRIFT-${stockholmDate(now).slice(0, 4)}`;
      const created: Notice = {
        id: `${series}-${String(await transaction.nextNumber(series)).padStart(4, '0')}`,
        municipality: draft.municipality,
        kind: draft.kind,
        title: draft.title.trim(),
        systems: draft.systems,
        description: draft.description.trim(),
        impact: draft.impact.trim(),
        window: draft.kind === 'planned' && draft.window ? { start: draft.window.start.toISOString(), end: draft.window.end.toISOString() } : null,
        state: 'draft',
        exception: null,
        updates: [],
        sequence: 0,
        createdBy: principal.label,
        createdAt: at,
        updatedAt: at,
        publishedAt: null,
        remindersDone: [],
        reportCards: [],
        archivedReport: null,
        archivedAt: null,
      };
      await transaction.putNotice(created);
      await transaction.appendAudit({ at, actor: principal.label, action: 'notice.created', municipality: created.municipality, subject: created.id, before: null, after: auditView(created) });
      return created;
    });
    return { ok: true, value: notice };
  }

  /** What is wrong with a draft, field by field; undefined when nothing is. */
  private checkDraft(draft: NoticeDraft): NoticeFailure | undefined {
    const errors: FieldError[] = [];
    if (!draft.title.trim()) errors.push(fieldError('title', 'title-missing'));
    const knownSystems = new Set(this.context.knowledge.systems.map((system) => system.id));
    const unknown = draft.systems.find((system) => !knownSystems.has(system));
    if (draft.systems.length === 0) errors.push(fieldError('systems', 'systems-missing'));
    else if (unknown) errors.push(fieldError('systems', 'unknown-system', { system: unknown }));
    if (draft.kind === 'planned') {
      if (!draft.window) errors.push(fieldError('start', 'window-missing'));
      else if (draft.window.end.getTime() <= draft.window.start.getTime()) errors.push(fieldError('end', 'window-order'));
      else if (draft.window.end.getTime() <= this.context.now().getTime()) errors.push(fieldError('end', 'window-passed'));
    }
    return errors.length === 0 ? undefined : fieldsInvalid(errors);
  }

  /** What a planned outage breaks of its municipality's rules, if published now. */
  violations(notice: Notice): ReturnType<typeof checkPlannedOutage> {
    const rules = rulesFor(this.context, notice.municipality);
    if (notice.kind !== 'planned' || !notice.window || !rules) return [];
    return checkPlannedOutage({ start: new Date(notice.window.start), end: new Date(notice.window.end) }, rules.planned, this.context.now());
  }

  async publish(principal: Principal, id: string, reason?: string): Promise<NoticeOutcome<Notice>> {
    const found = await this.changeable(principal, id);
    if (!found.ok) return found;
    const notice = found.value;
    if (notice.state !== 'draft') return refuse('conflict', { kind: 'published', noticeId: notice.id, action: 'publish' });
    const violations = this.violations(notice);
    if (violations.length > 0 && !reason?.trim()) {
      return invalid(fieldError('reason', 'reason-required', { violations }));
    }
    const passed = remindersPassed(this.context, notice);
    return this.change(principal, notice, 'notice.published', { purpose: 'publish' }, (at) => ({
      state: notice.kind === 'planned' ? 'scheduled' : 'investigating',
      publishedAt: at,
      exception: violations.length > 0 ? { violations, reason: reason!.trim() } : null,
      updates: [{ at, by: principal.label, state: notice.kind === 'planned' ? 'scheduled' : 'investigating', text: notice.description }],
      // A reminder whose time has passed at publishing is not sent: the announcement itself is the news.
      remindersDone: passed,
    }));
  }

  /** An update after publishing: new text, and for a disruption optionally its next state. */
  async update(principal: Principal, id: string, input: { text: string; state?: DisruptionState | undefined }): Promise<NoticeOutcome<Notice>> {
    const found = await this.changeable(principal, id, { live: true });
    if (!found.ok) return found;
    const notice = found.value;
    if (notice.state === 'draft') return refuse('conflict', { kind: 'draft', noticeId: notice.id, action: 'update' });
    if (['cancelled', 'resolved'].includes(notice.state)) return refuse('conflict', { kind: 'ended', noticeId: notice.id, state: 'closed' });
    if (!input.text.trim()) return invalid(fieldError('text', 'update-text-missing'));
    if (input.state && notice.kind !== 'disruption') return invalid(fieldError('state', 'state-only-disruptions'));
    if (input.state && !DISRUPTION_FLOW.includes(input.state)) return invalid(fieldError('state', 'unknown-state', { state: input.state, known: DISRUPTION_FLOW }));
    const state = input.state ?? notice.state;
    return this.change(principal, notice, 'notice.updated', { purpose: 'update' }, (at) => ({ state, updates: [...notice.updates, { at, by: principal.label, state, text: input.text.trim() }] }));
  }

  /**
   * A correction of what was said (title, description, impact): chat messages already sent are
   * replaced in place where the platform allows, email and SMS get a correction in the thread.
   */
  async correct(principal: Principal, id: string, input: { title?: string | undefined; description?: string | undefined; impact?: string | undefined }): Promise<NoticeOutcome<Notice>> {
    const found = await this.changeable(principal, id, { live: true });
    if (!found.ok) return found;
    const notice = found.value;
    if (notice.state === 'draft') return refuse('conflict', { kind: 'draft', noticeId: notice.id, action: 'correct' });
    if (CLOSED.includes(currentState(notice, this.context.now()))) return refuse('conflict', { kind: 'ended', noticeId: notice.id, state: 'closed' });
    const next = { title: input.title?.trim() || notice.title, description: input.description?.trim() ?? notice.description, impact: input.impact?.trim() ?? notice.impact };
    if (next.title === notice.title && next.description === notice.description && next.impact === notice.impact) return invalid(fieldError('description', 'nothing-changed'));
    return this.change(principal, notice, 'notice.corrected', { purpose: 'correction' }, () => next);
  }

  /** Replaces a draft's contents (from the chat form's "Ändra"). */
  async editDraft(principal: Principal, id: string, draft: Omit<NoticeDraft, 'municipality' | 'kind'>): Promise<NoticeOutcome<Notice>> {
    const found = await this.changeable(principal, id);
    if (!found.ok) return found;
    const notice = found.value;
    if (notice.state !== 'draft') return refuse('conflict', { kind: 'published', noticeId: notice.id, action: 'edit' });
    const checked = this.checkDraft({ ...draft, municipality: notice.municipality, kind: notice.kind });
    if (checked) return checked;
    const updated: Notice = {
      ...notice,
      title: draft.title.trim(),
      systems: draft.systems,
      description: draft.description.trim(),
      impact: draft.impact.trim(),
      window: notice.kind === 'planned' && draft.window ? { start: draft.window.start.toISOString(), end: draft.window.end.toISOString() } : null,
      updatedAt: this.context.now().toISOString(),
    };
    await this.context.repository.write(async (transaction) => {
      await transaction.putNotice(updated);
      await transaction.appendAudit({ at: updated.updatedAt, actor: principal.label, action: 'notice.edited', municipality: notice.municipality, subject: notice.id, before: auditView(notice), after: auditView(updated) });
    });
    return { ok: true, value: updated };
  }

  /** Throws away a draft that was never published. */
  async discard(principal: Principal, id: string): Promise<NoticeOutcome<Notice>> {
    const found = await this.changeable(principal, id);
    if (!found.ok) return found;
    const notice = found.value;
    if (notice.state !== 'draft') return refuse('conflict', { kind: 'published', noticeId: notice.id, action: 'discard' });
    await this.context.repository.write(async (transaction) => {
      await transaction.removeNotice(notice.id);
      await transaction.appendAudit({ at: this.context.now().toISOString(), actor: principal.label, action: 'notice.discarded', municipality: notice.municipality, subject: notice.id, before: auditView(notice), after: null });
    });
    return { ok: true, value: notice };
  }

  async cancel(principal: Principal, id: string, reason: string): Promise<NoticeOutcome<Notice>> {
    const notice = await findNotice(this.context, id);
    if (!notice) return refuse('not-found', { kind: 'not-found', noticeId: id });
    if (notice.kind !== 'planned') return invalid(fieldError('kind', 'wrong-kind', { wanted: 'planned' }));
    if (!reason.trim()) return invalid(fieldError('reason', 'cancel-reason-missing'));
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    const archived = archivedRefusal(this.context, notice);
    if (archived) return archived;
    if (notice.state === 'cancelled') return refuse('conflict', { kind: 'ended', noticeId: notice.id, state: 'cancelled' });
    if (notice.state === 'draft') return refuse('conflict', { kind: 'draft', noticeId: notice.id, action: 'cancel' });
    if (currentState(notice, this.context.now()) === 'completed') return refuse('conflict', { kind: 'ended', noticeId: notice.id, state: 'completed' });
    return this.change(principal, notice, 'notice.cancelled', { purpose: 'cancel' }, (at) => ({ state: 'cancelled', updates: [...notice.updates, { at, by: principal.label, state: 'cancelled', text: reason.trim() }] }));
  }

  async resolve(principal: Principal, id: string, text: string): Promise<NoticeOutcome<Notice>> {
    const notice = await findNotice(this.context, id);
    if (!notice) return refuse('not-found', { kind: 'not-found', noticeId: id });
    if (notice.kind !== 'disruption') return invalid(fieldError('kind', 'wrong-kind', { wanted: 'disruption' }));
    return this.update(principal, id, { text, state: 'resolved' });
  }

  /** Applies a change, audits it and queues its deliveries, all in one unit of work. */
  private async change(principal: Principal, notice: Notice, action: string, event: NoticeEvent, next: (at: string) => Partial<Notice>): Promise<NoticeOutcome<Notice>> {
    const contacts = await contactsIn(this.context, notice.municipality);
    const outcome = await this.context.repository.write(async (transaction) => {
      const at = this.context.now().toISOString();
      // The latest copy: a reminder or a report card recorded meanwhile is kept.
      const latest = (await transaction.lockNotice(notice.id)) ?? notice;
      // Archived meanwhile (by the server's scheduler): its deliveries are gone, so it stays as it is.
      const archived = archivedRefusal(this.context, latest);
      if (archived) return { archived };
      const changed: Notice = { ...latest, ...next(at), sequence: latest.sequence + 1, updatedAt: at };
      await transaction.putNotice(changed);
      await transaction.appendAudit({ at, actor: principal.label, action, municipality: notice.municipality, subject: notice.id, before: auditView(latest), after: auditView(changed) });
      return { updated: changed, queued: await fanOut(this.context, transaction, changed, event, contacts) };
    });
    if (outcome.archived) return outcome.archived;
    const { updated, queued } = outcome;
    this.lastQueued.set(updated.id, queued);
    if (queued > 0) this.context.queued();
    return { ok: true, value: updated };
  }

}
