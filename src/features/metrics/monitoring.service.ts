import type { Clock } from '../../lib/clock.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { CurrentUser } from '../users/users.types.js';
import { isLate } from './late-jobs.js';
import type { MetricsRepository } from './metrics.repository.js';

/** Days back the admin's dashboard looks for e-mail that failed. */
export const FAILED_EMAIL_DAYS = 30;

/** A scheduled job as monitoring sees it. */
export interface JobStatus {
  name: string;
  /** When its last successful run ended (null: none on record). */
  lastSuccessAt: string | null;
  /** Not succeeded within twice its interval (see late-jobs.ts). */
  late: boolean;
}

/** What the admin's dashboard warns about: e-mail that failed, jobs that are late. */
export interface OperationsWarnings {
  /** E-mail of the admin's organisation that failed for good in the last `days` days. */
  failedEmails: number;
  days: number;
  lateJobs: JobStatus[];
}

export interface MonitoringDeps {
  metrics: MetricsRepository;
  /** The registered jobs and their schedules. */
  scheduler: Pick<Scheduler, 'names' | 'nextAfter'>;
  clock: Clock;
}

/**
 * The state of the installation's background work, for /metrics and the admin's dashboard: the scheduled jobs
 * (last success, late or not, from the jobs' own schedules) and the e-mail that failed for good.
 */
export class MonitoringService {
  constructor(private readonly deps: MonitoringDeps) {}

  /** Every registered job; one with no row yet (the worker has never run) is listed with nothing on record. */
  async jobs(): Promise<JobStatus[]> {
    const { metrics, scheduler, clock } = this.deps;
    const now = clock.now();
    const records = new Map((await metrics.jobRecords()).map((r) => [r.name, r]));
    return scheduler.names().map((name) => {
      const record = records.get(name);
      const next = (startedAt: Parameters<Scheduler['nextAfter']>[1]) => scheduler.nextAfter(name, startedAt)!;
      return {
        name,
        lastSuccessAt: record?.lastSuccessFinishedAt ?? null,
        late: record ? isLate(record, next, now) : false,
      };
    });
  }

  /** An admin's warnings (null for anyone else: the operations of the installation are the admin's). */
  async warnings(actor: CurrentUser): Promise<OperationsWarnings | null> {
    if (actor.role !== 'admin') return null;
    const since = this.deps.clock.now().minus({ days: FAILED_EMAIL_DAYS }).toISO()!;
    const [failedEmails, jobs] = await Promise.all([
      this.deps.metrics.failedEmails(actor.organisationId, since),
      this.jobs(),
    ]);
    return { failedEmails, days: FAILED_EMAIL_DAYS, lateJobs: jobs.filter((j) => j.late) };
  }
}
