import type { ImapFlow } from 'imapflow';
import type { InboundEmail, InboundEmailOutcome } from '../../src/bot/index.js';
import type { ImapConfig } from '../../src/config/index.js';
import type { Logger } from '../../src/log/index.js';
import { parseInboundEmail } from './inbound-mail.js';

export interface ImapInboxOptions {
  readonly imap: ImapConfig;
  readonly logger: Logger;
  /** Takes one mail to the bot (Bot.replyByEmail); a mail it does not handle is left unread. */
  readonly handle: (mail: InboundEmail) => Promise<InboundEmailOutcome>;
}

/** What one check of the mailbox did. */
export interface InboxCheck {
  readonly handled: number;
  readonly leftUnread: number;
}

/**
 * The bot's ticket mailbox over IMAP (imapflow). Each check reads every unread mail, hands it to
 * the bot, and marks it read (\Seen) only once the bot has it, so a server stopped half-way reads
 * the rest, and the one it was on, at the next start (the ticket keeps each email once). Mail that
 * answers no ticket stays unread for a person to see, logged once per UID without its contents.
 * With IDLE the server says when mail arrives; every `pollMs` the mailbox is checked anyway, which
 * also reconnects after a dropped connection.
 */
export class ImapInbox {
  private client: ImapFlow | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private queued = false;
  private stopped = true;
  /** UIDs left unread (per UIDVALIDITY), so they are logged once and not handed over at every check. */
  private readonly leftUnread = new Set<string>();

  constructor(private readonly options: ImapInboxOptions) {}

  /** Checks now, then every `pollMs` and whenever the server announces new mail. */
  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Asks for a check soon; checks never overlap, and many asks during one make one more. */
  wake(): void {
    if (this.stopped || this.queued) return;
    this.queued = true;
    clearTimeout(this.timer);
    this.running = this.running.then(async () => {
      this.queued = false;
      if (this.stopped) return;
      await this.check().catch((error: unknown) => {
        this.options.logger.warn({ err: error, host: this.options.imap.host }, 'ticket mailbox check failed; trying again at the next');
        this.drop();
      });
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), this.options.imap.pollMs);
    });
  }

  /** Reads the unread mail once and returns what became of it. */
  async check(): Promise<InboxCheck> {
    const { imap, logger, handle } = this.options;
    const client = await this.connected();
    const lock = await client.getMailboxLock(imap.mailbox);
    const result = { handled: 0, leftUnread: 0 };
    try {
      const validity = client.mailbox ? String(client.mailbox.uidValidity) : '0';
      const unread = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of unread) {
        const key = `${validity}:${uid}`;
        if (this.leftUnread.has(key)) {
          result.leftUnread += 1;
          continue;
        }
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        let outcome: InboundEmailOutcome;
        try {
          // Stable across restarts for a mail without a Message-ID: the same mailbox, UIDVALIDITY and UID.
          const mail = await parseInboundEmail(message.source, `<${validity}.${uid}.${imap.mailbox.replace(/[^A-Za-z0-9.-]/gu, '.')}@imap.itkontakt>`);
          outcome = await handle(mail);
        } catch (error) {
          // One mail that fails (a store error, a mail the parser chokes on) does not hold up the
          // others; it stays unread and is tried again at the next check.
          logger.error({ err: error, uid, mailbox: imap.mailbox }, 'ticket mailbox: a mail could not be handled; left unread for the next check');
          continue;
        }
        if (outcome.handled) {
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          result.handled += 1;
          if (!outcome.relayed) logger.warn({ uid, mailbox: imap.mailbox }, 'ticket email reply recorded, but the requester could not be reached in chat');
        } else {
          this.leftUnread.add(key);
          result.leftUnread += 1;
          // Neither sender nor subject: the log is no place for personal data.
          logger.warn({ uid, mailbox: imap.mailbox, reason: outcome.reason }, 'mail in the ticket mailbox was not taken as a ticket reply; left unread');
        }
      }
    } finally {
      lock.release();
    }
    return result;
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.drop();
    const { imap, logger } = this.options;
    // Loaded here, not with the adapter: a command that only sends email (nodemailer) does not load it.
    const { ImapFlow } = await import('imapflow');
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.tls,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      // Polling only: no IDLE between checks.
      disableAutoIdle: !imap.idle,
      // IDLE soon after a check, so new mail is announced at once.
      autoIdleDelay: 500,
    });
    client.on('error', (error: unknown) => logger.warn({ err: error, host: imap.host }, 'ticket mailbox connection failed'));
    client.on('close', () => {
      if (this.client === client) this.client = undefined;
    });
    client.on('exists', () => this.wake());
    await client.connect();
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    client?.close();
  }

  /** Stops checking, lets a check under way finish, and logs out. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client?.usable) await client.logout().catch(() => client.close());
  }
}
