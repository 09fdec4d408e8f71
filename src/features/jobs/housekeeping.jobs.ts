import { daily, type JobDefinition } from './scheduler.js';
import type { JobsRepository } from './jobs.repository.js';

/** The record of job runs (job_runs) is kept this long. */
export const JOB_RUN_RETENTION_DAYS = 90;
/** The local hour of the nightly purge of job runs. */
export const JOB_RUNS_PURGE_HOUR = 3;
/** The local hour of the statistics refresh: after the nightly purges, so that it sees what they deleted. */
export const OPTIMIZE_HOUR = 4;

/**
 * The database's own housekeeping, nightly in the installation's zone: the record of job runs after 90 days (this
 * purge is recorded too), and fresh query-planner statistics on SQLite (`PRAGMA optimize`). On PostgreSQL
 * autovacuum analyses the tables itself: the job is registered there too, so that every installation has the same
 * jobs, and records `skipped: 1`.
 */
export function housekeepingJobs(deps: { jobs: JobsRepository; timeZone: string }): JobDefinition[] {
  return [
    {
      name: 'purge-job-runs',
      ...daily(deps.timeZone, JOB_RUNS_PURGE_HOUR),
      run: async (now) => ({
        runs: await deps.jobs.purgeRuns(now.minus({ days: JOB_RUN_RETENTION_DAYS }).toISO()!),
      }),
    },
    {
      name: 'sqlite-optimize',
      ...daily(deps.timeZone, OPTIMIZE_HOUR),
      run: () => deps.jobs.optimize(),
    },
  ];
}
