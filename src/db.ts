import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Config } from './config.js';
import { rootDir } from './config.js';
import type { Transact, Tx } from './lib/transact.js';
import { CachingBetterSqliteClient } from './db/sqlite-client.js';

export type Db = Knex;
export type Engine = 'sqlite' | 'pg';

/** Which engine a knex instance talks to; repositories use it where SQLite and PostgreSQL differ. */
export function engineOf(db: Knex): Engine {
  return (db.client as Knex.Client).config.client === 'pg' ? 'pg' : 'sqlite';
}

/** The migration settings shared by the app, the CLI and the tests (TypeScript files, loaded through tsx). */
export const migrationConfig: Knex.MigratorConfig = {
  directory: path.join(rootDir, 'migrations'),
  loadExtensions: ['.ts'],
  tableName: 'knex_migrations',
};

/**
 * One knex instance per process. SQLite: one connection (WAL, synchronous=FULL, foreign keys, busy timeout,
 * set on every connection). PostgreSQL: a pool.
 */
export function createDb(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>, options: { poolMax?: number } = {}): Knex {
  if (config.databaseUrl) {
    // DATE columns stay ISO strings (pg would make a local-midnight Date); int8 (COUNT, øre sums) becomes a number
    pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
    pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
    return knexFactory({
      client: 'pg',
      connection: config.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: 5000,
    });
  }
  fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
  return knexFactory({
    client: CachingBetterSqliteClient as unknown as typeof Knex.Client,
    connection: { filename: config.sqliteFile },
    useNullAsDefault: true,
    acquireConnectionTimeout: 5000,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: Database.Database, done: (err: Error | null, conn: Database.Database) => void) {
        try {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = FULL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
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

/** The `transact` that services receive: runs the work in one transaction and hands it an opaque `Tx`. */
export function transactor(db: Knex): Transact {
  return <T>(work: (tx: Tx) => Promise<T>) => db.transaction((trx) => work(trx as unknown as Tx));
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
