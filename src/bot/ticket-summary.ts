import type { Language, TicketType } from '../knowledge/index.js';
import type { Ticket, TicketService } from '../tickets/index.js';
import type { MunicipalityChoice, TicketForm, TicketSummary } from './reply.js';

/** The ticket type as a form, in the user's language. */
export function ticketForm(type: TicketType, language: Language): TicketForm {
  const pick = (text: { sv: string; en?: string | undefined }): string => (language === 'en' ? (text.en ?? text.sv) : text.sv);
  return {
    id: type.id,
    title: pick(type.title),
    description: pick(type.description),
    deadline: type.deadline ? pick(type.deadline) : null,
    prerequisite: type.prerequisite ? pick(type.prerequisite) : null,
    fields: type.fields.map((field) => ({
      key: field.key,
      label: pick(field.label),
      type: field.type,
      required: field.required,
      options: (field.options ?? []).map((option) => option.sv),
      help: field.help ? pick(field.help) : null,
    })),
  };
}

/**
 * How chat shows tickets, to the ticket conversations (filing and following up): each with its
 * type's title and deadline in the reader's language, and its municipality by name.
 */
export class TicketSummaries {
  constructor(private readonly deps: { readonly tickets: Pick<TicketService, 'types'>; readonly municipalities: readonly MunicipalityChoice[] }) {}

  municipality(id: string): MunicipalityChoice {
    return this.deps.municipalities.find((municipality) => municipality.id === id) ?? { id, name: id };
  }

  /** A ticket as chat shows it; its title and deadline are its type's, in the reader's language. */
  of(ticket: Ticket, language: Language = 'sv'): TicketSummary {
    const type = this.deps.tickets.types(ticket.municipality).find((candidate) => candidate.id === ticket.typeId);
    const form = type ? ticketForm(type, language) : undefined;
    return { id: ticket.id, title: form?.title ?? ticket.title, status: ticket.status, municipality: this.municipality(ticket.municipality), deadline: form?.deadline ?? null, updatedAt: ticket.updatedAt };
  }
}
