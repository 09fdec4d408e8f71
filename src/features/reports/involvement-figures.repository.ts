import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';

/** Sums of what was logged (per period or per activity). */
interface SumsRow {
  entries: Aggregate;
  minutes: Aggregate;
  preparation: Aggregate;
  honorarium: Aggregate;
  travel: Aggregate;
}

/** What was logged: projects with representatives, totals, activities, units and depth, the busiest, the trend. */
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

  async byActivity(scope: Scope) {
    const rows = await this.involvement(scope)
      .where('v.attended', true)
      .groupBy('v.activity')
      .orderBy('v.activity')
      .select<Array<SumsRow & { activity: string }>>(
        'v.activity',
        this.db.raw('count(*) as entries'),
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('sum(v.preparation_minutes) as preparation'),
        this.db.raw('sum(v.honorarium_ore) as honorarium'),
        this.db.raw('sum(v.travel_cost_ore) as travel'),
      );
    return rows.map((r) => ({
      activity: r.activity,
      entries: n(r.entries),
      minutes: n(r.minutes),
      preparationMinutes: n(r.preparation),
      honorariumOre: n(r.honorarium),
      travelOre: n(r.travel),
    }));
  }

  /**
   * Per project with attended involvement in the period: hours and people (the report's per-project table). Grouped
   * on the covering index alone, the titles read after for the projects found (issue 26: joining every entry to its
   * project cost a lookup per entry, 48,000 for a year of the large data set).
   */
  async byProject(scope: Scope) {
    const rows = await this.involvement(scope)
      .where('v.attended', true)
      .groupBy('v.project_id')
      .select<Array<{ id: number | string; minutes: Aggregate; people: Aggregate }>>(
        'v.project_id as id',
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('count(distinct v.representative_id) as people'),
      );
    const projects = await this.projectsOf(
      scope.organisationId,
      rows.map((r) => n(r.id)),
    );
    return rows.map((r) => ({
      projectId: n(r.id),
      title: projects.get(n(r.id))?.title ?? '',
      minutes: n(r.minutes),
      people: n(r.people),
    }));
  }

  /** The title, unit and promised level of the projects with these ids (in chunks: SQLite's bound variables). */
  private async projectsOf(organisationId: number, ids: number[]) {
    const found = new Map<number, { title: string; unitId: number | null; targetLevel: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db('projects')
        .where('organisation_id', organisationId)
        .whereIn('id', ids.slice(i, i + 500))
        .select<Array<{ id: number | string; title: string; unit_id: number | string | null; target_level: string }>>(
          'id',
          'title',
          'unit_id',
          'target_level',
        );
      for (const p of rows)
        found.set(n(p.id), {
          title: p.title,
          unitId: p.unit_id === null ? null : n(p.unit_id),
          targetLevel: p.target_level,
        });
    }
    return found;
  }

  /**
   * Per unit, and participation level promised (the project's target) against delivered: one grouped query over
   * the period's involvement joined to its projects, split in two here.
   */
  async unitsAndDepth(scope: Scope) {
    // grouped per project and level on the covering index, each project's unit and promise looked up after (as in
    // byProject: no join per entry)
    const grouped = await this.involvement(scope)
      .where('v.attended', true)
      .groupBy('v.project_id', 'v.level_delivered')
      .select<Array<{ project_id: number | string; level_delivered: string; entries: Aggregate; minutes: Aggregate }>>(
        'v.project_id',
        'v.level_delivered',
        this.db.raw('count(*) as entries'),
        this.db.raw('sum(v.minutes) as minutes'),
      );
    const projects = await this.projectsOf(scope.organisationId, [...new Set(grouped.map((r) => n(r.project_id)))]);
    const rows = grouped.flatMap((r) => {
      const project = projects.get(n(r.project_id));
      return project ? [{ ...r, unit_id: project.unitId, target_level: project.targetLevel }] : [];
    });
    const names = new Map(
      (
        await this.db('units')
          .where({ organisation_id: scope.organisationId })
          .select<Array<{ id: number | string; name: string }>>('id', 'name')
      ).map((u) => [n(u.id), u.name]),
    );
    const units = new Map<number | null, { unit: string | null; entries: number; minutes: number }>();
    const depth = new Map<string, { promised: string; delivered: string; entries: number }>();
    for (const r of rows) {
      const unitId = r.unit_id === null ? null : n(r.unit_id);
      const unit = units.get(unitId) ?? {
        unit: unitId === null ? null : (names.get(unitId) ?? null),
        entries: 0,
        minutes: 0,
      };
      unit.entries += n(r.entries);
      unit.minutes += n(r.minutes);
      units.set(unitId, unit);
      const key = `${r.target_level}|${r.level_delivered}`;
      const level = depth.get(key) ?? {
        promised: r.target_level,
        delivered: r.level_delivered,
        entries: 0,
      };
      level.entries += n(r.entries);
      depth.set(key, level);
    }
    return {
      byUnit: [...units.values()].sort((a, b) => b.minutes - a.minutes),
      depth: [...depth.values()].sort(
        (a, b) => a.promised.localeCompare(b.promised) || a.delivered.localeCompare(b.delivered),
      ),
    };
  }

  /** Minutes per person in the period (already summed by the database), for the share of the busiest. */
  async minutesPerPerson(scope: Scope): Promise<number[]> {
    const rows = await this.involvement(scope)
      .where('v.attended', true)
      .groupBy('v.representative_id')
      .select<Array<{ m: Aggregate }>>(this.db.raw('sum(v.minutes) as m'));
    return rows.map((r) => n(r.m));
  }

  /** Hours and people per month for the twelve months ending with `to`'s month. */
  async trend(scope: Scope, from: string) {
    const rows = await this.involvement(scope, from, scope.to)
      .where('v.attended', true)
      .groupBy('m')
      .select<Array<{ m: string; minutes: Aggregate; people: Aggregate }>>(
        this.db.raw(`${this.month('v.occurred_on').toQuery()} as m`),
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('count(distinct v.representative_id) as people'),
      );
    return rows.map((r) => ({ month: String(r.m), minutes: n(r.minutes), people: n(r.people) }));
  }
}
