import { type ContactService, type Principal, destinationKey, type DestinationRepository, type PreferenceRepository, type Actor } from '../contacts/index.js';
import { noticeRuleSections, noticeRulesTitle } from './notice-rule-texts.js';
import { foldForMatching, municipalitySystems, type KnowledgeBase, type Language } from '../knowledge/index.js';
import { DISRUPTION_STATE_LABELS, summarizeNotice, type DisruptionState, type Notice, type NoticeFailure, type NoticeService } from '../notices/index.js';
import { conversationAddress, userAddress } from '../outbound/index.js';
import { formatStockholm } from '../time/index.js';
import { identityOf } from './identity.js';
import type { Messenger } from './messenger.js';
import { fieldErrorTexts, wordFieldErrors } from './field-error-texts.js';
import type { UserLanguages } from './language.js';
import { replaceReportCards } from './notice-chat.js';
import { readNoticeForm } from './notice-form-input.js';
import { refusalTexts } from './refusal-texts.js';
import { NOTICE_FORM_FIELDS, type FieldMessage, type MunicipalityChoice, type NoticeChangeMode, type NoticeFormField, type NoticeReportView, type NoticeSummary, type Reply } from './reply.js';
import type { ConversationRef } from './turn.js';

export interface NoticeFlowDependencies {
  readonly notices: NoticeService;
  readonly contacts: ContactService;
  readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems' | 'records'>;
  readonly messenger: Messenger;
  readonly destinations: DestinationRepository;
  readonly preferences: PreferenceRepository;
  readonly languages: Pick<UserLanguages, 'of' | 'ofKey'>;
  readonly municipalities: readonly MunicipalityChoice[];
  readonly now: () => Date;
}

/** The service's refusal as the error the user reads. */
const refused = (result: NoticeFailure, language: Language): Reply => ({ kind: 'error', language, message: refusalTexts[language].notice(result.reason, result.errors) });

