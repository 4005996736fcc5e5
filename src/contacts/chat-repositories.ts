import type { Language } from '../knowledge/index.js';
import type { Actor } from './model.js';

/**
 * How the bot came to know a user's language. An explicit choice ("språk engelska") is never
 * overridden; what their messages show outranks what their client's locale says.
 */
export type LanguageSource = 'chosen' | 'detected' | 'locale';

/** A user's language as stored with their preferences. */
export interface LanguagePreference {
  readonly language: Language;
  readonly source: LanguageSource;
}

/** What the bot remembers about a user between turns. */
export interface UserPreferences {
  readonly municipality: string | null;
  /** When the user was first asked to choose a municipality (asked once, not every message). */
  readonly askedForMunicipalityAt: string | null;
  readonly updatedAt: string;
  /** The question asked last, for a follow-up ("hur gör de andra kommunerna?"); absent before any. */
  readonly lastQuestion?: LastQuestion | null | undefined;
  /** The language the bot writes to them in, and how it knows; absent before anything showed it. */
  readonly language?: LanguagePreference | null | undefined;
}

/** A question as remembered for follow-ups: personal data masked, with where it was answered from. */
export interface LastQuestion {
  readonly text: string;
  readonly language: Language;
  /** The municipalities it was answered for; empty when it was answered across all of them. */
  readonly municipalities: readonly string[];
  readonly at: string;
}

export interface PreferenceRepository {
  get(actor: Actor): Promise<UserPreferences | undefined>;
  set(actor: Actor, preferences: UserPreferences): Promise<void>;
}

/**
 * What staff need to see what the knowledge base lacks: "Hjälpte svaret?" votes, questions that got
 * no answer at all, and which "Menar du …?" suggestion was chosen for such a question (`answerId`
 * the record chosen, null for "Inget av dessa"). Questions are stored with personal data masked.
 */
export interface FeedbackEntry {
  readonly kind: 'vote' | 'unanswered' | 'suggestion';
  readonly at: string;
  readonly platform: Actor['platform'];
  readonly helpful: boolean;
  readonly question: string;
  readonly municipality: string | null;
  readonly answerId: string | null;
  /**
   * The index terms the question was understood by (unanswered, suggestion), so that `kb gaps`
   * groups questions by what they are about; absent on entries stored before terms were kept.
   */
  readonly terms?: readonly string[] | undefined;
}

export interface FeedbackRepository {
  add(entry: FeedbackEntry): Promise<void>;
  list(filter?: { municipality?: string | undefined }): Promise<readonly FeedbackEntry[]>;
}

/** A stable key for a user across restarts: platform, tenant and user id. */
export function actorKey(actor: Actor): string {
  return [actor.platform, actor.tenantId ?? '-', actor.userId].join(':');
}

/**
 * A conversation where the bot is installed (a Teams personal chat, group chat or channel, a Slack
 * channel): where notices can later be posted without anyone asking.
 */
export interface Destination {
  readonly key: string;
  readonly platform: Actor['platform'];
  readonly tenantId: string | null;
  readonly conversationId: string;
  readonly kind: 'personal' | 'group' | 'channel';
  /** The platform's own reference for proactive sends (a Bot Framework ConversationReference, a Slack channel id). */
  readonly reference: unknown;
  /** Who installed the bot there. */
  readonly installedBy: string;
  readonly installedAt: string;
  /** The municipality whose notices this channel gets ("driftkanal"); null or absent: none. */
  readonly municipality?: string | null | undefined;
  /** Set when the platform said the bot was removed here (403/404): nothing is sent until it is added again. */
  readonly inactiveSince?: string | null | undefined;
}

export interface DestinationRepository {
  upsert(destination: Destination): Promise<void>;
  remove(key: string): Promise<boolean>;
  get(key: string): Promise<Destination | undefined>;
  list(filter?: { platform?: Actor['platform'] | undefined }): Promise<readonly Destination[]>;
}

/** A stable key for a conversation: platform, tenant and conversation id. */
export function destinationKey(conversation: { platform: Actor['platform']; tenantId?: string | undefined; id: string }): string {
  return [conversation.platform, conversation.tenantId ?? '-', conversation.id].join(':');
}

/** Where each municipality's staff want applications and (later) tickets posted. */
export interface StaffChannelRepository {
  get(municipality: string): Promise<string | undefined>;
  set(municipality: string, destinationKey: string): Promise<void>;
}
