import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import { toBool, toNumber } from '../../lib/db-values.js';
import {
  defaultOrganisationSettings,
  parseSettings,
  type OrganisationSettings,
  type StoredSettings,
} from './settings.js';

export class OrganisationsRepository {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const row = await this.db('organisations').count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  /** The settings, with the honorarium rules of the latest rule version (the versions are where the rules live). */
  async settings(organisationId: number): Promise<OrganisationSettings> {
    const [row, latest] = await Promise.all([
      this.db('organisations').where({ id: organisationId }).first('settings'),
      this.db('honorarium_rule_versions')
        .where({ organisation_id: organisationId })
        .orderBy([
          { column: 'valid_from', order: 'desc' },
          { column: 'version', order: 'desc' },
        ])
        .first('version', 'hourly_rate_ore', 'rounding_minutes', 'minimum_paid_minutes_in_person', 'preparation_paid'),
    ]);
    const settings = parseSettings(row?.settings as string | undefined);
    if (!latest) return settings;
    return {
      ...settings,
      honorariumRuleVersion: toNumber(latest.version),
      hourlyHonorariumOre: toNumber(latest.hourly_rate_ore),
      roundingMinutes: toNumber(latest.rounding_minutes),
      minimumPaidMinutesInPerson: toNumber(latest.minimum_paid_minutes_in_person),
      preparationPaid: toBool(latest.preparation_paid),
    };
  }

  async name(organisationId: number): Promise<string> {
    const row = await this.db('organisations').where({ id: organisationId }).first('name');
    return (row?.name as string | undefined) ?? '';
  }

  async timeZone(organisationId: number): Promise<string> {
    const row = await this.db('organisations').where({ id: organisationId }).first('time_zone');
    return (row?.time_zone as string | undefined) ?? 'Europe/Oslo';
  }

  /** Every organisation with its settings, for jobs that apply each organisation's rules. */
  async allSettings(): Promise<Array<{ id: number; timeZone: string; settings: OrganisationSettings }>> {
    const rows = await this.db('organisations').orderBy('id').select('id', 'time_zone', 'settings');
    return rows.map((r: { id: unknown; time_zone: string; settings: string | null }) => ({
      id: toNumber(r.id),
      timeZone: r.time_zone,
      settings: parseSettings(r.settings),
    }));
  }

  async saveSettings(organisationId: number, settings: StoredSettings, trx?: Db): Promise<void> {
    await (trx ?? this.db)('organisations')
      .where({ id: organisationId })
      .update({ settings: JSON.stringify(settings) });
  }

  async create(input: { name: string; locale: string; timeZone: string }, now: string, trx?: Db): Promise<number> {
    const [id] = await insertReturningIds(trx ?? this.db, 'organisations', [
      {
        name: input.name,
        default_locale: input.locale,
        time_zone: input.timeZone,
        settings: JSON.stringify(defaultOrganisationSettings),
        created_at: now,
      },
    ]);
    const rules = defaultOrganisationSettings;
    // the default rules as the first version, valid from before any entry
    await (trx ?? this.db)('honorarium_rule_versions').insert({
      organisation_id: id,
      version: rules.honorariumRuleVersion,
      valid_from: '1900-01-01',
      hourly_rate_ore: rules.hourlyHonorariumOre,
      rounding_minutes: rules.roundingMinutes,
      minimum_paid_minutes_in_person: rules.minimumPaidMinutesInPerson,
      preparation_paid: rules.preparationPaid,
      created_at: now,
    });
    return id!;
  }
}