const DISRUPTION_STATES: readonly DisruptionState[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/**
 * Outage notices in chat: "driftinfo" for everyone; following and muting systems for IT-contacts;
 * the form, preview, publishing, updates and delivery reports for the municipality's staff.
 */
export class NoticeFlow {
  constructor(private readonly deps: NoticeFlowDependencies) {}

  private principal(actor: Actor): Promise<Principal> {
    return this.deps.contacts.principalFor(identityOf(actor));
  }

  private choice(id: string): MunicipalityChoice {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? { id, name: id };
  }

  summary(notice: Notice, language: Language): NoticeSummary {
    return summarizeNotice(notice, this.deps.knowledge, language, this.deps.now());
  }

  /** The municipality a person acts in: staff their own; an IT-contact theirs; else the one they chose. */
  private async municipalityOf(actor: Actor, principal: Principal): Promise<string | undefined> {
    const preferred = (await this.deps.preferences.get(actor))?.municipality ?? undefined;
    if (principal.role === 'staff') return principal.municipalities?.[0];
    const own = (await this.deps.contacts.contactsOf(principal)).filter((contact) => contact.active).map((contact) => contact.municipality);
    if (preferred && (own.includes(preferred) || own.length === 0)) return preferred;
    return own[0] ?? preferred;
  }

  /** Finds a system by id, name or alias ("Treserva", "treserva", "Lifecare SP"). */
  resolveSystem(name: string): { id: string; name: string } | undefined {
    const folded = foldForMatching(name.trim());
    if (!folded) return undefined;
    return this.deps.knowledge.systems.find((system) => system.id === folded || foldForMatching(system.name) === folded || system.aliases.some((alias) => foldForMatching(alias) === folded));
  }

  /** "driftinfo": current and upcoming notices of the person's municipality. */
  async list(actor: Actor, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    const municipality = await this.municipalityOf(actor, principal);
    if (!municipality) return [{ kind: 'notice-list', language, municipality: null, notices: [], canPublish: false }];
    const notices = (await this.deps.notices.current(municipality)).map((notice) => this.summary(notice, language));
    return [{ kind: 'notice-list', language, municipality: this.choice(municipality), notices, canPublish: this.deps.contacts.manages(principal, municipality) && principal.role !== 'it-contact' }];
  }

  /** "prenumerera Treserva" / "sluta följa Phoniro"; without a system, the list of systems. */
  async follow(actor: Actor, systemName: string | null, following: boolean, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    const municipality = await this.municipalityOf(actor, principal);
    const own = (await this.deps.contacts.contactsOf(principal)).filter((contact) => contact.active && contact.municipality === municipality);
    if (!municipality || own.length === 0) {
      return [{ kind: 'error', language, message: refusalTexts[language].onlyContactsFollow }];
    }
    let changed: { system: string; following: boolean } | null = null;
    if (systemName !== null) {
      const system = this.resolveSystem(systemName);
      if (!system) {
        const known = this.deps.knowledge.systems.map((candidate) => candidate.name).join(', ');
        return [{ kind: 'error', language, message: refusalTexts[language].unknownSystemName(systemName, known) }];
      }
      const result = await this.deps.notices.follow(principal, municipality, system.id, following);
      if (!result.ok) return [refused(result, language)];
      changed = { system: system.name, following };
    }
    const muted = await this.deps.notices.muted(own[0]!.id);
    const systems = this.deps.knowledge.systems.map((system) => ({ id: system.id, name: system.name, following: !muted.includes(system.id) }));
    return [{ kind: 'subscriptions', language, municipality: this.choice(municipality), systems, changed }];
  }

  /** "driftkanal" in a channel: it gets the municipality's notices ("driftkanal av" stops it). */
  async setChannel(actor: Actor, conversation: ConversationRef, municipalityId: string | undefined, enabled: boolean, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    const municipality = municipalityId ?? (await this.municipalityOf(actor, principal));
    const sv = language === 'sv';
    if (conversation.kind === 'personal') {
      return [{ kind: 'error', language, message: sv ? 'Skriv "driftkanal" i den kanal eller gruppchatt som ska få driftinformation; här i den privata chatten får du den redan.' : 'Type "notice channel" in the channel or group chat that should get notices; you already get them here in your personal chat.' }];
    }
    const allowed = municipality && (this.deps.contacts.manages(principal, municipality) || (await this.deps.contacts.contactsOf(principal)).some((contact) => contact.active && contact.municipality === municipality));
    if (!municipality || !allowed) {
      return [{ kind: 'error', language, message: sv ? 'Bara kommunens personal och registrerade IT-kontakter kan välja en kanal för driftinformation.' : 'Only the municipality’s staff and registered IT-contacts can choose a channel for notices.' }];
    }
    const destination = await this.deps.destinations.get(destinationKey(conversation));
    if (!destination) {
      return [{ kind: 'error', language, message: sv ? 'Jag känner inte till den här kanalen ännu. Lägg till boten i kanalen först och försök igen.' : 'I don’t know this channel yet. Add the bot to the channel first, then try again.' }];
    }
    await this.deps.destinations.upsert({ ...destination, municipality: enabled ? municipality : null, inactiveSince: null });
    return [{ kind: 'notice-channel-set', language, municipality: this.choice(municipality), enabled }];
  }

  private staffMunicipality(principal: Principal, preferred: string | undefined): string | undefined {
    if (principal.role === 'staff') return principal.municipalities?.[0];
    if (principal.role === 'admin') return preferred;
    return undefined;
  }

  private forbidden(language: Language): Reply {
    return { kind: 'error', language, message: refusalTexts[language].onlyStaffPublish };
  }

  /** The systems the form offers: the municipality's own, as its knowledge file names them. */
  private systems(municipality: string): Array<{ id: string; name: string }> {
    return municipalitySystems(this.deps.knowledge, municipality).map((system) => ({ id: system.id, name: system.name }));
  }

  private emptyValues(): Record<NoticeFormField, string> {
    return Object.fromEntries(NOTICE_FORM_FIELDS.map((field) => [field, ''])) as Record<NoticeFormField, string>;
  }

  /** Staff: the empty form, or a draft's form to edit. */
  async openForm(actor: Actor, kind: 'planned' | 'disruption', noticeId: string | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    if (noticeId) {
      const notice = await this.deps.notices.show(noticeId);
      if (!notice || !this.deps.contacts.manages(principal, notice.municipality)) return [{ kind: 'error', language, message: `Ingen driftinformation med id ${noticeId}.` }];
      const values: Record<NoticeFormField, string> = {
        title: notice.title,
        systems: notice.systems.join(','),
        start: notice.window ? formatStockholm(new Date(notice.window.start)) : '',
        end: notice.window ? formatStockholm(new Date(notice.window.end)) : '',
        description: notice.description,
        impact: notice.impact,
      };
      return [{ kind: 'notice-form', language, municipality: this.choice(notice.municipality), noticeKind: notice.kind, noticeId: notice.id, values, errors: [], systems: this.systems(notice.municipality) }];
    }
    const municipality = this.staffMunicipality(principal, await this.municipalityOf(actor, principal));
    if (!municipality || !this.deps.contacts.manages(principal, municipality)) return [this.forbidden(language)];
    return [{ kind: 'notice-form', language, municipality: this.choice(municipality), noticeKind: kind, noticeId: null, values: this.emptyValues(), errors: [], systems: this.systems(municipality) }];
  }

  /** Staff: saves the form as a draft and shows it as recipients will see it. */
  async preview(actor: Actor, kind: 'planned' | 'disruption', noticeId: string | undefined, raw: Readonly<Record<string, string>>, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    const values = { ...this.emptyValues(), ...Object.fromEntries(NOTICE_FORM_FIELDS.map((field) => [field, (raw[field] ?? '').trim()])) } as Record<NoticeFormField, string>;
    const existing = noticeId ? await this.deps.notices.show(noticeId) : undefined;
    const municipality = existing?.municipality ?? this.staffMunicipality(principal, await this.municipalityOf(actor, principal));
    if (!municipality || !this.deps.contacts.manages(principal, municipality)) return [this.forbidden(language)];
    const own = this.systems(municipality);
    // Read at the edge: the service gets system ids and instants, or the form comes back.
    const { systems, window, foreign, errors } = readNoticeForm(values, { kind, own, municipalityName: this.choice(municipality).name, knowledge: this.deps.knowledge, resolve: (name) => this.resolveSystem(name), language });
    const form = (all: readonly FieldMessage[]): Reply[] => [{ kind: 'notice-form', language, municipality: this.choice(municipality), noticeKind: kind, noticeId: existing?.id ?? null, values, errors: all, systems: own }];
    // The service would save a draft about another municipality's system: it is not asked.
    if (foreign.length > 0) return form(errors);
    const draft = { title: values.title, systems, description: values.description, impact: values.impact, window };
    const result = existing ? await this.deps.notices.editDraft(principal, existing.id, draft) : await this.deps.notices.create(principal, { ...draft, municipality, kind });
    if (!result.ok) {
      if (result.code !== 'invalid') return [refused(result, language)];
      // Date errors of our own first; the service's for the rest (it cannot check dates it never got).
      const theirs = wordFieldErrors(result.errors, language);
      return form([...errors, ...theirs.filter((error) => !errors.some((mine) => mine.field === error.field))]);
    }
    if (errors.length > 0) return form(errors);
    return [await this.previewReply(result.value, language)];
  }

  private async previewReply(notice: Notice, language: Language): Promise<Reply> {
    const violations = this.deps.notices.violations(notice).map((violation) => fieldErrorTexts[language].violation(violation));
    const inForce = this.deps.notices.rules(notice.municipality);
    const rules = { title: noticeRulesTitle(this.choice(notice.municipality).name, language), lines: inForce ? noticeRuleSections(inForce, language, notice.kind).flatMap((section) => section.lines) : [] };
    const audience = await this.deps.notices.audience(notice);
    return { kind: 'notice-preview', language, notice: this.summary(notice, language), violations, needsReason: violations.length > 0, recipients: audience.filter((member) => !member.unreachable).length, rules };
  }

  /** Staff: publishes a previewed draft; the live delivery report goes to the publisher's chat. */
  async publish(actor: Actor, conversation: ConversationRef, noticeId: string, reason: string | undefined, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    const result = await this.deps.notices.publish(principal, noticeId, reason);
    if (!result.ok) {
      const notice = await this.deps.notices.show(noticeId);
      // A missing reason: show the preview again, which asks for it.
      if (result.code === 'invalid' && notice?.state === 'draft') return [refused(result, language), await this.previewReply(notice, language)];
      return [refused(result, language)];
    }
    const notice = result.value;
    const recorded: Reply = { kind: 'notice-action-recorded', language, notice: this.summary(notice, language), action: 'published', recipients: this.deps.notices.queuedBy(notice.id) };
    const report = await this.reportReply(notice.id, language);
    if (report && (await this.postReportCard(notice.id, actor, conversation, report))) return [recorded];
    return report ? [recorded, report] : [recorded];
  }

  /** Posts the live report card to the conversation and remembers it; false when that is not possible. */
  private async postReportCard(noticeId: string, actor: Actor, conversation: ConversationRef, report: Reply): Promise<boolean> {
    const key = destinationKey(conversation);
    const destination = await this.deps.destinations.get(key);
    // A Slack DM is known by the person, not by its D… id: a post to the person lands in it.
    const target = destination ? conversationAddress(destination) : conversation.kind === 'personal' && actor.platform !== 'console' ? userAddress({ platform: actor.platform, tenantId: actor.tenantId ?? '-', userId: actor.userId }) : undefined;
    if (!target) return false;
    const outcome = await this.deps.messenger.send(target, report);
    if (outcome.kind !== 'sent') return false;
    await this.deps.notices.addReportCard(noticeId, { target, conversationId: outcome.ref.conversationId, messageId: outcome.ref.messageId });
    return true;
  }

  async discard(actor: Actor, noticeId: string, language: Language): Promise<Reply[]> {
    const result = await this.deps.notices.discard(await this.principal(actor), noticeId);
    if (!result.ok) return [refused(result, language)];
    return [{ kind: 'notice-action-recorded', language, notice: this.summary(result.value, language), action: 'discarded', recipients: 0 }];
  }

  private changeForm(notice: Notice, mode: NoticeChangeMode, values: Readonly<Record<string, string>>, errors: readonly FieldMessage[], language: Language): Reply {
    const states = notice.kind === 'disruption' && mode === 'update' ? DISRUPTION_STATES.filter((state) => state !== 'resolved').map((state) => ({ id: state, label: DISRUPTION_STATE_LABELS[state as Exclude<DisruptionState, 'draft'>][language] })) : [];
    return { kind: 'notice-change-form', language, notice: this.summary(notice, language), mode, values, errors, states };
  }

  async openChange(actor: Actor, noticeId: string, mode: NoticeChangeMode, language: Language): Promise<Reply[]> {
    const notice = await this.deps.notices.show(noticeId);
    if (!notice || !this.deps.contacts.manages(await this.principal(actor), notice.municipality)) return [{ kind: 'error', language, message: refusalTexts[language].noticeNotChangeable(noticeId) }];
    const values: Record<string, string> = mode === 'correct' ? { title: notice.title, description: notice.description, impact: notice.impact } : { text: '', state: notice.kind === 'disruption' ? notice.state : '' };
    return [this.changeForm(notice, mode, values, [], language)];
  }

  /** Staff: an update, a correction, a cancellation or a resolution, sent to everyone who got the notice. */
  async change(actor: Actor, noticeId: string, mode: NoticeChangeMode, values: Readonly<Record<string, string>>, language: Language): Promise<Reply[]> {
    const principal = await this.principal(actor);
    const text = values.text?.trim() ?? '';
    const state = values.state && DISRUPTION_STATES.includes(values.state as DisruptionState) ? (values.state as DisruptionState) : undefined;
    const result =
      mode === 'update'
        ? await this.deps.notices.update(principal, noticeId, { text, state })
        : mode === 'correct'
          ? await this.deps.notices.correct(principal, noticeId, { title: values.title, description: values.description, impact: values.impact })
          : mode === 'cancel'
            ? await this.deps.notices.cancel(principal, noticeId, text)
            : await this.deps.notices.resolve(principal, noticeId, text);
    if (!result.ok) {
      const notice = await this.deps.notices.show(noticeId);
      // The form asks for a cancellation's reason in its text field.
      if (result.code === 'invalid' && notice) return [this.changeForm(notice, mode, values, wordFieldErrors(result.errors, language).map((error) => (error.field === 'reason' ? { ...error, field: 'text' } : error)), language)];
      return [refused(result, language)];
    }
    const action = ({ update: 'updated', correct: 'corrected', cancel: 'cancelled', resolve: 'resolved' } as const)[mode];
    await this.refreshReport(result.value.id);
    return [{ kind: 'notice-action-recorded', language, notice: this.summary(result.value, language), action, recipients: this.deps.notices.queuedBy(result.value.id) }];
  }

  /** Re-renders the report cards now (their buttons change when a notice closes). */
  private async refreshReport(noticeId: string): Promise<void> {
    const notice = await this.deps.notices.show(noticeId);
    if (!notice) return;
    // The change itself is done; a card that cannot be replaced is caught up by the next progress update.
    await replaceReportCards(notice, (language) => this.reportReply(noticeId, language), this.deps, () => undefined);
  }

  /** The delivery report as chat shows it; undefined for an unknown notice. */
  async reportReply(noticeId: string, language: Language): Promise<Reply | undefined> {
    const [notice, report] = await Promise.all([this.deps.notices.show(noticeId), this.deps.notices.report(noticeId)]);
    if (!notice || !report) return undefined;
    const view: NoticeReportView = {
      channels: report.channels,
      failures: report.failures.map((failure) => ({ channel: failure.channel, recipient: failure.recipient, reason: failure.reason })),
      complete: report.complete,
    };
    return { kind: 'notice-report', language, notice: this.summary(notice, language), report: view };
  }

  async report(actor: Actor, noticeId: string, language: Language): Promise<Reply[]> {
    const notice = await this.deps.notices.show(noticeId);
    if (!notice || !this.deps.contacts.manages(await this.principal(actor), notice.municipality)) return [{ kind: 'error', language, message: `Ingen driftinformation med id ${noticeId} som du kan se.` }];
    return [(await this.reportReply(noticeId, language))!];
  }
}
