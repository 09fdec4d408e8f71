import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Config } from './config.js';
import { rootDir, DEFAULT_DB_TIMEOUT_MS, DEFAULT_SQLITE_WRITE_WAIT_MS } from './config.js';
import type { Transact, Tx } from './lib/transact.js';
import { CachingBetterSqliteClient, SQLITE_BUSY_TIMEOUT_MS, isSqliteBusy } from './db/sqlite-client.js';
import { TimeoutAwarePgClient } from './db/pg-client.js';

export type Db = Knex;
export type Engine = 'sqlite' | 'pg';

/** Which engine a knex instance talks to; repositories use it where SQLite and PostgreSQL differ. */
export function engineOf(db: Knex): Engine {
  return (db.client as Knex.Client).dialect === 'postgresql' ? 'pg' : 'sqlite';
}

/** The migration settings shared by the app, the CLI and the tests (TypeScript files, loaded through tsx). */
export const migrationConfig: Knex.MigratorConfig = {
  directory: path.join(rootDir, 'migrations'),
  loadExtensions: ['.ts'],
  tableName: 'knex_migrations',
};

/** The database settings createDb reads; the time limits fall back to loadConfig's defaults. */
export type DbSettings = Pick<Config, 'databaseUrl' | 'sqliteFile'> &
  Partial<Pick<Config, 'dbTimeoutMs' | 'sqliteWriteWaitMs'>>;

/**
 * The time limits on PostgreSQL, from the statement timeout T (DB_TIMEOUT_MS): the server cancels a
 * statement after T; the client gives up on an answer 1 s later (a network outage: nothing comes back), on a new
 * connection after min(T, 3 s) and on a free connection from the pool after T. A request on a database that stops
 * answering fails within about T + 1 s with the 503 page instead of holding its connection.
 */
export function pgTimeouts(statementTimeoutMs: number) {
  return {
    statementTimeoutMs,
    queryTimeoutMs: statementTimeoutMs + 1000,
    connectTimeoutMs: Math.min(statementTimeoutMs, 3000),
    acquireTimeoutMs: statementTimeoutMs,
    // a transaction left open by a request that lost its client holds its locks this long at most
    idleInTransactionTimeoutMs: Math.max(statementTimeoutMs * 2, 10_000),
  };
}

/**
 * One knex instance per process. SQLite: one connection (WAL, synchronous=FULL, foreign keys, a short busy timeout,
 * set on every connection; transactions begin IMMEDIATE and wait for another process's write lock asynchronously,
 * see src/db/sqlite-client.ts and transactor below). PostgreSQL: a pool with the time limits of pgTimeouts.
 */
export function createDb(config: DbSettings, options: { poolMax?: number } = {}): Knex {
  if (config.databaseUrl) {
    // DATE columns stay ISO strings (pg would make a local-midnight Date); int8 (COUNT, øre sums) becomes a number
    pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
    pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
    const limits = pgTimeouts(config.dbTimeoutMs ?? DEFAULT_DB_TIMEOUT_MS);
    return knexFactory({
      client: TimeoutAwarePgClient as unknown as typeof Knex.Client,
      connection: {
        connectionString: config.databaseUrl,
        connectionTimeoutMillis: limits.connectTimeoutMs,
        statement_timeout: limits.statementTimeoutMs,
        query_timeout: limits.queryTimeoutMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
        keepAlive: true,
      } as Knex.PgConnectionConfig,
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: limits.acquireTimeoutMs,
    });
  }
  fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
  return knexFactory({
    client: CachingBetterSqliteClient as unknown as typeof Knex.Client,
    connection: { filename: config.sqliteFile },
    useNullAsDefault: true,
    acquireConnectionTimeout: 5000,
    // read by CachingBetterSqliteClient (not a knex setting)
    writeWait: { maxMs: config.sqliteWriteWaitMs ?? DEFAULT_SQLITE_WRITE_WAIT_MS },
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: Database.Database, done: (err: Error | null, conn: Database.Database) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = FULL');
          conn.pragma('foreign_keys = ON');
          conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  } as Knex.Config);
}

/**
 * Waits until no query holds or waits for a connection, for at most `maxMs`: at shutdown, requests whose clients
 * have gone still run to their end, and destroying the pool under them would fail them.
 */
export async function waitForIdlePool(db: Knex, maxMs: number, pollMs = 50): Promise<boolean> {
  const pool = (db.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  const deadline = Date.now() + maxMs;
  while (pool && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}

/** Brings the schema up to date; returns the names of the migrations that ran. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, log] = (await db.migrate.latest(migrationConfig)) as [number, string[]];
  return log;
}

type Queryable = Knex | Knex.Transaction;

/**
 * The `transact` that services receive: runs the work in one transaction and hands it an opaque `Tx`. On SQLite the
 * transaction begins IMMEDIATE; when another process holds the write lock, BEGIN fails (after a 50 ms busy wait)
 * before the work has run, and the transaction is tried again after a pause that gives the event loop and the
 * connection back to other requests, until the write-wait bound (SQLITE_WRITE_WAIT_MS); then the error reaches the
 * 503 page. Work that has begun is never run twice.
 */
export function transactor(db: Knex): Transact {
  if (engineOf(db) === 'pg')
    return <T>(work: (tx: Tx) => Promise<T>) => db.transaction((trx) => work(trx as unknown as Tx));
  const client = db.client as CachingBetterSqliteClient;
  return <T>(work: (tx: Tx) => Promise<T>) => {
    let began = false;
    return client.whileBusy(
      () =>
        db.transaction((trx) => {
          began = true;
          client.noteWriteLockTaken();
          return work(trx as unknown as Tx);
        }),
      (err) => !began && isSqliteBusy(err),
    );
  };
}

/**
 * A query context for a write that may be skipped rather than waited for while another process holds SQLite's write
 * lock (a session's last activity): it fails at once with SQLITE_BUSY instead; see skipIfWriteLocked.
 */
export const WITHOUT_WRITE_WAIT = Object.freeze({ writeWait: false });

/** Runs a write made with WITHOUT_WRITE_WAIT; true when done, false when skipped because the write lock was taken. */
export async function skipIfWriteLocked(write: PromiseLike<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (isSqliteBusy(err)) return false;
    throw err;
  }
}

/** For repositories: the query builder to use, the caller's transaction when one is given, else the database. */
export function on(db: Knex, tx?: Tx | Knex): Knex {
  return (tx as Knex | undefined) ?? db;
}

/** Inserts rows and returns their new ids in order, on both engines (RETURNING works on SQLite ≥ 3.35 and pg). */
export async function insertReturningIds(
  db: Queryable,
  table: string,
  rows: object[],
  chunkSize = 500,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += chunkSize) {
    const result = await db(table)
      .insert(rows.slice(i, i + chunkSize))
      .returning<Array<{ id: number | string } | number>>('id');
    for (const r of result) ids.push(Number(typeof r === 'object' ? r.id : r));
  }
  return ids;
}

/** Inserts many rows in chunks; on SQLite at most 500 a statement (knex writes them as a compound SELECT). */
export async function insertInChunks(db: Queryable, table: string, rows: object[], chunkSize = 500): Promise<void> {
  const size = engineOf(db) === 'pg' ? chunkSize : Math.min(chunkSize, 500);
  for (let i = 0; i < rows.length; i += size) await db(table).insert(rows.slice(i, i + size));
}
