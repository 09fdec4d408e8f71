import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';

/** Impacts ("you said, we did"): counts by status and the adopted changes of the period. */
export class ImpactFiguresRepository extends ReportQueries {
  async impacts(scope: Scope) {
    const rows = await this.scoped(
      this.db('impacts as m')
        .join('projects as p', 'p.id', 'm.project_id')
        .where('m.organisation_id', scope.organisationId)
        .where('m.decided_on', '>=', scope.from)
        .where('m.decided_on', '<=', scope.to),
      scope,
    )
      .groupBy('m.status')
      .select<Array<{ status: string; c: Aggregate; fed: Aggregate }>>(
        'm.status',
        this.db.raw('count(*) as c'),
        this.db.raw('count(m.fed_back_at) as fed'),
      );
    const byStatus: Record<string, { count: number; fedBack: number }> = {};
    for (const r of rows) byStatus[r.status] = { count: n(r.c), fedBack: n(r.fed) };
    return byStatus;
  }

  /** The adopted changes of the period: what was said and what changed, with the project (no names). */
  /** The changes adopted in the period (decided within it), joined to their projects, in the scope. */
  private adopted(scope: Scope) {
    return this.scoped(
      this.db('impacts as m')
        .join('projects as p', 'p.id', 'm.project_id')
        .where('m.organisation_id', scope.organisationId)
        .where('m.status', 'adopted')
        .where('m.decided_on', '>=', scope.from)
        .where('m.decided_on', '<=', scope.to),
      scope,
    );
  }

  /** How many changes each project adopted in the period (the report's per-project table). */
  async adoptedByProject(scope: Scope) {
    const rows = await this.adopted(scope)
      .groupBy('p.id', 'p.title')
      .select<Array<{ id: number | string; title: string; adopted: number | string }>>(
        'p.id',
        'p.title',
        this.db.raw('count(*) as adopted'),
      );
    return rows.map((r) => ({ projectId: Number(r.id), title: r.title, adopted: Number(r.adopted) }));
  }

  async adoptedChanges(scope: Scope, limit = 50) {
    const rows = await this.adopted(scope)
      .orderBy('m.decided_on', 'desc')
      .limit(limit)
      .select<Array<{ what_said: string; what_changed: string; decided_on: string | Date; title: string }>>(
        'm.what_said',
        'm.what_changed',
        'm.decided_on',
        'p.title',
      );
    return rows.map((r) => ({
      whatSaid: r.what_said,
      whatChanged: r.what_changed,
      decidedOn: String(r.decided_on instanceof Date ? r.decided_on.toISOString() : r.decided_on).slice(0, 10),
      project: r.title,
    }));
  }
}
