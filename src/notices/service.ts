import { operatorPrincipal, type Contact, type ContactService, type Outcome, type Principal } from '../contacts/index.js';
import { DEFAULT_NOTICE_DELIVERY } from '../config/index.js';
import type { KnowledgeBase, NoticeRules } from '../knowledge/index.js';
import { stockholmDate } from '../time/index.js';
import { audienceFor, type AudienceMember } from './audience.js';
import type { DeliveryChannel, NoticeDelivery } from './delivery.js';
import { planFanout, type NoticeEvent } from './fanout.js';
import { currentState, endedAt, type DisruptionState, type Notice, type NoticeKind } from './model.js';
import { buildReport, type NoticeReport } from './report.js';
import type { NoticesRepository, NoticesTransaction, NoticesView } from './repository.js';
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

// Without rules in the municipality's document, notices go where IT-contacts already are.
const DEFAULT_CHANNELS: readonly DeliveryChannel[] = ['chat', 'email'];

const CLOSED = ['cancelled', 'resolved', 'completed'];

const DAY_MS = 86_400_000;

const DISRUPTION_FLOW: readonly DisruptionState[] = ['investigating', 'identified', 'monitoring', 'resolved'];

const invalid = (field: string, message: string): Outcome<never> => ({ ok: false, code: 'invalid', message, errors: [{ field, message }] });

function auditView(notice: Notice): unknown {
  return { id: notice.id, kind: notice.kind, state: notice.state, title: notice.title, window: notice.window, sequence: notice.sequence, exception: notice.exception };
}

/**
 * Planned-outage and disruption notices: drafting, publishing under the municipality's rules
 * (breaking one needs a recorded reason), updates, cancellation and resolution. Only the
 * municipality's staff (and administrators) may change notices; every change is audited.
 */
