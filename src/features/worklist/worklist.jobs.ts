import { daily, type JobDefinition } from '../jobs/scheduler.js';
import type { WorklistService } from './worklist.service.js';

/** The job's name, as the scheduler and the jobs table know it. */
export const PURGE_MARKS_JOB = 'purge-worklist-marks';
/** The local hour of the nightly purge (with the other purges, before the statistics refresh at 04:00). */
const PURGE_HOUR = 3;

/** Nightly: the worklist's marks set more than a year ago are deleted. */
export function worklistJobs(deps: { worklist: WorklistService; timeZone: string }): JobDefinition[] {
  return [
    {
      name: PURGE_MARKS_JOB,
      ...daily(deps.timeZone, PURGE_HOUR),
      run: async (now) => ({ marks: await deps.worklist.purgeOld(now) }),
    },
  ];
}
