import type { TicketTypeDefinition } from './schema.js';

/**
 * What the bot does with a ticket of this type:
 * - `routed`: it is filed and sent to the routine's mailbox, or to the staff channel where the
 *   knowledge file says (as an assumption) that that is where it goes;
 * - `ordered-elsewhere`: the routine has it made elsewhere (an e-service), and the municipality has
 *   not agreed to take it through the bot: the bot guides there and files nothing;
 * - `no-destination`: the routine names no one to send it to, so filing is refused rather than
 *   leaving the ticket where no one looks.
 */
export type TicketRouting = 'routed' | 'ordered-elsewhere' | 'no-destination';

/** How the bot routes a ticket type, from its knowledge (see TicketRouting). */
export function ticketRouting(type: Pick<TicketTypeDefinition, 'route' | 'orderedElsewhere'>): TicketRouting {
  if (type.orderedElsewhere && !type.orderedElsewhere.takenByBot) return 'ordered-elsewhere';
  if (type.route.email.length > 0) return 'routed';
  return type.route.staffChannel && type.route.assumption ? 'routed' : 'no-destination';
}
