import { textsFor, type FieldMessage } from '../../src/bot/index.js';
import { documentAndHeading, type Citation, type Language } from '../../src/knowledge/index.js';
import type { CardActionData } from './action-data.js';
import type { CardElement, FactSet, SubmitAction, TextBlock } from './cards.js';

/** The pieces every card of ours is built from, so the cards look alike. */

export function heading(text: string): TextBlock {
  return { type: 'TextBlock', text, wrap: true, size: 'medium', weight: 'bolder', style: 'heading' };
}

export function paragraph(text: string, extra: Partial<TextBlock> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

export function submit(title: string, data: CardActionData, style?: SubmitAction['style'], extra: Partial<SubmitAction> = {}): SubmitAction {
  return { type: 'Action.Submit', title, data, ...(style ? { style } : {}), ...extra };
}

/** One quoted source: municipality, document and heading, and the quote itself. */
export function sourceFacts(citation: Citation, language: Language): FactSet {
  return {
    type: 'FactSet',
    spacing: 'small',
    facts: [
      { title: citation.municipalityName, value: documentAndHeading(citation) },
      { title: textsFor(language).quote, value: `«${citation.quote}»` },
    ],
  };
}

/** A field's server-side error, right under its input (the client's own checks use errorMessage). */
export function fieldError(message: string): TextBlock {
  return paragraph(message, { color: 'attention', size: 'small', spacing: 'none' });
}

/**
 * The inputs of a form, each followed by what is wrong with it; errors about no input of the form
 * go to the top, after the heading, so none is lost.
 */
export function formBody(options: {
  readonly intro: readonly CardElement[];
  readonly inputs: ReadonlyArray<{ readonly key: string; readonly element: CardElement }>;
  readonly errors: readonly FieldMessage[];
  readonly fixErrors: string;
  readonly labelOf: (field: string) => string;
}): CardElement[] {
  const { intro, inputs, errors } = options;
  const byField = new Map<string, string[]>();
  for (const error of errors) byField.set(error.field, [...(byField.get(error.field) ?? []), error.message]);
  const known = new Set(inputs.map((input) => input.key));
  const other = errors.filter((error) => !known.has(error.field));
  const body: CardElement[] = [...intro];
  if (errors.length > 0) body.push(paragraph(options.fixErrors, { color: 'attention', weight: 'bolder' }));
  for (const error of other) body.push(fieldError(`${options.labelOf(error.field)}: ${error.message}`));
  for (const input of inputs) {
    body.push(input.element);
    for (const message of byField.get(input.key) ?? []) body.push(fieldError(message));
  }
  return body;
}
