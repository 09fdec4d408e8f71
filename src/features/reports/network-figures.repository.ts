import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';

/** The network of representatives at the end of the period, and the skills that running projects need. */
export class NetworkFiguresRepository extends ReportQueries {
  /** The network at the end of the period. */
  async network(
    organisationId: number,
    to: string,
    fromInstant: string,
    toInstant: string,
    yearBefore: string,
    termsUntil: string,
  ) {
    const [status, kinds, lived, created, ending, involvedLastYear] = await Promise.all([
      this.db('representatives')
        .where({ organisation_id: organisationId })
        .whereNull('erased_at')
        .groupBy('status')
        .select<Array<{ status: string; c: Aggregate }>>('status', this.db.raw('count(*) as c')),
      this.db('representatives')
        .where({ organisation_id: organisationId, status: 'active' })
        .groupBy('kind')
        .select<Array<{ kind: string; c: Aggregate }>>('kind', this.db.raw('count(*) as c')),
      this.db('representatives as r')
        .where({ 'r.organisation_id': organisationId, 'r.status': 'active' })
        .whereExists(
          this.db
            .select(this.db.raw('1'))
            .from('representative_skills as rs')
            .join('skills as s', 's.id', 'rs.skill_id')
            .whereRaw('rs.representative_id = r.id')
            .where('s.category', 'lived_experience'),
        )
        .count({ c: '*' })
        .first(),
      this.db('representatives')
        .where({ organisation_id: organisationId })
        .where('created_at', '>=', fromInstant)
        .where('created_at', '<', toInstant)
        .count({ c: '*' })
        .first(),
      this.db('representatives')
        .where({ organisation_id: organisationId, status: 'active' })
        .where('term_end', '>=', to)
        .where('term_end', '<=', termsUntil)
        .count({ c: '*' })
        .first(),
      // the active people with attended involvement in the year: one probe per active person on their own index
      // (issue 26), not a distinct count over every entry of the year joined to its person (three times slower)
      this.db('representatives as r')
        .where({ 'r.organisation_id': organisationId, 'r.status': 'active' })
        .whereExists(
          this.db('involvements as v')
            .select(this.db.raw('1'))
            .whereRaw('v.representative_id = r.id')
            .where({ 'v.organisation_id': organisationId, 'v.attended': true })
            .where('v.occurred_on', '>', yearBefore)
            .where('v.occurred_on', '<=', to),
        )
        .count({ c: '*' })
        .first(),
    ]);
    const byStatus = Object.fromEntries(status.map((r) => [r.status, n(r.c)])) as Record<string, number>;
    return {
      active: byStatus.active ?? 0,
      paused: byStatus.paused ?? 0,
      byKind: kinds.map((r) => ({ kind: r.kind, count: n(r.c) })),
      withLivedExperience: n(lived?.c),
      created: n(created?.c),
      termsEnding: n(ending?.c),
      involved12Months: n(involvedLastYear?.c),
      unused12Months: (byStatus.active ?? 0) - n(involvedLastYear?.c),
    };
  }

  /** Skills that running projects require, against the active people who hold them (at the minimum level). */
  /** Skills the open projects ask for, and who holds them today (expired training does not count, as in matching). */
  async recruitmentNeeds(scope: Scope, today: string) {
    const needs = await this.scoped(
      this.db('project_requirements as q')
        .join('projects as p', 'p.id', 'q.project_id')
        .join('skills as s', 's.id', 'q.skill_id')
        .where('p.organisation_id', scope.organisationId)
        .whereNot('p.phase', 'closed')
        .where((w) => void w.whereNull('p.ends_on').orWhere('p.ends_on', '>=', scope.from)),
      scope,
    )
      .groupBy('s.id', 's.name_nb', 's.name_en')
      .select<Array<{ id: number | string; name_nb: string; name_en: string; projects: Aggregate; level: Aggregate }>>(
        's.id',
        's.name_nb',
        's.name_en',
        this.db.raw('count(distinct p.id) as projects'),
        this.db.raw('min(q.min_level) as level'),
      )
      .orderBy('projects', 'desc')
      .limit(15);
    if (!needs.length) return [];
    // active holders per skill and level, counted by the database; summed from the minimum level up here
    const held = await this.db('representative_skills as rs')
      .join('representatives as r', 'r.id', 'rs.representative_id')
      // scoped to the organisation's people: their index, not every person of the installation (issue 26)
      .where({ 'r.organisation_id': scope.organisationId, 'r.status': 'active' })
      .where((w) => void w.whereNull('rs.expires_on').orWhere('rs.expires_on', '>=', today))
      .whereIn(
        'rs.skill_id',
        needs.map((r) => n(r.id)),
      )
      .groupBy('rs.skill_id', 'rs.level')
      .select<Array<{ skill_id: number | string; level: Aggregate; c: Aggregate }>>(
        'rs.skill_id',
        'rs.level',
        this.db.raw('count(*) as c'),
      );
    return needs.map((r) => ({
      nameNb: r.name_nb,
      nameEn: r.name_en,
      projects: n(r.projects),
      holders: held
        .filter((h) => n(h.skill_id) === n(r.id) && n(h.level) >= n(r.level))
        .reduce((sum, h) => sum + n(h.c), 0),
    }));
  }
}
