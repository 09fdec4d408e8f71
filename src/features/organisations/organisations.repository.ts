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

  async saveSettings(organisationId: number, settings: OrganisationSettings): Promise<void> {
    await this.db('organisations')
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
