import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { NoticesService } from './notices.service.js';

/** The job's name, as the scheduler and the jobs table know it. */
export const LIFECYCLE_JOB = 'representative-lifecycle';

/**
 * The roster's lifecycle, every hour: pauses that ended end, and the facilitators are told of them, of training
 * and terms that ran out and of people due for a data review. Hourly, so that a pause ends within the hour after
 * midnight in each organisation's zone; each run is idempotent, so running it more often changes nothing.
 */
export function noticesJobs(deps: { notices: NoticesService }): JobDefinition[] {
  return [
    {
      name: LIFECYCLE_JOB,
      next: every({ hours: 1 }),
      run: (now) => deps.notices.runLifecycle(now),
    },
  ];
}
