import type { Actor, ChatIdentity, LanguagePreference, LanguageSource, PreferenceRepository, UserPreferences } from '../contacts/index.js';
import type { Language } from '../knowledge/index.js';

const RANK: Record<LanguageSource, number> = { locale: 0, detected: 1, chosen: 2 };

/** 'en' for an English client ("en-US", "en_GB"), 'sv' for a Swedish one ("sv-SE"); undefined for any other. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const base = locale?.trim().toLowerCase().split(/[-_]/u)[0];
  return base === 'en' ? 'en' : base === 'sv' ? 'sv' : undefined;
}

/**
 * The preference after new evidence: a weaker source never replaces a stronger one (a detected
 * language does not undo a choice, a locale does not undo what messages showed).
 */
export function preferenceAfter(current: LanguagePreference | null | undefined, evidence: LanguagePreference): LanguagePreference {
  if (!current) return evidence;
  if (current.source === 'chosen' && evidence.source !== 'chosen') return current;
  return RANK[evidence.source] >= RANK[current.source] ? evidence : current;
}

/**
 * The language to answer a turn in: the user's choice, else what this turn shows (the message's
 * words, the language of the card pressed), else what is stored, else Swedish.
 */
export function replyLanguage(stored: LanguagePreference | null | undefined, shown: Language | undefined): Language {
  if (stored?.source === 'chosen') return stored.language;
  return shown ?? stored?.language ?? 'sv';
}

/** The parts of an actor key ("teams:tenant:29:abc"; the user id may hold colons) as an actor. */
export function actorOfKey(key: string): Actor | undefined {
  const [platform, tenant, ...rest] = key.split(':');
  if ((platform !== 'teams' && platform !== 'slack' && platform !== 'console') || tenant === undefined || rest.length === 0) return undefined;
  return { platform, tenantId: tenant === '-' ? undefined : tenant, userId: rest.join(':') };
}

/** A registry identity (tenant '-' when there is none) as the actor whose preferences hold its language. */
export function actorOfIdentity(identity: ChatIdentity): Actor {
  return { platform: identity.platform, tenantId: identity.tenantId === '-' ? undefined : identity.tenantId, userId: identity.userId };
}

/**
 * Each user's language, kept with their preferences so that what the bot sends on its own
 * (notices, reminders, ticket changes) is in it too, also after a restart.
 */
export class UserLanguages {
  constructor(
    private readonly preferences: PreferenceRepository,
    private readonly now: () => Date,
  ) {}

  /** The language a user gets messages in; Swedish when nothing is known. */
  async of(actor: Actor): Promise<Language> {
    return (await this.preferences.get(actor))?.language?.language ?? 'sv';
  }

  /** The language of the person with this actor key (a destination's `installedBy`). */
  async ofKey(key: string): Promise<Language> {
    const actor = actorOfKey(key);
    return actor ? this.of(actor) : 'sv';
  }

  /**
   * The language to answer a turn in (see `replyLanguage`), remembering what the turn showed:
   * `shown` from the user's own words or the card they pressed, and the client's locale, which
   * only counts while nothing better is known.
   */
  async forTurn(actor: Actor, shown: Language | undefined, options: { readonly remember?: boolean } = {}): Promise<Language> {
    const stored = await this.preferences.get(actor);
    let preference = stored?.language ?? null;
    const locale = languageOfLocale(actor.locale);
    if (locale) preference = preferenceAfter(preference, { language: locale, source: 'locale' });
    if (shown && options.remember !== false) preference = preferenceAfter(preference, { language: shown, source: 'detected' });
    if (preference && (preference.language !== stored?.language?.language || preference.source !== stored?.language?.source)) await this.store(actor, stored, preference);
    return replyLanguage(preference, shown);
  }

  /** "språk engelska": the user's choice, which detection never overrides. */
  async choose(actor: Actor, language: Language): Promise<void> {
    await this.store(actor, await this.preferences.get(actor), { language, source: 'chosen' });
  }

  private async store(actor: Actor, stored: UserPreferences | undefined, language: LanguagePreference): Promise<void> {
    const now = this.now().toISOString();
    await this.preferences.set(actor, { ...stored, municipality: stored?.municipality ?? null, askedForMunicipalityAt: stored?.askedForMunicipalityAt ?? null, updatedAt: now, language });
  }
}
