import { z } from 'zod';
import { ConfigError, problem } from './config-error.js';

/** A language the bot writes in, as a setting ("sv" or "en"; the knowledge module's Language). */
export type LanguageSetting = 'sv' | 'en';

/** A variable that chooses a language: sv or en, in any case; unset or empty is the default. */
export const languageSetting = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['sv', 'en'], { errorMap: () => ({ message: problem({ kind: 'language' }) }) }))
  .optional();

/**
 * The language the command line writes its messages in: ITKONTAKT_LANGUAGE (sv or en) when it is
 * set; else English when the locale says so, the first of LC_ALL, LC_MESSAGES and LANG that is set
 * (as POSIX ranks them) starting with "en" ("en_GB.UTF-8"); else Swedish (also for "C" and
 * "POSIX"). Throws a ConfigError naming ITKONTAKT_LANGUAGE when it is neither sv nor en.
 */
export function commandLineLanguage(env: Readonly<Record<string, string | undefined>>): LanguageSetting {
  const chosen = languageSetting.safeParse(env.ITKONTAKT_LANGUAGE?.trim() || undefined);
  if (!chosen.success) throw new ConfigError([{ variable: 'ITKONTAKT_LANGUAGE', problem: { kind: 'language' } }]);
  return chosen.data ?? localeLanguage(env);
}

/**
 * The language the locale says, ITKONTAKT_LANGUAGE aside: English when the first of LC_ALL,
 * LC_MESSAGES and LANG that is set starts with "en", else Swedish. What a bad ITKONTAKT_LANGUAGE
 * is told in.
 */
export function localeLanguage(env: Readonly<Record<string, string | undefined>>): LanguageSetting {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].map((value) => value?.trim()).find((value) => value);
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}
