import { isAbsolute, resolve } from 'node:path';
import { copyDataDirToDatabase, databaseStatus, migrateDatabase } from '../app/index.js';
import { formatStockholm } from '../time/index.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, stringOption, write, type Command } from './command.js';
import { reportTexts } from './report-texts.js';

/** "001-initial": a migration as its file is named. */
function migrationName(migration: { readonly version: number; readonly name: string }): string {
  return `${String(migration.version).padStart(3, '0')}-${migration.name}`;
}

/** db migrate|status|copy: the PostgreSQL store (DATABASE_URL). */
export const dbCommands: readonly Command[] = [
  {
    name: 'db migrate',
    help: (t) => t.commands['db migrate'],
    options: {},
    async run(_args, runtime) {
      const applied = await migrateDatabase(runtime.loadConfig());
      const r = reportTexts[runtime.language].db;
      write(runtime.stdout, applied.length === 0 ? r.upToDate : applied.map((migration) => r.ran(migrationName(migration))).join('\n'));
      return EXIT_OK;
    },
  },
  {
    name: 'db status',
    help: (t) => t.commands['db status'],
    options: {},
    async run(_args, runtime) {
      const status = await databaseStatus(runtime.loadConfig());
      const r = reportTexts[runtime.language].db;
      write(runtime.stdout, status.map((migration) => `${migrationName(migration)}\t${migration.appliedAt ? formatStockholm(new Date(migration.appliedAt)) : r.remains}`).join('\n'));
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
      write(runtime.stdout, [reportTexts[runtime.language].db.copyHeader.join('\t'), ...report.map((line) => `${line.kind}\t${line.read}\t${line.copied}`)].join('\n'));
      return EXIT_OK;
    },
  },
];
