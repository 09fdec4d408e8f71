import type { Knex } from 'knex';
import type { Db } from '../../db.js';
import { engineOf } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';

/** A report's scope: the organisation, a period of dates (inclusive) and optionally a unit or a project. */
export interface Scope {
  organisationId: number;
  from: string;
  to: string;
  /** The period as UTC instants, for timestamps (sent, answered): from the start of `from` to the end of `to`. */
  fromInstant: string;
  toInstant: string;
  unitId?: number;
  projectId?: number;
}

type Row = Record<string, unknown>;
const n = (value: unknown) => toNumber(value);

/**
 * The report's figures, each one aggregate query on the database (counts, sums, grouped rows), so that a year of
 * 100,000 involvements is never loaded into JavaScript. Medians are taken from histograms the database grouped.
 */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Days between two timestamp columns, as a number, on either engine. */
  private days(later: string, earlier: string): Knex.Raw {
    return engineOf(this.db) === 'pg'
      ? this.db.raw(`floor(extract(epoch from (${later} - ${earlier})) / 86400)`)
      : this.db.raw(`cast(julianday(${later}) - julianday(${earlier}) as integer)`);
  }

  private month(column: string): Knex.Raw {
    return engineOf(this.db) === 'pg'
      ? this.db.raw(`to_char(${column}, 'YYYY-MM')`)
      : this.db.raw(`substr(${column}, 1, 7)`);
  }

  /** Restricts a query on a table joined to projects as `p` to the scope's unit or project. */
  private scoped<T extends Knex.QueryBuilder>(q: T, scope: Scope): T {
    if (scope.unitId) q.where('p.unit_id', scope.unitId);
    if (scope.projectId) q.where('p.id', scope.projectId);
    return q;
  }

  /**
   * Involvement in a period. The projects table is joined only when the report is limited to a unit or project
   * (or a figure needs the project's columns): otherwise the covering index answers alone.
   */
  private involvement(scope: Scope, from = scope.from, to = scope.to, withProjects = false) {
    const q = this.db('involvements as v')
      .where('v.organisation_id', scope.organisationId)
      .where('v.occurred_on', '>=', from)
      .where('v.occurred_on', '<=', to);
    if (!withProjects && !scope.unitId && !scope.projectId) return q;
    return this.scoped(q.join('projects as p', 'p.id', 'v.project_id'), scope);
  }

  /** Projects running in the period, and how many of them had representatives taking part. */
  async projects(scope: Scope): Promise<{ all: number; withRepresentatives: number }> {
    const all = await this.scoped(
      this.db('projects as p')
        .where('p.organisation_id', scope.organisationId)
        .where((q) => q.whereNull('p.starts_on').orWhere('p.starts_on', '<=', scope.to))
        .where((q) => q.whereNull('p.ends_on').orWhere('p.ends_on', '>=', scope.from)),
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
    const row = (await this.involvement(scope, from, to)
      .where('v.attended', true)
      .first(
        this.db.raw('count(*) as entries'),
        this.db.raw('count(distinct v.representative_id) as people'),
        this.db.raw('coalesce(sum(v.minutes), 0) as minutes'),
        this.db.raw('coalesce(sum(v.preparation_minutes), 0) as preparation'),
        this.db.raw('coalesce(sum(v.honorarium_ore), 0) as honorarium'),
        this.db.raw('coalesce(sum(v.travel_cost_ore), 0) as travel'),
      )) as Row;
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
    const rows = (await this.involvement(scope)
      .where('v.attended', true)
      .groupBy('v.activity')
      .orderBy('v.activity')
      .select(
        'v.activity',
        this.db.raw('count(*) as entries'),
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('sum(v.preparation_minutes) as preparation'),
        this.db.raw('sum(v.honorarium_ore) as honorarium'),
        this.db.raw('sum(v.travel_cost_ore) as travel'),
      )) as Row[];
    return rows.map((r) => ({
      activity: r.activity as string,
      entries: n(r.entries),
      minutes: n(r.minutes),
      preparationMinutes: n(r.preparation),
      honorariumOre: n(r.honorarium),
      travelOre: n(r.travel),
    }));
  }

  /**
   * Per unit, and participation level promised (the project's target) against delivered: one grouped query over
   * the period's involvement joined to its projects, split in two here.
   */
  async unitsAndDepth(scope: Scope) {
    const rows = (await this.involvement(scope, scope.from, scope.to, true)
      .where('v.attended', true)
      .groupBy('p.unit_id', 'p.target_level', 'v.level_delivered')
      .select(
        'p.unit_id',
        'p.target_level',
        'v.level_delivered',
        this.db.raw('count(*) as entries'),
        this.db.raw('sum(v.minutes) as minutes'),
      )) as Row[];
    const names = new Map(
      ((await this.db('units').where({ organisation_id: scope.organisationId }).select('id', 'name')) as Row[]).map(
        (u) => [n(u.id), u.name as string],
      ),
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
        promised: r.target_level as string,
        delivered: r.level_delivered as string,
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
      this.invitations(scope).groupBy('i.status').select('i.status', this.db.raw('count(*) as c')) as Promise<Row[]>,
      this.invitations(scope)
        .where('i.status', 'declined')
        .groupBy('i.decline_reason')
        .select('i.decline_reason', this.db.raw('count(*) as c')) as Promise<Row[]>,
      this.invitations(scope)
        .whereNotNull('i.responded_at')
        .groupBy('d')
        .select(
          this.db.raw(`${this.days('i.responded_at', 'i.sent_at').toQuery()} as d`),
          this.db.raw('count(*) as c'),
        ) as Promise<Row[]>,
    ]);
    return {
      byStatus: Object.fromEntries(statuses.map((r) => [r.status as string, n(r.c)])) as Record<string, number>,
      declineReasons: reasons.map((r) => ({ reason: (r.decline_reason as string | null) ?? 'none', count: n(r.c) })),
      answerDays: answerDays.map((r) => ({ value: n(r.d), count: n(r.c) })),
    };
  }

  /** For projects whose last seat was filled in the period: days from the first invitation to that acceptance. */
  async fillDays(scope: Scope) {
    const rows = (await this.db
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
      .modify((q) => this.scoped(q, scope))
      .groupBy('d')
      .select(
        this.db.raw(`${this.days('a.responded_at', 'f.first_sent').toQuery()} as d`),
        this.db.raw('count(*) as c'),
      )) as Row[];
    return rows.map((r) => ({ value: n(r.d), count: n(r.c) }));
  }

  /** Minutes per person in the period (already summed by the database), for the share of the busiest. */
  async minutesPerPerson(scope: Scope): Promise<number[]> {
    const rows = (await this.involvement(scope)
      .where('v.attended', true)
      .groupBy('v.representative_id')
      .select(this.db.raw('sum(v.minutes) as m'))) as Row[];
    return rows.map((r) => n(r.m));
  }

  /** Active people on as many open projects as their cap allows (or the organisation's default cap). */
  async atCap(organisationId: number, defaultCap: number): Promise<number> {
    const row = await this.db
      .from(
        this.db('invitations as i')
          .join('representatives as r', 'r.id', 'i.representative_id')
          .join('projects as p', 'p.id', 'i.project_id')
          .where({ 'i.organisation_id': organisationId, 'i.status': 'accepted', 'r.status': 'active' })
          .whereNot('p.phase', 'closed')
          .groupBy('r.id', 'r.load_cap')
          .havingRaw('count(*) >= coalesce(r.load_cap, ?)', [defaultCap])
          .select('r.id')
          .as('capped'),
      )
      .count({ c: '*' })
      .first();
    return n(row?.c);
  }

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
        .select('status', this.db.raw('count(*) as c')) as Promise<Row[]>,
      this.db('representatives')
        .where({ organisation_id: organisationId, status: 'active' })
        .groupBy('kind')
        .select('kind', this.db.raw('count(*) as c')) as Promise<Row[]>,
      this.db('representatives as r')
        .where({ 'r.organisation_id': organisationId, 'r.status': 'active' })
        .whereExists((q) =>
          q
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
      this.db('involvements as v')
        .join('representatives as r', 'r.id', 'v.representative_id')
        .where({ 'v.organisation_id': organisationId, 'v.attended': true, 'r.status': 'active' })
        .where('v.occurred_on', '>', yearBefore)
        .where('v.occurred_on', '<=', to)
        .countDistinct({ c: 'v.representative_id' })
        .first(),
    ]);
    const byStatus = Object.fromEntries(status.map((r) => [r.status as string, n(r.c)])) as Record<string, number>;
    return {
      active: byStatus.active ?? 0,
      paused: byStatus.paused ?? 0,
      byKind: kinds.map((r) => ({ kind: r.kind as string, count: n(r.c) })),
      withLivedExperience: n(lived?.c),
      created: n(created?.c),
      termsEnding: n(ending?.c),
      involved12Months: n(involvedLastYear?.c),
      unused12Months: (byStatus.active ?? 0) - n(involvedLastYear?.c),
    };
  }

  /** Skills that running projects require, against the active people who hold them (at the minimum level). */
  async recruitmentNeeds(scope: Scope) {
    const needs = (await this.scoped(
      this.db('project_requirements as q')
        .join('projects as p', 'p.id', 'q.project_id')
        .join('skills as s', 's.id', 'q.skill_id')
        .where('p.organisation_id', scope.organisationId)
        .whereNot('p.phase', 'closed')
        .where((w) => w.whereNull('p.ends_on').orWhere('p.ends_on', '>=', scope.from)),
      scope,
    )
      .groupBy('s.id', 's.name_nb', 's.name_en')
      .select(
        's.id',
        's.name_nb',
        's.name_en',
        this.db.raw('count(distinct p.id) as projects'),
        this.db.raw('min(q.min_level) as level'),
      )
      .orderBy('projects', 'desc')
      .limit(15)) as Row[];
    if (!needs.length) return [];
    // active holders per skill and level, counted by the database; summed from the minimum level up here
    const held = (await this.db('representative_skills as rs')
      .join('representatives as r', 'r.id', 'rs.representative_id')
      .where('r.status', 'active')
      .whereIn(
        'rs.skill_id',
        needs.map((r) => n(r.id)),
      )
      .groupBy('rs.skill_id', 'rs.level')
      .select('rs.skill_id', 'rs.level', this.db.raw('count(*) as c'))) as Row[];
    return needs.map((r) => ({
      nameNb: r.name_nb as string,
      nameEn: r.name_en as string,
      projects: n(r.projects),
      holders: held
        .filter((h) => n(h.skill_id) === n(r.id) && n(h.level) >= n(r.level))
        .reduce((sum, h) => sum + n(h.c), 0),
    }));
  }

  /** Hours and people per month for the twelve months ending with `to`'s month. */
  async trend(scope: Scope, from: string) {
    const rows = (await this.involvement(scope, from, scope.to)
      .where('v.attended', true)
      .groupBy('m')
      .select(
        this.db.raw(`${this.month('v.occurred_on').toQuery()} as m`),
        this.db.raw('sum(v.minutes) as minutes'),
        this.db.raw('count(distinct v.representative_id) as people'),
      )) as Row[];
    return rows.map((r) => ({ month: String(r.m), minutes: n(r.minutes), people: n(r.people) }));
  }
}
