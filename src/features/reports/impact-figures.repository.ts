import { ReportQueries, n, type Row, type Scope } from './report-queries.js';

/** Impacts ("you said, we did"): counts by status and the adopted changes of the period. */
export class ImpactFiguresRepository extends ReportQueries {
  async impacts(scope: Scope) {
    const rows = (await this.scoped(
      this.db('impacts as m')
        .join('projects as p', 'p.id', 'm.project_id')
        .where('m.organisation_id', scope.organisationId)
        .where('m.decided_on', '>=', scope.from)
        .where('m.decided_on', '<=', scope.to),
      scope,
    )
      .groupBy('m.status')
      .select('m.status', this.db.raw('count(*) as c'), this.db.raw('count(m.fed_back_at) as fed'))) as Row[];
    const byStatus: Record<string, { count: number; fedBack: number }> = {};
    for (const r of rows) byStatus[r.status as string] = { count: n(r.c), fedBack: n(r.fed) };
    return byStatus;
  }

  /** The adopted changes of the period: what was said and what changed, with the project (no names). */
  async adoptedChanges(scope: Scope, limit = 50) {
    const rows = (await this.scoped(
      this.db('impacts as m')
        .join('projects as p', 'p.id', 'm.project_id')
        .where('m.organisation_id', scope.organisationId)
        .where('m.status', 'adopted')
        .where('m.decided_on', '>=', scope.from)
        .where('m.decided_on', '<=', scope.to),
      scope,
    )
      .orderBy('m.decided_on', 'desc')
      .limit(limit)
      .select('m.what_said', 'm.what_changed', 'm.decided_on', 'p.title')) as Row[];
    return rows.map((r) => ({
      whatSaid: r.what_said as string,
      whatChanged: r.what_changed as string,
      decidedOn: String(r.decided_on instanceof Date ? r.decided_on.toISOString() : r.decided_on).slice(0, 10),
      project: r.title as string,
    }));
  }
}
