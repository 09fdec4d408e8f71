import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import type pg from 'pg';

// pg's client-side query timeout (`query_timeout`) rejects a query that gets no answer, but leaves the connection
// waiting for it: knex would hand that connection to the next query, which would queue behind the lost one. The
// client below makes knex throw such a connection away. It subclasses knex's PostgreSQL dialect and overrides
// `_query`, knex's private API (as src/db/sqlite-client.ts does); this module refuses to load if it is gone.

/** knex's PostgreSQL dialect: not exported by knex's typed API, so loaded by its path inside the package. */
export const KNEX_PG_DIALECT = 'knex/lib/dialects/postgres/index.js';

/** What pg rejects a query with when `query_timeout` passes without an answer. */
export const QUERY_READ_TIMEOUT_MESSAGE = 'Query read timeout';

type PgConnection = pg.Client & {
  /** knex's mark for a connection the pool must destroy instead of reusing. */
  __knex__disposed?: unknown;
  connection?: { stream?: { destroy(): void } };
};

interface PgClientInternals {
  _query(connection: PgConnection, obj: { sql: string; bindings?: unknown[] }): Promise<unknown>;
}

const require = createRequire(import.meta.url);
const PgClient = require(KNEX_PG_DIALECT) as new (config: Knex.Config) => PgClientInternals;
if (typeof (PgClient.prototype as Partial<PgClientInternals>)._query !== 'function') {
  throw new Error(
    `${KNEX_PG_DIALECT} has no _query() any more: this knex version changed the private API that ` +
      'src/db/pg-client.ts relies on; adapt TimeoutAwarePgClient.',
  );
}

/** Whether an error is pg's client-side query timeout. */
export function isQueryReadTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === QUERY_READ_TIMEOUT_MESSAGE;
}

/**
 * knex's PostgreSQL client that discards a connection whose query timed out on the client side (network outage,
 * server gone silent): the socket is destroyed, so the pool opens a fresh connection once the database answers.
 */
export class TimeoutAwarePgClient extends PgClient {
  override async _query(connection: PgConnection, obj: { sql: string; bindings?: unknown[] }): Promise<unknown> {
    try {
      return await super._query(connection, obj);
    } catch (err) {
      if (isQueryReadTimeout(err)) {
        connection.__knex__disposed = err;
        connection.connection?.stream?.destroy();
      }
      throw err;
    }
  }
}
