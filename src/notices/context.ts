import { operatorPrincipal, type Contact, type ContactService } from '../contacts/index.js';
import type { KnowledgeBase, NoticeRules } from '../knowledge/index.js';
import { audienceFor, type AudienceMember } from './audience.js';
import type { DeliveryChannel } from './delivery.js';
import { planFanout, type NoticeEvent } from './fanout.js';
import type { Notice } from './model.js';
import type { NoticesRepository, NoticesTransaction, NoticesView } from './repository.js';

/** What every part of the notice service works with: the store, the knowledge base, the registry and one clock. */
export interface NoticeContext {
  readonly repository: NoticesRepository;
  readonly knowledge: KnowledgeBase;
  readonly contacts: ContactService;
  readonly now: () => Date;
  /** Days after a notice ended before it is archived (NOTICE_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Tells the dispatcher of this process that deliveries were queued. */
  queued(): void;
}

/**
 * The notice rules in force in a municipality: its document's, else the bot's defaults (the
 * knowledge base has an entry for every municipality; undefined only for an unknown one).
 */
export function rulesFor(context: NoticeContext, municipality: string): NoticeRules | undefined {
  return context.knowledge.noticeRules.find((rules) => rules.municipalityId === municipality);
}

/** A notice by id, as typed (any case, surrounding blanks). */
export function findNotice(context: NoticeContext, id: string): Notice | undefined {
  return context.repository.read((view) => view.notice(id.trim().toUpperCase()));
}

/** The channels IT-contacts get this kind of notice on, by the municipality's rules. */
export function contactChannels(context: NoticeContext, notice: Pick<Notice, 'municipality' | 'kind'>): readonly DeliveryChannel[] {
  const rules = rulesFor(context, notice.municipality);
  return (notice.kind === 'planned' ? rules?.planned.channels : rules?.disruption.channels) ?? [];
}

export function contactsIn(context: NoticeContext, municipality: string): readonly Contact[] {
  const listed = context.contacts.listContacts(operatorPrincipal('notices'), { municipality });
  return listed.ok ? listed.value : [];
}

/** Who would get the notice now: every recipient on every channel. */
export function audienceOf(context: NoticeContext, notice: Notice, view?: NoticesView, contacts: readonly Contact[] = contactsIn(context, notice.municipality)): AudienceMember[] {
  const read = (query: (view: NoticesView) => AudienceMember[]): AudienceMember[] => (view ? query(view) : context.repository.read(query));
  return read((current) =>
    audienceFor({ notice, contactChannels: contactChannels(context, notice), contacts, muted: (id) => current.subscription(id)?.muted ?? [], destinations: current.destinations() }),
  );
}

/** Plans the deliveries of an event inside a unit of work; returns how many were queued. */
export function fanOut(context: NoticeContext, transaction: NoticesTransaction, notice: Notice, event: NoticeEvent, contacts: readonly Contact[]): number {
  const now = context.now();
  const plan = planFanout(notice, event, audienceOf(context, notice, transaction, contacts), transaction.deliveries(notice.id), now);
  transaction.putDeliveries(plan.create);
  transaction.putDeliveries(plan.withdraw.map((delivery) => ({ ...delivery, status: 'withdrawn', lastError: event.purpose === 'cancel' ? 'stoppad: driftstoppet ställdes in innan meddelandet gick ut' : 'stoppad' })));
  return plan.create.filter((delivery) => delivery.status === 'pending').length;
}
