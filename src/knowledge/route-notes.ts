import { ticketRouting } from './routing.js';
import type { TicketTypeDefinition } from './schema.js';

/**
 * Something a municipality must confirm before go-live, not an error: a route the source does not
 * state (`assumption`), a ticket type whose routine names no destination (refused at filing), an
 * order the routine has made elsewhere (the bot guides there and files nothing).
 */
export interface KnowledgeNote {
  readonly kind: 'assumption' | 'no-destination' | 'ordered-elsewhere';
  readonly municipality: string;
  /** The ticket type it concerns. */
  readonly subject: string;
  readonly file: string;
  readonly line?: number | undefined;
  readonly path?: string | undefined;
  readonly message: string;
}

type Locate = (path: ReadonlyArray<string | number>) => { readonly file: string; readonly line?: number | undefined; readonly path: string };

/** What a municipality must confirm about its ticket routes before go-live, each where it stands in the file. */
export function routeNotes(types: readonly TicketTypeDefinition[], municipality: string, locate: Locate): KnowledgeNote[] {
  return types.flatMap((type, index): KnowledgeNote[] => {
    const note = (kind: KnowledgeNote['kind'], path: ReadonlyArray<string | number>, message: string): KnowledgeNote => ({ kind, municipality, subject: type.id, ...locate(['ticketTypes', index, ...path]), message });
    const notes: KnowledgeNote[] = [];
    if (type.route.assumption) notes.push(note('assumption', ['route', 'assumption'], `${type.id}: vägen står inte i källan, den är ett antagande: ${type.route.assumption}`));
    switch (ticketRouting(type)) {
      case 'ordered-elsewhere':
        notes.push(
          note(
            'ordered-elsewhere',
            ['orderedElsewhere'],
            `${type.id}: rutinen beställs på annat ställe (${type.orderedElsewhere!.note}); boten visar vägen dit och tar inte emot ärendet. Sätt takenByBot: true med kommunens brevlåda i route.email om kommunen vill ta emot beställningar via boten.`,
          ),
        );
        break;
      case 'no-destination':
        notes.push(
          note(
            'no-destination',
            ['route'],
            `${type.id}: rutinen anger ingen mottagare (ingen e-postadress i route.email), så boten vägrar ärendet när det skickas in. Ange kommunens brevlåda, eller skriv i route.assumption varför personalkanalen är rätt mottagare.`,
          ),
        );
        break;
      case 'routed':
        break;
    }
    return notes;
  });
}
