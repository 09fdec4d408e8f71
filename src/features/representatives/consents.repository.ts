import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { Consent, ConsentMethod, ConsentPurpose } from './representatives.model.js';

type Row = Record<string, unknown>;

/** Knex lives here only: the consents a person gave and withdrew, always scoped to one organisation. */
export class ConsentsRepository {
  constructor(private readonly db: Db) {}

  async consents(organisationId: number, representativeId: number): Promise<Consent[]> {
    const rows = (await this.db('consents as c')
      .leftJoin('users as u', 'u.id', 'c.recorded_by_user_id')
      .where({ 'c.organisation_id': organisationId, 'c.representative_id': representativeId })
      .orderBy([
        { column: 'c.given_at', order: 'desc' },
        { column: 'c.id', order: 'desc' },
      ])
      .select('c.id', 'c.purpose', 'c.given_at', 'c.withdrawn_at', 'c.method', 'u.name as recorded_by_name')) as Row[];
    return rows.map((r) => ({
      id: toNumber(r.id),
      purpose: r.purpose as ConsentPurpose,
      givenAt: toInstant(r.given_at)!,
      withdrawnAt: toInstant(r.withdrawn_at),
      method: r.method as string,
      recordedByName: (r.recorded_by_name as string | null) ?? null,
    }));
  }

  async activeConsentPurposes(
    organisationId: number,
    representativeId: number,
    trx?: Db,
  ): Promise<Set<ConsentPurpose>> {
    const rows = await (trx ?? this.db)('consents')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .whereNull('withdrawn_at')
      .select('purpose');
    return new Set(rows.map((r: { purpose: ConsentPurpose }) => r.purpose));
  }

  async giveConsent(
    organisationId: number,
    representativeId: number,
    consent: { purpose: ConsentPurpose; method: ConsentMethod | 'import'; at: string; userId: number },
    trx: Db,
  ): Promise<void> {
    await trx('consents').insert({
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
    trx: Db,
  ): Promise<number> {
    return trx('consents')
      .where({ organisation_id: organisationId, representative_id: representativeId, purpose })
      .whereNull('withdrawn_at')
      .update({ withdrawn_at: at });
  }
}
