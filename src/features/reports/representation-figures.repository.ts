import { toNumber } from '../../lib/db-values.js';
import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';

export const DIMENSIONS = ['age', 'gender', 'area'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
const COLUMN: Record<Dimension, string> = { age: 'r.age_band', gender: 'r.gender', area: 'r.area_id' };

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

  /** Active representatives per category of each dimension. */
  async active(organisationId: number): Promise<Record<Dimension, CategoryCounts>> {
    const counts = await Promise.all(
      DIMENSIONS.map((d) =>
        this.db('representatives as r')
          .where({ 'r.organisation_id': organisationId, 'r.status': 'active' })
          .groupBy(COLUMN[d])
          .select<Array<{ k: Aggregate; c: Aggregate }>>(
            this.db.raw(`${COLUMN[d]} as k`),
            this.db.raw('count(*) as c'),
          ),
      ),
    );
    return Object.fromEntries(DIMENSIONS.map((d, i) => [d, toCounts(counts[i]!)])) as Record<Dimension, CategoryCounts>;
  }

  /** The people who took part in the period (each once) per category of each dimension. */
  async involved(scope: Scope): Promise<Record<Dimension, CategoryCounts>> {
    const counts = await Promise.all(
      DIMENSIONS.map((d) =>
        this.db('representatives as r')
          .where('r.organisation_id', scope.organisationId)
          .whereIn('r.id', this.involvement(scope).where('v.attended', true).select('v.representative_id'))
          .groupBy(COLUMN[d])
          .select<Array<{ k: Aggregate; c: Aggregate }>>(
            this.db.raw(`${COLUMN[d]} as k`),
            this.db.raw('count(*) as c'),
          ),
      ),
    );
    return Object.fromEntries(DIMENSIONS.map((d, i) => [d, toCounts(counts[i]!)])) as Record<Dimension, CategoryCounts>;
  }
}

function toCounts(rows: Array<{ k: Aggregate; c: Aggregate }>): CategoryCounts {
  const counts: CategoryCounts = {};
  for (const r of rows) {
    const key = r.k === null || r.k === '' ? '' : String(typeof r.k === 'number' ? r.k : r.k);
    counts[key] = (counts[key] ?? 0) + n(r.c);
  }
  return counts;
}
