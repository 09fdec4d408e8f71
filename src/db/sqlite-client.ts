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
  /** The runner of a query builder or raw query: `run()` acquires a connection, runs and releases it. */
  runner(builder: unknown): { run(): Promise<unknown> };
  transaction(...args: unknown[]): unknown;
  acquireConnection(): Promise<Database.Database>;
  releaseConnection(connection: Database.Database): Promise<unknown>;
  /** The knex configuration the client was made with (shared with the clients of its transactions). */
  config: Knex.Config & { writeWait?: Partial<WriteWaitSettings> };
  /** True on the client of a transaction (knex's makeTxClient). */
  transacting?: boolean;
}

/** knex's better-sqlite3 dialect: not exported by knex's typed API, so loaded by its path inside the package. */
export const KNEX_BETTER_SQLITE_DIALECT = 'knex/lib/dialects/better-sqlite3/index.js';

const require = createRequire(import.meta.url);
const BetterSqliteClient = require(KNEX_BETTER_SQLITE_DIALECT) as new (
  config: Knex.Config,
) => BetterSqliteClientInternals;

/** knex's SQLite transaction class, whose `begin` issues a plain (deferred) BEGIN (private API of knex 3). */
export const KNEX_SQLITE_TRANSACTION = 'knex/lib/dialects/sqlite3/execution/sqlite-transaction.js';
const SqliteTransaction = require(KNEX_SQLITE_TRANSACTION) as new (...args: unknown[]) => {
  begin(connection: Database.Database): Promise<unknown>;
  /** The client of the transaction, made before `begin` is called (knex's _onAcquire). */
  trxClient: { query(connection: Database.Database, sql: string): Promise<unknown> };
};
if (typeof (SqliteTransaction.prototype as { begin?: unknown }).begin !== 'function') {
  throw new Error(`${KNEX_SQLITE_TRANSACTION} has no begin() any more: adapt src/db/sqlite-client.ts.`);
}

/**
 * A knex SQLite transaction that takes the write lock when it begins, so it never fails half-way for want of it.
 * BEGIN goes straight to the transaction's client, not through knex's Transaction.query: that one swallows a failed
 * BEGIN (it only rejects the transaction's result) and knex would then run the work outside any transaction.
 */
class ImmediateTransaction extends SqliteTransaction {
  override begin(connection: Database.Database): Promise<unknown> {
    return this.trxClient.query(connection, 'BEGIN IMMEDIATE;');
  }
}

for (const method of ['_query', '_formatBindings', 'runner', 'transaction'] as const) {
  if (typeof (BetterSqliteClient.prototype as Partial<BetterSqliteClientInternals>)[method] !== 'function') {
    throw new Error(
      `${KNEX_BETTER_SQLITE_DIALECT} has no ${method}() any more: this knex version changed the private API that ` +
        'src/db/sqlite-client.ts relies on; adapt CachingBetterSqliteClient (or drop it for the plain client).',
    );
  }
}

export const STATEMENT_CACHE_SIZE = 500;

/**
 * How long SQLite itself waits for another process's lock before answering SQLITE_BUSY. better-sqlite3 waits
 * synchronously, blocking the whole process, so it is short; longer waits are the client's, asynchronous (below).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 50;

export interface WriteWaitSettings {
  /** How long a write waits for another process's write lock, in all, before it fails (the app answers 503). */
  maxMs: number;
  /** How long writes may have been kept waiting before readiness (/readyz) reports them stalled. */
  stallReadyMs: number;
}

export const DEFAULT_WRITE_WAIT: WriteWaitSettings = { maxMs: 10_000, stallReadyMs: 1_000 };

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY…): another connection holds the lock. */
export function isSqliteBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Since when writes have been kept waiting (performance.now()), undefined when the last try took the lock. */
interface WriteLockState {
  busySince: number | undefined;
}

// per knex configuration: the clients of transactions share their parent's config object, not its fields
const lockStates = new WeakMap<object, WriteLockState>();

