import type { ChatIdentity, Principal } from '../contacts/index.js';
import type { ContactService } from '../contacts/index.js';
import { fieldError } from '../errors/index.js';
import { ticketRouting, type HandledElsewhereNote, type KnowledgeBase, type TicketType } from '../knowledge/index.js';
import { maskPersonalData } from '../privacy/index.js';
import { stockholmDate } from '../time/index.js';
import { recordEmailReply, type EmailReply, type EmailReplyOutcome } from './email-reply.js';
import { validateTicketFields } from './fields.js';
import type { OutboxEntry, Ticket, TicketStatus } from './model.js';
import { refuse, type TicketOutcome } from './refusal.js';
import type { TicketsRepository, TicketsTransaction, TicketVisibility } from './repository.js';

export interface FileTicketInput {
  readonly municipality: string;
  readonly typeId: string;
  readonly values: Readonly<Record<string, string>>;
  readonly identity?: ChatIdentity | null | undefined;
  readonly replyTo?: string | null | undefined;
  /** The person filing when they are no IT-contact (staff at the command line): the ticket's requester. */
  readonly filer?: { readonly name: string; readonly email: string | null } | undefined;
}

const tokens = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2);

/** Two words are the same word in another inflection when they share all but a short ending. */
function sameWord(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return a === b;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common += 1;
  return common >= Math.max(4, shorter - 2);
}

/**
 * The ticket as it is inside the unit of work: checks are made on a read before it, but the change
 * is applied to the latest copy, so a concurrent change (the outbox recording the staff thread) is
 * not overwritten.
 */
async function current(transaction: TicketsTransaction, read: Ticket): Promise<Ticket> {
  return (await transaction.ticket(read.id)) ?? read;
}

/** A ticket as the audit log keeps it: everything but the field values, which may be personal. */
function auditView(ticket: Ticket): unknown {
  return { id: ticket.id, municipality: ticket.municipality, typeId: ticket.typeId, status: ticket.status, requester: ticket.requester.label, fields: Object.keys(ticket.fields) };
}

/**
 * Tickets: the types each municipality's routine defines, filing with field-by-field validation and
 * permissions, a readable id per municipality and year, and durable routing through the outbox.
 */
export class TicketService {
  private readonly prefixes: ReadonlyMap<string, string>;

  constructor(
    private readonly repository: TicketsRepository,
    private readonly deps: { readonly knowledge: KnowledgeBase; readonly contacts: ContactService; readonly now: () => Date },
  ) {
    this.prefixes = new Map(deps.knowledge.municipalities.map((municipality) => [municipality.id, municipality.ticketPrefix]));
  }

  /** The ticket types of a municipality, in the order its file declares them. */
  types(municipality: string): readonly TicketType[] {
    return this.deps.knowledge.ticketTypes.filter((type) => type.municipalityId === municipality);
  }

  private async mayFile(principal: Principal, type: TicketType): Promise<boolean> {
    if (this.deps.contacts.manages(principal, type.municipalityId)) return true;
    const contacts = (await this.deps.contacts.contactsOf(principal)).filter((contact) => contact.active);
    if (type.filers === 'it-contact') return contacts.some((contact) => contact.municipality === type.municipalityId);
    return contacts.length > 0;
  }

