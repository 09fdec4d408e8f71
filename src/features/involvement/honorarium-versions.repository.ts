import type { Db } from '../../db.js';
import { on } from '../../db.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { HonorariumRuleVersion } from './rule-versions.js';

interface VersionRow {
  version: number | string;
  valid_from: string | Date;
  hourly_rate_ore: number | string;
  rounding_minutes: number | string;
  minimum_paid_minutes_in_person: number | string;
  preparation_paid: boolean | number;
}

const toVersion = (r: VersionRow): HonorariumRuleVersion => ({
  version: toNumber(r.version),
  validFrom: toIsoDate(r.valid_from)!,
  hourlyRateOre: toNumber(r.hourly_rate_ore),
  roundingMinutes: toNumber(r.rounding_minutes),
  minimumPaidMinutesInPerson: toNumber(r.minimum_paid_minutes_in_person),
  preparationPaid: toBool(r.preparation_paid),
});

/** An organisation's honorarium rule versions, each valid from a date. */
export class HonorariumVersionsRepository {
  constructor(private readonly db: Db) {}

  async list(organisationId: number, tx?: Tx): Promise<HonorariumRuleVersion[]> {
    const db = on(this.db, tx);
    const rows = await db('honorarium_rule_versions')
      .where({ organisation_id: organisationId })
      .orderBy([{ column: 'valid_from' }, { column: 'version' }])
      .select<VersionRow[]>(
        'version',
        'valid_from',
        'hourly_rate_ore',
        'rounding_minutes',
        'minimum_paid_minutes_in_person',
        'preparation_paid',
      );
    return rows.map(toVersion);
  }

  async insert(
    organisationId: number,
    version: HonorariumRuleVersion,
    userId: number | null,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('honorarium_rule_versions').insert({
      organisation_id: organisationId,
      version: version.version,
      valid_from: version.validFrom,
      hourly_rate_ore: version.hourlyRateOre,
      rounding_minutes: version.roundingMinutes,
      minimum_paid_minutes_in_person: version.minimumPaidMinutesInPerson,
      preparation_paid: version.preparationPaid,
      created_by_user_id: userId,
      created_at: now,
    });
  }
}
