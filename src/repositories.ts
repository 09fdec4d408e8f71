import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Clock } from './lib/clock.js';
import { HealthRepository } from './features/health/health.repository.js';
import { OrganisationsRepository } from './features/organisations/organisations.repository.js';
import { AuditRepository } from './features/audit/audit.repository.js';
import { SessionsRepository } from './features/auth/sessions.repository.js';
import { RateLimitsRepository } from './features/auth/rate-limits.repository.js';
import { UsersRepository } from './features/users/users.repository.js';
import { SkillsRepository } from './features/skills/skills.repository.js';
import { RosterBulkRepository } from './features/representatives/roster-bulk.repository.js';
import { RosterVersionsRepository } from './features/representatives/roster-versions.repository.js';
import { RepresentativesRepository } from './features/representatives/representatives.repository.js';
import { ConsentsRepository } from './features/representatives/consents.repository.js';
import { RepresentativeSkillsRepository } from './features/representatives/representative-skills.repository.js';
import { ImportBatchesRepository } from './features/representatives/import-batches.repository.js';
import { DataRightsRepository } from './features/representatives/data-rights.repository.js';
import { UnitsRepository } from './features/units/units.repository.js';
import { ProjectsRepository } from './features/projects/projects.repository.js';
import { ProjectTemplatesRepository } from './features/projects/project-templates.repository.js';
import { MatchingRepository } from './features/matching/matching.repository.js';
import { MetricsRepository } from './features/metrics/metrics.repository.js';
import { OutboxRepository } from './features/outbox/outbox.repository.js';
import { JobsRepository } from './features/jobs/jobs.repository.js';
import { InvitationsRepository } from './features/invitations/invitations.repository.js';
import { ParticipationRepository } from './features/participation/participation.repository.js';
import { EmailChangesRepository } from './features/participation/email-changes.repository.js';
import { InvolvementRepository } from './features/involvement/involvement.repository.js';
import { HonorariumVersionsRepository } from './features/involvement/honorarium-versions.repository.js';
import { PaymentsRepository } from './features/involvement/payments.repository.js';
import { ImpactsRepository } from './features/impacts/impacts.repository.js';
import { WorklistRepository } from './features/worklist/worklist.repository.js';
import { WorklistFactsRepository } from './features/worklist/worklist-facts.repository.js';
import { NoticesRepository } from './features/notices/notices.repository.js';
import { ReportsRepository } from './features/reports/reports.repository.js';
import { PasswordResetsRepository } from './features/auth/password-resets.repository.js';
import { SecondFactorsRepository } from './features/auth/second-factors.repository.js';
import { SsoSettingsRepository } from './features/sso/sso-settings.repository.js';
import { SsoSignInRepository } from './features/sso/sso-sign-in.repository.js';
import { HandoverRepository } from './features/handover/handover.repository.js';
import { CalendarRepository } from './features/account/calendar.repository.js';
import { ResultsRepository } from './features/results/results.repository.js';
import { SummariesRepository } from './features/summaries/summaries.repository.js';
import { SharingRepository } from './features/sharing/sharing.repository.js';
import { UnitRequestsRepository } from './features/unit-requests/unit-requests.repository.js';
import { SurveysRepository } from './features/surveys/surveys.repository.js';
import { SurveyFiguresRepository } from './features/surveys/survey-figures.repository.js';
import { AreasRepository } from './features/areas/areas.repository.js';
import { WrittenLanguageRepository } from './features/representatives/written-language.repository.js';

/**
 * Every repository of the app on one database, built once by the composition root (src/services.ts), which hands
 * each service the ones it needs. Nothing else builds repositories; nothing outside the composition root sees them.
 */
export function createRepositories(db: Db, clock: Clock, config: Config) {
  return {
    areas: new AreasRepository(db),
    writtenLanguage: new WrittenLanguageRepository(db),
    audit: new AuditRepository(db),
    calendar: new CalendarRepository(db),
    consents: new ConsentsRepository(db),
    dataRights: new DataRightsRepository(db),
    emailChanges: new EmailChangesRepository(db),
    handovers: new HandoverRepository(db),
    health: new HealthRepository(db),
    honorariumVersions: new HonorariumVersionsRepository(db),
    impacts: new ImpactsRepository(db),
    importBatches: new ImportBatchesRepository(db),
    invitations: new InvitationsRepository(db),
    involvement: new InvolvementRepository(db),
    jobs: new JobsRepository(db),
    matching: new MatchingRepository(db),
    metrics: new MetricsRepository(db),
    worklist: new WorklistRepository(db),
    worklistFacts: new WorklistFactsRepository(db),
    results: new ResultsRepository(db),
    summaries: new SummariesRepository(db),
    sharing: new SharingRepository(db),
    unitRequests: new UnitRequestsRepository(db),
    notices: new NoticesRepository(db),
    organisations: new OrganisationsRepository(db),
    outbox: new OutboxRepository(db),
    participation: new ParticipationRepository(db),
    passwordResets: new PasswordResetsRepository(db),
    welcomeLinks: new PasswordResetsRepository(db, 'welcome_links'),
    secondFactors: new SecondFactorsRepository(db),
    ssoSettings: new SsoSettingsRepository(db),
    ssoSignIns: new SsoSignInRepository(db),
    payments: new PaymentsRepository(db),
    projects: new ProjectsRepository(db),
    projectTemplates: new ProjectTemplatesRepository(db),
    rateLimits: new RateLimitsRepository(db),
    reports: new ReportsRepository(db),
    representativeSkills: new RepresentativeSkillsRepository(db),
    representatives: new RepresentativesRepository(db),
    rosterBulk: new RosterBulkRepository(db),
    rosterVersions: new RosterVersionsRepository(db),
    sessions: new SessionsRepository(db, clock, {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
      touchEverySeconds: 60,
    }),
    skills: new SkillsRepository(db),
    surveys: new SurveysRepository(db),
    surveyFigures: new SurveyFiguresRepository(db),
    units: new UnitsRepository(db),
    users: new UsersRepository(db),
  };
}
