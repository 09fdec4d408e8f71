import type { Knex } from 'knex';
import { toNumber } from '../../lib/db-values.js';
import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';

export const DIMENSIONS = ['age', 'gender', 'area'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Counts per category of one dimension ('' for people with no value recorded). */
export type CategoryCounts = Record<string, number>;

/** The population's shares and the network's people by age band, gender and area, for the representativeness. */
export class RepresentationFiguresRepository extends ReportQueries {
  /** The shares recorded (tenths of a percent) and their sources, per dimension. */
  async population(organisationId: number) {
    const [shares, sources, areas] = await Promise.all([
      this.db('population_shares')
        .where({ organisation_id: organisationId })
        .select<Array<{ dimension: Dimension; category: string; share_tenths: Aggregate }>>(
          'dimension',
          'category',
          'share_tenths',
        ),
      this.db('population_sources')
        .where({ organisation_id: organisationId })
        .select<Array<{ dimension: Dimension; source: string; year: Aggregate }>>('dimension', 'source', 'year'),
      this.db('areas')
        .where({ organisation_id: organisationId })
        .orderBy('name_key')
        .select<Array<{ id: Aggregate; name: string }>>('id', 'name'),
    ]);
    return {
      shares: shares.map((s) => ({ dimension: s.dimension, category: s.category, tenths: n(s.share_tenths) })),
      sources: sources.map((s) => ({ dimension: s.dimension, source: s.source, year: n(s.year) })),
      areaNames: new Map(areas.map((a) => [String(toNumber(a.id)), a.name])),
    };
  }

  /** Active representatives per category of each dimension (one grouped query, summed per dimension here). */
  async active(organisationId: number): Promise<Record<Dimension, CategoryCounts>> {
    return byDimension(
      await this.grouped(
        this.db('representatives as r').where({ 'r.organisation_id': organisationId, 'r.status': 'active' }),
      ),
    );
  }

  /** The people who took part in the period (each once) per category of each dimension. */
  async involved(scope: Scope): Promise<Record<Dimension, CategoryCounts>> {
    return byDimension(
      await this.grouped(
        this.db('representatives as r')
          .where('r.organisation_id', scope.organisationId)
          .whereIn('r.id', this.involvement(scope).where('v.attended', true).select('v.representative_id')),
      ),
    );
  }

  private grouped(q: Knex.QueryBuilder) {
    return q
      .groupBy('r.age_band', 'r.gender', 'r.area_id')
      .select<Array<{ age: Aggregate; gender: Aggregate; area: Aggregate; c: Aggregate }>>(
        'r.age_band as age',
        'r.gender as gender',
        'r.area_id as area',
        this.db.raw('count(*) as c'),
      );
  }
}

/** The grouped rows as counts per category of each dimension ('' for nothing recorded). */
function byDimension(rows: Array<Record<Dimension, Aggregate> & { c: Aggregate }>): Record<Dimension, CategoryCounts> {
  const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as Record<Dimension, CategoryCounts>;
  for (const row of rows) {
    for (const d of DIMENSIONS) {
      const value = row[d];
      const key = value === null || value === '' ? '' : String(value);
      counts[d][key] = (counts[d][key] ?? 0) + n(row.c);
    }
  }
  return counts;
}
