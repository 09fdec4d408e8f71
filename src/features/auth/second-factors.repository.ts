import type { Db } from '../../db.js';
import { on } from '../../db.js';
import { toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';

export interface SecondFactor {
  userId: number;
  secret: string;
  lastStep: number;
  createdAt: string;
  lastUsedAt: string | null;
}

interface SecondFactorRow {
  user_id: number | string;
  secret: string;
  last_step: number | string;
  created_at: unknown;
  last_used_at: unknown;
}

/**
 * Second factors (an authenticator app's shared secret and the last step accepted), their recovery codes (only
 * hashes) and whether an organisation requires them. Using a code or a recovery code is one conditional UPDATE,
 * so two requests with the same code cannot both succeed, on any number of instances.
 */
export class SecondFactorsRepository {
  constructor(private readonly db: Db) {}

  async find(userId: number, tx?: Tx): Promise<SecondFactor | undefined> {
    const row = await on(
      this.db,
      tx,
    )('user_second_factors')
      .where({ user_id: userId })
      .first<SecondFactorRow | undefined>('user_id', 'secret', 'last_step', 'created_at', 'last_used_at');
    if (!row) return undefined;
    return {
      userId: toNumber(row.user_id),
      secret: row.secret,
      lastStep: toNumber(row.last_step),
      createdAt: toInstant(row.created_at)!,
      lastUsedAt: toInstant(row.last_used_at),
    };
  }

  async has(userId: number): Promise<boolean> {
    return (await this.db('user_second_factors').where({ user_id: userId }).first('id')) !== undefined;
  }

  /** The users of an organisation who have a second factor. */
  async usersWith(organisationId: number): Promise<Set<number>> {
    const rows = await this.db('user_second_factors')
      .where({ organisation_id: organisationId })
      .select<{ user_id: number | string }[]>('user_id');
    return new Set(rows.map((r) => toNumber(r.user_id)));
  }

  /** Stores a confirmed second factor (replacing none: a user has at most one) with the step of its first code. */
  async create(
    factor: { organisationId: number; userId: number; secret: string; step: number },
    now: string,
    tx?: Tx,
  ): Promise<void> {
    await on(
      this.db,
      tx,
    )('user_second_factors').insert({
      organisation_id: factor.organisationId,
      user_id: factor.userId,
      kind: 'totp',
      secret: factor.secret,
      last_step: factor.step,
      created_at: now,
      last_used_at: now,
    });
  }

  /** Accepts a code's step if it is later than the last one accepted; false when it (or a later one) was used. */
  async useStep(userId: number, step: number, now: string, tx?: Tx): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('user_second_factors')
      .where({ user_id: userId })
      .where('last_step', '<', step)
      .update({ last_step: step, last_used_at: now });
    return n > 0;
  }

  /** Removes a user's second factor and recovery codes; returns whether there was one. */
  async remove(userId: number, tx?: Tx): Promise<boolean> {
    const q = on(this.db, tx);
    await q('user_recovery_codes').where({ user_id: userId }).delete();
    return (await q('user_second_factors').where({ user_id: userId }).delete()) > 0;
  }

  /** Replaces a user's recovery codes by new ones (their hashes). */
  async replaceRecoveryCodes(userId: number, hashes: string[], now: string, tx?: Tx): Promise<void> {
    const q = on(this.db, tx);
    await q('user_recovery_codes').where({ user_id: userId }).delete();
    await q('user_recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })));
  }

  /** Uses an unused recovery code of the user: `used` now, `reused` (used before) or `wrong` (not one of theirs). */
  async useRecoveryCode(userId: number, hash: string, now: string, tx?: Tx): Promise<'used' | 'reused' | 'wrong'> {
    const q = on(this.db, tx);
    const n = await q('user_recovery_codes')
      .where({ user_id: userId, code_hash: hash })
      .whereNull('used_at')
      .update({ used_at: now });
    if (n > 0) return 'used';
    const before = await q('user_recovery_codes')
      .where({ user_id: userId, code_hash: hash })
      .first<{ id: number } | undefined>('id');
    return before ? 'reused' : 'wrong';
  }

  async recoveryCodesLeft(userId: number): Promise<number> {
    const row = await this.db('user_recovery_codes')
      .where({ user_id: userId })
      .whereNull('used_at')
      .count({ n: '*' })
      .first();
    return toNumber(row?.n);
  }

  /** Whether the organisation requires a second factor of every password account. */
  async required(organisationId: number): Promise<boolean> {
    const row = await this.db('organisation_sign_in')
      .where({ organisation_id: organisationId })
      .first<{ require_second_factor: unknown } | undefined>('require_second_factor');
    return toBool(row?.require_second_factor);
  }

  async setRequired(organisationId: number, required: boolean, now: string, tx?: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('organisation_sign_in')
      .insert({ organisation_id: organisationId, require_second_factor: required, updated_at: now })
      .onConflict('organisation_id')
      .merge(['require_second_factor', 'updated_at']);
  }
}
