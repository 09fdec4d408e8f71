import { toLocale, type Locale } from '../../config.js';
import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { toBool, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { OrganisationDirectory } from './organisations.types.js';
import {
  defaultOrganisationSettings,
  parseSettings,
  type OrganisationSettings,
  type StoredSettings,
} from './settings.js';

interface OrganisationRow {
  id: number | string;
  name: string;
  time_zone: string;
  settings: string | null;
}

/** The latest honorarium rule version's values, as read from either engine. */
interface LatestRulesRow {
  version: number | string;
  hourly_rate_ore: number | string;
  rounding_minutes: number | string;
  minimum_paid_minutes_in_person: number | string;
  preparation_paid: unknown;
}

export class OrganisationsRepository implements OrganisationDirectory {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const row = await this.db('organisations').count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  /** The settings, with the honorarium rules of the latest rule version (the versions are where the rules live). */
  async settings(organisationId: number, tx?: Tx): Promise<OrganisationSettings> {
    const db = on(this.db, tx);
    const [row, latest] = await Promise.all([
      db('organisations')
        .where({ id: organisationId })
        .first<Pick<OrganisationRow, 'settings'> | undefined>('settings'),
      db('honorarium_rule_versions')
        .where({ organisation_id: organisationId })
        .orderBy([
          { column: 'valid_from', order: 'desc' },
          { column: 'version', order: 'desc' },
        ])
        .first<LatestRulesRow | undefined>(
          'version',
          'hourly_rate_ore',
          'rounding_minutes',
          'minimum_paid_minutes_in_person',
          'preparation_paid',
        ),
    ]);
    const settings = parseSettings(row?.settings);
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

  async name(organisationId: number, tx?: Tx): Promise<string> {
    const row = await on(
      this.db,
      tx,
    )('organisations')
      .where({ id: organisationId })
      .first<Pick<OrganisationRow, 'name'> | undefined>('name');
    return row?.name ?? '';
  }

  async timeZone(organisationId: number, tx?: Tx): Promise<string> {
    const row = await on(
      this.db,
      tx,
    )('organisations')
      .where({ id: organisationId })
      .first<Pick<OrganisationRow, 'time_zone'> | undefined>('time_zone');
    return row?.time_zone ?? 'Europe/Oslo';
  }

  /** Every organisation with its settings, for jobs that apply each organisation's rules. */
  async allSettings(): Promise<Array<{ id: number; timeZone: string; settings: OrganisationSettings }>> {
    const rows = await this.db('organisations')
      .orderBy('id')
      .select<Array<Pick<OrganisationRow, 'id' | 'time_zone' | 'settings'>>>('id', 'time_zone', 'settings');
    return rows.map((r) => ({
      id: toNumber(r.id),
      timeZone: r.time_zone,
      settings: parseSettings(r.settings),
    }));
  }

  /** The organisation's official written standard (Bokmål or Nynorsk): the default for its staff and people. */
  async writtenStandard(organisationId: number, tx?: Tx): Promise<Locale> {
    const row = await on(
      this.db,
      tx,
    )('organisations')
      .where({ id: organisationId })
      .first<{ default_locale: string } | undefined>('default_locale');
    return toLocale(row?.default_locale);
  }

  async setWrittenStandard(organisationId: number, locale: Locale, tx?: Tx): Promise<void> {
    await on(this.db, tx)('organisations').where({ id: organisationId }).update({ default_locale: locale });
  }

  async saveSettings(organisationId: number, settings: StoredSettings, tx?: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('organisations')
      .where({ id: organisationId })
      .update({ settings: JSON.stringify(settings) });
  }

  async create(input: { name: string; locale: string; timeZone: string }, now: string, tx?: Tx): Promise<number> {
    const db = on(this.db, tx);
    const [id] = await insertReturningIds(db, 'organisations', [
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
    await db('honorarium_rule_versions').insert({
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
