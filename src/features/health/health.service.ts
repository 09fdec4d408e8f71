import type { HealthRepository, Readiness } from './health.repository.js';

/** Whether the installation is alive (liveness) and whether it can take traffic (readiness). */
export class HealthService {
  constructor(private readonly deps: { health: HealthRepository }) {}

  /** Liveness: the database answers a real query on the schema in time (bounded, under a second). */
  databaseAnswers(timeoutMs?: number): Promise<boolean> {
    return this.deps.health.databaseAnswers(timeoutMs);
  }

  /** Readiness: the database answers, no migration is pending, writes are not stalled; bounded, under a second. */
  async readiness(): Promise<Readiness & { ready: boolean }> {
    const found = await this.deps.health.readiness();
    const ready = found.database === 'up' && found.migrations === 'current' && found.writes !== 'stalled';
    return { ...found, ready };
  }
}
