import { readFile, writeFile } from 'node:fs/promises';
import { refusalTexts, wordFieldErrors } from '../bot/index.js';
import {
  contactsToCsv,
  CsvFormatError,
  CSV_COLUMNS,
  formatPhone,
  operatorPrincipal,
  parseContactsCsv,
  type ChatIdentity,
  type Contact,
  type Outcome,
} from '../contacts/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, fieldErrorLines, openServicesFor, stringOption, write, type Command, type ParsedArgs, type Runtime } from './command.js';
import { formatStockholm } from '../time/index.js';
import { reportTexts, type ReportTexts } from './report-texts.js';
import { cliTexts } from './texts.js';

/** The header row the import reads and the export writes. */
const CSV_HEADER = CSV_COLUMNS.map((column) => column.header).join(';');

/** Prints an outcome's failure the way a person reads it (or as JSON), in the command line's language, returning the exit code. */
function failure(runtime: Runtime, outcome: Exclude<Outcome<unknown>, { ok: true }>, json: boolean): number {
  const { language } = runtime;
  if (json) {
    write(runtime.stdout, JSON.stringify({ ok: false, code: outcome.code, message: refusalTexts[language].contact(outcome.reason), errors: wordFieldErrors(outcome.errors, language) }));
  } else {
    const details = fieldErrorLines(wordFieldErrors(outcome.errors, language), cliTexts[language].registry.fieldLabels).map((line) => `\n  ${line}`).join('');
    write(runtime.stderr, `${refusalTexts[language].contact(outcome.reason)}${details}`);
  }
  return EXIT_FAILURE;
}

function contactLine(contact: Contact, r: ReportTexts): string {
  const state = contact.active ? r.registry.active : r.registry.inactive;
  return [contact.id, contact.municipality, contact.provider.name, contact.provider.orgNumber, contact.name, contact.email, formatPhone(contact.phone), 'it-contact', state].join('\t');
}

function identitiesFrom(args: ParsedArgs): ChatIdentity[] {
  const identities: ChatIdentity[] = [];
  const teamsUser = stringOption(args, 'teams-user');
  const teamsTenant = stringOption(args, 'teams-tenant');
  const slackUser = stringOption(args, 'slack-user');
  const slackTeam = stringOption(args, 'slack-team');
  if (teamsUser || teamsTenant) {
    if (!teamsUser || !teamsTenant) throw new UsageError((t) => t.registry.bothTeams);
    identities.push({ platform: 'teams', tenantId: teamsTenant, userId: teamsUser });
  }
  if (slackUser || slackTeam) {
    if (!slackUser || !slackTeam) throw new UsageError((t) => t.registry.bothSlack);
    identities.push({ platform: 'slack', tenantId: slackTeam, userId: slackUser });
  }
  return identities;
}

const identityOptions = {
  'teams-user': { type: 'string' },
  'teams-tenant': { type: 'string' },
  'slack-user': { type: 'string' },
  'slack-team': { type: 'string' },
} as const;

