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

/** The tables of single-use links to an account: a password reset (30 minutes) and a new user's welcome (72 hours). */
export type SingleUseLinkTable = 'password_resets' | 'welcome_links';

/**
 * Single-use links to a staff account: only a SHA-256 of each token is stored; a link works once, until it expires,
 * and asking for a new one ends the unused ones.
 */
export class PasswordResetsRepository {
  constructor(
    private readonly db: Db,
    private readonly table: SingleUseLinkTable = 'password_resets',
  ) {}

  async create(
    reset: { organisationId: number; userId: number; tokenHash: string; expiresAt: string },
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), this.table, [
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
    const row = await this.db(this.table)
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
    )(this.table)
      .where({ id })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now });
    return n > 0;
  }

  /** Ends every unused link of a user (a new link was asked for, or the password was just reset). */
  async invalidateForUser(userId: number, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)(this.table).where({ user_id: userId }).whereNull('used_at').update({ used_at: now });
  }

  /** When the user's newest unused link expires (a welcome not yet accepted, as the admin's page shows it). */
  async latestUnused(userId: number): Promise<{ createdAt: string; expiresAt: string } | undefined> {
    const row = await this.db(this.table)
      .where({ user_id: userId })
      .whereNull('used_at')
      .orderBy('id', 'desc')
      .first<{ created_at: unknown; expires_at: unknown } | undefined>('created_at', 'expires_at');
    return row ? { createdAt: toInstant(row.created_at)!, expiresAt: toInstant(row.expires_at)! } : undefined;
  }

  /** Removes links that can no longer be used (a scheduled job calls this). */
  async purgeExpired(now: string): Promise<number> {
    return this.db(this.table).where('expires_at', '<', now).delete();
  }
}
