import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

/** The outbox at a glance: e-mail waiting to go (queued or being sent), failed for good, and the oldest waiting. */
export interface OutboxFigures {
  queued: number;
  failed: number;
  /** When the oldest message still waiting was queued; null when none waits. */
  oldestQueuedAt: string | null;
}

/** A scheduled job's record: its row in `jobs`, and its successful runs in `job_runs`. */
export interface JobRecord {
  name: string;
  nextRunAt: string | null;
  /** The start and end of the last run that ended without an error, if any is on record. */
  lastSuccessStartedAt: string | null;
  lastSuccessFinishedAt: string | null;
  /** The start of the first run on record (job_runs keeps 90 days). */
  firstStartedAt: string | null;
}

/** The connections of the database pool: in use, free, and requests waiting for one. */
export interface PoolUse {
  used: number;
  free: number;
  pending: number;
}

/**
 * What monitoring reads: installation-wide figures for /metrics (every organisation: the operator runs the
 * installation, not an organisation; numbers only), and one organisation's failed e-mail for its admin.
 * E-mail failed by an erasure (`last_error = 'erased'`, never meant to go) is not a failure here.
 */
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  /** One query, through the (status, next_attempt_at) index. */
  async outboxFigures(): Promise<OutboxFigures> {
    const row = await this.db('outbox_messages')
      .whereIn('status', ['queued', 'sending', 'failed'])
      .first<{ queued: unknown; failed: unknown; oldest: unknown } | undefined>(
        this.db.raw("sum(case when status in ('queued', 'sending') then 1 else 0 end) as queued"),
        this.db.raw(
          "sum(case when status = 'failed' and (last_error is null or last_error <> 'erased') then 1 else 0 end) as failed",
        ),
        this.db.raw("min(case when status in ('queued', 'sending') then created_at end) as oldest"),
      );
    return { queued: toNumber(row?.queued), failed: toNumber(row?.failed), oldestQueuedAt: toInstant(row?.oldest) };
  }

  /** One organisation's e-mail that failed for good, created since the instant. */
  async failedEmails(organisationId: number, since: string): Promise<number> {
    const row = await this.db('outbox_messages')
      .where({ organisation_id: organisationId, status: 'failed' })
      .where('created_at', '>=', since)
      .where((q) => void q.whereNull('last_error').orWhereNot('last_error', 'erased'))
      .count({ n: '*' })
      .first();
    return toNumber(row?.n);
  }

  /** Every job's row with its last successful run and its first run on record (job_runs is indexed by job). */
  async jobRecords(): Promise<JobRecord[]> {
    const runs = (column: string, aggregate: 'max' | 'min', successOnly: boolean) => {
      const q = this.db('job_runs as r').whereRaw('r.job = j.name');
      if (successOnly) q.whereNull('r.error');
      return q.select(this.db.raw(`${aggregate}(r.${column})`));
    };
    const rows = await this.db('jobs as j')
      .select(
        'j.name',
        'j.next_run_at',
        runs('started_at', 'max', true).as('success_started'),
        runs('finished_at', 'max', true).as('success_finished'),
        runs('started_at', 'min', false).as('first_started'),
      )
      .orderBy('j.name');
    return (
      rows as Array<{
        name: string;
        next_run_at: unknown;
        success_started: unknown;
        success_finished: unknown;
        first_started: unknown;
      }>
    ).map((r) => ({
      name: r.name,
      nextRunAt: toInstant(r.next_run_at),
      lastSuccessStartedAt: toInstant(r.success_started),
      lastSuccessFinishedAt: toInstant(r.success_finished),
      firstStartedAt: toInstant(r.first_started),
    }));
  }

  /** The connection pool's use now (knex's pool; SQLite has one connection). */
  poolUse(): PoolUse {
    const pool = (
      this.db.client as {
        pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number };
      }
    ).pool;
    if (!pool) return { used: 0, free: 0, pending: 0 };
    return { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() };
  }
}
