import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { loadConfig, rootDir } from '../../../src/config.js';
import { createDb, migrateLatest } from '../../../src/db.js';
import { buildTestApp } from '../../helpers/app.js';
import { freshDatabase, testEngine } from '../../helpers/db.js';
import { table } from '../../helpers/rows.js';

// Issue 19, items 1 and 2(a): npm run db:backup / db:restore on SQLite, run as the operator runs them (a child
// process: its messages and exit codes), against databases that other processes write to, hold open, or crashed on.

const cli = path.join(rootDir, 'src', 'cli', 'backup.ts');
const writerScript = path.join(rootDir, 'test', 'helpers', 'backup-writer.ts');
// inside the run's own temporary folder, which the root hook removes at the end (test/helpers/db.ts)
const scratch = path.join(rootDir, 'test', '.tmp', String(process.pid), 'backup');
let counter = 0;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(sqliteFile: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', SQLITE_FILE: sqliteFile };
  delete env.DATABASE_URL;
  return { ...env, ...extra };
}

/** Runs `tsx src/cli/backup.ts backup|restore …` as its own process (what npm run db:backup runs). */
async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  // as npm run does: in the project's folder, called from there (INIT_CWD: where a relative FILE is read from)
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: rootDir,
    env: { ...env, INIT_CWD: rootDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A folder of its own for one test. */
function folder(): string {
  counter += 1;
  const dir = path.join(scratch, `case-${counter}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh migrated SQLite database (a copy of the test template) with a marker row to recognise it by. */
async function databaseWith(marker: string): Promise<string> {
  const { sqliteFile } = await freshDatabase();
  const db = new Database(sqliteFile);
  // a table of the test's own: restores and checks leave tables they do not know alone
  db.exec('CREATE TABLE test_markers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.prepare('INSERT INTO test_markers (name) VALUES (?)').run(marker);
  db.close();
  return sqliteFile;
}

function markers(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT name FROM test_markers ORDER BY id').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
}

interface Writer {
  child: ChildProcessWithoutNullStreams;
  /** The ids acknowledged so far, in order. */
  acked: number[];
  /** Resolves once `n` writes in all have been acknowledged (or the writer printed "done"). */
  until(n: number): Promise<void>;
}

function startWriter(sqliteFile: string, max?: number): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, sqliteFile, ...(max ? [String(max)] : [])], {
    cwd: rootDir,
    env: childEnv(sqliteFile),
  });
  const acked: number[] = [];
  let done = false;
  let errors = '';
  const waiters: Array<() => void> = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'done') done = true;
      else acked.push(Number(line));
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const until = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (acked.length >= n || done) resolve();
        else if (child.exitCode !== null) reject(new Error(`the writer stopped: ${errors}`));
        else waiters.push(check);
      };
      child.once('exit', check);
      check();
    });
  return { child, acked, until };
}

async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** `src/server.ts` on an SQLite file; resolves with its address once it listens. */
async function startApp(sqliteFile: string): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')], {
    cwd: rootDir,
    env: childEnv(sqliteFile, { NODE_ENV: 'development', PORT: '0', SEED_DEMO: 'false', WORKER_IN_APP: 'false' }),
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /running .*? at (http:\/\/[\d.]+:\d+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.on('exit', () => reject(new Error(`the app stopped: ${output}`)));
  });
  return { child, url };
}

/** The folder's entries (to prove a refusal left nothing behind). */
function entries(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe(`db:backup and db:restore (${testEngine === 'pg' ? 'skipped on PostgreSQL: it is backed up with pg_dump, docs/operations.md' : 'SQLite'})`, function () {
  this.timeout(120_000);
  const children: ChildProcessWithoutNullStreams[] = [];

  before(function () {
    // the commands copy the SQLite file; on PostgreSQL they print the pg_dump/pg_restore commands (tested below)
    if (testEngine === 'pg') this.skip();
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => stop(child, 'SIGKILL')));
  });

  it('backs up while another process writes; the restore holds every write acknowledged before the backup started', async () => {
    const live = await databaseWith('live');
    const writer = startWriter(live);
    children.push(writer.child);
    await writer.until(200);
    const ackedBefore = [...writer.acked];

    const dir = folder();
    const backupFile = path.join(dir, 'nightly.sqlite');
    const backup = await runCli(['backup', backupFile], childEnv(live));
    // the writer was still writing after the backup: it ran alongside it from start to end
    const afterBackup = writer.acked.length;
    await writer.until(afterBackup + 1);
    await stop(writer.child);

    expect(backup.stderr).to.equal('');
    expect(backup.code).to.equal(0);
    expect(backup.stdout).to.contain(backupFile);
    expect(backup.stdout).to.match(/size\s+[\d.]+ [kM]B \(\d+ bytes\)/);
    expect(backup.stdout).to.match(/migration level\s+\d{14}_\w+ \(\d+ migrations\)/);
    expect(backup.stdout).to.contain('integrity check ok');
    // one self-contained file, nothing else left in the folder
    expect(entries(dir)).to.deep.equal(['nightly.sqlite']);

    const restoredFile = path.join(folder(), 'fresh', 'medvirk.sqlite');
    const restore = await runCli(['restore', backupFile], childEnv(restoredFile));
    expect(restore.stderr).to.equal('');
    expect(restore.code).to.equal(0);
    expect(restore.stdout).to.contain('already up to date');

    const db = createDb({ databaseUrl: undefined, sqliteFile: restoredFile });
    try {
      const rows = await db('job_runs').where({ job: 'backup-writer' }).select<Array<{ id: number }>>('id');
      const restored = new Set(rows.map((r) => Number(r.id)));
      expect(ackedBefore.filter((id) => !restored.has(id))).to.deep.equal([]);
      // and nothing that was never written
      const everAcked = new Set(writer.acked);
      expect([...restored].filter((id) => !everAcked.has(id)).length).to.be.at.most(1);
      expect(await db('test_markers').pluck('name')).to.deep.equal(['live']);
    } finally {
      await db.destroy();
    }
  });

  it('restores an older backup and migrates it up to this version', async () => {
    const old = await databaseWith('old');
    const sqlite = new Database(old);
    const newest = (
      sqlite.prepare('SELECT name FROM knex_migrations ORDER BY id DESC LIMIT 1').get() as { name: string }
    ).name;
    sqlite.prepare('DELETE FROM knex_migrations WHERE name = ?').run(newest);
    sqlite.close();
    // the newest migration's table goes with it (it is the one the row said had run)
    const rollback = createDb({ databaseUrl: undefined, sqliteFile: old });
    const migration = (await import(path.join(rootDir, 'migrations', newest))) as {
      down: (knex: typeof rollback) => Promise<void>;
    };
    await migration.down(rollback);
    await rollback.destroy();

    const target = path.join(folder(), 'medvirk.sqlite');
    const restore = await runCli(['restore', old], childEnv(target));
    expect(restore.stderr).to.equal('');
    expect(restore.code).to.equal(0);
    expect(restore.stdout).to.contain('1 behind this version of Medvirk');
    expect(restore.stdout).to.contain(`migrated        ${newest.replace(/\.ts$/, '')}`);
    expect(markers(target)).to.deep.equal(['old']);
  });

  it('refuses a file that is not a Medvirk database, and leaves the installation as it was', async () => {
    const target = await databaseWith('current');
    const dir = folder();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'this is not a database\n'.repeat(100));
    const foreign = path.join(dir, 'other.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO things (name) VALUES (1)');
    other.close();
    const before = entries(path.dirname(target));

    const fromText = await runCli(['restore', text], childEnv(target));
    expect(fromText.code).to.equal(1);
    expect(fromText.stderr).to.contain(`${text} is not a Medvirk database: it is not an SQLite database at all`);
    expect(fromText.stdout).to.equal('');

    const fromForeign = await runCli(['restore', foreign], childEnv(target));
    expect(fromForeign.code).to.equal(1);
    expect(fromForeign.stderr).to.contain('is an SQLite database but not a Medvirk database');

    const missing = await runCli(['restore', path.join(dir, 'nothing-here.sqlite')], childEnv(target));
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.contain('There is no backup file at');

    expect(entries(path.dirname(target))).to.deep.equal(before);
    expect(markers(target)).to.deep.equal(['current']);
  });

  it('refuses a backup from a newer version of Medvirk', async () => {
    const dir = folder();
    const backupFile = path.join(dir, 'newer.sqlite');
    const made = await runCli(['backup', backupFile], childEnv(await databaseWith('newer')));
    expect(made.code).to.equal(0);
    const newer = new Database(backupFile);
    newer
      .prepare(
        "INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('29990101000000_from_the_future.ts', 99, 0)",
      )
      .run();
    newer.close();

    const target = await databaseWith('current');
    const before = entries(path.dirname(target));
    const restore = await runCli(['restore', backupFile], childEnv(target));
    expect(restore.code).to.equal(1);
    expect(restore.stderr).to.contain('The backup is from a newer version of Medvirk');
    expect(restore.stderr).to.contain('29990101000000_from_the_future.ts');
    expect(restore.stderr).to.contain('upgrade Medvirk first');
    expect(entries(path.dirname(target))).to.deep.equal(before);
    expect(markers(target)).to.deep.equal(['current']);
  });

  it('refuses to restore into a running installation, which goes on serving; once stopped, the restore goes through', async () => {
    const dir = folder();
    const backupFile = path.join(dir, 'backup.sqlite');
    expect((await runCli(['backup', backupFile], childEnv(await databaseWith('from-backup')))).code).to.equal(0);

    const target = await databaseWith('current');
    const app = await startApp(target);
    children.push(app.child);
    const refused = await runCli(['restore', backupFile], childEnv(target));
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain('is open in another process: Medvirk (npm start, npm run worker) is running');
    expect(refused.stdout).to.equal('');
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
    expect(markers(target)).to.deep.equal(['current']);

    // a backup while it runs is fine
    const whileRunning = await runCli(['backup', path.join(dir, 'while-running.sqlite')], childEnv(target));
    expect(whileRunning.code).to.equal(0);
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);

    await stop(app.child);
    const restored = await runCli(['restore', backupFile], childEnv(target));
    expect(restored.stderr).to.equal('');
    expect(restored.code).to.equal(0);
    expect(markers(target)).to.deep.equal(['from-backup']);
  });

  it('restores over a database a crash left with a -wal file: no old page is applied to the restored one', async () => {
    const dir = folder();
    const backupFile = path.join(dir, 'backup.sqlite');
    expect((await runCli(['backup', backupFile], childEnv(await databaseWith('from-backup')))).code).to.equal(0);

    // a process writes and is killed: its last writes are only in the -wal
    const target = await databaseWith('crashed');
    const writer = startWriter(target, 50);
    children.push(writer.child);
    await writer.until(50);
    await stop(writer.child, 'SIGKILL');
    expect(fs.statSync(`${target}-wal`).size).to.be.greaterThan(0);

    // and a copy of the main file alone misses the acknowledged writes that are still in the -wal
    const mainOnly = path.join(folder(), 'main-only.sqlite');
    fs.copyFileSync(target, mainOnly);
    const mainOnlyDb = new Database(mainOnly, { readonly: true });
    const copied = mainOnlyDb.prepare("SELECT COUNT(*) AS n FROM job_runs WHERE job = 'backup-writer'").get() as {
      n: number;
    };
    mainOnlyDb.close();
    expect(copied.n).to.be.lessThan(writer.acked.length);

    // what went wrong before (issue 19, 2a): the backup copied over the main file, the old -wal left beside it
    const naive = path.join(folder(), 'medvirk.sqlite');
    fs.copyFileSync(backupFile, naive);
    fs.copyFileSync(`${target}-wal`, `${naive}-wal`);
    const naiveDb = new Database(naive);
    let naiveOutcome: string;
    try {
      naiveOutcome = naiveDb.pragma('integrity_check', { simple: true }) as string;
      if (naiveOutcome === 'ok') naiveOutcome = markers(naive).join(',');
    } catch (err) {
      naiveOutcome = (err as { code?: string }).code ?? 'error';
    } finally {
      naiveDb.close();
    }
    expect(naiveOutcome).to.not.equal('from-backup');

    const restore = await runCli(['restore', backupFile], childEnv(target));
    expect(restore.stderr).to.equal('');
    expect(restore.code).to.equal(0);
    expect(restore.stdout).to.match(/the database it replaced is kept as .*medvirk|kept as /);
    expect(fs.existsSync(`${target}-wal`)).to.equal(false);

    // the app starts on it: migrations, reads and writes, and the content is the backup's
    const db = createDb({ databaseUrl: undefined, sqliteFile: target });
    try {
      expect(await migrateLatest(db)).to.deep.equal([]);
      expect((await db.raw<Array<{ integrity_check: string }>>('PRAGMA integrity_check'))[0]?.integrity_check).to.equal(
        'ok',
      );
      expect(await db('test_markers').pluck('name')).to.deep.equal(['from-backup']);
      expect(await db('job_runs').where({ job: 'backup-writer' }).count({ n: '*' })).to.deep.equal([{ n: 0 }]);
      await db('job_runs').insert({
        job: 'after-restore',
        worker_id: 'test',
        started_at: '2026-01-02T00:00:00.000Z',
        finished_at: '2026-01-02T00:00:00.000Z',
        counts: '{}',
      });
    } finally {
      await db.destroy();
    }
    // the database it replaced, with the crashed process's writes folded in, is kept aside for the operator
    const aside = /kept as (\S+)/.exec(restore.stdout)?.[1];
    expect(aside).to.be.a('string');
    expect(markers(aside!)).to.deep.equal(['crashed']);
  });

  it('refuses a target it cannot write, or one that exists (unless --force), and leaves nothing behind', async () => {
    const live = await databaseWith('live');
    const dir = folder();
    const aFile = path.join(dir, 'a-file');
    fs.writeFileSync(aFile, 'x');

    const missingFolder = await runCli(['backup', path.join(dir, 'no-such-folder', 'b.sqlite')], childEnv(live));
    expect(missingFolder.code).to.equal(1);
    expect(missingFolder.stderr).to.match(
      /Cannot write the backup to .*: the folder .* cannot be used \(it does not exist\)/,
    );

    const underAFile = await runCli(['backup', path.join(aFile, 'b.sqlite')], childEnv(live));
    expect(underAFile.code).to.equal(1);
    expect(underAFile.stderr).to.contain('Cannot write the backup to');

    const readOnly = path.join(dir, 'read-only');
    fs.mkdirSync(readOnly, { mode: 0o555 });
    fs.chmodSync(readOnly, 0o555);
    // root may write anywhere: the permission case is only a refusal for other users
    if (process.getuid?.() !== 0) {
      const denied = await runCli(['backup', path.join(readOnly, 'b.sqlite')], childEnv(live));
      expect(denied.code).to.equal(1);
      expect(denied.stderr).to.contain('is not writable by this user');
      expect(entries(readOnly)).to.deep.equal([]);
    }

    const existing = path.join(dir, 'existing.sqlite');
    fs.writeFileSync(existing, 'keep me');
    const refused = await runCli(['backup', existing], childEnv(live));
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain('already exists: choose another name, or add --force to replace it');
    expect(fs.readFileSync(existing, 'utf8')).to.equal('keep me');

    expect(entries(dir)).to.deep.equal(['a-file', 'existing.sqlite', 'read-only']);

    const forced = await runCli(['backup', existing, '--force'], childEnv(live));
    expect(forced.code).to.equal(0);
    expect(markers(existing)).to.deep.equal(['live']);
    expect(entries(dir)).to.deep.equal(['a-file', 'existing.sqlite', 'read-only']);

    const usage = await runCli(['backup'], childEnv(live));
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.contain('usage: npm run db:backup -- FILE');
  });
});

describe(`the nightly backup to BACKUP_DIR (${testEngine === 'pg' ? 'skipped on PostgreSQL: BACKUP_DIR is refused there' : 'SQLite'})`, function () {
  this.timeout(60_000);
  before(function () {
    if (testEngine === 'pg') this.skip();
  });

  it('is registered only when BACKUP_DIR is set, and is refused on PostgreSQL', async () => {
    const without = await buildTestApp();
    try {
      expect(without.services.runtime.scheduler.names()).to.not.include('nightly-backup');
    } finally {
      await without.close();
    }
    expect(() =>
      loadConfig({ BACKUP_DIR: '/var/backups/medvirk', DATABASE_URL: 'postgres://db.example/medvirk' }),
    ).to.throw('BACKUP_DIR is for the embedded SQLite database: on PostgreSQL, schedule pg_dump instead');
    expect(() => loadConfig({ BACKUP_KEEP: '0' })).to.throw('BACKUP_KEEP must be a whole number from 1 to 1000');
  });

  it('backs up nightly at 02:00, recorded in job_runs, and keeps the newest BACKUP_KEEP of its own files', async () => {
    const dir = path.join(folder(), 'nightly');
    const t = await buildTestApp({ BACKUP_DIR: dir, BACKUP_KEEP: '2' });
    try {
      expect(t.services.runtime.scheduler.names()).to.include('nightly-backup');
      const runAt = async (iso: string) => {
        t.clock.set(iso);
        return (await t.services.runtime.background.runOnce()).jobs;
      };
      expect(await runAt('2027-01-05T12:00:00.000Z')).to.not.include('nightly-backup');
      expect(fs.existsSync(dir)).to.equal(false);
      expect(await runAt('2027-01-06T00:30:00.000Z')).to.not.include('nightly-backup'); // 01:30 in Oslo
      expect(await runAt('2027-01-06T01:00:00.000Z')).to.include('nightly-backup');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
      fs.writeFileSync(path.join(dir, 'medvirk-before-upgrade.sqlite'), 'not ours either');
      expect(await runAt('2027-01-07T01:00:00.000Z')).to.include('nightly-backup');
      expect(await runAt('2027-01-08T01:00:05.000Z')).to.include('nightly-backup');

      expect(entries(dir)).to.deep.equal([
        'medvirk-2027-01-07T020000.sqlite',
        'medvirk-2027-01-08T020005.sqlite',
        'medvirk-before-upgrade.sqlite',
        'notes.txt',
      ]);
      const runs = await table(t.db, 'job_runs').where({ job: 'nightly-backup' }).orderBy('id');
      expect(runs.map((r) => r.error)).to.deep.equal([null, null, null]);
      const counts = runs.map((r) => JSON.parse(r.counts) as Record<string, number>);
      expect(counts.map(({ kept, deleted }) => ({ kept, deleted }))).to.deep.equal([
        { kept: 1, deleted: 0 },
        { kept: 2, deleted: 0 },
        { kept: 2, deleted: 1 },
      ]);
      const newest = path.join(dir, 'medvirk-2027-01-08T020005.sqlite');
      expect(counts[2]?.bytes).to.equal(fs.statSync(newest).size);
      // a whole backup, as db:restore takes it
      const restored = await runCli(['restore', newest], childEnv(path.join(folder(), 'medvirk.sqlite')));
      expect(restored.stderr).to.equal('');
      expect(restored.code).to.equal(0);
    } finally {
      await t.close();
    }
  });
});

describe(`db:backup and db:restore on PostgreSQL (${testEngine === 'pg' ? 'PostgreSQL' : 'skipped on SQLite'})`, function () {
  this.timeout(60_000);
  before(function () {
    if (testEngine !== 'pg') this.skip();
  });

  it('prints the pg_dump and pg_restore commands, without the password, and copies nothing', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: 'postgres://medvirk:s3cret@db.example:5432/medvirk',
    };
    const backup = await runCli(['backup', 'medvirk.dump'], env);
    expect(backup.code).to.equal(1);
    expect(backup.stdout).to.contain(
      `pg_dump --format=custom --no-owner --file=${path.join(rootDir, 'medvirk.dump')} postgres://medvirk@db.example:5432/medvirk`,
    );
    expect(backup.stdout).to.not.contain('s3cret');
    const restore = await runCli(['restore', 'medvirk.dump'], env);
    expect(restore.code).to.equal(1);
    expect(restore.stdout).to.contain(
      'pg_restore --clean --if-exists --no-owner --single-transaction --dbname=postgres://medvirk@db.example:5432/medvirk',
    );
    expect(restore.stdout).to.not.contain('s3cret');
    expect(fs.existsSync(path.join(rootDir, 'medvirk.dump'))).to.equal(false);
  });
});