  async file(principal: Principal, input: FileTicketInput): Promise<TicketOutcome<Ticket>> {
    const types = this.types(input.municipality);
    if (!this.prefixes.has(input.municipality)) {
      const known = [...this.prefixes.keys()];
      return refuse('invalid', { kind: 'unknown-municipality', municipality: input.municipality, known }, [fieldError('municipality', 'one-of', { options: known })]);
    }
    const type = types.find((candidate) => candidate.id === input.typeId);
    if (!type) {
      const known = types.map((candidate) => candidate.id);
      return refuse('invalid', { kind: 'unknown-type', municipality: input.municipality, typeId: input.typeId, known }, [fieldError('type', 'unknown-type', { municipality: input.municipality, known })]);
    }
    // Before permissions: whoever asks is told where the routine has the order go.
    const routing = ticketRouting(type);
    if (routing !== 'routed') {
      const municipalityName = this.deps.knowledge.municipalities.find((candidate) => candidate.id === type.municipalityId)?.name ?? type.municipalityId;
      const title = { sv: type.title.sv, en: type.title.en ?? type.title.sv };
      const note = this.handledElsewhere(type.municipalityId).find((candidate) => candidate.id === type.orderedElsewhere?.note);
      if (routing === 'ordered-elsewhere' && note) return refuse('conflict', { kind: 'ordered-elsewhere', municipality: type.municipalityId, municipalityName, type: title, note });
      return refuse('conflict', { kind: 'no-destination', municipality: type.municipalityId, municipalityName, type: title, quote: type.citation.quote });
    }
    if (!(await this.mayFile(principal, type))) {
      return refuse('forbidden', { kind: 'not-allowed-to-file', municipality: input.municipality, type: type.filers === 'it-contact' ? { sv: type.title.sv, en: type.title.en ?? type.title.sv } : null });
    }
    const validated = validateTicketFields(type, input.values, this.deps.now());
    if (!validated.ok) return refuse('invalid', { kind: 'fields-invalid' }, validated.errors);
    const contact = (await this.deps.contacts.contactsOf(principal)).find((candidate) => candidate.municipality === input.municipality && candidate.active) ?? null;

    const ticket = await this.repository.write(async (transaction) => {
      const now = this.deps.now();
      const at = now.toISOString();
      const year = stockholmDate(now).slice(0, 4);
      const series = `${this.prefixes.get(input.municipality)}-${year}`;
      const ticket: Ticket = {
        id: `${series}-${String(await transaction.nextNumber(series)).padStart(4, '0')}`,
        municipality: input.municipality,
        typeId: type.id,
        title: type.title.sv,
        status: 'new',
        fields: validated.values,
        requester: { label: principal.label, contactId: contact?.id ?? null, name: contact?.name ?? input.filer?.name ?? null, email: contact?.email ?? input.filer?.email ?? null, identity: input.identity ?? null, replyTo: input.replyTo ?? null },
        createdAt: at,
        updatedAt: at,
        history: [{ at, by: principal.label, status: 'new', note: null }],
        rating: null,
        staffThreads: [],
        messages: [],
      };
      await transaction.putTicket(ticket);
      await this.enqueue(transaction, ticket, type, at);
      await transaction.appendAudit({ at, actor: principal.label, action: 'ticket.filed', municipality: ticket.municipality, subject: ticket.id, before: null, after: auditView(ticket) });
      return ticket;
    });
    return { ok: true, value: ticket };
  }

  private async enqueue(transaction: TicketsTransaction, ticket: Ticket, type: TicketType, at: string): Promise<void> {
    const entry = (channel: OutboxEntry['channel'], target: string): OutboxEntry => ({
      id: `${ticket.id}:${channel}:${target}`,
      ticketId: ticket.id,
      channel,
      target,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      sentAt: null,
    });
    for (const address of type.route.email) await transaction.putOutbox(entry('email', address));
    if (type.route.staffChannel) await transaction.putOutbox(entry('staff-channel', ticket.municipality));
  }

  /** What of the tickets a principal may see, as the store filters it (the same rule as `visible`). */
  private visibility(principal: Principal): TicketVisibility {
    const municipalities = principal.municipalities === null ? (principal.role === 'admin' ? null : []) : principal.role === 'staff' ? principal.municipalities : [];
    return { municipalities, requesterLabel: principal.label, contactIds: principal.contactIds };
  }

  private visible(principal: Principal, ticket: Ticket): boolean {
    return this.deps.contacts.manages(principal, ticket.municipality) || ticket.requester.label === principal.label || (ticket.requester.contactId !== null && principal.contactIds.includes(ticket.requester.contactId));
  }

  /** How a municipality wants requests handled that the bot files no ticket for. */
  handledElsewhere(municipality: string): readonly HandledElsewhereNote[] {
    return this.deps.knowledge.handledElsewhere.filter((note) => note.municipalityId === municipality);
  }

