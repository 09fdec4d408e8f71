import { nextMondayMorning, type JobDefinition } from '../jobs/scheduler.js';
import type { ReportsService } from './reports.service.js';

/** The weekly digest, Monday 07:00 in the installation's zone: supervisors read it at the start of the week. */
export function reportsJobs(deps: { reports: ReportsService; timeZone: string }): JobDefinition[] {
  return [
    {
      name: 'weekly-digest',
      first: (now) => nextMondayMorning(now, deps.timeZone),
      next: (startedAt) => nextMondayMorning(startedAt, deps.timeZone),
      run: async () => ({ sent: await deps.reports.sendWeeklyDigests() }),
    },
  ];
}
