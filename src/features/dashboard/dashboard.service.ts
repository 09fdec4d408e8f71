import type { Clock } from '../../lib/clock.js';
import type { InvitationsService } from '../invitations/invitations.service.js';
import type { MonitoringService } from '../metrics/monitoring.service.js';
import type { NoticesService } from '../notices/notices.service.js';
import type { ParticipationService } from '../participation/participation.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { Report, ReportsService } from '../reports/reports.service.js';
import type { UnitsService } from '../units/units.service.js';
import type { UsersService } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';

/** A term or a training that ends soon, for the facilitator to renew. */
export interface EndingSoon {
  representativeId: number;
  name: string;
  date: string;
  skillNb: string | null;
  skillEn: string | null;
}

export interface DashboardServiceDeps {
  users: Pick<UsersService, 'weeklyDigest'>;
  reports: Pick<ReportsService, 'build'>;
  projects: Pick<ProjectsService, 'dashboard'>;
  units: Pick<UnitsService, 'followUpsDue'>;
  /** Terms and trainings ending in a period (the representatives feature provides it). */
  representatives: { endingSoon(organisationId: number, from: string, to: string): Promise<EndingSoon[]> };
  invitations: Pick<InvitationsService, 'dashboard'>;
  participation: Pick<ParticipationService, 'openRequests'>;
  /** What happened on its own since the team last looked (never for a supervisor: notices name people). */
  notices: Pick<NoticesService, 'forDashboard'>;
  /** An admin's warnings: e-mail that failed, scheduled jobs that are late (null for anyone else). */
  monitoring: Pick<MonitoringService, 'warnings'>;
  clock: Clock;
}

/** Days ahead the dashboard looks for follow-ups due and for terms and trainings ending. */
const FOLLOW_UPS_DAYS = 7;
const ENDING_DAYS = 60;

/**
 * What the dashboard (`/`) shows a signed-in user: a supervisor the latest figures (the report's default period,
 * the last 12 months) rather than a promise of reports; anyone else their work (projects, follow-ups due, terms
 * and trainings ending, answers to invitations, representatives' requests, and since last time: the notices nobody
 * has marked as seen; an admin also e-mail that failed and scheduled jobs that are late). Both see whether they
 * get the digest.
 */
export class DashboardService {
  constructor(private readonly deps: DashboardServiceDeps) {}

  async page(actor: CurrentUser) {
    const { users, reports, projects, units, representatives, invitations, participation, notices, clock } = this.deps;
    const { monitoring } = this.deps;
    const digest = await users.weeklyDigest(actor);
    if (actor.role === 'supervisor') {
      const report = await reports.build(actor, { period: '12m' });
      const overview: Report | undefined = report.problem ? undefined : report;
      return { kind: 'overview' as const, digest, report: overview };
    }
    const today = clock.now().setZone(actor.timeZone);
    const [projectWork, followUps, endings, invitationWork, requests, sinceLastTime, operations] = await Promise.all([
      projects.dashboard(actor),
      units.followUpsDue(actor, today.plus({ days: FOLLOW_UPS_DAYS }).toISODate()!),
      representatives.endingSoon(
        actor.organisationId,
        today.toISODate()!,
        today.plus({ days: ENDING_DAYS }).toISODate()!,
      ),
      invitations.dashboard(actor),
      participation.openRequests(actor),
      notices.forDashboard(actor),
      monitoring.warnings(actor),
    ]);
    return {
      kind: 'work' as const,
      digest,
      work: {
        ...projectWork,
        followUps,
        endings,
        ...invitationWork,
        requests,
        notices: sinceLastTime ?? { notices: [], total: 0 },
        operations,
      },
    };
  }
}
