import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';
import type { InvolvementFact, InvolvementFacts } from './involvement-figures.js';

/** Sums of what was logged in a period. */
interface SumsRow {
  entries: Aggregate;
  minutes: Aggregate;
  preparation: Aggregate;
  honorarium: Aggregate;
  travel: Aggregate;
}

/** What was logged: projects with representatives, a period's totals, and the entries the report groups. */
export class InvolvementFiguresRepository extends ReportQueries {
  /**
   * Projects running in the period (their dates overlap it, or representatives took part in them in it: a project
   * whose dates were moved after its meetings still ran), and how many of them had representatives taking part.
   */
  async projects(scope: Scope): Promise<{ all: number; withRepresentatives: number }> {
    const involved = this.involvement(scope).where('v.attended', true).distinct('v.project_id');
    const all = await this.scoped(
      this.db('projects as p')
        .where('p.organisation_id', scope.organisationId)
        .where(
          (running) =>
            void running
              .where(
                (dates) =>
                  void dates
                    .where((q) => void q.whereNull('p.starts_on').orWhere('p.starts_on', '<=', scope.to))
                    .where((q) => void q.whereNull('p.ends_on').orWhere('p.ends_on', '>=', scope.from)),
              )
              .orWhereIn('p.id', involved),
        ),
      scope,
    )
      .count({ c: '*' })
      .first();
    const withReps = await this.involvement(scope)
      .where('v.attended', true)
      .countDistinct({ c: 'v.project_id' })
      .first();
    return { all: n(all?.c), withRepresentatives: n(withReps?.c) };
  }

  /** Totals of what was logged in a period. */
  async totals(scope: Scope, from = scope.from, to = scope.to) {
    const row = await this.involvement(scope, from, to)
      .where('v.attended', true)
      .first<SumsRow & { people: Aggregate }>(
        this.db.raw('count(*) as entries'),
        this.db.raw('count(distinct v.representative_id) as people'),
        this.db.raw('coalesce(sum(v.minutes), 0) as minutes'),
        this.db.raw('coalesce(sum(v.preparation_minutes), 0) as preparation'),
        this.db.raw('coalesce(sum(v.honorarium_ore), 0) as honorarium'),
        this.db.raw('coalesce(sum(v.travel_cost_ore), 0) as travel'),
      );
    return {
      entries: n(row.entries),
      people: n(row.people),
      minutes: n(row.minutes),
      preparationMinutes: n(row.preparation),
      honorariumOre: n(row.honorarium),
      travelOre: n(row.travel),
    };
  }

  /**
   * The attended involvement of the period and of the trend's twelve months, read once (issue 26: the report
   * scanned the same rows five times, once per grouping, 150 ms of its 330 on 100,000 involvements): one row per
   * entry with only the columns the groupings need, read from the covering index, and the projects' columns for
   * the projects among them. {@link involvementFigures} groups them.
   */
  async facts(scope: Scope, trendFrom: string): Promise<InvolvementFacts> {
    const from = trendFrom < scope.from ? trendFrom : scope.from;
    const rows = await this.involvement(scope, from, scope.to)
      .where('v.attended', true)
      .select<InvolvementFact[]>(
        'v.project_id as projectId',
        'v.representative_id as representativeId',
        'v.activity',
        'v.level_delivered as levelDelivered',
        'v.occurred_on as occurredOn',
        'v.minutes',
        'v.preparation_minutes as preparationMinutes',
        'v.honorarium_ore as honorariumOre',
        'v.travel_cost_ore as travelOre',
      );
    const projectIds = [...new Set(rows.map((r) => n(r.projectId)))];
    const [projects, units] = await Promise.all([
      projectIds.length
        ? this.db('projects')
            .where('organisation_id', scope.organisationId)
            .whereIn('id', projectIds)
            .select<
              Array<{ id: number | string; title: string; unit_id: number | string | null; target_level: string }>
            >('id', 'title', 'unit_id', 'target_level')
        : [],
      this.db('units')
        .where({ organisation_id: scope.organisationId })
        .select<Array<{ id: number | string; name: string }>>('id', 'name'),
    ]);
    return {
      rows,
      projects: new Map(
        projects.map((p) => [
          n(p.id),
          { title: p.title, unitId: p.unit_id === null ? null : n(p.unit_id), targetLevel: p.target_level },
        ]),
      ),
      unitNames: new Map(units.map((u) => [n(u.id), u.name])),
    };
  }
}
