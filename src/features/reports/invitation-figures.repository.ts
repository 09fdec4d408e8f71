import { ReportQueries, n, type Aggregate, type Scope } from './report-queries.repository.js';

/** A histogram row: a value (days) and how many had it. */
interface HistogramRow {
  d: Aggregate;
  c: Aggregate;
}

/** Invitations: what became of those sent, how long a project took to fill, who is at their cap. */
export class InvitationFiguresRepository extends ReportQueries {
  private invitations(scope: Scope) {
    return this.scoped(
      this.db('invitations as i')
        .join('projects as p', 'p.id', 'i.project_id')
        .where('i.organisation_id', scope.organisationId)
        .whereNotNull('i.sent_at')
        .where('i.sent_at', '>=', scope.fromInstant)
        .where('i.sent_at', '<', scope.toInstant),
      scope,
    );
  }

  /** Invitations sent in the period, by what became of them, and why people declined. */
  async invitationOutcomes(scope: Scope) {
    const [statuses, reasons, answerDays] = await Promise.all([
      this.invitations(scope)
        .groupBy('i.status')
        .select<Array<{ status: string; c: Aggregate }>>('i.status', this.db.raw('count(*) as c')),
      this.invitations(scope)
        .where('i.status', 'declined')
        .groupBy('i.decline_reason')
        .select<Array<{ decline_reason: string | null; c: Aggregate }>>(
          'i.decline_reason',
          this.db.raw('count(*) as c'),
        ),
      this.invitations(scope)
        .whereNotNull('i.responded_at')
        .groupBy('d')
        .select<HistogramRow[]>(
          this.db.raw(`${this.days('i.responded_at', 'i.sent_at').toQuery()} as d`),
          this.db.raw('count(*) as c'),
        ),
    ]);
    return {
      byStatus: Object.fromEntries(statuses.map((r) => [r.status, n(r.c)])) as Record<string, number>,
      declineReasons: reasons.map((r) => ({ reason: r.decline_reason ?? 'none', count: n(r.c) })),
      answerDays: answerDays.map((r) => ({ value: n(r.d), count: n(r.c) })),
    };
  }

  /** For projects whose last seat was filled in the period: days from the first invitation to that acceptance. */
  async fillDays(scope: Scope) {
    const rows = await this.db
      .with('accepted', (q) =>
        q
          .from('invitations')
          .where({ organisation_id: scope.organisationId, status: 'accepted' })
          .select(
            'project_id',
            'responded_at',
            this.db.raw('row_number() over (partition by project_id order by responded_at, id) as rn'),
          ),
      )
      .with('first_sent', (q) =>
        q
          .from('invitations')
          .where({ organisation_id: scope.organisationId })
          .whereNotNull('sent_at')
          .groupBy('project_id')
          .select('project_id', this.db.raw('min(sent_at) as first_sent')),
      )
      .from('projects as p')
      .join('first_sent as f', 'f.project_id', 'p.id')
      .join('accepted as a', (j) => j.on('a.project_id', '=', 'p.id').andOn('a.rn', '=', 'p.seats'))
      .where('p.organisation_id', scope.organisationId)
      .where('a.responded_at', '>=', scope.fromInstant)
      .where('a.responded_at', '<', scope.toInstant)
      .modify((q) => void this.scoped(q, scope))
      .groupBy('d')
      .select<HistogramRow[]>(
        this.db.raw(`${this.days('a.responded_at', 'f.first_sent').toQuery()} as d`),
        this.db.raw('count(*) as c'),
      );
    return rows.map((r) => ({ value: n(r.d), count: n(r.c) }));
  }

  /** Active people on as many open projects as their cap allows (or the organisation's default cap). */
  async atCap(organisationId: number, defaultCap: number): Promise<number> {
    const row = (await this.db
      .from(
        this.db('invitations as i')
          .join('representatives as r', 'r.id', 'i.representative_id')
          .join('projects as p', 'p.id', 'i.project_id')
          // each side scoped to the organisation: PostgreSQL reads only its people and projects (issue 26: without,
          // it hashed all 120,000 people of a national installation)
          .where({ 'i.organisation_id': organisationId, 'i.status': 'accepted', 'r.status': 'active' })
          .where({ 'r.organisation_id': organisationId, 'p.organisation_id': organisationId })
          .whereNot('p.phase', 'closed')
          .groupBy('r.id', 'r.load_cap')
          .havingRaw('count(*) >= coalesce(r.load_cap, ?)', [defaultCap])
          .select('r.id')
          .as('capped'),
      )
      .count({ c: '*' })
      .first()) as { c: Aggregate } | undefined;
    return n(row?.c);
  }
}
