import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrationConfig } from '../db.js';

// Backup and restore of the embedded SQLite database (npm run db:backup / db:restore, src/cli/backup.ts).
//
// Backup: `VACUUM INTO` reads the live database in one read transaction (WAL: writers go on, the copy is the
// database as of its start, with every write acknowledged before it) and writes one self-contained file without a
// -wal. Never a copy of the file: the latest acknowledged writes live in the -wal until a checkpoint, so a copy of
// the main file misses them, and a copy of both taken while the app writes can be torn. The copy goes to a hidden
// temporary name in the target folder, is synced and checked (`integrity_check`, Medvirk's tables), and only then
// renamed to the target: a failure leaves nothing behind.
//
// Restore: into a stopped installation. SQLite itself says whether any process has the database open: leaving WAL
// mode needs every other connection closed (an idle app holds its connection open), so `journal_mode = DELETE`
// answers SQLITE_BUSY while the app, a worker or a shell has it open, and otherwise folds a crashed process's -wal
// into the old file. The connection then holds an exclusive lock while the files are swapped. The old file, its
// -wal and -journal move aside (the -shm goes) BEFORE the new file takes the name: a leftover -wal or hot journal
// would otherwise be applied to the restored file (SQLITE_CORRUPT, or silently wrong pages).

/** A refusal with a message for the operator (the CLI prints it and exits 1). */
export class BackupProblem extends Error {}

export interface MigrationLevel {
  /** How many migrations the database has run. */
  count: number;
  /** The newest one's name, e.g. 20261220100000_job_runs_and_audit_retention.ts (null: none). */
  latest: string | null;
  /** Migrations this code has and the database has not run (an older backup: migrated after a restore). */
  pending: string[];
  /** Migrations the database has run that this code does not know (a newer version's database). */
  unknown: string[];
}

export interface BackupResult {
  file: string;
  bytes: number;
  level: MigrationLevel;
}

export interface RestoreResult {
  file: string;
  level: MigrationLevel;
  /** Where the database that was replaced went (its -wal beside it, if it had one); null: there was none. */
  replacedMovedTo: string | null;
}

/** Tables every Medvirk database has since its first migrations (a file without them is someone else's). */
const EXPECTED_TABLES = ['knex_migrations', 'organisations', 'users', 'representatives', 'projects', 'audit_events'];

/** The migrations this code has (file names as knex records them in knex_migrations). */
export function codeMigrations(): string[] {
  const extensions = migrationConfig.loadExtensions ?? ['.ts'];
  return fs
    .readdirSync(migrationConfig.directory as string)
    .filter((name) => extensions.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts'))
    .sort();
}

function errorCode(err: unknown): string {
  return (err as { code?: string }).code ?? '';
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function temporaryName(folder: string, target: string, purpose: string): string {
  return path.join(
    folder,
    `.${path.basename(target)}.${purpose}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
  );
}

/** Refuses a target folder that is missing, not a folder or not writable (before anything is written). */
function checkWritableFolder(folder: string, what: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch (err) {
    throw new BackupProblem(
      `${what}: the folder ${folder} cannot be used (${errorCode(err) === 'ENOENT' ? 'it does not exist' : errorCode(err) || (err as Error).message})`,
    );
  }
  if (!stat.isDirectory()) throw new BackupProblem(`${what}: ${folder} is not a folder`);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new BackupProblem(`${what}: the folder ${folder} is not writable by this user`);
  }
}

/**
 * Checks a self-contained SQLite file (a backup, or the copy being made): SQLite's integrity check, Medvirk's
 * tables, and its migration level against this code's. Throws a BackupProblem that says what is wrong.
 */
export function inspectDatabaseFile(file: string, label = file): MigrationLevel {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupProblem(`${label} cannot be opened as a database (${errorCode(err) || (err as Error).message})`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    } catch (err) {
      const code = errorCode(err);
      throw new BackupProblem(
        code === 'SQLITE_NOTADB'
          ? `${label} is not a Medvirk database: it is not an SQLite database at all`
          : `${label} is not a usable database (${code || (err as Error).message})`,
      );
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupProblem(`${label} is damaged: SQLite's integrity check says ${problems.slice(0, 3).join('; ')}`);
    }
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
        (r) => r.name,
      ),
    );
    const missing = EXPECTED_TABLES.filter((name) => !tables.has(name));
    if (missing.length > 0) {
      throw new BackupProblem(
        `${label} is an SQLite database but not a Medvirk database (it has no ${missing.join(', ')} table)`,
      );
    }
    const applied = (db.prepare('SELECT name FROM knex_migrations ORDER BY id').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    const known = codeMigrations();
    const done = new Set(applied);
    return {
      count: applied.length,
      latest: [...applied].sort().at(-1) ?? null,
      pending: known.filter((name) => !done.has(name)),
      unknown: applied.filter((name) => !known.includes(name)),
    };
  } finally {
    db.close();
  }
}