/** contacts, staff, registrations and audit: the registry, for the people who run the bot. */
export const registryCommands: readonly Command[] = [
  {
    name: 'contacts list',
    help: (t) => t.commands['contacts list'],
    options: { municipality: { type: 'string', short: 'm' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const app = await openServicesFor(runtime);
      const result = await app.contacts.listContacts(operatorPrincipal(runtime.operator), { municipality: stringOption(args, 'municipality'), includeInactive: args.values.all === true });
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      if (args.values.json) write(runtime.stdout, JSON.stringify(result.value.map((contact) => ({ ...contact, role: 'it-contact' }))));
      else {
        const r = reportTexts[runtime.language];
        write(runtime.stdout, result.value.length === 0 ? r.registry.noContacts : [r.registry.contactHeader.join('\t'), ...result.value.map((contact) => contactLine(contact, r))].join('\n'));
      }
      return EXIT_OK;
    },
  },
  {
    name: 'contacts add',
    help: (t) => t.commands['contacts add'],
    options: {
      municipality: { type: 'string', short: 'm' },
      provider: { type: 'string' },
      'org-number': { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      language: { type: 'string' },
      json: { type: 'boolean' },
      ...identityOptions,
    },
    async run(args, runtime) {
      const identities = identitiesFrom(args);
      const app = await openServicesFor(runtime);
      const input = { municipality: stringOption(args, 'municipality'), providerName: stringOption(args, 'provider'), orgNumber: stringOption(args, 'org-number'), name: stringOption(args, 'name'), email: stringOption(args, 'email'), phone: stringOption(args, 'phone'), language: stringOption(args, 'language') };
      const result = await app.contacts.saveContact(operatorPrincipal(runtime.operator), input, identities);
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      const { contact, change } = result.value;
      if (args.values.json) write(runtime.stdout, JSON.stringify({ ok: true, change, contact }));
      else write(runtime.stdout, `${reportTexts[runtime.language].registry.change[change]}: ${contact.id} ${contact.name} (${contact.provider.name}, ${contact.municipality})`);
      return EXIT_OK;
    },
  },
  {
    name: 'contacts import',
    help: (t) => t.commands['contacts import'](CSV_HEADER),
    options: { 'skip-invalid': { type: 'boolean' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const [file] = args.positionals;
      if (!file) throw new UsageError((t) => t.registry.csvFileMissing);
      const t = cliTexts[runtime.language].registry;
      let rows;
      try {
        rows = parseContactsCsv(await readFile(file, 'utf8'));
      } catch (error) {
        if (error instanceof CsvFormatError) {
          write(runtime.stderr, `${file}: ${t.csvProblem(error.line, error.problem, CSV_HEADER)}`);
          return EXIT_FAILURE;
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          write(runtime.stderr, t.fileMissing(file));
          return EXIT_FAILURE;
        }
        throw error;
      }
      const app = await openServicesFor(runtime);
      const report = await app.contacts.importContacts(operatorPrincipal(runtime.operator), rows, { skipInvalid: args.values['skip-invalid'] === true });
      if (args.values.json) {
        write(runtime.stdout, JSON.stringify({ ok: report.invalid.length === 0, ...report, invalid: report.invalid.map((row) => ({ line: row.line, errors: wordFieldErrors(row.errors, runtime.language) })) }));
      } else {
        for (const row of report.invalid) for (const line of fieldErrorLines(wordFieldErrors(row.errors, runtime.language), t.fieldLabels)) write(runtime.stderr, `${file}:${row.line}: ${line}`);
        if (report.applied) write(runtime.stdout, t.imported({ ...report, skipped: report.invalid.length }));
        else write(runtime.stderr, t.nothingImported(report.invalid.length));
      }
      return report.invalid.length > 0 && !report.applied ? EXIT_FAILURE : EXIT_OK;
    },
  },
  {
    name: 'contacts export',
    help: (t) => t.commands['contacts export'],
    options: { municipality: { type: 'string', short: 'm' }, output: { type: 'string', short: 'o' } },
    async run(args, runtime) {
      const app = await openServicesFor(runtime);
      const result = await app.contacts.listContacts(operatorPrincipal(runtime.operator), { municipality: stringOption(args, 'municipality') });
      if (!result.ok) return failure(runtime, result, false);
      const csv = contactsToCsv(result.value);
      const output = stringOption(args, 'output');
      if (output) {
        await writeFile(output, csv);
        write(runtime.stderr, reportTexts[runtime.language].registry.exported(result.value.length, output));
      } else {
        runtime.stdout.write(csv);
      }
      return EXIT_OK;
    },
  },
  {
    name: 'contacts language',
    help: (t) => t.commands['contacts language'],
    options: { json: { type: 'boolean' } },
    async run(args, runtime) {
      const [id, language] = args.positionals;
      if (!id || !language) throw new UsageError((t) => t.registry.contactAndLanguage);
      const app = await openServicesFor(runtime);
      const result = await app.contacts.setContactLanguage(operatorPrincipal(runtime.operator), id, language);
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      write(runtime.stdout, args.values.json ? JSON.stringify({ ok: true, contact: result.value }) : reportTexts[runtime.language].registry.languageSet(`${result.value.id} ${result.value.name}`, result.value.language));
      return EXIT_OK;
    },
  },
  {
    name: 'contacts deactivate',
    help: (t) => t.commands['contacts deactivate'],
    options: { json: { type: 'boolean' } },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError((t) => t.registry.contactId);
      const app = await openServicesFor(runtime);
      const result = await app.contacts.deactivateContact(operatorPrincipal(runtime.operator), id);
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      write(runtime.stdout, args.values.json ? JSON.stringify({ ok: true, contact: result.value }) : reportTexts[runtime.language].registry.deactivated(`${result.value.id} ${result.value.name}`));
      return EXIT_OK;
    },
  },
  {
    name: 'staff add',
    help: (t) => t.commands['staff add'],
    options: { municipality: { type: 'string', short: 'm' }, admin: { type: 'boolean' }, name: { type: 'string' }, email: { type: 'string' }, json: { type: 'boolean' }, ...identityOptions },
    async run(args, runtime) {
      const name = stringOption(args, 'name');
      if (!name) throw new UsageError((t) => t.registry.name);
      const admin = args.values.admin === true;
      if (admin === (stringOption(args, 'municipality') !== undefined)) throw new UsageError((t) => t.registry.staffOrAdmin);
      const identities = identitiesFrom(args);
      const app = await openServicesFor(runtime);
      const result = await app.contacts.addStaff(operatorPrincipal(runtime.operator), { role: admin ? 'admin' : 'staff', municipality: stringOption(args, 'municipality') ?? null, name, email: stringOption(args, 'email')?.toLowerCase() ?? null, identities });
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      write(runtime.stdout, args.values.json ? JSON.stringify({ ok: true, staff: result.value }) : reportTexts[runtime.language].registry.staffAdded(`${result.value.id} ${result.value.name}`, result.value.role === 'admin' ? null : String(result.value.municipality)));
      return EXIT_OK;
    },
  },
  {
    name: 'staff remove',
    help: (t) => t.commands['staff remove'],
    options: { json: { type: 'boolean' } },
    async run(args, runtime) {
      const [id] = args.positionals;
      if (!id) throw new UsageError((t) => t.usage.idMissing('staff list'));
      const app = await openServicesFor(runtime);
      const result = await app.contacts.removeStaff(operatorPrincipal(runtime.operator), id);
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      write(runtime.stdout, args.values.json ? JSON.stringify({ ok: true, staff: result.value }) : reportTexts[runtime.language].registry.staffRemoved(`${result.value.id} ${result.value.name}`));
      return EXIT_OK;
    },
  },
  {
    name: 'staff list',
    help: (t) => t.commands['staff list'],
    options: { json: { type: 'boolean' } },
    async run(args, runtime) {
      const app = await openServicesFor(runtime);
      const result = await app.contacts.listStaff(operatorPrincipal(runtime.operator));
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      if (args.values.json) write(runtime.stdout, JSON.stringify(result.value));
      else if (result.value.length === 0) write(runtime.stdout, reportTexts[runtime.language].registry.noStaff);
      else write(runtime.stdout, result.value.map((member) => [member.id, member.role, member.municipality ?? '*', member.name, member.email ?? '', member.identities.map((identity) => `${identity.platform}:${identity.userId}`).join(',')].join('\t')).join('\n'));
      return EXIT_OK;
    },
  },
  {
    name: 'registrations list',
    help: (t) => t.commands['registrations list'],
    options: { status: { type: 'string' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const status = stringOption(args, 'status');
      if (status && !['pending', 'approved', 'rejected'].includes(status)) throw new UsageError((t) => t.registry.registrationStatus);
      const app = await openServicesFor(runtime);
      const result = await app.contacts.listRegistrations(operatorPrincipal(runtime.operator), { status: status as 'pending' | undefined });
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      if (args.values.json) write(runtime.stdout, JSON.stringify(result.value));
      else if (result.value.length === 0) write(runtime.stdout, reportTexts[runtime.language].registry.noRegistrations);
      else write(runtime.stdout, result.value.map((request) => [request.id, request.status, request.municipality, request.provider.name, request.name, request.email, formatStockholm(new Date(request.submittedAt))].join('\t')).join('\n'));
      return EXIT_OK;
    },
  },
  ...(['approve', 'reject'] as const).map(
    (decision): Command => ({
      name: `registrations ${decision}`,
      help: (t) => t.commands[`registrations ${decision}`],
      options: { reason: { type: 'string' }, json: { type: 'boolean' } },
      async run(args, runtime) {
        const [id] = args.positionals;
        if (!id) throw new UsageError((t) => t.registry.registrationId);
        const reason = stringOption(args, 'reason');
        if (decision === 'reject' && !reason) throw new UsageError((t) => t.registry.rejectionReason);
        const app = await openServicesFor(runtime);
        const result = await app.contacts.decideRegistration(operatorPrincipal(runtime.operator), id, { approve: decision === 'approve', reason });
        if (!result.ok) return failure(runtime, result, args.values.json === true);
        write(runtime.stdout, args.values.json ? JSON.stringify({ ok: true, ...result.value }) : reportTexts[runtime.language].registry.decided(decision === 'approve', id, result.value.contact?.id ?? null));
        return EXIT_OK;
      },
    }),
  ),
  {
    name: 'audit list',
    help: (t) => t.commands['audit list'],
    options: { municipality: { type: 'string', short: 'm' }, since: { type: 'string' }, json: { type: 'boolean' } },
    async run(args, runtime) {
      const sinceText = stringOption(args, 'since');
      const since = sinceText ? new Date(sinceText) : undefined;
      if (since && Number.isNaN(since.getTime())) throw new UsageError((t) => t.registry.since(sinceText!));
      const app = await openServicesFor(runtime);
      const result = await app.contacts.listAudit(operatorPrincipal(runtime.operator), { municipality: stringOption(args, 'municipality'), since });
      if (!result.ok) return failure(runtime, result, args.values.json === true);
      if (args.values.json) write(runtime.stdout, JSON.stringify(result.value));
      else if (result.value.length === 0) write(runtime.stdout, reportTexts[runtime.language].registry.noAudit);
      else write(runtime.stdout, result.value.map((entry) => [entry.seq, formatStockholm(new Date(entry.at)), entry.actor, entry.action, entry.municipality ?? '*', entry.subject].join('\t')).join('\n'));
      return EXIT_OK;
    },
  },
];
