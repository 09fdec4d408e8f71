import { type Locale, toLocale } from '../../config.js';
import { insertReturningIds, on, type Db } from '../../db.js';
import { REPRESENTATIVE_LOCALE_SQL, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';

export interface EmailChange {
  id: number;
  organisationId: number;
  representativeId: number;
  newEmail: string;
  expiresAt: string;
  usedAt: string | null;
  locale: Locale;
  timeZone: string;
}

interface EmailChangeRow {
  id: number | string;
  organisation_id: number | string;
  representative_id: number | string;
  new_email: string;
  expires_at: string | Date;
  used_at: string | Date | null;
  locale: string;
  time_zone: string;
}

/** Addresses typed on a representative's own page, waiting for the link sent to them (only its hash is kept). */
export class EmailChangesRepository {
  constructor(private readonly db: Db) {}

  /** Ends the person's earlier pending changes: only the latest link works. */
  async retirePending(organisationId: number, representativeId: number, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('email_changes')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .whereNull('used_at')
      .update({ used_at: now });
  }

  async create(
    change: { organisationId: number; representativeId: number; newEmail: string; tokenHash: string },
    createdAt: string,
    expiresAt: string,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'email_changes', [
      {
        organisation_id: change.organisationId,
        representative_id: change.representativeId,
        new_email: change.newEmail,
        token_hash: change.tokenHash,
        created_at: createdAt,
        expires_at: expiresAt,
      },
    ]);
    return id!;
  }

  /** The change a link's hash names, with the person's language; none once the person is erased. */
  async findByHash(tokenHash: string, tx?: Tx): Promise<EmailChange | undefined> {
    const db = on(this.db, tx);
    const row = await db('email_changes as c')
      .join('representatives as r', 'r.id', 'c.representative_id')
      .join('organisations as o', 'o.id', 'c.organisation_id')
      .where('c.token_hash', tokenHash)
      .whereNull('r.erased_at')
      .first<EmailChangeRow | undefined>(
        'c.id',
        'c.organisation_id',
        'c.representative_id',
        'c.new_email',
        'c.expires_at',
        'c.used_at',
        db.raw(`${REPRESENTATIVE_LOCALE_SQL} as locale`),
        'o.time_zone',
      );
    if (!row) return undefined;
    return {
      id: toNumber(row.id),
      organisationId: toNumber(row.organisation_id),
      representativeId: toNumber(row.representative_id),
      newEmail: row.new_email,
      expiresAt: toInstant(row.expires_at)!,
      usedAt: toInstant(row.used_at),
      locale: toLocale(row.locale),
      timeZone: row.time_zone,
    };
  }

  /** Uses a link once; false when it was used (or replaced) meanwhile. */
  async use(id: number, now: string, tx?: Tx): Promise<boolean> {
    return (await on(this.db, tx)('email_changes').where({ id }).whereNull('used_at').update({ used_at: now })) > 0;
  }

  /** Removes changes whose link has expired or been used (a scheduled job may call this). */
  async purgeEnded(now: string, tx?: Tx): Promise<number> {
    return on(this.db, tx)('email_changes').where('expires_at', '<=', now).orWhereNotNull('used_at').delete();
  }
}
