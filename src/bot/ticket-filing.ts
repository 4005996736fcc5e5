import { identityOf } from './identity.js';
import { type ContactService, type Principal, destinationKey, type PreferenceRepository, type Actor } from '../contacts/index.js';
import type { FieldError } from '../errors/index.js';
import { ticketRouting, type HandledElsewhereNote, type Language, type TicketType } from '../knowledge/index.js';
import type { TicketService } from '../tickets/index.js';
import { wordFieldErrors } from './field-error-texts.js';
import type { MunicipalityChoice, Reply } from './reply.js';
import { ticketForm, TicketSummaries } from './ticket-summary.js';
import { ticketTexts } from './ticket-texts.js';
import type { ConversationRef } from './turn.js';

export interface TicketFilingDependencies {
  readonly tickets: TicketService;
  readonly contacts: ContactService;
  readonly preferences: PreferenceRepository;
  readonly municipalities: readonly MunicipalityChoice[];
}

// Words that ask for something to be done, not for information.
const ASKS_FOR_ACTION = /\b(?:beställa|beställ|behöver (?:få|ha|beställa|lägga|ta bort|avsluta)|vill (?:beställa|ha|anmäla|avsluta)|lägga upp|ta bort|avsluta|anmäla|spärra|registrera (?:en|ny)|order|request|report|need (?:a|an|to))\b/iu;

/** Where the routine has it done instead: the note's words, the document's link and the source. */
function elsewhereReply(note: HandledElsewhereNote, language: Language): Reply {
  return { kind: 'handled-elsewhere', language, text: language === 'en' ? note.answer.en : note.answer.sv, link: note.link, citation: note.citation };
}

/**
 * Filing a ticket in chat: choosing a type, the form (prefilled from the registry), a form offered
 * with an answer, and filing it; or the way to where the routine has the order made instead.
 */
export class TicketFiling {
  private readonly summaries: TicketSummaries;

  constructor(private readonly deps: TicketFilingDependencies) {
    this.summaries = new TicketSummaries(deps);
  }

  /** Whose rules apply: the municipality the person is IT-contact in, else the one they chose. */
  private async municipalityFor(actor: Actor, principal: Principal): Promise<string | undefined> {
    const preferred = (await this.deps.preferences.get(actor))?.municipality ?? undefined;
    const own = (await this.deps.contacts.contactsOf(principal)).filter((contact) => contact.active).map((contact) => contact.municipality);
    if (preferred && (own.includes(preferred) || own.length === 0)) return preferred;
    return own[0] ?? principal.municipalities?.[0] ?? preferred;
  }

  private async prefill(principal: Principal, municipality: string, type: TicketType): Promise<Record<string, string>> {
    const contact = (await this.deps.contacts.contactsOf(principal)).find((candidate) => candidate.municipality === municipality && candidate.active);
    const values: Record<string, string> = {};
    if (!contact) return values;
    const known: Record<string, string> = { 'contact.name': contact.name, 'contact.email': contact.email, 'contact.phone': contact.phone, 'contact.provider': contact.provider.name, 'contact.orgNumber': contact.provider.orgNumber };
    for (const field of type.fields) if (field.prefill) values[field.key] = known[field.prefill] ?? '';
    return values;
  }

