import { on, type Db } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { RosterVersions } from './representatives.model.js';

/**
 * A per-organisation counter, bumped in the same transaction as every change to the roster (representatives,
 * their skills and consents, the taxonomy). Cached roster counts and the matching's inputs are keyed by it, so a
 * cache entry is never used after a change, on this instance or another. Logging involvement must bump it too:
 * the matching's fairness and rest are read from involvement.
 */
export class RosterVersionsRepository implements RosterVersions {
  constructor(private readonly db: Db) {}

  async bump(organisationId: number, tx?: Tx): Promise<void> {
    await on(this.db, tx)('organisations').where({ id: organisationId }).increment('roster_version', 1);
  }

  async current(organisationId: number, tx?: Tx): Promise<number> {
    const db = on(this.db, tx);
    const row = await db('organisations')
      .where({ id: organisationId })
      .first<{ roster_version: number | string } | undefined>('roster_version');
    return toNumber(row?.roster_version);
  }
}
