import { engineOf, type Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

/** One run of a job, as recorded in job_runs. */
export interface JobRun {
  job: string;
  workerId: string;
  startedAt: string;
  finishedAt: string;
  /** What the run did, in numbers only (never a name, an address or a token). */
  counts: Record<string, number>;
  error: string | null;
}

export interface JobState {
  name: string;
  nextRunAt: string;
  lockedUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  runs: number;
}

/** The jobs table: one row per scheduled job, claimed by whichever instance moves its lease forward first. */
export class JobsRepository {
  constructor(private readonly db: Db) {}

  /** Adds the job's row unless it exists (every instance registers the same jobs at start). */
  async ensure(name: string, firstRunAt: string): Promise<void> {
    await this.db('jobs').insert({ name, next_run_at: firstRunAt, runs: 0 }).onConflict('name').ignore();
  }

  /**
   * Claims a due job for this worker until `lockedUntil`. One conditional UPDATE: on PostgreSQL a concurrent
   * claimer waits for the row lock and then finds the lease taken; SQLite has one writer at a time. A lease that
   * ran out (the instance died mid-run) can be claimed again.
   */
  async claim(name: string, now: string, lockedUntil: string, workerId: string): Promise<boolean> {
    const n = await this.db('jobs')
      .where({ name })
      .where('next_run_at', '<=', now)
      .where((q) => void q.whereNull('locked_until').orWhere('locked_until', '<=', now))
      .update({ locked_until: lockedUntil, locked_by: workerId, last_started_at: now });
    return n > 0;
  }

  /**
   * Ends a run: releases the lease, sets the next time and records the run in job_runs, in one transaction. The run
   * is recorded even when the lease was lost meanwhile (it ran all the same); the jobs row only moves for its holder.
   */
  async finish(run: JobRun, nextRunAt: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('jobs')
        .where({ name: run.job, locked_by: run.workerId })
        .update({
          locked_until: null,
          locked_by: null,
          last_finished_at: run.finishedAt,
          next_run_at: nextRunAt,
          last_error: run.error,
          runs: trx.raw('runs + 1'),
        });
      await trx('job_runs').insert({
        job: run.job,
        worker_id: run.workerId.slice(0, 64),
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        counts: JSON.stringify(run.counts),
        error: run.error,
      });
    });
  }

  /** Deletes the record of runs that started before the instant; returns how many. */
  async purgeRuns(before: string): Promise<number> {
    return this.db('job_runs').where('started_at', '<', before).delete();
  }

  /**
   * Lets SQLite refresh the query planner's statistics where they are missing or stale (`PRAGMA optimize`, cheap
   * when nothing changed). PostgreSQL's autovacuum analyses on its own: nothing to do there.
   */
  async optimize(): Promise<{ optimized: number } | { skipped: number }> {
    if (engineOf(this.db) === 'pg') return { skipped: 1 };
    await this.db.raw('PRAGMA optimize');
    return { optimized: 1 };
  }

  async list(): Promise<JobState[]> {
    const rows = await this.db('jobs').orderBy('name');
    return rows.map(
      (r: {
        name: string;
        next_run_at: unknown;
        locked_until: unknown;
        last_started_at: unknown;
        last_finished_at: unknown;
        last_error: string | null;
        runs: unknown;
      }) => ({
        name: r.name,
        nextRunAt: toInstant(r.next_run_at)!,
        lockedUntil: toInstant(r.locked_until),
        lastStartedAt: toInstant(r.last_started_at),
        lastFinishedAt: toInstant(r.last_finished_at),
        lastError: r.last_error,
        runs: toNumber(r.runs),
      }),
    );
  }
}