// per connection, not per client object: knex builds transaction clients from the prototype alone
const statementCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * knex's better-sqlite3 client with a prepared-statement cache per connection: the same SQL text with other
 * bindings reuses its statement, the least recently used beyond STATEMENT_CACHE_SIZE are dropped. SQLite
 * re-prepares a cached statement itself when the schema changes.
 */
export class CachingBetterSqliteClient extends BetterSqliteClient {
  /** The write-wait settings of this client's knex configuration (`writeWait`), with the defaults. */
  writeWaitSettings(): WriteWaitSettings {
    return { ...DEFAULT_WRITE_WAIT, ...this.config.writeWait };
  }

  private lockState(): WriteLockState {
    let state = lockStates.get(this.config);
    if (!state) {
      state = { busySince: undefined };
      lockStates.set(this.config, state);
    }
    return state;
  }

  /** A write took the lock: whatever waited before, writes are no longer stalled. */
  noteWriteLockTaken(): void {
    this.lockState().busySince = undefined;
  }

  /**
   * Runs `attempt` again while it fails with SQLITE_BUSY (and `retryable` agrees), sleeping between tries (25 ms,
   * doubling to 250 ms, with jitter) so that the event loop and the connection serve other requests meanwhile.
   * After the write-wait bound, in all, the last error is thrown: the app answers it with its 503 page.
   */
  async whileBusy<T>(attempt: () => Promise<T>, retryable: (err: unknown) => boolean = isSqliteBusy): Promise<T> {
    const { maxMs } = this.writeWaitSettings();
    const state = this.lockState();
    const start = performance.now();
    let pause = 25;
    let waited = false;
    for (;;) {
      try {
        const result = await attempt();
        if (waited) state.busySince = undefined;
        return result;
      } catch (err) {
        if (!retryable(err)) throw err;
        waited = true;
        state.busySince ??= performance.now();
        if (performance.now() - start + pause > maxMs) throw err;
        await sleep(pause * (0.5 + Math.random() / 2));
        pause = Math.min(pause * 2, 250);
      }
    }
  }

  /**
   * How long writes have been kept from the write lock, in ms (0 when it is free): takes the lock at once, without
   * SQLite's busy wait, and gives it back, all synchronously on the connection while no query of this process uses it.
   */
  async writeStalledMs(): Promise<number> {
    const state = this.lockState();
    const connection = await this.acquireConnection();
    try {
      const timeout = Number(connection.pragma('busy_timeout', { simple: true }));
      connection.pragma('busy_timeout = 0');
      try {
        connection.exec('BEGIN IMMEDIATE');
        connection.exec('ROLLBACK');
        state.busySince = undefined;
        return 0;
      } catch (err) {
        if (!isSqliteBusy(err)) throw err;
        state.busySince ??= performance.now();
        return performance.now() - state.busySince;
      } finally {
        connection.pragma(`busy_timeout = ${timeout}`);
      }
    } finally {
      await this.releaseConnection(connection);
    }
  }

  /** Transactions begin IMMEDIATE: they take the write lock first or fail at once (db.ts's transactor retries). */
  override transaction(...args: unknown[]): unknown {
    return new ImmediateTransaction(this, ...args);
  }

  /**
   * Outside a transaction, a statement that finds the database locked by another process is run again after a
   * pause (whileBusy), releasing the connection in between; inside one, the transaction as a whole is retried
   * (db.ts transactor), and one made WITHOUT_WRITE_WAIT (db.ts) is not retried.
   */
  override runner(builder: unknown): { run(): Promise<unknown> } {
    const runner = super.runner(builder);
    if (this.transacting) return runner;
    // db.ts WITHOUT_WRITE_WAIT: fail at once (after SQLite's short busy wait) rather than wait
    const context = (builder as { queryContext?(): unknown }).queryContext?.() as { writeWait?: boolean } | undefined;
    if (context?.writeWait === false) return runner;
    const first = runner.run.bind(runner);
    let tries = 0;
    runner.run = () => this.whileBusy(() => (tries++ === 0 ? first() : super.runner(builder).run()));
    return runner;
  }

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
