import { SendFailure, isSendFailure } from '../errors/index.js';
import type { KnowledgeBase, Language } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import { isChatAddress, outcomeOf, storedConversationKey, type Address } from '../outbound/index.js';
import { summarizeNotice, type DeliveryTransport, type Notice, type NoticeDelivery, type NoticeService } from '../notices/index.js';
import type { ChatTarget, Messenger } from './messenger.js';
import type { DestinationRepository } from '../contacts/index.js';
import { actorOfIdentity, type UserLanguages } from './language.js';
import type { Reply } from './reply.js';

/** The chat target of an address; a stored conversation that is unknown or deactivated is gone. */
export async function chatTarget(address: Address, destinations: DestinationRepository): Promise<ChatTarget> {
  const key = storedConversationKey(address);
  if (key !== undefined) {
    const destination = await destinations.get(key);
    if (!destination || destination.inactiveSince) throw new SendFailure('gone', 'boten finns inte längre i konversationen');
    return { destination };
  }
  if (address.kind === 'teams-user') return { identity: { platform: 'teams', tenantId: address.tenantId, userId: address.userId } };
  if (address.kind === 'slack-user') return { identity: { platform: 'slack', tenantId: address.teamId, userId: address.userId } };
  throw new SendFailure('rejected', `${address.kind} är ingen chattadress`);
}

/**
 * The language a chat target reads: a person's own (their personal chat, a DM); a channel or group
 * chat, which many share, Swedish.
 */
export async function chatLanguage(target: ChatTarget, languages: Pick<UserLanguages, 'of' | 'ofKey'>): Promise<Language> {
  if ('identity' in target) return languages.of(actorOfIdentity(target.identity));
  return target.destination.kind === 'personal' ? languages.ofKey(target.destination.installedBy) : 'sv';
}

/**
 * Notices in Teams and Slack, each in its recipient's language (the staff's text as written, the
 * headings, labels and buttons translated): the first message of a notice to a recipient starts a thread and the
 * later ones reply in it. A correction replaces what was sent, in place; where the platform cannot
 * (or the message is gone) it is posted in the thread instead.
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
    send: ({ delivery, notice, earlier }) =>
      outcomeOf(async () => {
        const target = await chatTarget(delivery.address, deps.destinations);
        const language = await chatLanguage(target, deps.languages);
        const sent = earlier.filter((candidate) => candidate.posted && candidate.channel === 'chat');
        if (delivery.purpose === 'correction' && sent.length > 0) {
          try {
            for (const previous of sent) await deps.messenger.replace(target, previous.posted!, [reply(previous, notice, language)]);
            return sent[0]!.posted!;
          } catch (error) {
            // Replacing is not possible here: say it in the thread instead.
            if (!isSendFailure(error) || error.kind !== 'rejected') throw error;
          }
        }
        return deps.messenger.post(target, [reply(delivery, notice, language)], { thread: sent[0]?.posted ?? undefined });
      }),
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
      const target = await chatTarget(reportCard.target, deps.destinations);
      // Each card in the language of the staff member who reads it.
      const rendered = await card(await chatLanguage(target, deps.languages));
      if (rendered) await deps.messenger.replace(target, { conversationId: reportCard.conversationId, messageId: reportCard.messageId }, [rendered]);
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
