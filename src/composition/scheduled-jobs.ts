import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { createRepositories } from '../repositories.js';
import { backupSqlite } from '../db/backup.js';
import type { JobDefinition } from '../features/jobs/scheduler.js';
import { outboxJobs } from '../features/outbox/outbox.jobs.js';
import type { OutboxService } from '../features/outbox/outbox.service.js';
import { authJobs } from '../features/auth/auth.jobs.js';
import { representativesJobs } from '../features/representatives/representatives.jobs.js';
import { reportsJobs } from '../features/reports/reports.jobs.js';
import type { ReportsService } from '../features/reports/reports.service.js';
import type { InvitationJobsService } from '../features/invitations/invitation-jobs.js';
import { noticesJobs } from '../features/notices/notices.jobs.js';
import type { NoticesService } from '../features/notices/notices.service.js';
import { worklistJobs } from '../features/worklist/worklist.jobs.js';
import type { WorklistService } from '../features/worklist/worklist.service.js';
import { participationJobs } from '../features/participation/participation.jobs.js';
import { surveysJobs } from '../features/surveys/surveys.jobs.js';
import type { SurveysService } from '../features/surveys/surveys.service.js';
import { auditJobs } from '../features/audit/audit.jobs.js';
import { housekeepingJobs } from '../features/jobs/housekeeping.jobs.js';
import { backupJobs } from '../features/jobs/backup.jobs.js';

export interface ScheduledJobsDeps {
  config: Config;
  clock: Clock;
  repositories: ReturnType<typeof createRepositories>;
  outbox: OutboxService;
  reports: ReportsService;
  invitationJobs: InvitationJobsService;
  notices: NoticesService;
  worklist: WorklistService;
  surveys: SurveysService;
}

/**
 * Every scheduled job of the app, for the composition root to register: each feature exports its own jobs, and this
 * list is the one place that names them all (docs/operations.md has the table).
 */
export function scheduledJobs(deps: ScheduledJobsDeps): JobDefinition[] {
  const { config, clock, repositories } = deps;
  const { sessions, rateLimits, passwordResets, importBatches, organisations } = repositories;
  return [
    outboxJobs({ outbox: deps.outbox }),
    authJobs({ sessions, rateLimits, passwordResets }),
    representativesJobs({ importBatches }),
    reportsJobs({ reports: deps.reports, timeZone: config.timeZone }),
    deps.invitationJobs.definitions(),
    noticesJobs({ notices: deps.notices }),
    worklistJobs({ worklist: deps.worklist, timeZone: config.timeZone }),
    participationJobs({
      emailChanges: repositories.emailChanges,
      participation: repositories.participation,
      clock,
      timeZone: config.timeZone,
    }),
    surveysJobs({ surveys: deps.surveys }),
    auditJobs({ audit: repositories.audit, organisations, timeZone: config.timeZone }),
    housekeepingJobs({ jobs: repositories.jobs, timeZone: config.timeZone }),
    // the nightly SQLite backup, only when BACKUP_DIR is set (config refuses it on PostgreSQL)
    config.backupDir && !config.databaseUrl
      ? backupJobs({
          makeBackup: (file) => backupSqlite(config.sqliteFile, file),
          folder: config.backupDir,
          keep: config.backupKeep,
          timeZone: config.timeZone,
        })
      : [],
  ].flat();
}
