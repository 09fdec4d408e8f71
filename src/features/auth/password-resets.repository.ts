import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';

export interface PasswordReset {
  id: number;
  organisationId: number;
  userId: number;
  expiresAt: string;
  usedAt: string | null;
}

interface PasswordResetRow {
  id: number | string;
  organisation_id: number | string;
  user_id: number | string;
  expires_at: unknown;
  used_at: unknown;
}

/** Password-reset links: only a SHA-256 of each token is stored; a link works once, for 30 minutes. */
export class PasswordResetsRepository {
  constructor(private readonly db: Db) {}

  async create(
    reset: { organisationId: number; userId: number; tokenHash: string; expiresAt: string },
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'password_resets', [
      {
        organisation_id: reset.organisationId,
        user_id: reset.userId,
        token_hash: reset.tokenHash,
        created_at: now,
        expires_at: reset.expiresAt,
      },
    ]);
    return id!;
  }

  async findByHash(tokenHash: string): Promise<PasswordReset | undefined> {
    const row = await this.db('password_resets')
      .where({ token_hash: tokenHash })
      .first<PasswordResetRow | undefined>('id', 'organisation_id', 'user_id', 'expires_at', 'used_at');
    if (!row) return undefined;
    return {
      id: toNumber(row.id),
      organisationId: toNumber(row.organisation_id),
      userId: toNumber(row.user_id),
      expiresAt: toInstant(row.expires_at)!,
      usedAt: toInstant(row.used_at),
    };
  }

  /** Uses the link, if it is still unused and unexpired; one conditional UPDATE, so two clicks cannot both win. */
  async use(id: number, now: string, tx?: Tx): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('password_resets')
      .where({ id })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now });
    return n > 0;
  }

  /** Ends every unused link of a user (a new link was asked for, or the password was just reset). */
  async invalidateForUser(userId: number, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('password_resets').where({ user_id: userId }).whereNull('used_at').update({ used_at: now });
  }

  /** Removes links that can no longer be used (a scheduled job calls this). */
  async purgeExpired(now: string): Promise<number> {
    return this.db('password_resets').where('expires_at', '<', now).delete();
  }
}
