import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { HealthRepository } from './features/health/health.repository.js';
import { OrganisationsRepository } from './features/organisations/organisations.repository.js';
import { AuditRepository } from './features/audit/audit.repository.js';
import { AuditService } from './features/audit/audit.service.js';
import { SessionsRepository } from './features/auth/sessions.repository.js';
import { RateLimitsRepository } from './features/auth/rate-limits.repository.js';
import { AuthService, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './features/auth/auth.service.js';
import { UsersRepository } from './features/users/users.repository.js';
import { UsersService } from './features/users/users.service.js';
import { sessionCookieName } from './middleware/session.js';
import { OrganisationsService } from './features/organisations/organisations.service.js';
import { SkillsRepository } from './features/skills/skills.repository.js';
import { SkillsService } from './features/skills/skills.service.js';
import { RosterVersions } from './features/representatives/roster-versions.js';
import { RepresentativesRepository } from './features/representatives/representatives.repository.js';
import { RepresentativesService } from './features/representatives/representatives.service.js';
import { ImportBatchesRepository } from './features/representatives/import-batches.repository.js';
import { RosterImport } from './features/representatives/roster-import.js';
import { DataRightsService } from './features/representatives/data-rights.service.js';
import { UnitsRepository } from './features/units/units.repository.js';
import { UnitsService } from './features/units/units.service.js';
import { ProjectsRepository } from './features/projects/projects.repository.js';
import { ProjectsService } from './features/projects/projects.service.js';
import { MatchingRepository } from './features/matching/matching.repository.js';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  signInLimits?: SignInLimits;
}

/** The composition root: repositories, then the services built on them. Tests build the same with a fresh database. */
export function createServices(deps: ServiceDeps) {
  const { config, db, clock } = deps;
  const users = new UsersRepository(db);
  const sessions = new SessionsRepository(db, clock, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    touchEverySeconds: 60,
  });
  const rateLimits = new RateLimitsRepository(db);
  const auditRepository = new AuditRepository(db);
  const audit = new AuditService(auditRepository, clock);
  const versions = new RosterVersions(db);
  const skills = new SkillsRepository(db);
  const representatives = new RepresentativesRepository(db);
  const organisations = new OrganisationsRepository(db);
  const units = new UnitsRepository(db);
  const representativesService = new RepresentativesService(
    db,
    representatives,
    skills,
    auditRepository,
    audit,
    versions,
    clock,
  );
  return {
    ...deps,
    sessionCookieName: sessionCookieName(config),
    health: new HealthRepository(db),
    organisations,
    organisationsService: new OrganisationsService(db, organisations, users, audit, clock, config.scryptLog2N),
    users,
    sessions,
    rateLimits,
    audit,
    auth: new AuthService(
      users,
      rateLimits,
      audit,
      clock,
      config.scryptLog2N,
      deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS,
    ),
    usersService: new UsersService(users, sessions, audit, clock, config.scryptLog2N),
    skillsService: new SkillsService(skills, audit, versions, clock),
    representatives,
    representativesService,
    rosterImport: new RosterImport(db, new ImportBatchesRepository(db), representatives, audit, versions, clock),
    unitsService: new UnitsService(units, audit, clock),
    projectsService: new ProjectsService(
      db,
      new ProjectsRepository(db),
      units,
      users,
      skills,
      new MatchingRepository(db),
      organisations,
      audit,
      clock,
    ),
    dataRights: new DataRightsService(
      db,
      representatives,
      representativesService,
      organisations,
      auditRepository,
      audit,
      versions,
      clock,
    ),
  };
}

export type Services = ReturnType<typeof createServices>;
