import type { Db } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';

export class OrganisationsRepository {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const row = await this.db('organisations').count({ n: '*' }).first();
    return toNumber(row?.n);
  }
}