export class NoticeService {
  constructor(
    private readonly repository: NoticesRepository,
    private readonly deps: {
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
  }

  private queuedListener: (() => void) | undefined;

  /** Tells the dispatcher of this process when deliveries are queued. */
  onQueued(listener: () => void): void {
    this.queuedListener = listener;
  }

  rules(municipality: string): NoticeRules | undefined {
    return this.deps.knowledge.noticeRules.find((rules) => rules.municipalityId === municipality);
  }

  private get(id: string): Notice | undefined {
    return this.repository.read((view) => view.notice(id.trim().toUpperCase()));
  }

  /** The channels IT-contacts get this kind of notice on, by the municipality's rules. */
  contactChannels(notice: Pick<Notice, 'municipality' | 'kind'>): readonly DeliveryChannel[] {
    const rules = this.rules(notice.municipality);
    return (notice.kind === 'planned' ? rules?.planned.channels : rules?.disruption.channels) ?? DEFAULT_CHANNELS;
  }

  private contactsIn(municipality: string): readonly Contact[] {
    const listed = this.deps.contacts.listContacts(operatorPrincipal('notices'), { municipality });
    return listed.ok ? listed.value : [];
  }

  /** Who would get the notice now: every recipient on every channel. */
  audience(notice: Notice, view?: NoticesView, contacts: readonly Contact[] = this.contactsIn(notice.municipality)): AudienceMember[] {
    const read = (query: (view: NoticesView) => AudienceMember[]): AudienceMember[] => (view ? query(view) : this.repository.read(query));
    return read((current) =>
      audienceFor({ notice, contactChannels: this.contactChannels(notice), contacts, muted: (id) => current.subscription(id)?.muted ?? [], destinations: current.destinations() }),
    );
  }

  /** Plans the deliveries of an event inside a unit of work; returns how many were queued. */
  private fanOut(transaction: NoticesTransaction, notice: Notice, event: NoticeEvent, contacts: readonly Contact[]): number {
    const now = this.deps.now();
    const plan = planFanout(notice, event, this.audience(notice, transaction, contacts), transaction.deliveries(notice.id), now);
    transaction.putDeliveries(plan.create);
    transaction.putDeliveries(plan.withdraw.map((delivery) => ({ ...delivery, status: 'withdrawn', lastError: event.purpose === 'cancel' ? 'stoppad: driftstoppet ställdes in innan meddelandet gick ut' : 'stoppad' })));
    return plan.create.filter((delivery) => delivery.status === 'pending').length;
  }

  private refuse(principal: Principal, municipality: string): Outcome<never> | undefined {
    return this.deps.contacts.manages(principal, municipality) ? undefined : { ok: false, code: 'forbidden', message: `Bara personal i ${municipality} (och administratörer) får ändra driftinformation där.` };
  }

  async create(principal: Principal, draft: NoticeDraft): Promise<Outcome<Notice>> {
    const municipality = this.deps.knowledge.municipalities.find((candidate) => candidate.id === draft.municipality);
    if (!municipality) return invalid('municipality', `Okänd kommun "${draft.municipality}".`);
    const refused = this.refuse(principal, draft.municipality);
    if (refused) return refused;
    const checked = this.checkDraft(draft);
    if (checked) return checked;
    const notice = await this.repository.write((transaction) => {
      const now = this.deps.now();
      const at = now.toISOString();
      const series = `${municipality.ticketPrefix}-DRIFT-${stockholmDate(now).slice(0, 4)}`;
      const created: Notice = {
        id: `${series}-${String(transaction.nextNumber(series)).padStart(4, '0')}`,
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
      transaction.putNotice(created);
      transaction.appendAudit({ at, actor: principal.label, action: 'notice.created', municipality: created.municipality, subject: created.id, before: null, after: auditView(created) });
      return created;
    });
    return { ok: true, value: notice };
  }

  /** What is wrong with a draft, field by field; undefined when nothing is. */
  private checkDraft(draft: NoticeDraft): Outcome<never> | undefined {
    const errors: Array<{ field: string; message: string }> = [];
    if (!draft.title.trim()) errors.push({ field: 'title', message: 'Rubrik saknas.' });
    const knownSystems = new Set(this.deps.knowledge.systems.map((system) => system.id));
    const unknown = draft.systems.find((system) => !knownSystems.has(system));
    if (draft.systems.length === 0) errors.push({ field: 'systems', message: 'Ange minst ett berört system.' });
    else if (unknown) errors.push({ field: 'systems', message: `Okänt system "${unknown}". Systemen finns i knowledge/systems.yaml (t.ex. treserva, lifecare, phoniro).` });
    if (draft.kind === 'planned') {
      if (!draft.window) errors.push({ field: 'start', message: 'Ett planerat driftstopp behöver start och slut (ÅÅÅÅ-MM-DD TT:MM).' });
      else if (draft.window.end.getTime() <= draft.window.start.getTime()) errors.push({ field: 'end', message: 'Slutet måste vara efter starten.' });
      else if (draft.window.end.getTime() <= this.deps.now().getTime()) errors.push({ field: 'end', message: 'Fönstret har redan passerat.' });
    }
    if (errors.length === 0) return undefined;
    return { ok: false, code: 'invalid', message: errors.map((error) => error.message).join(' '), errors };
  }

  /** What a planned outage breaks of its municipality's rules, if published now. */
  violations(notice: Notice): ReturnType<typeof checkPlannedOutage> {
    const rules = this.rules(notice.municipality);
    if (notice.kind !== 'planned' || !notice.window || !rules) return [];
    return checkPlannedOutage({ start: new Date(notice.window.start), end: new Date(notice.window.end) }, rules.planned, this.deps.now());
  }

  async publish(principal: Principal, id: string, reason?: string): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    if (notice.state !== 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är redan publicerad.` };
    const violations = this.violations(notice);
    if (violations.length > 0 && !reason?.trim()) {
      return invalid('reason', `${violations.map((violation) => violation.message).join(' ')} Publicera bara med ett skäl, som sparas med meddelandet.`);
    }
    const remindersPassed = this.remindersPassed(notice);
    return this.change(principal, notice, 'notice.published', { purpose: 'publish' }, (at) => ({
      state: notice.kind === 'planned' ? 'scheduled' : 'investigating',
      publishedAt: at,
      exception: violations.length > 0 ? { violations, reason: reason!.trim() } : null,
      updates: [{ at, by: principal.label, state: notice.kind === 'planned' ? 'scheduled' : 'investigating', text: notice.description }],
      // A reminder whose time has passed at publishing is not sent: the announcement itself is the news.
      remindersDone: remindersPassed,
    }));
  }

  private remindersPassed(notice: Notice): number[] {
    if (notice.kind !== 'planned' || !notice.window) return [];
    const start = new Date(notice.window.start).getTime();
    const now = this.deps.now().getTime();
    return (this.rules(notice.municipality)?.planned.remindersHoursBefore ?? []).filter((hours) => now >= start - hours * 3_600_000);
  }

  /** An update after publishing: new text, and for a disruption optionally its next state. */
  async update(principal: Principal, id: string, input: { text: string; state?: DisruptionState | undefined }): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    const archived = this.archivedRefusal(notice);
    if (archived) return archived;
    if (notice.state === 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är inte publicerad än: publicera den först.` };
    if (['cancelled', 'resolved'].includes(notice.state)) return { ok: false, code: 'conflict', message: `${notice.id} är redan avslutad.` };
    if (!input.text.trim()) return invalid('text', 'Skriv vad som är nytt.');
    if (input.state && notice.kind !== 'disruption') return invalid('state', 'Status sätts bara för driftstörningar; ett planerat driftstopp följer sitt fönster (ställ in det med cancel).');
    if (input.state && !DISRUPTION_FLOW.includes(input.state)) return invalid('state', `Okänd status "${input.state}": välj en av ${DISRUPTION_FLOW.join(', ')}.`);
    const state = input.state ?? notice.state;
    return this.change(principal, notice, 'notice.updated', { purpose: 'update' }, (at) => ({ state, updates: [...notice.updates, { at, by: principal.label, state, text: input.text.trim() }] }));
  }

  /**
   * A correction of what was said (title, description, impact): chat messages already sent are
   * replaced in place where the platform allows, email and SMS get a correction in the thread.
   */
  async correct(principal: Principal, id: string, input: { title?: string | undefined; description?: string | undefined; impact?: string | undefined }): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    const archived = this.archivedRefusal(notice);
    if (archived) return archived;
    if (notice.state === 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är inte publicerad än: ändra utkastet i stället.` };
    if (CLOSED.includes(currentState(notice, this.deps.now()))) return { ok: false, code: 'conflict', message: `${notice.id} är redan avslutad.` };
    const next = { title: input.title?.trim() || notice.title, description: input.description?.trim() ?? notice.description, impact: input.impact?.trim() ?? notice.impact };
    if (next.title === notice.title && next.description === notice.description && next.impact === notice.impact) return invalid('description', 'Inget är ändrat: skriv den rättade texten.');
    return this.change(principal, notice, 'notice.corrected', { purpose: 'correction' }, () => next);
  }

  /** Replaces a draft's contents (from the chat form's "Ändra"). */
  async editDraft(principal: Principal, id: string, draft: Omit<NoticeDraft, 'municipality' | 'kind'>): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    if (notice.state !== 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är redan publicerad: uppdatera eller rätta den i stället.` };
    const checked = this.checkDraft({ ...draft, municipality: notice.municipality, kind: notice.kind });
    if (checked) return checked;
    const updated: Notice = {
      ...notice,
      title: draft.title.trim(),
      systems: draft.systems,
      description: draft.description.trim(),
      impact: draft.impact.trim(),
      window: notice.kind === 'planned' && draft.window ? { start: draft.window.start.toISOString(), end: draft.window.end.toISOString() } : null,
      updatedAt: this.deps.now().toISOString(),
    };
    await this.repository.write((transaction) => {
      transaction.putNotice(updated);
      transaction.appendAudit({ at: updated.updatedAt, actor: principal.label, action: 'notice.edited', municipality: notice.municipality, subject: notice.id, before: auditView(notice), after: auditView(updated) });
    });
    return { ok: true, value: updated };
  }

