import { isAbsolute, resolve } from 'node:path';
import { copyDataDirToDatabase, databaseStatus, migrateDatabase } from '../app/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, stringOption, write, type Command } from './command.js';

/** db migrate|status|copy: the PostgreSQL store (DATABASE_URL). */
export const dbCommands: readonly Command[] = [
  {
    name: 'db migrate',
    help: (t) => t.commands['db migrate'],
    options: {},
    async run(_args, runtime) {
      const applied = await migrateDatabase(runtime.loadConfig());
      write(runtime.stdout, applied.length === 0 ? 'Databasen är redan uppdaterad.' : applied.map((migration) => `Körde ${String(migration.version).padStart(3, '0')}-${migration.name}`).join('\n'));
      return EXIT_OK;
    },
  },
  {
    name: 'db status',
    help: (t) => t.commands['db status'],
    options: {},
    async run(_args, runtime) {
      const status = await databaseStatus(runtime.loadConfig());
      write(runtime.stdout, status.map((migration) => `${String(migration.version).padStart(3, '0')}-${migration.name}\t${migration.appliedAt ?? 'återstår'}`).join('\n'));
      return status.every((migration) => migration.appliedAt !== null) ? EXIT_OK : EXIT_FAILURE;
    },
  },
  {
    name: 'db copy',
    help: (t) => t.commands['db copy'],
    options: { 'from-data-dir': { type: 'string' } },
    async run(args, runtime) {
      const from = stringOption(args, 'from-data-dir');
      if (!from) throw new UsageError((t) => t.usage.fromDataDir);
      const report = await copyDataDirToDatabase(runtime.loadConfig(), isAbsolute(from) ? from : resolve(from));
      write(runtime.stdout, ['slag\tläst\tkopierat', ...report.map((line) => `${line.kind}\t${line.read}\t${line.copied}`)].join('\n'));
      return EXIT_OK;
    },
  },
];
