import { z } from 'zod';
import type { BotAction } from '../../src/bot/index.js';
import type { Language } from '../../src/knowledge/index.js';

/**
 * The `data` that our Adaptive Card buttons carry, and that comes back when a user presses one
 * (merged with the card's inputs by the client). Everything the core needs to act on the press is
 * in here, because a card can be pressed days later, after a restart, by someone the bot has
 * forgotten: feedback carries the question, the municipality and the answer id it is about.
 *
 * `verb` is the name teams-ai and the Universal Action Model use for "which button".
 */
export type CardActionData =
  | { verb: 'feedback'; helpful: boolean; question: string; municipality: string | null; answerId: string | null; lang: Language }
  | { verb: 'choose-municipality'; lang: Language }
  | { verb: 'create-ticket'; question?: string; lang: Language }
  | { verb: 'show-help'; lang: Language };

/** The id of the municipality menu in our cards; its value arrives next to the button's data. */
export const MUNICIPALITY_INPUT_ID = 'municipality';

const MAX_QUESTION = 2_000;
const language = z.enum(['sv', 'en']).catch('sv');

const cardActionSchema = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('feedback'),
    helpful: z.boolean(),
    question: z.string().max(MAX_QUESTION),
    municipality: z.string().max(100).nullable(),
    answerId: z.string().max(200).nullable(),
    lang: language.default('sv'),
  }),
  z.object({
    verb: z.literal('choose-municipality'),
    // Empty when the client let the form through without a choice: the core then asks again.
    [MUNICIPALITY_INPUT_ID]: z.string().trim().max(100).catch('').default(''),
    lang: language.default('sv'),
  }),
  z.object({ verb: z.literal('create-ticket'), question: z.string().max(MAX_QUESTION).optional(), lang: language.default('sv') }),
  z.object({ verb: z.literal('show-help'), lang: language.default('sv') }),
]);

/** A decoded button press: the core's action and the language of the card it came from. */
export interface DecodedCardAction {
  readonly action: BotAction;
  readonly language: Language;
}

/** Decodes what a card submitted; undefined when it is not one of our buttons. */
export function decodeCardAction(value: unknown): DecodedCardAction | undefined {
  const parsed = cardActionSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const data = parsed.data;
  switch (data.verb) {
    case 'feedback':
      return {
        language: data.lang,
        action: { type: 'feedback', helpful: data.helpful, question: data.question, municipality: data.municipality, answerId: data.answerId },
      };
    case 'choose-municipality':
      return { language: data.lang, action: { type: 'choose-municipality', municipality: data[MUNICIPALITY_INPUT_ID] } };
    case 'create-ticket':
      return { language: data.lang, action: { type: 'create-ticket', question: data.question } };
    case 'show-help':
      return { language: data.lang, action: { type: 'show-help' } };
  }
}