  /**
   * The ticket type (or "handled elsewhere" note) whose keywords a text names most, if one clearly
   * does: for "Skapa ärende" on an answer and questions that ask for an access change.
   */
  match(municipality: string, text: string): { type?: TicketType; note?: HandledElsewhereNote } {
    const words = tokens(text);
    // A keyword phrase counts when each of its words stands in the text in some inflection; longer
    // phrases say more.
    const score = (keywords: { readonly sv: readonly string[]; readonly en: readonly string[] }): number =>
      [...keywords.sv, ...keywords.en].reduce((total, keyword) => {
        const phrase = tokens(keyword);
        return phrase.length > 0 && phrase.every((word) => words.some((candidate) => sameWord(word, candidate))) ? total + phrase.length : total;
      }, 0);
    const best = <T>(items: readonly T[], scoreOf: (item: T) => number): T | undefined => {
      const scored = items.map((item) => ({ item, score: scoreOf(item) })).filter((entry) => entry.score > 0).sort((a, b) => b.score - a.score);
      return scored[0] && (scored.length === 1 || scored[0].score > scored[1]!.score) ? scored[0].item : undefined;
    };
    const type = best(this.types(municipality), (candidate) => score(candidate.keywords));
    const note = best(this.handledElsewhere(municipality), (candidate) => score(candidate.keywords));
    // When both match, the stronger one speaks.
    const typeScore = type ? score(type.keywords) : 0;
    const noteScore = note ? score(note.keywords) : 0;
    return { ...(type && typeScore >= noteScore ? { type } : {}), ...(note && noteScore >= typeScore ? { note } : {}) };
  }

  /** The requester answers "Blev det löst?"; recorded once, on a resolved ticket. */
  async rate(principal: Principal, id: string, solved: boolean): Promise<TicketOutcome<Ticket>> {
    const ticket = await this.repository.ticket(id.toUpperCase());
    if (!ticket || !this.visible(principal, ticket)) return refuse('not-found', { kind: 'not-found', ticketId: id });
    if (ticket.requester.label !== principal.label && !(ticket.requester.contactId !== null && principal.contactIds.includes(ticket.requester.contactId))) {
      return refuse('forbidden', { kind: 'only-requester-rates' });
    }
    if (ticket.status !== 'resolved') return refuse('conflict', { kind: 'not-resolved' });
    const rated = await this.repository.write(async (transaction) => {
      const at = this.deps.now().toISOString();
      const latest = await current(transaction, ticket);
      const next: Ticket = { ...latest, rating: { solved, at }, updatedAt: at };
      await transaction.putTicket(next);
      await transaction.appendAudit({ at, actor: principal.label, action: 'ticket.rated', municipality: ticket.municipality, subject: ticket.id, before: null, after: { solved } });
      return next;
    });
    return { ok: true, value: rated };
  }

  /** Remembers where the ticket was posted to staff, so replies in those threads are followed. */
  async recordStaffThreads(id: string, threads: Ticket['staffThreads']): Promise<void> {
    if (threads.length === 0) return;
    await this.repository.write(async (transaction) => {
      const ticket = await transaction.ticket(id);
      if (ticket) await transaction.putTicket({ ...ticket, staffThreads: [...ticket.staffThreads, ...threads] });
    });
  }

  /** The ticket whose staff post started a thread, if any. */
  byStaffThread(destinationKey: string, threadId: string): Promise<Ticket | undefined> {
    return this.repository.ticketByStaffThread(destinationKey, threadId);
  }

  /**
   * A message in the ticket's conversation: from its municipality's staff (a reply in the staff
   * thread) or from its requester. Recorded with the ticket and audited (without the text).
   */
  async addMessage(principal: Principal, id: string, text: string): Promise<TicketOutcome<{ ticket: Ticket; from: 'staff' | 'requester' }>> {
    const ticket = await this.repository.ticket(id.toUpperCase());
    if (!ticket || !this.visible(principal, ticket)) return refuse('not-found', { kind: 'not-found', ticketId: id });
    if (!text.trim()) return refuse('invalid', { kind: 'empty-message' }, [fieldError('text', 'required')]);
    const from = this.deps.contacts.manages(principal, ticket.municipality) ? 'staff' : 'requester';
    if (ticket.status === 'resolved' || ticket.status === 'rejected') {
      return refuse('conflict', { kind: 'closed', ticketId: ticket.id });
    }
    const updated = await this.repository.write(async (transaction) => {
      const at = this.deps.now().toISOString();
      const latest = await current(transaction, ticket);
      const next: Ticket = { ...latest, updatedAt: at, messages: [...latest.messages, { at, from, by: principal.label, text: text.trim() }] };
      await transaction.putTicket(next);
      await transaction.appendAudit({ at, actor: principal.label, action: 'ticket.message', municipality: ticket.municipality, subject: ticket.id, before: null, after: { from } });
      return next;
    });
    return { ok: true, value: { ticket: updated, from } };
  }

