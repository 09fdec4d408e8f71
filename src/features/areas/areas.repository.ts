import { on, type Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import {
  areaKey,
  POPULATION_DIMENSIONS,
  type Area,
  type PopulationDimension,
  type PopulationShares,
  type UnmappedArea,
} from './areas.model.js';

type Num = number | string;

/** Areas, the representatives' choice of one, and the population's shares. */
export class AreasRepository {
  constructor(private readonly db: Db) {}

  async list(organisationId: number, tx?: Tx): Promise<Area[]> {
    const db = on(this.db, tx);
    const rows = await db('areas as a')
      .where('a.organisation_id', organisationId)
      .orderBy('a.name_key')
      .select<Array<{ id: Num; name: string; archived_at: unknown; people: Num }>>(
        'a.id',
        'a.name',
        'a.archived_at',
        db.raw(
          "(select count(*) from representatives r where r.area_id = a.id and r.organisation_id = a.organisation_id and r.erased_at is null and r.status <> 'retired') as people",
        ),
      );
    return rows.map((r) => ({
      id: toNumber(r.id),
      name: r.name,
      archived: r.archived_at !== null && r.archived_at !== undefined,
      people: toNumber(r.people),
    }));
  }

  async find(organisationId: number, id: number, tx?: Tx) {
    const row = await on(
      this.db,
      tx,
    )('areas')
      .where({ organisation_id: organisationId, id })
      .first<{ id: Num; name: string; archived_at: unknown } | undefined>('id', 'name', 'archived_at');
    return (
      row && {
        id: toNumber(row.id),
        name: row.name,
        archived: row.archived_at !== null && row.archived_at !== undefined,
      }
    );
  }

  async findByName(organisationId: number, name: string, tx?: Tx) {
    const row = await on(
      this.db,
      tx,
    )('areas')
      .where({ organisation_id: organisationId, name_key: areaKey(name) })
      .first<{ id: Num; name: string; archived_at: unknown } | undefined>('id', 'name', 'archived_at');
    return (
      row && {
        id: toNumber(row.id),
        name: row.name,
        archived: row.archived_at !== null && row.archived_at !== undefined,
      }
    );
  }

  /** A new area; undefined when the organisation has one of that name already (its key is unique). */
  async insert(organisationId: number, name: string, now: string, tx: Tx): Promise<number | undefined> {
    const rows = await on(
      this.db,
      tx,
    )('areas')
      .insert({ organisation_id: organisationId, name, name_key: areaKey(name), created_at: now })
      .onConflict(['organisation_id', 'name_key'])
      .ignore()
      .returning<Array<{ id: Num } | Num>>('id');
    const row = rows[0];
    return row === undefined ? undefined : toNumber(typeof row === 'object' ? row.id : row);
  }

  /** Renames an area, and the area written on each of its people (their `area` is the area's name). */
  async rename(organisationId: number, id: number, name: string, tx: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('areas')
      .where({ organisation_id: organisationId, id })
      .update({ name, name_key: areaKey(name) });
    await db('representatives').where({ organisation_id: organisationId, area_id: id }).update({ area: name });
  }

  async setArchived(organisationId: number, id: number, at: string | null, tx: Tx): Promise<void> {
    await on(this.db, tx)('areas').where({ organisation_id: organisationId, id }).update({ archived_at: at });
  }

  /** Free-text areas not yet mapped to one of the organisation's areas, with how many people have each. */
  async unmapped(organisationId: number): Promise<UnmappedArea[]> {
    const rows = await this.db('representatives')
      .where({ organisation_id: organisationId })
      .whereNull('area_id')
      .whereNull('erased_at')
      .whereNot('area', '')
      .groupBy('area')
      .orderBy('area')
      .select<Array<{ area: string; c: Num }>>('area', this.db.raw('count(*) as c'));
    return rows.map((r) => ({ text: r.area, people: toNumber(r.c) }));
  }

  /** Maps every unmapped person with this free text to the area (their area then reads as its name); the count. */
  async map(organisationId: number, text: string, area: { id: number; name: string }, tx: Tx): Promise<number> {
    return on(
      this.db,
      tx,
    )('representatives')
      .where({ organisation_id: organisationId, area: text })
      .whereNull('area_id')
      .whereNull('erased_at')
      .update({ area_id: area.id, area: area.name });
  }

  async population(organisationId: number): Promise<PopulationShares> {
    const [shares, sources] = await Promise.all([
      this.db('population_shares')
        .where({ organisation_id: organisationId })
        .select<Array<{ dimension: PopulationDimension; category: string; share_tenths: Num }>>(
          'dimension',
          'category',
          'share_tenths',
        ),
      this.db('population_sources')
        .where({ organisation_id: organisationId })
        .select<Array<{ dimension: PopulationDimension; source: string; year: Num; updated_at: unknown }>>(
          'dimension',
          'source',
          'year',
          'updated_at',
        ),
    ]);
    const result: PopulationShares = {
      shares: Object.fromEntries(POPULATION_DIMENSIONS.map((d) => [d, {}])) as PopulationShares['shares'],
      sources: {},
    };
    for (const s of shares) result.shares[s.dimension][s.category] = toNumber(s.share_tenths);
    for (const s of sources) {
      result.sources[s.dimension] = { source: s.source, year: toNumber(s.year), updatedAt: toInstant(s.updated_at)! };
    }
    return result;
  }

  /** Replaces one dimension's shares and source (none given: the dimension is cleared). */
  async setPopulation(
    organisationId: number,
    dimension: PopulationDimension,
    value: { shares: Record<string, number>; source: string; year: number } | null,
    now: string,
    tx: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('population_shares').where({ organisation_id: organisationId, dimension }).delete();
    await db('population_sources').where({ organisation_id: organisationId, dimension }).delete();
    if (!value) return;
    const rows = Object.entries(value.shares).map(([category, tenths]) => ({
      organisation_id: organisationId,
      dimension,
      category,
      share_tenths: tenths,
    }));
    if (rows.length) await db('population_shares').insert(rows);
    await db('population_sources').insert({
      organisation_id: organisationId,
      dimension,
      source: value.source,
      year: value.year,
      updated_at: now,
    });
  }
}
