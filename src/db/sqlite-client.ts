import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { Knex } from 'knex';

// knex's better-sqlite3 client prepares every statement anew. The client below keeps the most recent prepared
// statements per connection, which takes a large share of each query's cost off the hot paths. It subclasses
// knex's dialect class and overrides `_query`, calling `_formatBindings`: both are knex's private API, not its
// typed one, so a knex upgrade can change them without notice. test/integration/platform/sqlite-client.test.ts
// checks them, and this module refuses to load if they are gone.

/** What knex hands a client's `_query` and reads back from it (private API of knex 3). */
export interface KnexQueryObject {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
  context?: { lastID: number | bigint; changes: number };
}

/** The parts of knex's better-sqlite3 client that the caching client overrides or calls (private API of knex 3). */
export interface BetterSqliteClientInternals {
  _query(connection: Database.Database, obj: KnexQueryObject): Promise<KnexQueryObject>;
  _formatBindings(bindings: unknown[] | undefined): unknown[];
}

/** knex's better-sqlite3 dialect: not exported by knex's typed API, so loaded by its path inside the package. */
export const KNEX_BETTER_SQLITE_DIALECT = 'knex/lib/dialects/better-sqlite3/index.js';

const require = createRequire(import.meta.url);
const BetterSqliteClient = require(KNEX_BETTER_SQLITE_DIALECT) as new (
  config: Knex.Config,
) => BetterSqliteClientInternals;

for (const method of ['_query', '_formatBindings'] as const) {
  if (typeof (BetterSqliteClient.prototype as Partial<BetterSqliteClientInternals>)[method] !== 'function') {
    throw new Error(
      `${KNEX_BETTER_SQLITE_DIALECT} has no ${method}() any more: this knex version changed the private API that ` +
        'src/db/sqlite-client.ts relies on; adapt CachingBetterSqliteClient (or drop it for the plain client).',
    );
  }
}

export const STATEMENT_CACHE_SIZE = 500;

// per connection, not per client object: knex builds transaction clients from the prototype alone
const statementCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * knex's better-sqlite3 client with a prepared-statement cache per connection: the same SQL text with other
 * bindings reuses its statement, the least recently used beyond STATEMENT_CACHE_SIZE are dropped. SQLite
 * re-prepares a cached statement itself when the schema changes.
 */
export class CachingBetterSqliteClient extends BetterSqliteClient {
  // async although it awaits nothing: knex expects a promise, and a statement that fails to prepare must reject it
  // eslint-disable-next-line @typescript-eslint/require-await -- see the line above
  override async _query(connection: Database.Database, obj: KnexQueryObject): Promise<KnexQueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    let cache = statementCaches.get(connection);
    if (!cache) {
      cache = new Map();
      statementCaches.set(connection, cache);
    }
    let statement = cache.get(obj.sql);
    if (statement) {
      cache.delete(obj.sql); // re-insert below: the Map's order is the recency order
    } else {
      statement = connection.prepare(obj.sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(obj.sql, statement);
    const bindings = this._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }
}
