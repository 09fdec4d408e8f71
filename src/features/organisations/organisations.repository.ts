import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import { defaultOrganisationSettings, parseSettings, type OrganisationSettings } from './settings.js';

export class OrganisationsRepository {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    const row = await this.db('organisations').count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  async settings(organisationId: number): Promise<OrganisationSettings> {
    const row = await this.db('organisations').where({ id: organisationId }).first('settings');
    return parseSettings(row?.settings as string | undefined);
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

  async saveSettings(organisationId: number, settings: OrganisationSettings, trx?: Db): Promise<void> {
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
    return id!;
  }
}
