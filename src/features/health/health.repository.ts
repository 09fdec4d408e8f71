import type { Db } from '../../db.js';

export class HealthRepository {
  constructor(private readonly db: Db) {}

  /** True when the database answers a real query on the schema within the time limit. */
  async databaseAnswers(timeoutMs = 2000): Promise<boolean> {
    try {
      await this.db('knex_migrations').count({ n: '*' }).timeout(timeoutMs, { cancel: false });
      return true;
    } catch {
      return false;
    }
  }
}
