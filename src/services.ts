import type { Config } from './config.js';
import { transactor, type Db } from './db.js';
import { createRepositories } from './repositories.js';
import { scheduledJobs } from './composition/scheduled-jobs.js';
import { createDelivery } from './composition/delivery.js';
import { createInvitations } from './composition/invitations.js';
import { createDataRights } from './composition/data-rights.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { AuditService } from './features/audit/audit.service.js';
import { SessionService } from './features/auth/session.service.js';
import { LinkVisitsService } from './features/auth/link-visits.service.js';
import type { SignInLimits } from './features/auth/auth.service.js';
import { createSignIn } from './composition/sign-in.js';
import { HandoverService } from './features/handover/handover.service.js';
import { CalendarFeedService } from './features/account/calendar-feed.service.js';
import { sessionCookieName } from './middleware/session.js';
import { TokenRoutes } from './middleware/token-routes.js';
import { OrganisationsService } from './features/organisations/organisations.service.js';
import { SkillsService } from './features/skills/skills.service.js';
import { RepresentativesService } from './features/representatives/representatives.service.js';
import { RosterBulkService } from './features/representatives/roster-bulk.service.js';
import { RosterImport } from './features/representatives/roster-import.js';
import { ImportFollowUp } from './features/representatives/import-follow-up.js';
import { OwnRecord } from './features/representatives/own-record.js';
import { UnitsService } from './features/units/units.service.js';
import { MatchingService } from './features/matching/matching.service.js';
import type { MailSender } from './lib/mailer.js';
import { OutboxService } from './features/outbox/outbox.service.js';
import { messageIdDomain, type DeliveryOptions } from './features/outbox/outbox.worker.js';
import { Scheduler } from './features/jobs/scheduler.js';
import { NoticesService } from './features/notices/notices.service.js';
import { DashboardService } from './features/dashboard/dashboard.service.js';
import { WorklistService } from './features/worklist/worklist.service.js';
import { createEvidence, createReporting } from './composition/evidence.js';
import { createProjects } from './composition/projects.js';
import { createVoice } from './composition/voice.js';
import { HealthService } from './features/health/health.service.js';
import { MonitoringService } from './features/metrics/monitoring.service.js';
import { MetricsService } from './features/metrics/metrics.service.js';
import { BackgroundWorker } from './features/jobs/background-worker.js';
import { ParticipationService } from './features/participation/participation.service.js';
import { EmailChangeService } from './features/participation/email-change.service.js';
import { InvolvementService } from './features/involvement/involvement.service.js';
import { HonorariumRulesService } from './features/involvement/honorarium-rules.service.js';
import { PaymentCorrections, PaymentsService } from './features/involvement/payments.service.js';
import { ImpactsService } from './features/impacts/impacts.service.js';
import {
  DEFAULT_RESET_LIMITS,
  PasswordResetService,
  type ResetLimits,
} from './features/auth/password-reset.service.js';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  signInLimits?: SignInLimits;
  resetLimits?: ResetLimits;
  /** Tests replace the sender or tune delivery (batch, lease, backoff); the app uses SMTP_URL or the mailbox. */
  mailSender?: MailSender;
  delivery?: Partial<DeliveryOptions>;
}

