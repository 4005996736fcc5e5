import type { KnowledgeBase, Language } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import { isChatAddress, storedConversationKey, type ChatAddress, type SendOutcome } from '../outbound/index.js';
import { summarizeNotice, type DeliveryTransport, type Notice, type NoticeDelivery, type NoticeService } from '../notices/index.js';
import type { Messenger } from './messenger.js';
import type { DestinationRepository } from '../contacts/index.js';
import { actorOfIdentity, type UserLanguages } from './language.js';
import type { Reply } from './reply.js';

/**
 * The language a chat address reads: a person's own (their personal chat, a DM); a channel or
 * group chat, which many share, Swedish.
 */
export async function chatLanguage(address: ChatAddress, deps: { readonly destinations: Pick<DestinationRepository, 'get'>; readonly languages: Pick<UserLanguages, 'of' | 'ofKey'> }): Promise<Language> {
  if (address.kind === 'teams-user') return deps.languages.of(actorOfIdentity({ platform: 'teams', tenantId: address.tenantId, userId: address.userId }));
  if (address.kind === 'slack-user') return deps.languages.of(actorOfIdentity({ platform: 'slack', tenantId: address.teamId, userId: address.userId }));
  const destination = await deps.destinations.get(storedConversationKey(address)!);
  return destination?.kind === 'personal' ? deps.languages.ofKey(destination.installedBy) : 'sv';
}

/**
 * Notices in Teams and Slack, each in its recipient's language (the staff's text as written, the
 * headings, labels and buttons translated), through the messenger's one outbound contract: the
 * first message of a notice to a recipient starts a thread and the later ones reply in it. A
 * correction replaces what was sent, in place; where the platform cannot, it is posted in the
 * thread instead. Each send goes once: the dispatcher owns the retries.
 */
export function createChatTransport(deps: {
  readonly messenger: Messenger;
  readonly destinations: DestinationRepository;
  readonly languages: Pick<UserLanguages, 'of' | 'ofKey'>;
  readonly knowledge: Pick<KnowledgeBase, 'municipalities' | 'systems'>;
  readonly now: () => Date;
}): DeliveryTransport {
  const reply = (delivery: Pick<NoticeDelivery, 'purpose' | 'reminderHours'>, notice: Parameters<typeof summarizeNotice>[0], language: Language): Reply => ({
    kind: 'notice',
    language,
    notice: summarizeNotice(notice, deps.knowledge, language, deps.now()),
    purpose: delivery.purpose,
    reminderHours: delivery.reminderHours,
  });
  return {
    channel: 'chat',
    // The platform's adapter knows its limits; an address of another channel never comes here.
    rateKeys: (address) => (isChatAddress(address) ? deps.messenger.rateKeys(address) : [{ key: address.kind }]),
    async send({ delivery, notice, earlier }): Promise<SendOutcome> {
      const { address } = delivery;
      if (!isChatAddress(address)) return { kind: 'refused', reason: `${address.kind} är ingen chattadress` };
      const language = await chatLanguage(address, deps);
      const sent = earlier.filter((candidate) => candidate.posted && candidate.channel === 'chat');
      if (delivery.purpose === 'correction' && sent.length > 0) {
        // Every message sent of the notice, in place; the delivery stands for the first (the thread's root).
        let replaced: SendOutcome = { kind: 'sent', ref: sent[0]!.posted! };
        for (const previous of sent) {
          const outcome = await deps.messenger.replace(address, previous.posted!, reply(previous, notice, language));
          if (outcome.kind !== 'sent') {
            replaced = outcome;
            break;
          }
        }
        // Refused: replacing is not possible here, so say it in the thread instead.
        if (replaced.kind !== 'refused') return replaced;
      }
      return deps.messenger.send(address, reply(delivery, notice, language), { thread: sent[0]?.posted ?? undefined });
    },
  };
}

/** Puts `card` (rendered per reader's language) in place of each delivery report posted for a notice; a card that cannot be replaced is reported to `onError`. */
export async function replaceReportCards(
  notice: Pick<Notice, 'reportCards'>,
  card: (language: Language) => Promise<Reply | undefined>,
  deps: { readonly messenger: Messenger; readonly destinations: DestinationRepository; readonly languages: Pick<UserLanguages, 'of' | 'ofKey'> },
  onError: (error: unknown) => void,
): Promise<void> {
  for (const reportCard of notice.reportCards) {
    try {
      // Each card in the language of the staff member who reads it.
      const rendered = await card(await chatLanguage(reportCard.target, deps));
      if (!rendered) continue;
      const outcome = await deps.messenger.replace(reportCard.target, { conversationId: reportCard.conversationId, messageId: reportCard.messageId }, rendered);
      if (outcome.kind !== 'sent') onError(new Error(`${outcome.kind}: ${outcome.reason}`));
    } catch (error) {
      onError(error);
    }
  }
}

/**
 * Keeps the publisher's delivery report current: re-renders each report card of a notice when its
 * deliveries move on, at most every `intervalMs` per notice, and once more when all are settled.
 */
export class ReportCards {
  private readonly last = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: {
      readonly notices: NoticeService;
      readonly messenger: Messenger;
      readonly destinations: DestinationRepository;
      readonly languages: Pick<UserLanguages, 'of' | 'ofKey'>;
      readonly render: (noticeId: string, language: Language) => Promise<Reply | undefined>;
      readonly logger: Logger;
      readonly intervalMs?: number;
    },
  ) {}

  /** Called by the dispatcher with the notices whose deliveries moved on. */
  progressed(noticeIds: ReadonlySet<string>): void {
    for (const id of noticeIds) this.schedule(id);
  }

  private schedule(id: string): void {
    if (this.timers.has(id)) return;
    const interval = this.deps.intervalMs ?? 3_000;
    const wait = Math.max(0, (this.last.get(id) ?? 0) + interval - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.last.set(id, Date.now());
      void this.refresh(id);
    }, wait);
    timer.unref();
    this.timers.set(id, timer);
  }

  /** Re-renders every report card of a notice now. */
  async refresh(id: string): Promise<void> {
    const notice = await this.deps.notices.show(id);
    if (!notice) return;
    await replaceReportCards(notice, (language) => this.deps.render(id, language), this.deps, (error) => this.deps.logger.warn({ err: error, notice: id }, 'could not update the delivery report card'));
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
