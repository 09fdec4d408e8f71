// npm run db:backup -- FILE [--force]   a consistent, checked copy of the SQLite database while the app runs
// npm run db:restore -- FILE             restores a backup into a STOPPED installation, then migrates it
// On PostgreSQL both print the pg_dump / pg_restore command instead (exit 1: nothing was copied).
// Refusals print one message on standard error and exit 1, with nothing written; a usage error exits 2.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { invocationDir, loadConfig } from '../config.js';
import { createDb, migrateLatest } from '../db.js';
import {
  BackupProblem,
  backupSqlite,
  describeLevel,
  pgDumpAdvice,
  pgRestoreAdvice,
  restoreSqlite,
} from '../db/backup.js';

const say = (text: string) => process.stdout.write(`${text}\n`);
const USAGE = 'usage: npm run db:backup -- FILE [--force]   |   npm run db:restore -- FILE';

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const command = process.argv[2];
let parsed: ReturnType<typeof parse> | undefined;
function parse() {
  return parseArgs({
    args: process.argv.slice(3),
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
}
try {
  parsed = parse();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
// npm runs a script in the project's folder: a relative FILE is the operator's, from the folder npm was called in
const argument = parsed.positionals[0];
const file = argument ? path.resolve(invocationDir(), argument) : undefined;
if ((command !== 'backup' && command !== 'restore') || !file || parsed.positionals.length > 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

try {
  const config = loadConfig();
  if (config.databaseUrl) {
    say(command === 'backup' ? pgDumpAdvice(config.databaseUrl, file) : pgRestoreAdvice(config.databaseUrl, file));
    process.exitCode = 1;
  } else if (command === 'backup') {
    const result = backupSqlite(config.sqliteFile, file, { force: parsed.values.force });
    say(`Backed up ${config.sqliteFile}`);
    say(`  to              ${result.file}`);
    say(`  size            ${megabytes(result.bytes)} (${result.bytes} bytes)`);
    say(`  migration level ${describeLevel(result.level)}`);
    say('  integrity check ok');
  } else {
    const result = restoreSqlite(file, config.sqliteFile);
    say(`Restored ${file}`);
    say(`  into            ${result.file}`);
    say(`  backup's level  ${describeLevel(result.level)}`);
    if (result.replacedMovedTo)
      say(`  the database it replaced is kept as ${result.replacedMovedTo} (delete it when sure)`);
    const db = createDb(config);
    try {
      const ran = await migrateLatest(db);
      say(ran.length ? `  migrated        ${ran.join(', ')}` : '  migrated        already up to date');
    } finally {
      await db.destroy();
    }
    say('Start Medvirk again.');
  }
} catch (err) {
  process.stderr.write(`${err instanceof BackupProblem ? err.message : `Failed: ${(err as Error).message}`}\n`);
  process.exitCode = 1;
}
