import { ticketTexts, wordFieldErrors } from '../bot/index.js';
import { operatorPrincipal, staffPrincipal, staffServes, type Principal } from '../contacts/index.js';
import type { Services } from '../app/index.js';
import { ticketRouting } from '../knowledge/index.js';
import type { Ticket, TicketStatus } from '../tickets/index.js';
import { formatStockholm } from '../time/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, fieldErrorLines, openServicesFor, parseMunicipality, stringOption, whenSent, write, type Command, type ParsedArgs, type Runtime } from './command.js';
import { reportTexts, type ReportTexts } from './report-texts.js';

const STATUSES: readonly TicketStatus[] = ['new', 'in-progress', 'waiting-for-requester', 'resolved', 'rejected'];

/** `--field key=value` pairs; a value may itself contain "=". */
function fieldValues(args: ParsedArgs): Record<string, string> {
  const raw = args.values.field;
  const pairs = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError((t) => t.tickets.fieldPair(pair));
    values[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return values;
}

/** Who files a ticket at the command line, as the ticket service takes them. */
interface Filer {
  readonly principal: Principal;
  readonly filer?: { readonly name: string; readonly email: string | null } | undefined;
}

/**
 * The person a ticket is filed by: a member of staff named by --as or ITKONTAKT_OPERATOR, who must
 * serve the ticket's municipality (administrators serve all), or an IT-contact named by --as. A
 * ticket always names a person: the OS account that ran the command is nobody the municipality knows.
 */
async function filerFor(app: Services, runtime: Runtime, as: string | undefined, municipality: string): Promise<Filer> {
  const configured = runtime.loadConfig().operator;
  const wanted = as ?? configured;
  if (!wanted) throw new UsageError((t) => t.tickets.nameAPerson);
  const staff = await app.contacts.listStaff(operatorPrincipal(runtime.operator));
  const member = staff.ok ? staff.value.find((candidate) => candidate.id === wanted || candidate.email === wanted.toLowerCase()) : undefined;
  if (member) {
    if (!staffServes(member, municipality)) throw new UsageError((t) => t.tickets.notServing(member.name, member.id, String(member.municipality), municipality));
    return { principal: staffPrincipal(member), filer: { name: member.name, email: member.email } };
  }
  if (as === undefined) throw new UsageError((t) => t.tickets.unknownOperator(wanted));
  const contact = (await app.store.contacts.contact(as)) ?? (await app.store.contacts.findContacts({ email: as })).find((candidate) => candidate.email === as.toLowerCase());
  if (!contact) throw new UsageError((t) => t.tickets.unknownFiler(as));
  return { principal: { role: contact.active ? 'it-contact' : 'guest', label: `contact:${contact.id}`, municipalities: [], contactIds: contact.active ? [contact.id] : [] } };
}

/** What became of the ticket's messages: sent now, and what waits in the outbox and who sends it. */
async function deliveryLine(app: Services, ticketId: string, sent: number, r: ReportTexts): Promise<string> {
  const waiting = (await app.store.tickets.outboxOf(ticketId)).filter((entry) => entry.status === 'pending').length;
  if (waiting === 0) return r.tickets.sent(sent);
  const rest = r.tickets.waiting(waiting, await whenSent(app, r));
  return sent > 0 ? r.tickets.sentAndWaiting(sent, rest) : r.tickets.onlyWaiting(rest);
}

/** A ticket in `tickets list`: its time as Stockholm's clock shows it, its status in the command line's words. */
function ticketLine(ticket: Ticket, r: ReportTexts): string {
  return [ticket.id, r.tickets.status[ticket.status], ticket.title, ticket.requester.name ?? ticket.requester.label, formatStockholm(new Date(ticket.createdAt))].join('\t');
}

/** tickets types|file|list|show|set-status. */
export const ticketCommands: readonly Command[] = [
  {
    name: 'tickets types',
    help: (t) => t.commands['tickets types'],
    options: { municipality: { type: 'string', short: 'm' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      if (!stringOption(args, 'municipality')) throw new UsageError((t) => t.usage.municipalityMissing);
      const app = await openServicesFor(runtime);
      const municipality = parseMunicipality(args.values.municipality, app.knowledge)!;
      const types = app.tickets.types(municipality);
      if (args.values.json) {
        write(
          runtime.stdout,
          JSON.stringify(
            types.map((type) => ({
              id: type.id,
              title: type.title,
              description: type.description,
              filers: type.filers,
              deadline: type.deadline ?? null,
              prerequisite: type.prerequisite ?? null,
              route: type.route,
              routing: ticketRouting(type),
              fields: type.fields.map((field) => ({ key: field.key, label: field.label, type: field.type, required: field.required, options: field.options ?? null })),
              source: { file: type.citation.file, heading: type.citation.heading, quote: type.citation.quote },
            })),
          ),
        );
      } else {
        // What `tickets types` says of a type the bot does not file (kb check says why, and what to change).
        const r = reportTexts[runtime.language].tickets;
        const named = (name: { readonly sv: string; readonly en?: string | undefined }): string => (runtime.language === 'en' && name.en) || name.sv;
        if (types.length === 0) write(runtime.stdout, r.noTypes(municipality));
        for (const type of types) {
          write(runtime.stdout, `${type.id}: ${named(type.title)}${type.filers === 'it-contact' ? r.onlyContacts : ''}${r.routing[ticketRouting(type)]}`);
          for (const field of type.fields) write(runtime.stdout, `    --field ${field.key}=…  ${named(field.label)} (${field.type}${field.required ? '' : r.optional})`);
        }
      }
      return EXIT_OK;
    },
  },
  {
    name: 'tickets file',
    help: (t) => t.commands['tickets file'],
    options: { municipality: { type: 'string', short: 'm' }, type: { type: 'string' }, field: { type: 'string', multiple: true }, as: { type: 'string' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const municipality = stringOption(args, 'municipality');
      const typeId = stringOption(args, 'type');
      if (!municipality || !typeId) throw new UsageError((t) => t.tickets.municipalityAndType);
      const values = fieldValues(args);
      const app = await openServicesFor(runtime);
      try {
        const { principal, filer } = await filerFor(app, runtime, stringOption(args, 'as'), municipality);
        const result = await app.tickets.file(principal, { municipality, typeId, values, filer });
        if (!result.ok) {
          const { language } = runtime;
          const refusal = ticketTexts[language].refusal(result.reason);
          const errors = result.code === 'invalid' ? wordFieldErrors(result.errors, language) : [{ field: result.code === 'forbidden' ? 'as' : 'id', message: refusal }];
          if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: false, id: null, errors }));
          else write(runtime.stderr, [refusal, ...(result.code === 'invalid' ? fieldErrorLines(errors).map((line) => `  ${line}`) : [])].join('\n'));
          return EXIT_FAILURE;
        }
        const delivery = await app.outbox.runOnce({ ticketId: result.value.id });
        if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: true, id: result.value.id, errors: [] }));
        else {
          const r = reportTexts[runtime.language];
          write(runtime.stdout, r.tickets.filed(result.value.id, await deliveryLine(app, result.value.id, delivery.sent, r)));
        }
        return EXIT_OK;
      } finally {
        await app.close();
      }
    },
  },
  {
    name: 'tickets list',
    help: (t) => t.commands['tickets list'](STATUSES),
    options: { municipality: { type: 'string', short: 'm' }, status: { type: 'string' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const status = stringOption(args, 'status') as TicketStatus | undefined;
      if (status && !STATUSES.includes(status)) throw new UsageError((t) => t.tickets.statusFlag(STATUSES));
      const app = await openServicesFor(runtime);
      const result = await app.tickets.list(operatorPrincipal(runtime.operator), { municipality: stringOption(args, 'municipality'), status });
      if (!result.ok) {
        write(runtime.stderr, ticketTexts[runtime.language].refusal(result.reason));
        return EXIT_FAILURE;
      }
      // Lists leave the personal field values out; `tickets show` is the ticket itself.
      if (args.values.json) write(runtime.stdout, JSON.stringify(result.value.map(({ fields: _fields, ...ticket }) => ticket)));
      else {
        const r = reportTexts[runtime.language];
        write(runtime.stdout, result.value.length === 0 ? r.tickets.none : result.value.map((ticket) => ticketLine(ticket, r)).join('\n'));
      }
      return EXIT_OK;
    },
  },
  {
    name: 'tickets show',
    help: (t) => t.commands['tickets show'],
    options: { json: { type: 'boolean' } },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError((t) => t.tickets.idMissing);
      const app = await openServicesFor(runtime);
      const result = await app.tickets.show(operatorPrincipal(runtime.operator), id);
      if (!result.ok) {
        write(runtime.stderr, ticketTexts[runtime.language].refusal(result.reason));
        return EXIT_FAILURE;
      }
      const ticket = result.value;
      const deliveries = await app.store.tickets.outboxOf(ticket.id);
      if (args.values.json) {
        write(runtime.stdout, JSON.stringify({ ...ticket, deliveries }));
      } else {
        const r = reportTexts[runtime.language].tickets;
        write(runtime.stdout, [`${ticket.id} ${ticket.title} (${r.status[ticket.status]})`, ...Object.entries(ticket.fields).map(([key, value]) => `  ${key}: ${value}`), ...deliveries.map((entry) => `  → ${r.channel[entry.channel]} ${entry.target}: ${r.delivery[entry.status]}${entry.lastError ? ` (${entry.lastError})` : ''}`)].join('\n'));
      }
      return EXIT_OK;
    },
  },
  {
    name: 'tickets set-status',
    help: (t) => t.commands['tickets set-status'],
    options: { note: { type: 'string' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const [id, status] = args.positionals;
      if (!id || !status) throw new UsageError((t) => t.tickets.idAndStatusMissing);
      if (!STATUSES.includes(status as TicketStatus)) throw new UsageError((t) => t.tickets.status(STATUSES));
      const app = await openServicesFor(runtime);
      const result = await app.tickets.setStatus(operatorPrincipal(runtime.operator), id, status as TicketStatus, stringOption(args, 'note'), { queueRequesterUpdate: true });
      if (!result.ok) {
        const refusal = ticketTexts[runtime.language].refusal(result.reason);
        if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: false, id, errors: result.code === 'invalid' ? wordFieldErrors(result.errors, runtime.language) : [{ field: 'id', message: refusal }] }));
        else write(runtime.stderr, refusal);
        return EXIT_FAILURE;
      }
      const { fields: _fields, ...ticket } = result.value;
      write(runtime.stdout, args.values.json ? JSON.stringify({ ok: true, ticket }) : `${ticket.id}: ${reportTexts[runtime.language].tickets.status[ticket.status]}`);
      return EXIT_OK;
    },
  },
];
