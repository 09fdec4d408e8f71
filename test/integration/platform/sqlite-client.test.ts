import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { createDb } from '../../../src/db.js';
import { CachingBetterSqliteClient, KNEX_BETTER_SQLITE_DIALECT } from '../../../src/db/sqlite-client.js';

// The prepared-statement cache subclasses knex's better-sqlite3 dialect and relies on its private API
// (`_query`, `_formatBindings`, the query object's `sql`, `bindings`, `response` and `context`). These tests fail
// loudly when a knex upgrade changes it. They use an SQLite database of their own, on either engine.

describe('the caching SQLite client (src/db/sqlite-client.ts)', () => {
  it('when knex is loaded, then its better-sqlite3 dialect is still a class with _query and _formatBindings', () => {
    const dialect = createRequire(import.meta.url)(KNEX_BETTER_SQLITE_DIALECT) as unknown;
    expect(dialect, KNEX_BETTER_SQLITE_DIALECT).to.be.a('function');
    const prototype = (dialect as { prototype: Record<string, unknown> }).prototype;
    expect(prototype._query, '_query').to.be.a('function');
    expect(prototype._formatBindings, '_formatBindings').to.be.a('function');
    expect(CachingBetterSqliteClient.prototype).to.be.an.instanceOf(dialect);
    expect(Object.getPrototypeOf(CachingBetterSqliteClient)).to.equal(dialect);
  });

  describe('when queries run through it', () => {
    let db: Knex;
    let prepared: string[];

    beforeEach(() => {
      prepared = [];
      db = knexFactory({
        client: CachingBetterSqliteClient as unknown as typeof Knex.Client,
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
        pool: {
          min: 1,
          max: 1,
          afterCreate(conn: Database.Database, done: (err: Error | null, conn: Database.Database) => void) {
            const prepare = conn.prepare.bind(conn);
            conn.prepare = (sql: string) => {
              prepared.push(sql);
              return prepare(sql);
            };
            done(null, conn);
          },
        },
      });
    });
    afterEach(() => db.destroy());

    it('then a select returns its rows, and the same SQL with other bindings reuses the prepared statement', async () => {
      await db.schema.createTable('things', (t) => {
        t.increments('id');
        t.string('name');
        t.boolean('kept');
        t.string('at');
      });
      await db('things').insert([
        { name: 'a', kept: true, at: '2026-01-01' },
        { name: 'b', kept: false, at: '2026-01-02' },
      ]);
      const select = (name: string) => db('things').where({ name }).select('id', 'name', 'kept');
      expect(await select('a')).to.deep.equal([{ id: 1, name: 'a', kept: 1 }]);
      expect(await select('b')).to.deep.equal([{ id: 2, name: 'b', kept: 0 }]);
      expect(await select('c')).to.deep.equal([]);
      const selects = prepared.filter((sql) => sql.startsWith('select'));
      expect(selects).to.deep.equal(['select `id`, `name`, `kept` from `things` where `name` = ?']);
    });

    it('then a write reports its new row id and the rows it changed, and bindings are formatted as knex does', async () => {
      await db.schema.createTable('things', (t) => {
        t.increments('id');
        t.boolean('kept');
        t.bigInteger('at_ms');
      });
      expect(await db('things').insert({ kept: true, at_ms: new Date(5000) })).to.deep.equal([1]);
      expect(await db('things').insert({ kept: false, at_ms: new Date(6000) })).to.deep.equal([2]);
      expect(await db('things').where({ id: 1 }).update({ kept: false })).to.equal(1);
      expect(await db('things').orderBy('id')).to.deep.equal([
        { id: 1, kept: 0, at_ms: 5000 },
        { id: 2, kept: 0, at_ms: 6000 },
      ]);
      expect(prepared.filter((sql) => sql.startsWith('insert'))).to.have.length(1);
    });

    it('then a transaction runs on the same cached statements and rolls back', async () => {
      await db.schema.createTable('things', (t) => t.string('name'));
      await db('things').insert({ name: 'before' });
      await db
        .transaction(async (trx) => {
          await trx('things').insert({ name: 'inside' });
          expect(await trx('things').count({ n: '*' })).to.deep.equal([{ n: 2 }]);
          throw new Error('roll back');
        })
        .catch((err: Error) => expect(err.message).to.equal('roll back'));
      expect(await db('things').select('name')).to.deep.equal([{ name: 'before' }]);
      expect(prepared.filter((sql) => sql.startsWith('insert'))).to.have.length(1);
    });

    it('then an empty query is refused as knex refuses it', async () => {
      const failure = await db.raw('').then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failure?.message).to.contain('The query is empty');
    });
  });

  it('when the app opens an SQLite database, then it uses the caching client', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medvirk-sqlite-client-'));
    const db = createDb({ databaseUrl: undefined, sqliteFile: path.join(dir, 'app.sqlite') });
    try {
      expect(db.client).to.be.an.instanceOf(CachingBetterSqliteClient);
      expect(await db.raw('select 1 as one')).to.deep.equal([{ one: 1 }]);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
