import fs from 'node:fs';
import { engineOf, migrationConfig, type Db } from '../../db.js';
import type { CachingBetterSqliteClient } from '../../db/sqlite-client.js';

/** What readiness found; no personal data, only the state of the installation. */
export interface Readiness {
  database: 'up' | 'down';
  migrations: 'current' | 'pending' | 'unknown';
  /** SQLite: whether writes are kept waiting by another process's write lock; PostgreSQL: always 'ok'. */
  writes: 'ok' | 'stalled' | 'unknown';
}

/** `work`'s value, or undefined when it has not settled within `ms` (its later failure is then ignored). */
async function within<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, Math.max(ms, 0), undefined)));
  try {
    return await Promise.race([work.then((value) => ({ value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let migrationFiles: string[] | undefined;

/** The migrations this code ships (its migrations folder, read once per process). */
function shippedMigrations(): string[] {
  const extensions = migrationConfig.loadExtensions ?? ['.ts'];
  migrationFiles ??= fs
    .readdirSync(String(migrationConfig.directory))
    .filter((name) => extensions.some((ext) => name.endsWith(ext)))
    .sort();
  return migrationFiles;
}

export class HealthRepository {
  constructor(private readonly db: Db) {}

  /**
   * True when the database answers a real query on the schema within the time limit, waiting for a connection
   * included: a database that has stopped answering makes this false in `timeoutMs`, not in the pool's timeout.
   */
  async databaseAnswers(timeoutMs = 800): Promise<boolean> {
    try {
      return (await within(this.db('knex_migrations').count({ n: '*' }), timeoutMs)) !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * Whether the installation can take traffic, within `timeoutMs` in all: the database answers, every migration this
   * code ships has run, and (SQLite) writes are not kept waiting for another process's write lock for longer than
   * the stall threshold.
   */
  async readiness(timeoutMs = 900): Promise<Readiness> {
    const deadline = performance.now() + timeoutMs;
    let applied: { value: Array<{ name: string }> } | undefined;
    try {
      applied = await within(this.db('knex_migrations').select<Array<{ name: string }>>('name'), timeoutMs);
    } catch {
      applied = undefined;
    }
    if (!applied) return { database: 'down', migrations: 'unknown', writes: 'unknown' };
    const done = new Set(applied.value.map((row) => row.name));
    const migrations = shippedMigrations().every((name) => done.has(name)) ? 'current' : 'pending';
    if (engineOf(this.db) === 'pg') return { database: 'up', migrations, writes: 'ok' };
    const client = this.db.client as CachingBetterSqliteClient;
    let writes: Readiness['writes'] = 'unknown';
    try {
      const stalledMs = await within(client.writeStalledMs(), deadline - performance.now());
      if (stalledMs) writes = stalledMs.value >= client.writeWaitSettings().stallReadyMs ? 'stalled' : 'ok';
    } catch {
      writes = 'unknown';
    }
    return { database: 'up', migrations, writes };
  }
}
