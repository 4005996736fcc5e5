import type { KnowledgeBase, Language, TicketType } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import { RetryPolicy, type EmailChannel } from '../outbound/index.js';
import type { OutboxEntry, Ticket } from './model.js';
import type { TicketsRepository } from './repository.js';
import { composeTicketEmail } from './ticket-email.js';

/** The email channel tickets go by (adapters/email): sends once and says what became of it. */
export type TicketMailer = Pick<EmailChannel, 'send'>;

/** Posts a ticket to the municipality's staff (channel or members); resolves false when nobody was reached. */
export type StaffPoster = (ticket: Ticket, type: TicketType) => Promise<boolean>;

/** Tells a ticket's requester about one step of its history; resolves false when they could not be reached. */
export type RequesterPoster = (ticket: Ticket, step: Ticket['history'][number]) => Promise<boolean>;

export interface OutboxOptions {
  readonly repository: TicketsRepository;
  readonly knowledge: KnowledgeBase;
  readonly mailer: TicketMailer | undefined;
  readonly staffPoster: StaffPoster | undefined;
  readonly requesterPoster?: RequesterPoster | undefined;
  /** The bot's ticket mailbox (IMAP_ADDRESS), when replies to ticket emails are read from it. */
  readonly replyAddress?: string | undefined;
  /** The language of the emails' labels and fixed lines (STAFF_LANGUAGE); Swedish unless given. */
  readonly staffLanguage?: Language | undefined;
  readonly logger: Logger;
  readonly now: () => Date;
  /** A claimed entry is someone else's until this long has passed (a crashed sender's claim expires). */
  readonly leaseMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly random?: () => number;
}

/**
 * Delivers queued ticket messages: claims a due entry under the store lock, sends it, marks it
 * sent. A failure is retried with exponential backoff and jitter, forever for passing faults (an
 * unreachable mail server never loses a ticket), and marked failed with its reason when the server
 * refuses the message for good. A crash after claiming lets the claim expire and the entry is sent
 * again, with the same Message-ID.
 */
export class TicketOutbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxOptions) {}

  /** Sends every entry that is due now; returns what happened. */
  async runOnce(filter: { ticketId?: string } = {}): Promise<{ sent: number; retrying: number; failed: number }> {
    const result = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const entry = await this.claim(filter);
      if (!entry) return result;
      const outcome = await this.deliver(entry);
      result[outcome] += 1;
    }
  }

  private async claim(filter: { ticketId?: string }): Promise<OutboxEntry | undefined> {
    const { now, leaseMs = 60_000 } = this.options;
    const channels = (['email', 'staff-channel', 'requester'] as const).filter((channel) => this.canDeliver(channel));
    if (channels.length === 0) return undefined;
    return this.options.repository.write(async (transaction) => {
      const at = now();
      const due = await transaction.nextDueOutbox({ now: at, channels, ticketId: filter.ticketId });
      if (!due) return undefined;
      const claimed: OutboxEntry = { ...due, attempts: due.attempts + 1, nextAttemptAt: new Date(at.getTime() + leaseMs).toISOString() };
      await transaction.putOutbox(claimed);
      return claimed;
    });
  }

  private canDeliver(channel: OutboxEntry['channel']): boolean {
    if (channel === 'email') return this.options.mailer !== undefined;
    if (channel === 'staff-channel') return this.options.staffPoster !== undefined;
    return this.options.requesterPoster !== undefined;
  }

  private async deliver(entry: OutboxEntry): Promise<'sent' | 'retrying' | 'failed'> {
    const { repository, knowledge, logger, now } = this.options;
    const ticket = await repository.ticket(entry.ticketId);
    const type = ticket && knowledge.ticketTypes.find((candidate) => candidate.id === ticket.typeId && candidate.municipalityId === ticket.municipality);
    let failure: { message: string; permanent: boolean } | undefined;
    if (!ticket || !type) {
      failure = { message: 'ärendet eller ärendetypen finns inte längre', permanent: true };
    } else {
      try {
        if (entry.channel === 'email') {
          const email = composeTicketEmail(ticket, type, entry, this.options.replyAddress, this.options.staffLanguage);
          const outcome = await this.options.mailer!.send({ kind: 'email', email: email.to }, email);
          // Gone or refused: this message never goes as it is; anything else is tried again.
          if (outcome.kind !== 'sent') failure = { message: outcome.reason, permanent: outcome.kind !== 'retry' };
        } else if (entry.channel === 'staff-channel') {
          // A ticket closed before its card reached staff needs no card any more.
          if (ticket.status === 'resolved' || ticket.status === 'rejected') failure = { message: 'ärendet avslutades innan det nådde personalen', permanent: true };
          else if (!(await this.options.staffPoster!(ticket, type))) failure = { message: 'ingen personalkanal eller personal kunde nås', permanent: false };
        } else {
          const step = ticket.history[Number(entry.target)];
          if (!step) failure = { message: `steg ${entry.target} finns inte i ärendets historik`, permanent: true };
          else if (!(await this.options.requesterPoster!(ticket, step))) failure = { message: 'den som skickade ärendet kunde inte nås i chatten', permanent: false };
        }
      } catch (error) {
        failure = { message: (error as Error).message, permanent: false };
      }
    }
    const at = now();
    // Written only while the claim is still ours: a sender whose lease ran out and whose entry another
    // sender claimed since leaves the outcome to that one.
    const settle = async (next: OutboxEntry): Promise<void> => {
      if (!(await repository.write((transaction) => transaction.settleOutbox(entry, next)))) logger.warn({ ticket: entry.ticketId, channel: entry.channel }, 'ticket message claim expired and was taken by another sender; its outcome is left to that one');
    };
    if (!failure) {
      await settle({ ...entry, status: 'sent', sentAt: at.toISOString(), lastError: null });
      logger.info({ ticket: entry.ticketId, channel: entry.channel, attempts: entry.attempts }, 'ticket message delivered');
      return 'sent';
    }
    if (failure.permanent) {
      await settle({ ...entry, status: 'failed', lastError: failure.message });
      logger.error({ ticket: entry.ticketId, channel: entry.channel, reason: failure.message }, 'ticket message refused for good');
      return 'failed';
    }
    const { retryBaseMs = 5_000, retryMaxMs = 15 * 60_000, random = Math.random } = this.options;
    // Forever for passing faults: an unreachable mail server never loses a ticket.
    const delay = new RetryPolicy({ baseMs: retryBaseMs, maxMs: retryMaxMs, random }).backoffMs(entry.attempts);
    await settle({ ...entry, nextAttemptAt: new Date(at.getTime() + delay).toISOString(), lastError: failure.message });
    logger.warn({ ticket: entry.ticketId, channel: entry.channel, attempts: entry.attempts, retryInMs: Math.round(delay), reason: failure.message }, 'ticket message failed; will retry');
    return 'retrying';
  }

  /** Delivers due entries every `intervalMs` until stopped. */
  start(intervalMs = 2_000): void {
    const tick = (): void => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox run failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