  /** Throws away a draft that was never published. */
  async discard(principal: Principal, id: string): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    if (notice.state !== 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är redan publicerad och kan inte slängas; ställ in eller avsluta den i stället.` };
    await this.repository.write((transaction) => {
      transaction.removeNotice(notice.id);
      transaction.appendAudit({ at: this.deps.now().toISOString(), actor: principal.label, action: 'notice.discarded', municipality: notice.municipality, subject: notice.id, before: auditView(notice), after: null });
    });
    return { ok: true, value: notice };
  }

  async cancel(principal: Principal, id: string, reason: string): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    if (notice.kind !== 'planned') return invalid('kind', 'Bara planerade driftstopp kan ställas in; en driftstörning avslutas med resolve.');
    if (!reason.trim()) return invalid('reason', 'Skriv varför driftstoppet ställs in.');
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    const archived = this.archivedRefusal(notice);
    if (archived) return archived;
    if (notice.state === 'cancelled') return { ok: false, code: 'conflict', message: `${notice.id} är redan inställd.` };
    if (notice.state === 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är inte publicerad: släng utkastet i stället.` };
    if (currentState(notice, this.deps.now()) === 'completed') return { ok: false, code: 'conflict', message: `${notice.id} är redan genomfört.` };
    return this.change(principal, notice, 'notice.cancelled', { purpose: 'cancel' }, (at) => ({ state: 'cancelled', updates: [...notice.updates, { at, by: principal.label, state: 'cancelled', text: reason.trim() }] }));
  }

  async resolve(principal: Principal, id: string, text: string): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    if (notice.kind !== 'disruption') return invalid('kind', 'Bara driftstörningar åtgärdas; ett planerat driftstopp avslutas av sig självt när fönstret är slut.');
    return this.update(principal, id, { text, state: 'resolved' });
  }

  /** An archived notice is read-only: its deliveries are gone, so nothing could be threaded, withdrawn or reported. */
  private archivedRefusal(notice: Notice): Outcome<never> | undefined {
    if (!notice.archivedReport) return undefined;
    const when = notice.archivedAt ? ` ${stockholmDate(new Date(notice.archivedAt))}` : '';
    return {
      ok: false,
      code: 'conflict',
      message: `${notice.id} arkiverades${when}, när den hade varit avslutad i mer än ${this.retentionDays} dagar, och kan inte ändras längre: leveranserna är borttagna och bara leveransrapporten finns kvar, så en uppdatering skulle inte nå rätt mottagare eller tråd. Skapa en ny driftinformation om något har hänt sedan dess.`,
    };
  }

  private get retentionDays(): number {
    return this.deps.retentionDays ?? DEFAULT_NOTICE_DELIVERY.retentionDays;
  }

  /**
   * Archives the notices that ended more than the retention period ago (and were not changed since):
   * each keeps its delivery report, exactly as `report` gave it, and its delivery rows are removed,
   * in one unit of work. With nothing to archive nothing is written. Returns the notices archived.
   */
  async archiveEnded(now: Date = this.deps.now()): Promise<string[]> {
    const cutoff = now.getTime() - this.retentionDays * DAY_MS;
    const due = (notice: Notice): boolean => {
      if (notice.archivedReport) return false;
      const ended = endedAt(notice, now);
      // A completed outage may still be updated after its window: count from its last change then.
      return ended !== undefined && Math.max(ended.getTime(), new Date(notice.updatedAt).getTime()) < cutoff;
    };
    if (!this.repository.read((view) => view.notices().some(due))) return [];
    return this.repository.write((transaction) => {
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
        transaction.appendAudit({ at, actor: 'system:retention', action: 'notice.archived', municipality: notice.municipality, subject: notice.id, before: null, after: { deliveriesRemoved: deliveries.length, retentionDays: this.retentionDays } });
      }
      return candidates.map((notice) => notice.id);
    });
  }

  /** Applies a change, audits it and queues its deliveries, all in one unit of work. */
  private async change(principal: Principal, notice: Notice, action: string, event: NoticeEvent, next: (at: string) => Partial<Notice>): Promise<Outcome<Notice>> {
    const contacts = this.contactsIn(notice.municipality);
    const outcome = await this.repository.write((transaction) => {
      const at = this.deps.now().toISOString();
      // The latest copy: a reminder or a report card recorded meanwhile is kept.
      const latest = transaction.notice(notice.id) ?? notice;
      // Archived meanwhile (by the server's scheduler): its deliveries are gone, so it stays as it is.
      const archived = this.archivedRefusal(latest);
      if (archived) return { archived };
      const changed: Notice = { ...latest, ...next(at), sequence: latest.sequence + 1, updatedAt: at };
      transaction.putNotice(changed);
      transaction.appendAudit({ at, actor: principal.label, action, municipality: notice.municipality, subject: notice.id, before: auditView(latest), after: auditView(changed) });
      return { updated: changed, queued: this.fanOut(transaction, changed, event, contacts) };
    });
    if (outcome.archived) return outcome.archived;
    const { updated, queued } = outcome;
    this.lastQueued.set(updated.id, queued);
    if (queued > 0) this.queuedListener?.();
    return { ok: true, value: updated };
  }

  private readonly lastQueued = new Map<string, number>();

  /** How many deliveries the last change of a notice in this process queued. */
  queuedBy(id: string): number {
    return this.lastQueued.get(id.toUpperCase()) ?? 0;
  }

  /**
   * Plans the reminders that are due (a planned outage's start minus each configured number of
   * hours): once each, and after downtime only the latest one that is due, and only while the
   * outage has not started. Returns the notices reminded about.
   */
  async planDueReminders(): Promise<string[]> {
    const now = this.deps.now();
    const candidates = this.repository.read((view) =>
      view.notices().filter((notice) => notice.kind === 'planned' && notice.state === 'scheduled' && notice.window && this.dueReminders(notice, now).length > 0),
    );
    const reminded: string[] = [];
    for (const candidate of candidates) {
      const contacts = this.contactsIn(candidate.municipality);
      const queued = await this.repository.write((transaction) => {
        const notice = transaction.notice(candidate.id);
        if (!notice || notice.state !== 'scheduled') return -1;
        const due = this.dueReminders(notice, now);
        if (due.length === 0) return -1;
        const start = new Date(notice.window!.start).getTime();
        const updated: Notice = { ...notice, remindersDone: [...notice.remindersDone, ...due] };
        transaction.putNotice(updated);
        // Several due at once (the server was down): one reminder, the nearest, if the outage is still ahead.
        if (now.getTime() >= start) return 0;
        return this.fanOut(transaction, updated, { purpose: 'reminder', reminderHours: Math.min(...due) }, contacts);
      });
      if (queued >= 0) reminded.push(candidate.id);
      if (queued > 0) this.queuedListener?.();
    }
    return reminded;
  }

  private dueReminders(notice: Notice, now: Date): number[] {
    if (!notice.window) return [];
    const start = new Date(notice.window.start).getTime();
    return (this.rules(notice.municipality)?.planned.remindersHoursBefore ?? []).filter((hours) => !notice.remindersDone.includes(hours) && now.getTime() >= start - hours * 3_600_000);
  }

  /** The next moment a reminder falls due, for the scheduler's log; undefined when none is ahead. */
  nextReminderAt(): Date | undefined {
    const times = this.repository.read((view) =>
      view
        .notices()
        .filter((notice) => notice.kind === 'planned' && notice.state === 'scheduled' && notice.window)
        .flatMap((notice) =>
          (this.rules(notice.municipality)?.planned.remindersHoursBefore ?? []).filter((hours) => !notice.remindersDone.includes(hours)).map((hours) => new Date(notice.window!.start).getTime() - hours * 3_600_000),
        ),
    );
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
  }

  /** How delivery of a notice is going: counts per channel and every failure (as archived, once it is). */
  report(id: string): NoticeReport | undefined {
    const notice = this.get(id);
    if (!notice) return undefined;
    if (notice.archivedReport) return notice.archivedReport;
    return this.repository.read((view) => buildReport(notice, view.deliveries(notice.id)));
  }

  /** Remembers where a live report card was posted, so the dispatcher can keep it current. */
  async addReportCard(id: string, card: Notice['reportCards'][number]): Promise<void> {
    await this.repository.write((transaction) => {
      const notice = transaction.notice(id);
      if (notice) transaction.putNotice({ ...notice, reportCards: [...notice.reportCards, card] });
    });
  }

  /** The systems a contact has muted. */
  muted(contactId: string): readonly string[] {
    return this.repository.read((view) => view.subscription(contactId)?.muted ?? []);
  }

  /**
   * Follows or mutes a system for an IT-contact's records in a municipality ("prenumerera Treserva",
   * "sluta följa Phoniro"). Everyone follows every system until they mute one.
   */
  async follow(principal: Principal, municipality: string, system: string, following: boolean): Promise<Outcome<readonly string[]>> {
    if (!this.deps.knowledge.systems.some((candidate) => candidate.id === system)) return invalid('system', `Okänt system "${system}".`);
    const contactIds = this.deps.contacts.contactsOf(principal).filter((contact) => contact.active && contact.municipality === municipality).map((contact) => contact.id);
    if (contactIds.length === 0) return { ok: false, code: 'forbidden', message: `Bara registrerade IT-kontakter i ${municipality} kan välja system att följa. Skriv "registrera" för att ansöka.` };
    const muted = await this.repository.write((transaction) => {
      const at = this.deps.now().toISOString();
      let result: readonly string[] = [];
      for (const contactId of contactIds) {
        const before = transaction.subscription(contactId)?.muted ?? [];
        result = following ? before.filter((id) => id !== system) : [...new Set([...before, system])];
        transaction.putSubscription(contactId, { muted: result, updatedAt: at });
      }
      transaction.appendAudit({ at, actor: principal.label, action: following ? 'subscription.followed' : 'subscription.muted', municipality, subject: system, before: null, after: { contacts: contactIds } });
      return result;
    });
    return { ok: true, value: muted };
  }

  /** Published notices that matter now: planned ones not yet over, disruptions not yet resolved. */
  current(municipality: string): readonly Notice[] {
    const now = this.deps.now();
    return this.list(municipality).filter((notice) => !['draft', ...CLOSED].includes(currentState(notice, now)));
  }

  /** Every notice of a municipality (drafts included), newest first. */
  list(municipality?: string): readonly Notice[] {
    return this.repository.read((view) => view.notices().filter((notice) => !municipality || notice.municipality === municipality).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }

  show(id: string): Notice | undefined {
    return this.get(id);
  }

  now(): Date {
    return this.deps.now();
  }
}