  /** "ärende", "Skapa ärende" on an answer, or a question that asks for something the routine covers. */
  async start(actor: Actor, language: Language, question?: string): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    if (principal.role === 'guest') return [{ kind: 'error', language, message: ticketTexts[language].onlyRegistered }];
    const municipalityId = await this.municipalityFor(actor, principal);
    if (!municipalityId) return [{ kind: 'choose-municipality', language, municipalities: this.deps.municipalities }];
    const municipality = this.summaries.municipality(municipalityId);
    const types = this.deps.tickets.types(municipalityId);
    const replies: Reply[] = [];
    if (question) {
      const match = this.deps.tickets.match(municipalityId, question);
      if (match.type) return [await this.formOrWhy(principal, municipality, match.type, language)];
      if (match.note) replies.push(elsewhereReply(match.note, language));
    }
    // Only what the bot can send is offered: an order the routine has made elsewhere is shown the
    // way there instead, so no form competes with it, and a type without a destination is left out.
    const routed = types.filter((type) => ticketRouting(type) === 'routed');
    const elsewhere = this.elsewhereNotes(types).filter((note) => !replies.some((reply) => reply.kind === 'handled-elsewhere' && reply.citation === note.citation));
    replies.push(...elsewhere.map((note) => elsewhereReply(note, language)));
    if (routed.length === 0) return replies.length > 0 ? replies : [{ kind: 'error', language, message: ticketTexts[language].noTypes(municipality.name) }];
    if (routed.length === 1) return [...replies, await this.form(principal, municipality, routed[0]!, language)];
    const summaries = routed.map((type) => {
      const form = ticketForm(type, language);
      return { id: form.id, title: form.title, description: form.description, deadline: form.deadline };
    });
    return [...replies, { kind: 'ticket-type-choice', language, municipality, types: summaries }];
  }

  /** The notes saying where the orders of these types are made instead, each once. */
  private elsewhereNotes(types: readonly TicketType[]): HandledElsewhereNote[] {
    const ids = new Set(types.filter((type) => ticketRouting(type) === 'ordered-elsewhere').map((type) => type.orderedElsewhere!.note));
    return types.length === 0 ? [] : this.deps.tickets.handledElsewhere(types[0]!.municipalityId).filter((note) => ids.has(note.id));
  }

  /**
   * The type's form when the bot can send it; else why not: the way to where the routine has the
   * order made, or that the routine names no one to send it to.
   */
  private async formOrWhy(principal: Principal, municipality: MunicipalityChoice, type: TicketType, language: Language): Promise<Reply> {
    const routing = ticketRouting(type);
    if (routing === 'routed') return this.form(principal, municipality, type, language);
    const note = this.elsewhereNotes([type])[0];
    if (routing === 'ordered-elsewhere' && note) return elsewhereReply(note, language);
    const title = { sv: type.title.sv, en: type.title.en ?? type.title.sv };
    return { kind: 'error', language, message: ticketTexts[language].refusal({ kind: 'no-destination', municipality: municipality.id, municipalityName: municipality.name, type: title, quote: type.citation.quote }) };
  }

  private async form(principal: Principal, municipality: MunicipalityChoice, type: TicketType, language: Language, values?: Readonly<Record<string, string>>, errors: readonly FieldError[] = []): Promise<Reply> {
    return { kind: 'ticket-form', language, municipality, type: ticketForm(type, language), values: values ?? (await this.prefill(principal, municipality.id, type)), errors: wordFieldErrors(errors, language) };
  }

  /**
   * For a question that clearly asks for something a ticket type covers ("vi behöver beställa
   * behörighet till…") from a registered IT-contact: that type's form, offered with the answer.
   */
  async offerFor(actor: Actor, question: string, language: Language): Promise<Reply | undefined> {
    if (!ASKS_FOR_ACTION.test(question)) return undefined;
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    if (principal.role === 'guest') return undefined;
    const municipalityId = await this.municipalityFor(actor, principal);
    const type = municipalityId ? this.deps.tickets.match(municipalityId, question).type : undefined;
    return type ? await this.formOrWhy(principal, this.summaries.municipality(type.municipalityId), type, language) : undefined;
  }

  async chooseType(actor: Actor, typeId: string, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const type = this.findType(typeId);
    if (!type) return [{ kind: 'error', language, message: ticketTexts[language].refusal({ kind: 'unknown-type', municipality: '', typeId, known: [] }) }];
    return [await this.formOrWhy(principal, this.summaries.municipality(type.municipalityId), type, language)];
  }

  private findType(typeId: string): TicketType | undefined {
    for (const municipality of this.deps.municipalities) {
      const type = this.deps.tickets.types(municipality.id).find((candidate) => candidate.id === typeId);
      if (type) return type;
    }
    return undefined;
  }

  async submit(actor: Actor, conversation: ConversationRef, typeId: string, values: Readonly<Record<string, string>>, language: Language): Promise<Reply[]> {
    const principal = await this.deps.contacts.principalFor(identityOf(actor));
    const type = this.findType(typeId);
    if (!type) return [{ kind: 'error', language, message: ticketTexts[language].refusal({ kind: 'unknown-type', municipality: '', typeId, known: [] }) }];
    // Empty optional fields are left out rather than sent as "".
    const filled = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
    const result = await this.deps.tickets.file(principal, { municipality: type.municipalityId, typeId, values: filled, identity: identityOf(actor), replyTo: destinationKey(conversation) });
    if (!result.ok) {
      if (result.code === 'invalid') return [await this.form(principal, this.summaries.municipality(type.municipalityId), type, language, values, [...result.errors])];
      if (result.reason.kind === 'ordered-elsewhere') return [elsewhereReply(result.reason.note, language)];
      return [{ kind: 'error', language, message: ticketTexts[language].refusal(result.reason) }];
    }
    return [{ kind: 'ticket-filed', language, ticket: this.summaries.of(result.value, language) }];
  }
}
