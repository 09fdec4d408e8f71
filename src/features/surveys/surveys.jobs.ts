import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { SurveysService } from './surveys.service.js';

/** The job's name, as the scheduler and the jobs table know it. */
export const SURVEY_REMINDERS_JOB = 'survey-reminders';

/** The one reminder of a survey, a week after its link went out, checked every hour (each run is idempotent). */
export function surveysJobs(deps: { surveys: SurveysService }): JobDefinition[] {
  return [
    {
      name: SURVEY_REMINDERS_JOB,
      next: every({ hours: 1 }),
      run: async () => ({ reminded: await deps.surveys.sendReminders() }),
    },
  ];
}
