import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

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

  async finish(name: string, workerId: string, finishedAt: string, nextRunAt: string, error: string | null) {
    await this.db('jobs')
      .where({ name, locked_by: workerId })
      .update({
        locked_until: null,
        locked_by: null,
        last_finished_at: finishedAt,
        next_run_at: nextRunAt,
        last_error: error,
        runs: this.db.raw('runs + 1'),
      });
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