/** The composition root: repositories, then the services built on them. Tests build the same with a fresh database. */
export function createServices(deps: ServiceDeps) {
  const { config, db, clock, logger } = deps;
  const transact = transactor(db);
  const repositories = createRepositories(db, clock, config);
  const { users, sessions, rateLimits, skills, representatives, consents, representativeSkills, organisations, units } =
    repositories;
  const { importBatches, passwordResets } = repositories;
  const versions = repositories.rosterVersions;
  const audit = new AuditService({ audit: repositories.audit, clock, aggregateSecret: config.sessionSecret });
  const skillsService = new SkillsService({ transact, skills, audit, versions, clock });
  const outboxService = new OutboxService({ transact, outbox: repositories.outbox, organisations, audit, clock });
  // what most composition files take: the transaction kit, the repositories, the organisations and the outbox
  const kit = { transact, audit, clock, baseUrl: config.baseUrl, repositories, organisations, outbox: outboxService };
  // the representatives' survey, and the areas and population shares (issue 22): the roster chooses areas from it
  const voice = createVoice({ ...kit, versions });
  // hand-overs of projects and people (a representative's contact person is set through it)
  const handoverService = new HandoverService({
    transact,
    handovers: repositories.handovers,
    users,
    outbox: outboxService,
    organisations,
    audit,
    clock,
    baseUrl: config.baseUrl,
  });
  const representativesService = new RepresentativesService({
    transact,
    representatives,
    consents,
    representativeSkills,
    skills: skillsService,
    audit,
    versions,
    contactPersons: handoverService,
    areas: voice.areasService,
    clock,
  });
  const ownRecord = new OwnRecord({ representatives, consents });
  const invitationsRepository = repositories.invitations;
  const involvementRepository = repositories.involvement;
  const { workerId, mailSender, outboxWorker } = createDelivery({
    config,
    clock,
    logger,
    repositories,
    representatives: representativesService,
    mailSender: deps.mailSender,
    delivery: deps.delivery,
  });
  const scheduler = new Scheduler({ jobs: repositories.jobs, clock, logger, workerId });
  const projectsRepository = repositories.projects;
  const matchingService = new MatchingService({
    projects: projectsRepository,
    organisations,
    skills,
    matching: repositories.matching,
    clock,
  });
  const paymentsRepository = repositories.payments;
  const paymentCorrections = new PaymentCorrections({ payments: paymentsRepository });
  const honorariumRules = new HonorariumRulesService({
    versions: repositories.honorariumVersions,
    involvement: involvementRepository,
    corrections: paymentCorrections,
    clock,
  });
  const { invitationsService, invitationAnswersService, invitationJobsService } = createInvitations({
    config,
    clock,
    transact,
    repositories,
    outbox: outboxService,
    outboxWorker,
    audit,
    rates: honorariumRules,
  });
  const involvementService = new InvolvementService({
    transact,
    involvement: involvementRepository,
    projects: projectsRepository,
    invitations: invitationsRepository,
    rules: honorariumRules,
    corrections: paymentCorrections,
    audit,
    versions,
    clock,
  });
  const unitsService = new UnitsService({ transact, units, audit, clock });
  const signIn = createSignIn({ ...kit, config, signInLimits: deps.signInLimits });
  const { summariesService, reportsService } = createReporting({
    ...kit,
    units: unitsService,
    projects: projectsRepository,
    users,
    voice: voice.surveysService,
  });
  const participationRepository = repositories.participation;
  // the facilitators' notices and the representative-lifecycle job that writes them
  const noticesService = new NoticesService({
    transact,
    notices: repositories.notices,
    roster: representatives,
    reviews: repositories.dataRights,
    organisations,
    audit,
    versions,
    clock,
    logger,
  });
  // the facilitators' worklist on `/` (the dashboard shows it) and the nightly purge of its marks
  const worklistService = new WorklistService({
    transact,
    worklist: repositories.worklist,
    facts: repositories.worklistFacts,
    unitRequests: repositories.unitRequests,
    surveys: repositories.surveyFigures,
    notices: noticesService,
    audit,
    clock,
  });
  // each feature exports its scheduled jobs; they are only registered here
  scheduler.registerAll(
    scheduledJobs({
      config,
      clock,
      repositories,
      outbox: outboxService,
      reports: reportsService,
      invitationJobs: invitationJobsService,
      notices: noticesService,
      worklist: worklistService,
      surveys: voice.surveysService,
    }),
  );
  const impactsService = new ImpactsService({
    transact,
    impacts: repositories.impacts,
    projects: projectsRepository,
    involvement: involvementService,
    invitations: invitationsService,
    users,
    organisations,
    outbox: outboxService,
    audit,
    versions,
    clock,
    baseUrl: config.baseUrl,
  });
  const participationService = new ParticipationService({
    transact,
    participation: participationRepository,
    ownRecord,
    invitations: invitationsRepository,
    organisations,
    contacts: handoverService,
    audit,
    versions,
    clock,
  });
  const { projectsService, projectTemplatesService } = createProjects({
    transact,
    repositories,
    units,
    users,
    skills,
    matching: matchingService,
    audit,
    clock,
    meetingNotifier: invitationsService,
    evaluation: voice.surveysService,
  });
  // the background work as the operator and the admin see it: /metrics and the dashboard's warnings
  const monitoringService = new MonitoringService({ metrics: repositories.metrics, scheduler, clock });
  // Services only (and the running parts under `runtime`): no repository leaves the composition root
  const evidence = createEvidence({ ...kit, projects: projectsService, reports: reportsService, versions });
  return {
    config,
    clock,
    logger,
    auditService: audit,
    ...signIn,
    dashboardService: new DashboardService({
      reports: reportsService,
      worklist: worklistService,
      monitoring: monitoringService,
    }),
    dataRightsService: createDataRights({
      transact,
      repositories,
      representatives,
      representativeSkills,
      representativesService,
      organisations,
      audit,
      versions,
      clock,
    }),
    handoverService,
    calendarFeedService: new CalendarFeedService({
      transact,
      tokens: users,
      calendar: repositories.calendar,
      organisations,
      audit,
      clock,
      baseUrl: config.baseUrl,
      uidDomain: messageIdDomain(config.mailFrom),
    }),
    emailChangeService: new EmailChangeService({
      transact,
      changes: repositories.emailChanges,
      ownRecord,
      participation: participationRepository,
      organisations,
      outbox: outboxService,
      audit,
      versions,
      clock,
      baseUrl: config.baseUrl,
    }),
    healthService: new HealthService({ health: repositories.health }),
    metricsService: new MetricsService({
      token: config.metricsToken,
      metrics: repositories.metrics,
      monitoring: monitoringService,
      clock,
    }),
    monitoringService,
    impactsService,
    importFollowUpService: new ImportFollowUp({ batches: importBatches, matching: repositories.matching, clock }),
    invitationsService,
    invitationAnswersService,
    invitationJobsService,
    involvementService,
    linkVisitsService: new LinkVisitsService({ rateLimits }),
    matchingService,
    noticesService,
    worklistService,
    organisationsService: new OrganisationsService({
      transact,
      organisations,
      users,
      honorariumRules,
      audit,
      clock,
      scryptLog2N: config.scryptLog2N,
    }),
    outboxService,
    participationService,
    passwordResetService: new PasswordResetService({
      transact,
      resets: passwordResets,
      users,
      organisations,
      sessions,
      outbox: outboxService,
      rateLimits,
      audit,
      clock,
      baseUrl: config.baseUrl,
      scryptLog2N: config.scryptLog2N,
      limits: deps.resetLimits ?? DEFAULT_RESET_LIMITS,
    }),
    paymentsService: new PaymentsService({
      transact,
      payments: paymentsRepository,
      rules: honorariumRules,
      audit,
      clock,
    }),
    projectsService,
    projectTemplatesService,
    ...evidence,
    ...voice,
    summariesService,
    reportsService,
    representativesService,
    rosterBulkService: new RosterBulkService({
      transact,
      bulk: repositories.rosterBulk,
      representatives,
      skills: skillsService,
      matching: matchingService,
      contactPersons: handoverService,
      audit,
      versions,
      clock,
    }),
    rosterImportService: new RosterImport({
      transact,
      batches: importBatches,
      representatives,
      consents,
      representativeSkills,
      skills: skillsService,
      audit,
      versions,
      areas: voice.areasService,
      clock,
    }),
    sessionService: new SessionService({ sessions, audit }),
    skillsService,
    unitsService,
    /** What runs beside the requests: the background worker and its parts, the mail sender, the link registry. */
    runtime: {
      workerId,
      mailSender,
      outboxWorker,
      scheduler,
      background: new BackgroundWorker({
        outbox: outboxWorker,
        scheduler,
        logger,
        options: { pollMs: config.workerPollMs, jobsEveryMs: config.workerJobsMs },
      }),
      // pages opened by a personal link register here (their routers do, when the app is built)
      tokenRoutes: new TokenRoutes(),
      sessionCookieName: sessionCookieName(config),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
