import type { MonitoringService } from '../metrics/monitoring.service.js';
import type { Report, ReportsService } from '../reports/reports.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { WorklistService } from '../worklist/worklist.service.js';

export interface DashboardServiceDeps {
  reports: Pick<ReportsService, 'build'>;
  /** A facilitator's or admin's things to do, grouped by urgency, with the team's marks. */
  worklist: Pick<WorklistService, 'page'>;
  /** An admin's warnings: e-mail that failed, scheduled jobs that are late (null for anyone else). */
  monitoring: Pick<MonitoringService, 'warnings'>;
}

/**
 * What the dashboard (`/`) shows a signed-in user: a supervisor the latest figures (the report's default period,
 * the last 12 months, no names); a facilitator or an admin the worklist ("mine" or the whole organisation's), and an
 * admin also e-mail that failed and scheduled jobs that are late. The e-mail choices are on /account.
 */
export class DashboardService {
  constructor(private readonly deps: DashboardServiceDeps) {}

  async page(actor: CurrentUser, view?: string) {
    const { reports, worklist, monitoring } = this.deps;
    if (actor.role === 'supervisor') {
      const report = await reports.build(actor, { period: '12m' });
      const overview: Report | undefined = report.problem ? undefined : report;
      return { kind: 'overview' as const, report: overview };
    }
    const [list, operations] = await Promise.all([worklist.page(actor, view), monitoring.warnings(actor)]);
    return { kind: 'work' as const, work: { ...list, operations } };
  }
}
