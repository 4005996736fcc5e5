import type { ContactService, Outcome, Principal } from '../contacts/index.js';
import type { KnowledgeBase, NoticeRules } from '../knowledge/index.js';
import { stockholmDate } from '../time/index.js';
import { currentState, type DisruptionState, type Notice, type NoticeKind } from './model.js';
import type { NoticesRepository } from './repository.js';
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
    private readonly deps: { readonly knowledge: KnowledgeBase; readonly contacts: ContactService; readonly now: () => Date },
  ) {}

  rules(municipality: string): NoticeRules | undefined {
    return this.deps.knowledge.noticeRules.find((rules) => rules.municipalityId === municipality);
  }

  private get(id: string): Notice | undefined {
    return this.repository.read((notices) => notices.find((notice) => notice.id === id.toUpperCase()));
  }

  private refuse(principal: Principal, municipality: string): Outcome<never> | undefined {
    return this.deps.contacts.manages(principal, municipality) ? undefined : { ok: false, code: 'forbidden', message: `Bara personal i ${municipality} (och administratörer) får ändra driftinformation där.` };
  }

  async create(principal: Principal, draft: NoticeDraft): Promise<Outcome<Notice>> {
    const municipality = this.deps.knowledge.municipalities.find((candidate) => candidate.id === draft.municipality);
    if (!municipality) return invalid('municipality', `Okänd kommun "${draft.municipality}".`);
    const refused = this.refuse(principal, draft.municipality);
    if (refused) return refused;
    if (!draft.title.trim()) return invalid('title', 'Rubrik saknas.');
    const knownSystems = new Set(this.deps.knowledge.systems.map((system) => system.id));
    const unknown = draft.systems.find((system) => !knownSystems.has(system));
    if (unknown) return invalid('systems', `Okänt system "${unknown}". Systemen finns i knowledge/systems.yaml (t.ex. treserva, lifecare, phoniro).`);
    if (draft.kind === 'planned') {
      if (!draft.window) return invalid('window', 'Ett planerat driftstopp behöver start och slut.');
      if (draft.window.end.getTime() <= draft.window.start.getTime()) return invalid('window', 'Slutet måste vara efter starten.');
    }
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
      };
      transaction.putNotice(created);
      transaction.appendAudit({ at, actor: principal.label, action: 'notice.created', municipality: created.municipality, subject: created.id, before: null, after: auditView(created) });
      return created;
    });
    return { ok: true, value: notice };
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
    return this.change(principal, notice, 'notice.published', (at) => ({
      state: notice.kind === 'planned' ? 'scheduled' : 'investigating',
      publishedAt: at,
      exception: violations.length > 0 ? { violations, reason: reason!.trim() } : null,
      updates: [{ at, by: principal.label, state: notice.kind === 'planned' ? 'scheduled' : 'investigating', text: notice.description }],
    }));
  }

  /** An update after publishing: new text, and for a disruption optionally its next state. */
  async update(principal: Principal, id: string, input: { text: string; state?: DisruptionState | undefined }): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    if (notice.state === 'draft') return { ok: false, code: 'conflict', message: `${notice.id} är inte publicerad än: publicera den först.` };
    if (['cancelled', 'resolved'].includes(notice.state)) return { ok: false, code: 'conflict', message: `${notice.id} är redan avslutad.` };
    if (!input.text.trim()) return invalid('text', 'Skriv vad som är nytt.');
    if (input.state && (notice.kind !== 'disruption' || !DISRUPTION_FLOW.includes(input.state))) {
      return invalid('state', `Status kan bara sättas för driftstörningar: ${DISRUPTION_FLOW.join(', ')}.`);
    }
    const state = input.state ?? notice.state;
    return this.change(principal, notice, 'notice.updated', (at) => ({ state, updates: [...notice.updates, { at, by: principal.label, state, text: input.text.trim() }] }));
  }

  async cancel(principal: Principal, id: string, reason: string): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    if (notice.kind !== 'planned') return invalid('kind', 'Bara planerade driftstopp kan ställas in; en driftstörning avslutas med resolve.');
    if (!reason.trim()) return invalid('reason', 'Skriv varför driftstoppet ställs in.');
    const refused = this.refuse(principal, notice.municipality);
    if (refused) return refused;
    if (notice.state === 'cancelled') return { ok: false, code: 'conflict', message: `${notice.id} är redan inställd.` };
    return this.change(principal, notice, 'notice.cancelled', (at) => ({ state: 'cancelled', updates: [...notice.updates, { at, by: principal.label, state: 'cancelled', text: reason.trim() }] }));
  }

  async resolve(principal: Principal, id: string, text: string): Promise<Outcome<Notice>> {
    const notice = this.get(id);
    if (!notice) return { ok: false, code: 'not-found', message: `Ingen driftinformation med id ${id}.` };
    if (notice.kind !== 'disruption') return invalid('kind', 'Bara driftstörningar åtgärdas; ett planerat driftstopp avslutas av sig självt när fönstret är slut.');
    return this.update(principal, id, { text, state: 'resolved' });
  }

  private async change(principal: Principal, notice: Notice, action: string, next: (at: string) => Partial<Notice>): Promise<Outcome<Notice>> {
    const changed = await this.repository.write((transaction) => {
      const at = this.deps.now().toISOString();
      const updated: Notice = { ...notice, ...next(at), sequence: notice.sequence + 1, updatedAt: at };
      transaction.putNotice(updated);
      transaction.appendAudit({ at, actor: principal.label, action, municipality: notice.municipality, subject: notice.id, before: auditView(notice), after: auditView(updated) });
      return updated;
    });
    return { ok: true, value: changed };
  }

  /** Published notices that matter now: planned ones not yet over, disruptions not yet resolved. */
  current(municipality: string): readonly Notice[] {
    const now = this.deps.now();
    return this.list(municipality).filter((notice) => !['draft', 'completed', 'cancelled', 'resolved'].includes(currentState(notice, now)));
  }

  /** Every notice of a municipality (drafts included), newest first. */
  list(municipality?: string): readonly Notice[] {
    return this.repository.read((notices) => notices.filter((notice) => !municipality || notice.municipality === municipality).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }

  show(id: string): Notice | undefined {
    return this.get(id);
  }

  now(): Date {
    return this.deps.now();
  }
}
