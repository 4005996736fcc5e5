import { setTimeout as delay } from 'node:timers/promises';
import { actorKey, type ChatIdentity, type ContactService, type Destination, type DestinationRepository, type PreferenceRepository, type StaffChannelRepository } from '../contacts/index.js';
import type { Language } from '../knowledge/index.js';
import type { Logger } from '../log/index.js';
import {
  conversationAddress,
  platformOf,
  RetryPolicy,
  userAddress,
  type ChatAddress,
  type OutboundChannel,
  type RateKey,
  type SendOutcome,
  type SentRef,
  type SlackAddress,
  type SlackChannel,
  type TeamsAddress,
  type TeamsConversation,
} from '../outbound/index.js';
import type { ChatChannel, PlatformOutbound } from './chat-channel.js';
import { actorOfIdentity } from './language.js';
import type { Reply } from './reply.js';

/** Where a message to staff went: how many places it reached, the staff channel's thread, and every copy. */
export interface StaffPosting {
  readonly reached: number;
  /** The staff channel's thread when the message went there: replies in it can be followed. */
  readonly threads: ReadonlyArray<{ readonly destinationKey: string; readonly threadId: string }>;
  /** Each copy sent (the staff channel, or each staff member's chat) and what became of it. */
  readonly copies: ReadonlyArray<{ readonly address: ChatAddress; readonly outcome: SendOutcome }>;
}

/** Someone who wrote to the bot: the conversation they wrote from (a stored destination's key), and who they are. */
export interface Requester {
  readonly replyTo: string | null;
  readonly identity: ChatIdentity | null;
}

/**
 * The core's one way to reach people in chat outside the current turn. It is itself the outbound
 * contract over every chat platform running here: `send` and `replace` go once, to the platform
 * the address belongs to, and say what became of the message (the notice outbox, which owns its
 * retries, uses them). `deliver` is `send` with the one RetryPolicy applied in place, for what a
 * person is waiting on (a ticket to staff, a decision to an applicant). The rest find the address.
 */
export interface Messenger extends OutboundChannel<ChatAddress, Reply> {
  /** Replaces a message sent earlier; `refused` where the platform cannot. */
  replace(address: ChatAddress, sent: SentRef, message: Reply): Promise<SendOutcome>;
  /** Sends, and tries again as the RetryPolicy says while the wait is short; the last outcome. */
  deliver(address: ChatAddress, message: Reply, options?: { readonly thread?: SentRef | undefined }): Promise<SendOutcome>;
  /** The address of a stored conversation, by its key; undefined when it is unknown. */
  conversation(destinationKey: string): Promise<TeamsConversation | SlackChannel | undefined>;
  /**
   * The language of what goes to staff as a group: the staff channel and its threads (STAFF_LANGUAGE,
   * Swedish unless configured).
   */
  readonly staffLanguage: Language;
  /**
   * Posts to a municipality's staff: their staff channel if one is set and takes it, in the staff
   * language; else each staff member (their personal chat, or directly where the platform allows),
   * in the language the bot knows for them, or the staff language where it knows none. `compose`
   * words the message in the language it is given.
   */
  toStaff(municipality: string, compose: (language: Language) => Reply): Promise<StaffPosting>;
  /** Answers a requester: where they wrote from, else the person directly; whether it reached them. */
  toRequester(requester: Requester, message: Reply): Promise<boolean>;
}

/** Retries of a send someone is waiting on: a few, quickly, and no Retry-After longer than this. */
const IN_PLACE_RETRY = { baseMs: 250, maxMs: 2_000, maxAttempts: 3 } as const;
const MAX_IN_PLACE_WAIT_MS = 30_000;

/** Routes messages to the chat adapters that are running. */
export class PlatformMessenger implements Messenger {
  private teams: ChatChannel<TeamsAddress> | undefined;
  private slack: ChatChannel<SlackAddress> | undefined;
  private readonly retry: RetryPolicy;
  private readonly sleep: (milliseconds: number) => Promise<void>;

  constructor(
    private readonly deps: {
      readonly destinations: DestinationRepository;
      readonly staffChannels: StaffChannelRepository;
      readonly contacts: ContactService;
      /** Where each person's language is kept: a member of staff reached in their own chat gets theirs. */
      readonly preferences: Pick<PreferenceRepository, 'get'>;
      /** The language of the staff channel, and of staff whose own the bot does not know. */
      readonly staffLanguage: Language;
      readonly logger: Logger;
      /** Waits between retries of `deliver`; tests pass one that does not. */
      readonly sleep?: ((milliseconds: number) => Promise<void>) | undefined;
      readonly random?: (() => number) | undefined;
    },
  ) {
    this.retry = new RetryPolicy({ ...IN_PLACE_RETRY, random: deps.random });
    this.sleep = deps.sleep ?? ((milliseconds) => delay(milliseconds));
  }

  get staffLanguage(): Language {
    return this.deps.staffLanguage;
  }

  register(outbound: PlatformOutbound): void {
    if (outbound.platform === 'teams') this.teams = outbound.channel;
    else this.slack = outbound.channel;
  }

  /** Calls `use` with the channel of the address's platform, or says the platform is not running here. */
  private route(address: ChatAddress, use: <A extends ChatAddress>(channel: OutboundChannel<A, Reply>, address: A) => Promise<SendOutcome>): Promise<SendOutcome> {
    if (address.kind === 'teams' || address.kind === 'teams-user') return this.teams ? use(this.teams, address) : this.notRunning(address);
    return this.slack ? use(this.slack, address) : this.notRunning(address);
  }