/** The level in words, for the commands' reports. */
export function describeLevel(level: MigrationLevel): string {
  const latest = level.latest ? `${level.latest.replace(/\.[a-z]+$/, '')} (${level.count} migrations)` : 'none';
  if (level.unknown.length) return `${latest}, newer than this version of Medvirk`;
  return level.pending.length ? `${latest}, ${level.pending.length} behind this version of Medvirk` : latest;
}

/**
 * Writes a consistent copy of the SQLite database at `source` to `target` while the app runs, and checks it.
 * Refuses (BackupProblem, nothing written) a missing source, an unwritable target folder, and an existing target
 * unless `force`.
 */
export function backupSqlite(source: string, target: string, options: { force?: boolean } = {}): BackupResult {
  const file = path.resolve(target);
  const folder = path.dirname(file);
  checkWritableFolder(folder, `Cannot write the backup to ${file}`);
  const existing = fs.statSync(file, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new BackupProblem(`Cannot write the backup to ${file}: it is a folder`);
  if (existing && !options.force) {
    throw new BackupProblem(`${file} already exists: choose another name, or add --force to replace it`);
  }
  if (path.resolve(source) === file) throw new BackupProblem('The backup cannot replace the database itself');
  if (!fs.existsSync(source)) throw new BackupProblem(`There is no database at ${source} (SQLITE_FILE)`);

  const temporary = temporaryName(folder, file, 'backup');
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      // a write lock held elsewhere does not block a read in WAL mode; this waits only while a checkpoint resets
      db.pragma('busy_timeout = 10000');
      db.prepare('VACUUM INTO ?').run(temporary);
    } catch (err) {
      throw new BackupProblem(`The backup failed: ${errorCode(err) || (err as Error).message}`);
    } finally {
      db.close();
    }
    fsyncPath(temporary);
    const level = inspectDatabaseFile(temporary, 'The copy');
    const bytes = fs.statSync(temporary).size;
    if (!options.force && fs.existsSync(file)) {
      throw new BackupProblem(`${file} appeared while the backup ran: choose another name, or add --force`);
    }
    fs.renameSync(temporary, file);
    fsyncPath(folder);
    return { file, bytes, level };
  } finally {
    removeQuietly(temporary);
  }
}

/**
 * Restores the backup at `backup` as the database at `target`, in a stopped installation. Checks the backup
 * (a Medvirk database, intact, not newer than this code), refuses while any process has the target open, and swaps
 * the files so that no -wal or journal of the old database can be applied to the restored one. Does not migrate:
 * the caller does (an older backup is brought up to date).
 */
