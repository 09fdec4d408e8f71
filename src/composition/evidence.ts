import type { Clock } from '../lib/clock.js';
import type { Transact } from '../lib/transact.js';
import type { createRepositories } from '../repositories.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { OrganisationDirectory } from '../features/organisations/organisations.types.js';
import type { OutboxService } from '../features/outbox/outbox.service.js';
import type { ProjectsService } from '../features/projects/projects.service.js';
import type { RosterVersions } from '../features/representatives/representatives.model.js';
import { ResultsService } from '../features/results/results.service.js';
import { ReportsService, type ReportsServiceDeps } from '../features/reports/reports.service.js';
import { SummariesService } from '../features/summaries/summaries.service.js';
import { SharingService } from '../features/sharing/sharing.service.js';
import { UnitRequestsService } from '../features/unit-requests/unit-requests.service.js';

/** The report and the written summaries it opens with (issue 21): summaries first, the report shows them. */
export function createReporting(
  deps: Omit<ReportsServiceDeps, 'reports' | 'summaries'> & {
    repositories: ReturnType<typeof createRepositories>;
    audit: AuditService;
  },
) {
  const { repositories, audit, ...rest } = deps;
  const summariesService = new SummariesService({
    transact: rest.transact,
    summaries: repositories.summaries,
    audit,
    clock: rest.clock,
  });
  const reportsService = new ReportsService({ ...rest, reports: repositories.reports, summaries: summariesService });
  return { summariesService, reportsService };
}

/**
 * Evidence for managers and the loop with units (issue 21): a project's results, share links to a report or results
 * for a manager without an account, and units' requests for involvement. (Written summaries are made before the
 * reports, which show them.)
 */
export function createEvidence(deps: {
  transact: Transact;
  repositories: ReturnType<typeof createRepositories>;
  projects: ProjectsService;
  reports: ReportsService;
  organisations: Pick<OrganisationDirectory, 'name' | 'timeZone'>;
  versions: Pick<RosterVersions, 'current'>;
  outbox: OutboxService;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
}) {
  const { transact, repositories, projects, reports, organisations, versions, outbox, audit, clock, baseUrl } = deps;
  const resultsService = new ResultsService({
    results: repositories.results,
    projects,
    team: repositories.projects,
    clock,
  });
  return {
    resultsService,
    sharingService: new SharingService({
      transact,
      sharing: repositories.sharing,
      reports,
      results: resultsService,
      organisations,
      versions,
      audit,
      clock,
      baseUrl,
    }),
    unitRequestsService: new UnitRequestsService({
      transact,
      requests: repositories.unitRequests,
      projects,
      outbox,
      audit,
      clock,
      baseUrl,
    }),
  };
}
