import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { HealthRepository } from './features/health/health.repository.js';
import { OrganisationsRepository } from './features/organisations/organisations.repository.js';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
}

/** The composition root: repositories, then the services built on them. Tests build the same with a fresh database. */
export function createServices(deps: ServiceDeps) {
  return {
    ...deps,
    health: new HealthRepository(deps.db),
    organisations: new OrganisationsRepository(deps.db),
  };
}

export type Services = ReturnType<typeof createServices>;