export function restoreSqlite(backup: string, target: string, now: Date = new Date()): RestoreResult {
  const source = path.resolve(backup);
  const file = path.resolve(target);
  if (source === file) throw new BackupProblem('The backup is the database itself: nothing to restore');
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new BackupProblem(`There is no backup file at ${source}`);
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  checkWritableFolder(folder, `Cannot restore into ${file}`);

  // 1. a checked, self-contained copy next to the target (read through SQLite: a backup that came with its own
  //    -wal is read whole; a file that is not a database stops here)
  const temporary = temporaryName(folder, file, 'restore');
  let lock: Database.Database | undefined;
  try {
    try {
      const db = new Database(source, { readonly: true, fileMustExist: true });
      try {
        db.prepare('VACUUM INTO ?').run(temporary);
      } finally {
        db.close();
      }
    } catch (err) {
      const code = errorCode(err);
      throw new BackupProblem(
        code === 'SQLITE_NOTADB'
          ? `${source} is not a Medvirk database: it is not an SQLite database at all`
          : `${source} cannot be read as a database (${code || (err as Error).message})`,
      );
    }
    fsyncPath(temporary);
    const level = inspectDatabaseFile(temporary, source);
    if (level.unknown.length > 0) {
      throw new BackupProblem(
        `The backup is from a newer version of Medvirk (it has run ${level.unknown.join(', ')}, which this version ` +
          'does not know): upgrade Medvirk first, then restore',
      );
    }

    // 2. nobody may have the current database open; hold it exclusively while the files are swapped
    if (fs.existsSync(file)) lock = lockStoppedDatabase(file);

    // 3. the old database and everything SQLite could replay onto the name move aside, then the copy takes it
    let replacedMovedTo: string | null = null;
    const aside = `${file}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`;
    if (fs.existsSync(file)) {
      fs.linkSync(file, aside);
      replacedMovedTo = aside;
    }
    for (const suffix of ['-wal', '-journal']) {
      if (fs.existsSync(`${file}${suffix}`)) {
        fs.renameSync(`${file}${suffix}`, `${aside}${suffix}`);
        replacedMovedTo = aside;
      }
    }
    fs.rmSync(`${file}-shm`, { force: true });
    fs.renameSync(temporary, file);
    fsyncPath(folder);
    return { file, level, replacedMovedTo };
  } finally {
    lock?.close();
    removeQuietly(temporary);
  }
}

/**
 * Opens the installation's database and makes sure no other process has it open: leaving WAL mode needs every
 * other connection closed, and folds a crashed process's -wal into the file. Returns the connection holding an
 * exclusive lock (close it when done). A file SQLite cannot read at all (damaged) is no one's open database: it
 * gets no lock, and is moved aside with its -wal.
 */
function lockStoppedDatabase(file: string): Database.Database | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = DELETE', { simple: true }) as string;
    if (mode !== 'delete') throw Object.assign(new Error('still in WAL mode'), { code: 'SQLITE_BUSY' });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db?.close();
    const code = errorCode(err);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new BackupProblem(
        `${file} is open in another process: Medvirk (npm start, npm run worker) is running. ` +
          'Stop every process that uses the database, then restore',
      );
    }
    return undefined;
  }
}

/** A PostgreSQL URL without its password, for a command printed on the operator's terminal. */
function withoutPassword(databaseUrl: string): { url: string; hadPassword: boolean } {
  const url = new URL(databaseUrl);
  const hadPassword = url.password !== '';
  url.password = '';
  return { url: url.toString(), hadPassword };
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What to run instead on PostgreSQL: pg_dump in its custom format (the whole database, schema and data). */
export function pgDumpAdvice(databaseUrl: string, file: string): string {
  const { url, hadPassword } = withoutPassword(databaseUrl);
  return [
    'On PostgreSQL, back up with pg_dump (this command does not copy a PostgreSQL database itself):',
    '',
    `  pg_dump --format=custom --no-owner --file=${shellQuote(path.resolve(file))} ${shellQuote(url)}`,
    '',
    'It is a consistent snapshot while the app runs: every table (schema and data, the migration level included).',
    ...(hadPassword ? ['Give the password through PGPASSWORD or ~/.pgpass (it is not shown here).'] : []),
    'See docs/operations.md, "Backup and restore".',
  ].join('\n');
}

/** What to run instead on PostgreSQL: pg_restore into the stopped installation's (emptied) database. */
export function pgRestoreAdvice(databaseUrl: string, file: string): string {
  const { url, hadPassword } = withoutPassword(databaseUrl);
  return [
    'On PostgreSQL, restore with pg_restore, with every Medvirk process stopped:',
    '',
    `  pg_restore --clean --if-exists --no-owner --single-transaction --dbname=${shellQuote(url)} ${shellQuote(path.resolve(file))}`,
    '',
    'then start Medvirk (npm start migrates a backup from an older version).',
    ...(hadPassword ? ['Give the password through PGPASSWORD or ~/.pgpass (it is not shown here).'] : []),
    'See docs/operations.md, "Backup and restore".',
  ].join('\n');
}
