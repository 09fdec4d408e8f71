import type { HealthRepository } from './health.repository.js';

/** Whether the installation can serve: the database answers a real query on the schema in time. */
export class HealthService {
  constructor(private readonly deps: { health: HealthRepository }) {}

  databaseAnswers(timeoutMs?: number): Promise<boolean> {
    return this.deps.health.databaseAnswers(timeoutMs);
  }
}
