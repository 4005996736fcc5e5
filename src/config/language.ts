import { z } from 'zod';

/** A language the bot writes in, as a setting ("sv" or "en"; the knowledge module's Language). */
export type LanguageSetting = 'sv' | 'en';

/** A variable that chooses a language: sv or en, in any case; unset or empty is the default. */
export const languageSetting = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['sv', 'en'], { errorMap: () => ({ message: 'ska vara sv (svenska) eller en (engelska)' }) }))
  .optional();
