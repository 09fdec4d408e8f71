import type { DateTime, DurationLike } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { JobsRepository } from './jobs.repository.js';

/** A piece of scheduled work that must run once across all instances. */
export interface JobDefinition {
  name: string;
  /** When the job is next due, given the start of the run that just ended. */
  next: (startedAt: DateTime) => DateTime;
  /** When a newly registered job first runs; default: at once. */
  first?: (now: DateTime) => DateTime;
  /** Returns counts for the log and job_runs (numbers only). */
  run: (now: DateTime) => Promise<Record<string, number>>;
  /** How long a run may take before another instance may assume this one died; default 10 minutes. */
  leaseSeconds?: number;
}

/** A schedule of fixed intervals. */
export const every =
  (interval: DurationLike) =>
  (startedAt: DateTime): DateTime =>
    startedAt.plus(interval);

/** The next Monday at 07:00 in the zone, strictly after the instant. */
export function nextMondayMorning(after: DateTime, zone: string): DateTime {
  let next = after.setZone(zone).startOf('week').set({ hour: 7 });
  while (next <= after) next = next.plus({ weeks: 1 });
  return next.toUTC();
}

/** The first `hour`:00 in the zone strictly after the instant. */
export function nextDailyAt(after: DateTime, zone: string, hour: number): DateTime {
  let next = after.setZone(zone).startOf('day').set({ hour });
  while (next <= after) next = next.plus({ days: 1 }).set({ hour });
  return next.toUTC();
}

/**
 * A daily job at a fixed local hour in the installation's zone. After a run the next one is at that hour on the
 * day after the run's date (not "24 hours after now"): a run that came late (the worker was down, the clock was
 * wrong) is never followed by a second run on the same date.
 */
export function daily(zone: string, hour: number): Pick<JobDefinition, 'first' | 'next'> {
  return {
    first: (now) => nextDailyAt(now, zone, hour),
    next: (startedAt) => nextDailyAt(startedAt.setZone(zone).endOf('day'), zone, hour),
  };
}

/** Only the counts that are numbers: job_runs and the log hold nothing else. */
function numbersOnly(counts: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(counts))
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  return out;
}

/**
 * Runs the registered jobs that are due. Every instance calls runDue on its own timer; the jobs table decides
 * which instance runs each due job (the one whose conditional UPDATE of the lease succeeds), so a job runs once
 * however many instances there are. Every run is recorded in job_runs with its counts and error. A run that
 * throws is logged (its error's name only: a message may quote data) and tried again at its next time; the other
 * due jobs still run.
 *
 * A job's next time only moves forward, from the start of its run: when the clock is set back, a job that has run
 * waits for its recorded next time instead of running again for a date it has done.
 */
export class Scheduler {
  private readonly jobs = new Map<string, JobDefinition>();
  private registered = false;

  private readonly repository: JobsRepository;
  private readonly clock: Clock;
  private readonly logger: Logger;
  /** Names this instance's leases. */
  private readonly workerId: string;

  constructor(deps: { jobs: JobsRepository; clock: Clock; logger: Logger; workerId: string }) {
    ({ jobs: this.repository, clock: this.clock, logger: this.logger, workerId: this.workerId } = deps);
  }

  /** Adds a job; later issues register theirs (reminders, expiry, waitlist moves, digests, data review). */
  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
    this.registered = false;
  }

  /** Adds a feature's jobs, in their order. */
  registerAll(jobs: readonly JobDefinition[]): void {
    for (const job of jobs) this.register(job);
  }

  names(): string[] {
    return [...this.jobs.keys()].sort();
  }

  /** When a registered job is next due after a run that started at the instant (monitoring: is it late?). */
  nextAfter(name: string, startedAt: DateTime): DateTime | undefined {
    return this.jobs.get(name)?.next(startedAt);
  }

  /** Runs every due job this instance manages to claim; returns the names of those it ran. */
  async runDue(): Promise<string[]> {
    if (!this.registered) {
      const now = this.clock.now();
      for (const job of this.jobs.values()) await this.repository.ensure(job.name, (job.first?.(now) ?? now).toISO()!);
      this.registered = true;
    }
    const ran: string[] = [];
    for (const job of this.jobs.values()) {
      const startedAt = this.clock.now();
      const lease = startedAt.plus({ seconds: job.leaseSeconds ?? 600 }).toISO()!;
      if (!(await this.repository.claim(job.name, startedAt.toISO()!, lease, this.workerId))) continue;
      let error: string | null = null;
      let counts: Record<string, number> = {};
      try {
        counts = numbersOnly(await job.run(startedAt));
        this.logger.info('job.finished', { job: job.name, ...counts });
      } catch (err) {
        error = err instanceof Error ? err.message.slice(0, 500) : 'failed';
        this.logger.error('job.failed', { job: job.name, error: err instanceof Error ? err.name : 'unknown' });
      }
      await this.repository.finish(
        {
          job: job.name,
          workerId: this.workerId,
          startedAt: startedAt.toISO()!,
          finishedAt: this.clock.now().toISO()!,
          counts,
          error,
        },
        job.next(startedAt).toISO()!,
      );
      ran.push(job.name);
    }
    return ran;
  }
}
