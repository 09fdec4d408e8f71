import { on, type Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { Consent, ConsentMethod, ConsentPurpose } from './representatives.model.js';

/** A consents row with the name of the user who recorded it. */
interface ConsentRow {
  id: number | string;
  purpose: ConsentPurpose;
  given_at: string | Date;
  withdrawn_at: string | Date | null;
  method: string;
  recorded_by_name: string | null;
}

/** Knex lives here only: the consents a person gave and withdrew, always scoped to one organisation. */
export class ConsentsRepository {
  constructor(private readonly db: Db) {}

  async consents(organisationId: number, representativeId: number, tx?: Tx): Promise<Consent[]> {
    const db = on(this.db, tx);
    const rows = await db('consents as c')
      .leftJoin('users as u', 'u.id', 'c.recorded_by_user_id')
      .where({ 'c.organisation_id': organisationId, 'c.representative_id': representativeId })
      .orderBy([
        { column: 'c.given_at', order: 'desc' },
        { column: 'c.id', order: 'desc' },
      ])
      .select<ConsentRow[]>(
        'c.id',
        'c.purpose',
        'c.given_at',
        'c.withdrawn_at',
        'c.method',
        'u.name as recorded_by_name',
      );
    return rows.map((r) => ({
      id: toNumber(r.id),
      purpose: r.purpose,
      givenAt: toInstant(r.given_at)!,
      withdrawnAt: toInstant(r.withdrawn_at),
      method: r.method,
      recordedByName: r.recorded_by_name ?? null,
    }));
  }

  async activeConsentPurposes(organisationId: number, representativeId: number, tx?: Tx): Promise<Set<ConsentPurpose>> {
    const db = on(this.db, tx);
    const rows = await db('consents')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .whereNull('withdrawn_at')
      .select<Array<Pick<ConsentRow, 'purpose'>>>('purpose');
    return new Set(rows.map((r) => r.purpose));
  }

  async giveConsent(
    organisationId: number,
    representativeId: number,
    consent: { purpose: ConsentPurpose; method: ConsentMethod | 'import'; at: string; userId: number },
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('consents').insert({
      organisation_id: organisationId,
      representative_id: representativeId,
      purpose: consent.purpose,
      given_at: consent.at,
      withdrawn_at: null,
      method: consent.method,
      recorded_by_user_id: consent.userId,
    });
  }

  async withdrawConsent(
    organisationId: number,
    representativeId: number,
    purpose: ConsentPurpose,
    at: string,
    tx?: Tx,
  ): Promise<number> {
    const db = on(this.db, tx);
    return db('consents')
      .where({ organisation_id: organisationId, representative_id: representativeId, purpose })
      .whereNull('withdrawn_at')
      .update({ withdrawn_at: at });
  }
}