  private running(address: ChatAddress): boolean {
    return (platformOf(address) === 'teams' ? this.teams : this.slack) !== undefined;
  }

  private async notRunning(address: ChatAddress): Promise<SendOutcome> {
    // Not now: the server that runs the platform, or this one once it is configured, sends it.
    return { kind: 'retry', reason: `${platformOf(address)} körs inte i den här processen` };
  }

  /** The platform's own limits; a platform not running here has one key and no limit (its sends wait anyway). */
  rateKeys(address: ChatAddress): readonly RateKey[] {
    if (address.kind === 'teams' || address.kind === 'teams-user') return this.teams?.rateKeys(address) ?? [{ key: 'teams' }];
    return this.slack?.rateKeys(address) ?? [{ key: 'slack' }];
  }

  send(address: ChatAddress, message: Reply, options: { readonly thread?: SentRef | undefined } = {}): Promise<SendOutcome> {
    return this.route(address, (channel, to) => channel.send(to, message, options));
  }

  replace(address: ChatAddress, sent: SentRef, message: Reply): Promise<SendOutcome> {
    return this.route(address, async (channel, to) => (channel.replace ? channel.replace(to, sent, message) : { kind: 'refused', reason: `${platformOf(address)} kan inte ersätta ett skickat meddelande` }));
  }

  async deliver(address: ChatAddress, message: Reply, options: { readonly thread?: SentRef | undefined } = {}): Promise<SendOutcome> {
    // Trying again in a moment cannot start a platform that is not running here.
    if (!this.running(address)) return this.notRunning(address);
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.send(address, message, options);
      if (outcome.kind === 'sent') return outcome;
      const decision = this.retry.decide(outcome, attempt);
      // Someone is waiting: a throttled send is tried again too, but never past the attempts or a long wait.
      if (decision.kind === 'give-up' || attempt >= IN_PLACE_RETRY.maxAttempts || decision.delayMs > MAX_IN_PLACE_WAIT_MS) {
        this.deps.logger.warn({ platform: platformOf(address), kind: outcome.kind, reason: outcome.reason, attempts: attempt }, 'chat message not delivered');
        return outcome;
      }
      await this.sleep(decision.delayMs);
    }
  }

  async conversation(destinationKey: string): Promise<TeamsConversation | SlackChannel | undefined> {
    const destination = await this.deps.destinations.get(destinationKey);
    return destination ? conversationAddress(destination) : undefined;
  }

  /** The person's own chat with the bot (a personal destination), when they have one. */
  private async personalDestination(identity: ChatIdentity): Promise<Destination | undefined> {
    const key = actorKey({ platform: identity.platform, tenantId: identity.tenantId, userId: identity.userId });
    return (await this.deps.destinations.list({ platform: identity.platform })).find((destination) => destination.kind === 'personal' && destination.installedBy === key && !destination.inactiveSince);
  }

  /** Where a person is reached: their personal chat with the bot, else the person directly (which Slack allows and Teams answers `gone`). */
  private async personAddress(identity: ChatIdentity): Promise<ChatAddress | undefined> {
    const personal = await this.personalDestination(identity);
    return (personal && conversationAddress(personal)) ?? userAddress(identity);
  }

  private async deliverTo(address: ChatAddress | undefined, message: Reply): Promise<{ readonly address: ChatAddress; readonly outcome: SendOutcome } | undefined> {
    return address && { address, outcome: await this.deliver(address, message) };
  }

  async toRequester(requester: Requester, message: Reply): Promise<boolean> {
    const where = requester.replyTo !== null ? await this.deliverTo(await this.conversation(requester.replyTo), message) : undefined;
    if (where?.outcome.kind === 'sent') return true;
    const direct = requester.identity !== null ? await this.deliverTo(await this.personAddress(requester.identity), message) : undefined;
    return direct?.outcome.kind === 'sent';
  }

  /** A member of staff's language: what the bot knows for them from their chat, else the staff language. */
  private async staffMemberLanguage(identity: ChatIdentity): Promise<Language> {
    return (await this.deps.preferences.get(actorOfIdentity(identity)))?.language?.language ?? this.deps.staffLanguage;
  }

  async toStaff(municipality: string, compose: (language: Language) => Reply): Promise<StaffPosting> {
    const channelKey = await this.deps.staffChannels.get(municipality);
    const channel = channelKey !== undefined ? await this.deliverTo(await this.conversation(channelKey), compose(this.deps.staffLanguage)) : undefined;
    if (channel?.outcome.kind === 'sent') {
      return { reached: 1, threads: channel.outcome.ref.messageId ? [{ destinationKey: channelKey!, threadId: channel.outcome.ref.messageId }] : [], copies: [channel] };
    }
    // Staff reached one by one: their copies have no shared thread to follow.
    const copies = channel ? [channel] : [];
    for (const member of await this.deps.contacts.staffOf(municipality)) {
      for (const identity of member.identities) {
        const copy = await this.deliverTo(await this.personAddress(identity), compose(await this.staffMemberLanguage(identity)));
        if (copy) copies.push(copy);
      }
    }
    const reached = copies.filter((copy) => copy.outcome.kind === 'sent').length;
    if (reached === 0) this.deps.logger.warn({ municipality }, 'no staff channel or reachable staff for municipality');
    return { reached, threads: [], copies };
  }
}
