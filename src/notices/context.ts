import { actorKey, operatorPrincipal, type Contact, type ContactService } from '../contacts/index.js';
import type { KnowledgeBase, NoticeRules } from '../knowledge/index.js';
import { audienceFor, type AudienceMember } from './audience.js';
import type { DeliveryChannel } from './delivery.js';
import { planFanout, type NoticeEvent } from './fanout.js';
import type { Notice } from './model.js';
import type { NoticesReader, NoticesRepository, NoticesTransaction } from './repository.js';

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
export function findNotice(context: NoticeContext, id: string): Promise<Notice | undefined> {
  return context.repository.notice(id.trim().toUpperCase());
}

/** The channels IT-contacts get this kind of notice on, by the municipality's rules. */
export function contactChannels(context: NoticeContext, notice: Pick<Notice, 'municipality' | 'kind'>): readonly DeliveryChannel[] {
  const rules = rulesFor(context, notice.municipality);
  return (notice.kind === 'planned' ? rules?.planned.channels : rules?.disruption.channels) ?? [];
}

export async function contactsIn(context: NoticeContext, municipality: string): Promise<readonly Contact[]> {
  const listed = await context.contacts.listContacts(operatorPrincipal('notices'), { municipality });
  return listed.ok ? listed.value : [];
}

/**
 * Who would get the notice now: every recipient on every channel. Read through `reader` (a unit of
 * work, to plan a fan-out on what it sees) or the repository.
 */
export async function audienceOf(context: NoticeContext, notice: Notice, reader: NoticesReader = context.repository, contacts?: readonly Contact[]): Promise<AudienceMember[]> {
  const members = contacts ?? (await contactsIn(context, notice.municipality));
  const installers = [...new Set(members.flatMap((contact) => contact.identities.map((identity) => actorKey({ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId }))))];
  // One after the other: inside a unit of work on PostgreSQL both go over the transaction's one
  // connection, which takes one query at a time (pg warns of queries queued on a busy client).
  const subscriptions = await reader.subscriptions(members.map((contact) => contact.id));
  const destinations = await reader.noticeDestinations(notice.municipality, installers);
  return audienceFor({ notice, contactChannels: contactChannels(context, notice), contacts: members, muted: (id) => subscriptions.get(id)?.muted ?? [], destinations });
}

/** Plans the deliveries of an event inside a unit of work; returns how many were queued. */
export async function fanOut(context: NoticeContext, transaction: NoticesTransaction, notice: Notice, event: NoticeEvent, contacts: readonly Contact[]): Promise<number> {
  const now = context.now();
  const audience = await audienceOf(context, notice, transaction, contacts);
  const existing = await transaction.deliveries(notice.id);
  let plan = planFanout(notice, event, audience, existing, now);
  if (plan.withdraw.length > 0) {
    const lastError = event.purpose === 'cancel' ? 'stoppad: driftstoppet ställdes in innan meddelandet gick ut' : 'stoppad';
    const withdrawn = await transaction.withdrawDeliveries(plan.withdraw.map((delivery) => delivery.id), { now, lastError });
    // Another instance claimed some after they were read: those recipients are being told, so they
    // hear this event too. Planned again on what the store holds now (the rest withdrawn).
    if (withdrawn.length < plan.withdraw.length) plan = planFanout(notice, event, audience, await transaction.deliveries(notice.id), now);
  }
  await transaction.putDeliveries(plan.create);
  return plan.create.filter((delivery) => delivery.status === 'pending').length;
}
