import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import knexFactory from 'knex';
import { loadConfig, rootDir, type Config } from '../../src/config.js';
import { createDb, migrateLatest } from '../../src/db.js';

// Tests run on SQLite by default; with DATABASE_URL=postgres://… (the server's admin database) on PostgreSQL.
const pgAdminUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
export const testEngine = pgAdminUrl ? 'pg' : 'sqlite';

const tmpDir = path.join(rootDir, 'test', '.tmp', String(process.pid));
const templateFile = path.join(tmpDir, 'template.sqlite');
const templateDbName = `medvirk_tpl_${process.pid}`;
let counter = 0;
const created: string[] = [];

function pgUrlFor(database: string): string {
  const url = new URL(pgAdminUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

function adminDb(): Knex {
  return knexFactory({ client: 'pg', connection: pgAdminUrl!, pool: { min: 0, max: 1 } });
}

/** Migrates a template database once per test run (root hook). */
export async function prepareTemplate(): Promise<void> {
  if (pgAdminUrl) {
    const admin = adminDb();
    await admin.raw(`DROP DATABASE IF EXISTS ${templateDbName}`);
    await admin.raw(`CREATE DATABASE ${templateDbName}`);
    await admin.destroy();
    const db = createDb({ databaseUrl: pgUrlFor(templateDbName), sqliteFile: '' });
    await migrateLatest(db);
    await db.destroy();
  } else {
    fs.mkdirSync(tmpDir, { recursive: true });
    const db = createDb({ databaseUrl: undefined, sqliteFile: templateFile });
    await migrateLatest(db);
    // a single self-contained file (WAL folded in), ready to copy
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
  }
}

/** Drops every database the run created (root hook). */
export async function dropAll(): Promise<void> {
  if (pgAdminUrl) {
    // four at a time: each DROP DATABASE waits for a checkpoint, one after another they took over a minute
    const admin = knexFactory({ client: 'pg', connection: pgAdminUrl, pool: { min: 0, max: 4 } });
    const names = [...created];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let name = names.pop(); name; name = names.pop())
          await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
    );
    await admin.raw(`DROP DATABASE IF EXISTS ${templateDbName} WITH (FORCE)`);
    await admin.destroy();
  } else {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Settings for a fresh, migrated database of its own: a copy of the template (SQLite file or pg TEMPLATE). */
export async function freshDatabase(): Promise<Pick<Config, 'databaseUrl' | 'sqliteFile'>> {
  counter += 1;
  if (pgAdminUrl) {
    const name = `medvirk_t_${process.pid}_${counter}`;
    const admin = adminDb();
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${templateDbName}`);
    await admin.destroy();
    created.push(name);
    return { databaseUrl: pgUrlFor(name), sqliteFile: '' };
  }
  const file = path.join(tmpDir, `db-${counter}.sqlite`);
  fs.copyFileSync(templateFile, file);
  return { databaseUrl: undefined, sqliteFile: file };
}

/** A test configuration on a fresh database. */
export async function testConfig(overrides: NodeJS.ProcessEnv = {}): Promise<Config> {
  const database = await freshDatabase();
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides }),
    ...database,
  };
}