  /**
   * A reply to a ticket email from the support mailbox: its text joins the ticket's conversation
   * and its status word, if any, moves the ticket on; recorded once per email, so a mail read
   * again after a restart changes nothing.
   */
  async addEmailReply(reply: EmailReply): Promise<EmailReplyOutcome> {
    const typeOf = (ticket: Ticket): TicketType | undefined => this.types(ticket.municipality).find((candidate) => candidate.id === ticket.typeId);
    return recordEmailReply(this.repository, { typeOf, now: this.deps.now }, reply);
  }

  /** Tickets the principal may see (staff their municipality's, a requester their own), oldest first, a page at a time when asked. */
  async list(principal: Principal, filter: { municipality?: string | undefined; status?: TicketStatus | undefined; limit?: number | undefined; offset?: number | undefined } = {}): Promise<TicketOutcome<readonly Ticket[]>> {
    if (filter.municipality && principal.role === 'staff' && !this.deps.contacts.manages(principal, filter.municipality)) {
      return refuse('forbidden', { kind: 'no-access', municipality: filter.municipality });
    }
    return { ok: true, value: await this.repository.findTickets({ ...filter, visibleTo: this.visibility(principal) }) };
  }

  /** One ticket, with its personal data, for its requester and the municipality's staff; the read is audited. */
  async show(principal: Principal, id: string): Promise<TicketOutcome<Ticket>> {
    const ticket = await this.repository.ticket(id.toUpperCase());
    if (!ticket || !this.visible(principal, ticket)) return refuse('not-found', { kind: 'not-found', ticketId: id });
    await this.repository.write(async (transaction) => {
      await transaction.appendAudit({ at: this.deps.now().toISOString(), actor: principal.label, action: 'ticket.read', municipality: ticket.municipality, subject: ticket.id, before: null, after: null });
    });
    return { ok: true, value: ticket };
  }

  /**
   * Staff move a ticket on (take it, ask for more, resolve, reject with a reason). With
   * `queueRequesterUpdate` (the CLI, which has no chat connection) the requester's notice goes
   * through the outbox, for the server to deliver.
   */
  async setStatus(principal: Principal, id: string, status: TicketStatus, note?: string, options: { queueRequesterUpdate?: boolean } = {}): Promise<TicketOutcome<Ticket>> {
    const ticket = await this.repository.ticket(id.toUpperCase());
    if (!ticket || !this.visible(principal, ticket)) return refuse('not-found', { kind: 'not-found', ticketId: id });
    if (!this.deps.contacts.manages(principal, ticket.municipality)) return refuse('forbidden', { kind: 'only-staff-change-status' });
    if ((status === 'rejected' || status === 'waiting-for-requester') && !note?.trim()) {
      return refuse('invalid', { kind: 'note-required' }, [fieldError('note', 'required')]);
    }
    const updated = await this.repository.write(async (transaction) => {
      const at = this.deps.now().toISOString();
      const latest = await current(transaction, ticket);
      const next: Ticket = { ...latest, status, updatedAt: at, history: [...latest.history, { at, by: principal.label, status, note: note?.trim() ? maskPersonalData(note.trim()) : null }] };
      await transaction.putTicket(next);
      // Only a requester who filed from chat can be told in chat.
      if (options.queueRequesterUpdate && (latest.requester.replyTo !== null || latest.requester.identity !== null)) {
        const step = String(next.history.length - 1);
        await transaction.putOutbox({ id: `${ticket.id}:requester:${step}`, ticketId: ticket.id, channel: 'requester', target: step, status: 'pending', attempts: 0, nextAttemptAt: at, lastError: null, sentAt: null });
      }
      await transaction.appendAudit({ at, actor: principal.label, action: 'ticket.status', municipality: ticket.municipality, subject: ticket.id, before: auditView(ticket), after: auditView(next) });
      return next;
    });
    return { ok: true, value: updated };
  }
}
