import type { Config } from './config.js';
import type { Db } from './db.js';
import { transactor } from './db.js';
import { createRepositories } from './repositories.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { AuditService } from './features/audit/audit.service.js';
import { SessionService } from './features/auth/session.service.js';
import { LinkVisitsService } from './features/auth/link-visits.service.js';
import { AuthService, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './features/auth/auth.service.js';
import { SignInThrottle } from './features/auth/sign-in-throttle.js';
import { UsersService } from './features/users/users.service.js';
import { HandoverService } from './features/handover/handover.service.js';
import { ContactPersonPersonalData } from './features/handover/handover.personal-data.js';
import { CalendarFeedService } from './features/account/calendar-feed.service.js';
import { sessionCookieName } from './middleware/session.js';
import { TokenRoutes } from './middleware/token-routes.js';
import { OrganisationsService } from './features/organisations/organisations.service.js';
import { SkillsService } from './features/skills/skills.service.js';
import { RepresentativesService } from './features/representatives/representatives.service.js';
import { RosterBulkService } from './features/representatives/roster-bulk.service.js';
import { RosterImport } from './features/representatives/roster-import.js';
import { ImportFollowUp } from './features/representatives/import-follow-up.js';
import { DataRightsService } from './features/representatives/data-rights.service.js';
import { OwnRecord } from './features/representatives/own-record.js';
import { InvitationsPersonalData } from './features/invitations/invitations.personal-data.js';
import { OutboxPersonalData } from './features/outbox/outbox.personal-data.js';
import { InvolvementPersonalData } from './features/involvement/involvement.personal-data.js';
import { ImpactsPersonalData } from './features/impacts/impacts.personal-data.js';
import { UnitsService } from './features/units/units.service.js';
import { ProjectsService } from './features/projects/projects.service.js';
import { ProjectTemplatesService } from './features/projects/project-templates.service.js';
import { MatchingService } from './features/matching/matching.service.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { mailboxSender, smtpSender, type MailSender } from './lib/mailer.js';
import { OutboxService } from './features/outbox/outbox.service.js';
import {
  DEFAULT_DELIVERY,
  OutboxWorker,
  messageIdDomain,
  type DeliveryOptions,
} from './features/outbox/outbox.worker.js';
import { Scheduler } from './features/jobs/scheduler.js';
import { outboxJobs } from './features/outbox/outbox.jobs.js';
import { authJobs } from './features/auth/auth.jobs.js';
import { representativesJobs } from './features/representatives/representatives.jobs.js';
import { reportsJobs } from './features/reports/reports.jobs.js';
import { participationJobs } from './features/participation/participation.jobs.js';
import { noticesJobs } from './features/notices/notices.jobs.js';
import { NoticesService } from './features/notices/notices.service.js';
import { NoticesPersonalData } from './features/notices/notices.personal-data.js';
import { auditJobs } from './features/audit/audit.jobs.js';
import { housekeepingJobs } from './features/jobs/housekeeping.jobs.js';
import { backupJobs } from './features/jobs/backup.jobs.js';
import { backupSqlite } from './db/backup.js';
import { DashboardService } from './features/dashboard/dashboard.service.js';
import { WorklistService } from './features/worklist/worklist.service.js';
import { worklistJobs } from './features/worklist/worklist.jobs.js';
import { HealthService } from './features/health/health.service.js';
import { MonitoringService } from './features/metrics/monitoring.service.js';
import { MetricsService } from './features/metrics/metrics.service.js';
import { BackgroundWorker } from './features/jobs/background-worker.js';
import { InvitationsService } from './features/invitations/invitations.service.js';
import { InvitationAnswersService } from './features/invitations/answers.service.js';
import { InvitationJobsService } from './features/invitations/invitation-jobs.js';
import { InvitationMail } from './features/invitations/mail-context.js';
import { InvitationBounces } from './features/invitations/invitation-bounces.js';
import { ParticipationService } from './features/participation/participation.service.js';
import { EmailChangeService } from './features/participation/email-change.service.js';
import { InvolvementService } from './features/involvement/involvement.service.js';
import { HonorariumRulesService } from './features/involvement/honorarium-rules.service.js';
import { PaymentCorrections, PaymentsService } from './features/involvement/payments.service.js';
import { ImpactsService } from './features/impacts/impacts.service.js';
import { ReportsService } from './features/reports/reports.service.js';
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
  const outboxRepository = repositories.outbox;
  const outboxService = new OutboxService({ transact, outbox: outboxRepository, organisations, audit, clock });
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
    clock,
  });
  const ownRecord = new OwnRecord({ representatives, consents });
  const invitationsRepository = repositories.invitations;
  const involvementRepository = repositories.involvement;
  const impactsRepository = repositories.impacts;
  // unique per process: leases name their holder
  const workerId = `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const mailSender =
    deps.mailSender ??
    (config.smtpUrl
      ? smtpSender({ url: config.smtpUrl, maxConnections: config.smtpMaxConnections }, logger)
      : mailboxSender());
  const outboxWorker = new OutboxWorker({
    outbox: outboxRepository,
    sender: mailSender,
    organisations,
    rateLimits,
    onBadAddress: (message) =>
      representativesService.flagEmailUndeliverable(message.organisationId, message.representativeId!, message.to),
    clock,
    logger,
    options: {
      workerId,
      ...DEFAULT_DELIVERY,
      batchSize: config.smtpMaxConnections * 2,
      messageIdDomain: messageIdDomain(config.mailFrom),
      from: config.mailFrom,
      ...deps.delivery,
    },
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
  const invitationMail = new InvitationMail({
    invitations: invitationsRepository,
    projects: projectsRepository,
    users,
    organisations,
    rates: honorariumRules,
    clock,
    settings: { baseUrl: config.baseUrl, messageIdDomain: messageIdDomain(config.mailFrom) },
  });
  const invitationDeps = {
    transact,
    invitations: invitationsRepository,
    outbox: outboxService,
    audit,
    versions,
    clock,
    mail: invitationMail,
  };
  const invitationsService = new InvitationsService(invitationDeps);
  const invitationAnswersService = new InvitationAnswersService({
    ...invitationDeps,
    users,
    projects: projectsRepository,
  });
  const invitationJobsService = new InvitationJobsService({ ...invitationDeps, organisations });
  outboxWorker.onUndeliverable(
    new InvitationBounces({ transact, invitations: invitationsRepository, audit, versions, clock }),
  );
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
  const usersService = new UsersService({ transact, users, sessions, audit, clock, scryptLog2N: config.scryptLog2N });
  const reportsService = new ReportsService({
    transact,
    reports: repositories.reports,
    organisations,
    units: unitsService,
    projects: projectsRepository,
    users,
    outbox: outboxService,
    clock,
    baseUrl: config.baseUrl,
  });
  const participationRepository = repositories.participation;
  const emailChangesRepository = repositories.emailChanges;
  const noticesRepository = repositories.notices;
  // the facilitators' notices and the representative-lifecycle job that writes them
  const noticesService = new NoticesService({
    transact,
    notices: noticesRepository,
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
    notices: noticesService,
    audit,
    clock,
  });
  // each feature exports its scheduled jobs; they are only registered here
  for (const jobs of [
    outboxJobs({ outbox: outboxService }),
    authJobs({ sessions, rateLimits, passwordResets }),
    representativesJobs({ importBatches }),
    reportsJobs({ reports: reportsService, timeZone: config.timeZone }),
    invitationJobsService.definitions(),
    noticesJobs({ notices: noticesService }),
    worklistJobs({ worklist: worklistService, timeZone: config.timeZone }),
    participationJobs({
      emailChanges: emailChangesRepository,
      participation: participationRepository,
      clock,
      timeZone: config.timeZone,
    }),
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
  ]) {
    scheduler.registerAll(jobs);
  }
  const impactsService = new ImpactsService({
    transact,
    impacts: impactsRepository,
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
  const projectsService = new ProjectsService({
    transact,
    projects: projectsRepository,
    units,
    users,
    skills,
    matching: matchingService,
    audit,
    clock,
    meetingNotifier: invitationsService,
  });
  // copying a project from a template, and recurring meeting series (issue 20)
  const projectTemplatesService = new ProjectTemplatesService({
    transact,
    projects: projectsRepository,
    templates: repositories.projectTemplates,
    choices: projectsService,
    audit,
    clock,
    meetingNotifier: invitationsService,
  });
  // the background work as the operator and the admin see it: /metrics and the dashboard's warnings
  const monitoringService = new MonitoringService({ metrics: repositories.metrics, scheduler, clock });
  // Services only (and the running parts under `runtime`): no repository leaves the composition root
  return {
    config,
    clock,
    logger,
    auditService: audit,
    authService: new AuthService({
      transact,
      users,
      sessions,
      throttle: new SignInThrottle({ rateLimits, clock, limits: deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS }),
      audit,
      clock,
      scryptLog2N: config.scryptLog2N,
    }),
    dashboardService: new DashboardService({
      reports: reportsService,
      worklist: worklistService,
      monitoring: monitoringService,
    }),
    dataRightsService: new DataRightsService({
      transact,
      representatives,
      representativeSkills,
      dataRights: repositories.dataRights,
      representativesService,
      organisations,
      audit,
      versions,
      clock,
      // in the order of their sections in a person's data copy
      holders: [
        new InvitationsPersonalData(invitationsRepository),
        new OutboxPersonalData(outboxRepository),
        new InvolvementPersonalData(involvementRepository),
        new ImpactsPersonalData(impactsRepository),
        new NoticesPersonalData(noticesRepository),
        new ContactPersonPersonalData(repositories.handovers),
      ],
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
      changes: emailChangesRepository,
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
      clock,
    }),
    sessionService: new SessionService({ sessions }),
    skillsService,
    unitsService,
    usersService,
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
