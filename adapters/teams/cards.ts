import type { Activity } from 'botbuilder';
import type { Language } from '../../src/knowledge/index.js';
import type { CardActionData } from './action-data.js';

/**
 * The part of Adaptive Cards 1.5 the bot uses, typed so that a card that would not validate does
 * not compile. The tests check every rendered card against the 1.5 schema as well.
 */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  readonly weight?: 'lighter' | 'default' | 'bolder';
  readonly color?: 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
  readonly isSubtle?: boolean;
  readonly style?: 'default' | 'heading';
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface ChoiceSet {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly choices: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly label?: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly style?: 'compact' | 'expanded' | 'filtered';
  /** Several choices at once; the value is then the chosen values comma-separated ("a,b"). */
  readonly isMultiSelect?: boolean;
  readonly wrap?: boolean;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

/** What every input has: the id its value is submitted under, a label, and client-side checks. */
interface InputBase {
  readonly id: string;
  readonly label?: string;
  readonly isRequired?: boolean;
  /** Shown under the input by the client when `isRequired` is not met. */
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

export interface TextInput extends InputBase {
  readonly type: 'Input.Text';
  readonly value?: string;
  readonly placeholder?: string;
  readonly isMultiline?: boolean;
  readonly maxLength?: number;
  readonly style?: 'text' | 'tel' | 'url' | 'email' | 'password';
}

export interface DateInput extends InputBase {
  readonly type: 'Input.Date';
  /** YYYY-MM-DD. */
  readonly value?: string;
  readonly placeholder?: string;
  readonly min?: string;
  readonly max?: string;
}

export interface TimeInput extends InputBase {
  readonly type: 'Input.Time';
  /** HH:mm, 24-hour. */
  readonly value?: string;
  readonly placeholder?: string;
  readonly min?: string;
  readonly max?: string;
}

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: CardActionData | Readonly<Record<string, unknown>>;
  readonly style?: 'default' | 'positive' | 'destructive';
  /** Which inputs are sent along: none for buttons that must not carry a half-filled form. */
  readonly associatedInputs?: 'Auto' | 'None';
  /** What hover and screen readers say, where the title alone is not enough. */
  readonly tooltip?: string;
}

/**
 * A button that unfolds a small card under the one pressed (a note to write before a destructive
 * action). Its Action.Submit sends the inputs of that card and of the cards around it.
 */
export interface ShowCardAction {
  readonly type: 'Action.ShowCard';
  readonly title: string;
  readonly card: ShownCard;
  readonly style?: 'default' | 'positive' | 'destructive';
}

/** The card inside an Action.ShowCard: no version or schema of its own. */
export interface ShownCard {
  readonly type: 'AdaptiveCard';
  readonly body: readonly CardElement[];
  readonly actions?: readonly SubmitAction[];
}

export type CardAction = SubmitAction | ShowCardAction;

export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export type CardElement = TextBlock | FactSet | Container | ChoiceSet | TextInput | DateInput | TimeInput | ActionSet;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof ADAPTIVE_CARD_SCHEMA;
  readonly version: typeof ADAPTIVE_CARD_VERSION;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  /** Shown by clients that cannot render the card (and read by screen readers as a summary). */
  readonly fallbackText?: string;
  readonly lang?: Language;
}

/** A card with the schema and version every card of ours has. */
export function adaptiveCard(parts: { body: readonly CardElement[]; actions?: readonly CardAction[]; fallbackText?: string; lang?: Language }): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body: parts.body,
    ...(parts.actions && parts.actions.length > 0 ? { actions: parts.actions } : {}),
    ...(parts.fallbackText ? { fallbackText: parts.fallbackText } : {}),
    ...(parts.lang ? { lang: parts.lang } : {}),
  };
}

/** A message activity that carries one Adaptive Card. `summary` is what notifications and chat lists show. */
export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  return {
    type: 'message',
    ...(summary ? { summary } : {}),
    ...(card.lang ? { locale: localeOf(card.lang) } : {}),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
  };
}

/** A plain-text message activity (plain, so a quote or an asterisk in it is shown as written). */
export function textActivity(text: string, language?: Language): Partial<Activity> {
  return { type: 'message', text, textFormat: 'plain', ...(language ? { locale: localeOf(language) } : {}) };
}

export function localeOf(language: Language): string {
  return language === 'en' ? 'en-US' : 'sv-SE';
}
