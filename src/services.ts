import type { Config } from './config.js';
import type { Db } from './db.js';
import { transactor } from './db.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { HealthRepository } from './features/health/health.repository.js';
import { OrganisationsRepository } from './features/organisations/organisations.repository.js';
import { AuditRepository } from './features/audit/audit.repository.js';
import { AuditService } from './features/audit/audit.service.js';
import { SessionsRepository } from './features/auth/sessions.repository.js';
import { RateLimitsRepository } from './features/auth/rate-limits.repository.js';
import { AuthService, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './features/auth/auth.service.js';
import { SignInThrottle } from './features/auth/sign-in-throttle.js';
import { UsersRepository } from './features/users/users.repository.js';
import { UsersService } from './features/users/users.service.js';
import { sessionCookieName } from './middleware/session.js';
import { TokenRoutes } from './middleware/token-routes.js';
import { OrganisationsService } from './features/organisations/organisations.service.js';
import { SkillsRepository } from './features/skills/skills.repository.js';
import { SkillsService } from './features/skills/skills.service.js';
import { RosterVersionsRepository } from './features/representatives/roster-versions.repository.js';
import { RepresentativesRepository } from './features/representatives/representatives.repository.js';
import { ConsentsRepository } from './features/representatives/consents.repository.js';
import { RepresentativeSkillsRepository } from './features/representatives/representative-skills.repository.js';
import { RepresentativesService } from './features/representatives/representatives.service.js';
import { ImportBatchesRepository } from './features/representatives/import-batches.repository.js';
import { RosterImport } from './features/representatives/roster-import.js';
import { ImportFollowUp } from './features/representatives/import-follow-up.js';
import { DataRightsService } from './features/representatives/data-rights.service.js';
import { DataRightsRepository } from './features/representatives/data-rights.repository.js';
import { OwnRecord } from './features/representatives/own-record.js';
import { InvitationsPersonalData } from './features/invitations/invitations.personal-data.js';
import { OutboxPersonalData } from './features/outbox/outbox.personal-data.js';
import { InvolvementPersonalData } from './features/involvement/involvement.personal-data.js';
import { ImpactsPersonalData } from './features/impacts/impacts.personal-data.js';
import { UnitsRepository } from './features/units/units.repository.js';
import { UnitsService } from './features/units/units.service.js';
import { ProjectsRepository } from './features/projects/projects.repository.js';
import { ProjectsService } from './features/projects/projects.service.js';
import { MatchingRepository } from './features/matching/matching.repository.js';
import { MatchingService } from './features/matching/matching.service.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { mailboxSender, smtpSender, type MailSender } from './lib/mailer.js';
import { OutboxRepository } from './features/outbox/outbox.repository.js';
import { OutboxService } from './features/outbox/outbox.service.js';
import {
  DEFAULT_DELIVERY,
  OutboxWorker,
  messageIdDomain,
  type DeliveryOptions,
} from './features/outbox/outbox.worker.js';
import { JobsRepository } from './features/jobs/jobs.repository.js';
import { Scheduler } from './features/jobs/scheduler.js';
import { outboxJobs } from './features/outbox/outbox.jobs.js';
import { authJobs } from './features/auth/auth.jobs.js';
import { representativesJobs } from './features/representatives/representatives.jobs.js';
import { reportsJobs } from './features/reports/reports.jobs.js';
import { participationJobs } from './features/participation/participation.jobs.js';
import { DashboardService } from './features/dashboard/dashboard.service.js';
import { HealthService } from './features/health/health.service.js';
import { BackgroundWorker } from './features/jobs/background-worker.js';
import { InvitationsRepository } from './features/invitations/invitations.repository.js';
import { InvitationsService } from './features/invitations/invitations.service.js';
import { InvitationAnswersService } from './features/invitations/answers.service.js';
import { InvitationJobsService } from './features/invitations/invitation-jobs.js';
import { InvitationMail } from './features/invitations/mail-context.js';
import { InvitationBounces } from './features/invitations/invitation-bounces.js';
import { ParticipationRepository } from './features/participation/participation.repository.js';
import { ParticipationService } from './features/participation/participation.service.js';
import { EmailChangesRepository } from './features/participation/email-changes.repository.js';
import { EmailChangeService } from './features/participation/email-change.service.js';
import { InvolvementRepository } from './features/involvement/involvement.repository.js';
import { InvolvementService } from './features/involvement/involvement.service.js';
import { HonorariumRulesService } from './features/involvement/honorarium-rules.service.js';
import { HonorariumVersionsRepository } from './features/involvement/honorarium-versions.repository.js';
import { PaymentsRepository } from './features/involvement/payments.repository.js';
import { PaymentCorrections, PaymentsService } from './features/involvement/payments.service.js';
import { ImpactsRepository } from './features/impacts/impacts.repository.js';
import { ImpactsService } from './features/impacts/impacts.service.js';
import { ReportsRepository } from './features/reports/reports.repository.js';
import { ReportsService } from './features/reports/reports.service.js';
import { PasswordResetsRepository } from './features/auth/password-resets.repository.js';
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
  const users = new UsersRepository(db);
  const sessions = new SessionsRepository(db, clock, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    touchEverySeconds: 60,
  });
  const rateLimits = new RateLimitsRepository(db);
  const auditRepository = new AuditRepository(db);
  const audit = new AuditService({ audit: auditRepository, clock, aggregateSecret: config.sessionSecret });
  const versions = new RosterVersionsRepository(db);
  const skills = new SkillsRepository(db);
  const representatives = new RepresentativesRepository(db);
  const consents = new ConsentsRepository(db);
  const representativeSkills = new RepresentativeSkillsRepository(db);
  const organisations = new OrganisationsRepository(db);
  const units = new UnitsRepository(db);
  const skillsService = new SkillsService({ transact, skills, audit, versions, clock });
  const representativesService = new RepresentativesService({
    transact,
    representatives,
    consents,
    representativeSkills,
    skills: skillsService,
    audit,
    versions,
    clock,
  });
  const ownRecord = new OwnRecord({ representatives, consents });
  const importBatches = new ImportBatchesRepository(db);
  const passwordResets = new PasswordResetsRepository(db);
  const outboxRepository = new OutboxRepository(db);
  const invitationsRepository = new InvitationsRepository(db);
  const involvementRepository = new InvolvementRepository(db);
  const impactsRepository = new ImpactsRepository(db);
  const outboxService = new OutboxService({ transact, outbox: outboxRepository, organisations, audit, clock });
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
  const scheduler = new Scheduler({ jobs: new JobsRepository(db), clock, logger, workerId });
  const projectsRepository = new ProjectsRepository(db);
  const matchingService = new MatchingService({
    projects: projectsRepository,
    organisations,
    skills,
    matching: new MatchingRepository(db),
    clock,
  });
  const paymentsRepository = new PaymentsRepository(db);
  const paymentCorrections = new PaymentCorrections({ payments: paymentsRepository });
  const honorariumRules = new HonorariumRulesService({
    versions: new HonorariumVersionsRepository(db),
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
    reports: new ReportsRepository(db),
    organisations,
    units: unitsService,
    projects: projectsRepository,
    users,
    outbox: outboxService,
    clock,
    baseUrl: config.baseUrl,
  });
  const participationRepository = new ParticipationRepository(db);
  const emailChangesRepository = new EmailChangesRepository(db);
  // each feature exports its scheduled jobs; they are only registered here
  for (const jobs of [
    outboxJobs({ outbox: outboxService }),
    authJobs({ sessions, rateLimits, passwordResets }),
    representativesJobs({ importBatches }),
    reportsJobs({ reports: reportsService, timeZone: config.timeZone }),
    invitationJobsService.definitions(),
    participationJobs({ emailChanges: emailChangesRepository, clock }),
  ]) {
    scheduler.registerAll(jobs);
  }
  const built = {
    ...deps,
    workerId,
    // pages opened by a personal link register here (their routers do, when the app is built)
    tokenRoutes: new TokenRoutes(),
    invitationsService,
    invitationAnswersService,
    invitationJobsService,
    involvementService,
    reportsService,
    impactsService: new ImpactsService({
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
    }),
    participationService: new ParticipationService({
      transact,
      participation: participationRepository,
      ownRecord,
      invitations: invitationsRepository,
      organisations,
      audit,
      versions,
      clock,
    }),
    emailChanges: new EmailChangeService({
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
    mailSender,
    outboxService,
    outboxWorker,
    scheduler,
    background: new BackgroundWorker({
      outbox: outboxWorker,
      scheduler,
      logger,
      options: { pollMs: config.workerPollMs, jobsEveryMs: 30_000 },
    }),
    passwordResets: new PasswordResetService({
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
    sessionCookieName: sessionCookieName(config),
    healthService: new HealthService({ health: new HealthRepository(db) }),
    organisations,
    organisationsService: new OrganisationsService({
      transact,
      organisations,
      users,
      honorariumRules,
      audit,
      clock,
      scryptLog2N: config.scryptLog2N,
    }),
    honorariumRules,
    paymentsService: new PaymentsService({
      transact,
      payments: paymentsRepository,
      rules: honorariumRules,
      audit,
      clock,
    }),
    users,
    sessions,
    rateLimits,
    audit,
    auth: new AuthService({
      transact,
      users,
      sessions,
      throttle: new SignInThrottle({ rateLimits, clock, limits: deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS }),
      audit,
      clock,
      scryptLog2N: config.scryptLog2N,
    }),
    usersService,
    skillsService,
    representatives,
    representativesService,
    rosterImport: new RosterImport({
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
    importFollowUp: new ImportFollowUp({ batches: importBatches, matching: new MatchingRepository(db), clock }),
    unitsService,
    matchingService,
    projectsService: new ProjectsService({
      transact,
      projects: projectsRepository,
      units,
      users,
      skills,
      matching: matchingService,
      audit,
      clock,
      meetingNotifier: invitationsService,
    }),
    dataRights: new DataRightsService({
      transact,
      representatives,
      representativeSkills,
      dataRights: new DataRightsRepository(db),
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
      ],
    }),
  };
  return {
    ...built,
    dashboardService: new DashboardService({
      users: usersService,
      reports: reportsService,
      projects: built.projectsService,
      units: unitsService,
      representatives,
      invitations: invitationsService,
      participation: built.participationService,
      clock,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
