import type { Knex } from 'knex';
import type { Db } from '../../db.js';
import { engineOf, insertReturningIds, on } from '../../db.js';
import { toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type {
  Meeting,
  Phase,
  Project,
  ProjectCatalog,
  ProjectFilter,
  ProjectInput,
  Requirement,
  TeamMember,
} from './projects.model.js';
import {
  toProject,
  toRow,
  type MeetingRow,
  type PhaseChangeRow,
  type ProjectRow,
  type RequirementRow,
  type TeamRow,
} from './projects.rows.js';

/** Projects with their requirements, meetings, phase history and team (invitations). */
export class ProjectsRepository implements ProjectCatalog {
  constructor(private readonly db: Db) {}

  private base(organisationId: number): Knex.QueryBuilder {
    const filled = this.db('invitations')
      .count('*')
      .whereRaw('invitations.project_id = p.id')
      .where('invitations.status', 'accepted')
      .as('filled');
    const namedOnTeam = this.db('invitations')
      .count('*')
      .whereRaw('invitations.project_id = p.id')
      .where('invitations.status', 'accepted')
      .whereExists(
        this.db
          .select(this.db.raw('1'))
          .from('consents as nc')
          .whereRaw('nc.representative_id = invitations.representative_id')
          .where('nc.purpose', 'named_in_reports')
          .whereNull('nc.withdrawn_at'),
      )
      .as('named_on_team');
    const shortlisted = this.db('invitations')
      .count('*')
      .whereRaw('invitations.project_id = p.id')
      .where('invitations.status', 'draft')
      .as('shortlisted');
    return this.db('projects as p')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('contacts as c', 'c.id', 'p.owner_contact_id')
      .leftJoin('users as f', 'f.id', 'p.facilitator_user_id')
      .leftJoin('projects as src', { 'src.id': 'p.copied_from_project_id', 'src.organisation_id': 'p.organisation_id' })
      .where('p.organisation_id', organisationId)
      .select(
        'p.*',
        'u.name as unit_name',
        'c.name as owner_name',
        'c.email as owner_email',
        this.db.raw(
          'coalesce(c.locale, (select o.default_locale from organisations o where o.id = p.organisation_id)) as owner_locale',
        ),
        'f.name as facilitator_name',
        'src.title as copied_from_title',
        filled,
        namedOnTeam,
        shortlisted,
      );
  }

  async list(organisationId: number, filter: ProjectFilter, limit = 500): Promise<Project[]> {
    const q = this.base(organisationId).orderBy([
      { column: 'p.starts_on', order: 'desc' },
      { column: 'p.id', order: 'desc' },
    ]);
    if (filter.phase) q.where('p.phase', filter.phase);
    if (filter.unitId) q.where('p.unit_id', filter.unitId);
    if (filter.facilitatorId) q.where('p.facilitator_user_id', filter.facilitatorId);
    if (filter.needsRepresentatives) {
      q.whereNot('p.phase', 'closed').whereRaw(
        "p.seats > (select count(*) from invitations i where i.project_id = p.id and i.status = 'accepted')",
      );
    }
    return ((await q.limit(limit)) as ProjectRow[]).map(toProject);
  }

  async find(organisationId: number, id: number): Promise<Project | undefined> {
    const row = (await this.base(organisationId).where('p.id', id).first()) as ProjectRow | undefined;
    return row ? toProject(row) : undefined;
  }

  async create(organisationId: number, input: ProjectInput, now: string, tx?: Tx): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'projects', [
      { ...toRow(input), organisation_id: organisationId, phase: 'idea', created_at: now, updated_at: now },
    ]);
    return id!;
  }

  async update(organisationId: number, id: number, input: ProjectInput, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('projects')
      .where({ organisation_id: organisationId, id })
      .update({ ...toRow(input), updated_at: now });
  }

  async setPhase(
    organisationId: number,
    id: number,
    from: Phase | null,
    to: Phase,
    userId: number,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('projects').where({ organisation_id: organisationId, id }).update({ phase: to, updated_at: now });
    await db('project_phase_changes').insert({
      organisation_id: organisationId,
      project_id: id,
      from_phase: from,
      to_phase: to,
      changed_by_user_id: userId,
      changed_at: now,
    });
  }

  async phaseHistory(
    organisationId: number,
    id: number,
  ): Promise<Array<{ from: Phase | null; to: Phase; by: string | null; at: string }>> {
    const rows = await this.db('project_phase_changes as c')
      .leftJoin('users as u', 'u.id', 'c.changed_by_user_id')
      .where({ 'c.organisation_id': organisationId, 'c.project_id': id })
      .orderBy([
        { column: 'c.changed_at', order: 'desc' },
        { column: 'c.id', order: 'desc' },
      ])
      .select<PhaseChangeRow[]>('c.from_phase', 'c.to_phase', 'u.name as by', 'c.changed_at');
    return rows.map((r) => ({
      from: r.from_phase ?? null,
      to: r.to_phase,
      by: r.by ?? null,
      at: toInstant(r.changed_at)!,
    }));
  }

  async requirements(projectId: number): Promise<Requirement[]> {
    const rows = await this.db('project_requirements as r')
      .join('skills as s', 's.id', 'r.skill_id')
      .where('r.project_id', projectId)
      .orderBy([
        { column: 'r.must', order: 'desc' },
        { column: 's.name_nb', order: 'asc' },
      ])
      .select<RequirementRow[]>('r.skill_id', 'r.must', 'r.min_level', 's.name_nb', 's.name_en', 's.category');
    return rows.map((r) => ({
      skillId: toNumber(r.skill_id),
      nameNb: r.name_nb,
      nameEn: r.name_en,
      category: r.category,
      must: toBool(r.must),
      minLevel: toNumber(r.min_level),
    }));
  }

  async setRequirement(
    projectId: number,
    req: { skillId: number; must: boolean; minLevel: number },
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('project_requirements')
      .insert({ project_id: projectId, skill_id: req.skillId, must: req.must, min_level: req.minLevel })
      .onConflict(['project_id', 'skill_id'])
      .merge(['must', 'min_level']);
  }

  async removeRequirement(projectId: number, skillId: number, tx?: Tx): Promise<void> {
    await on(this.db, tx)('project_requirements').where({ project_id: projectId, skill_id: skillId }).delete();
  }

  /** Every project's id and title, newest first: for choosing one (the report's filter). */
  async titles(organisationId: number): Promise<Array<{ id: number; title: string }>> {
    const rows = await this.db('projects')
      .where({ organisation_id: organisationId })
      .orderBy([
        { column: 'starts_on', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .select<Array<{ id: number | string; title: string }>>('id', 'title');
    return rows.map((r) => ({ id: toNumber(r.id), title: r.title }));
  }

  async meetings(organisationId: number, projectId: number): Promise<Meeting[]> {
    const rows = (await this.db('meetings')
      .where({ organisation_id: organisationId, project_id: projectId })
      .orderBy('starts_at')) as MeetingRow[];
    return rows.map((r) => ({
      id: toNumber(r.id),
      startsAt: toInstant(r.starts_at)!,
      endsAt: toInstant(r.ends_at)!,
      place: r.place,
      onlineLink: r.online_link,
      agenda: r.agenda,
      sequence: toNumber(r.sequence),
      cancelledAt: toInstant(r.cancelled_at),
      seriesId: r.series_id ?? null,
      seriesEveryWeeks: r.series_every_weeks === null ? null : toNumber(r.series_every_weeks),
    }));
  }

  async addMeeting(
    organisationId: number,
    projectId: number,
    meeting: Omit<Meeting, 'id' | 'sequence' | 'cancelledAt'>,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'meetings', [
      {
        organisation_id: organisationId,
        project_id: projectId,
        starts_at: meeting.startsAt,
        ends_at: meeting.endsAt,
        place: meeting.place,
        online_link: meeting.onlineLink,
        agenda: meeting.agenda,
      },
    ]);
    return id!;
  }

  async removeMeeting(organisationId: number, projectId: number, meetingId: number, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('meetings').where({ organisation_id: organisationId, project_id: projectId, id: meetingId }).delete();
  }

  async meeting(organisationId: number, projectId: number, meetingId: number): Promise<Meeting | undefined> {
    return (await this.meetings(organisationId, projectId)).find((m) => m.id === meetingId);
  }

  /** Moves or changes a meeting; its iCalendar SEQUENCE goes up so calendars replace the event. */
  async updateMeeting(
    organisationId: number,
    projectId: number,
    meetingId: number,
    values: Pick<Meeting, 'startsAt' | 'endsAt' | 'place' | 'onlineLink' | 'agenda'>,
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('meetings')
      .where({ organisation_id: organisationId, project_id: projectId, id: meetingId })
      .update({
        starts_at: values.startsAt,
        ends_at: values.endsAt,
        place: values.place,
        online_link: values.onlineLink,
        agenda: values.agenda,
        sequence: db.raw('sequence + 1'),
      });
  }

  /**
   * The people shortlisted for or on a project (not declined, expired or withdrawn), with the report-name consent;
   * also those whose e-mail invitation could not be delivered, for the facilitator to phone or write to.
   */
  async team(organisationId: number, projectId: number): Promise<TeamMember[]> {
    const rows = (await this.db('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .where({ 'i.organisation_id': organisationId, 'i.project_id': projectId })
      .whereIn('i.status', ['draft', 'queued', 'sent', 'accepted', 'waitlisted', 'undeliverable'])
      .select(
        'i.id as invitation_id',
        'r.id',
        'r.name',
        'r.kind',
        'r.area',
        'i.status',
        'r.status as representative_status',
        'r.paused_until',
        this.db.raw(
          "exists (select 1 from consents c where c.representative_id = r.id and c.purpose = 'named_in_reports' and c.withdrawn_at is null) as named",
        ),
      )
      .orderBy('r.sort_key')) as TeamRow[];
    return rows.map((r) => ({
      invitationId: toNumber(r.invitation_id),
      representativeId: toNumber(r.id),
      name: r.name,
      kind: r.kind,
      area: r.area,
      status: r.status,
      namedInReports: toBool(r.named),
      paused: r.representative_status === 'paused',
      pausedUntil: r.representative_status === 'paused' ? toIsoDate(r.paused_until) : null,
    }));
  }

  async shortlist(
    organisationId: number,
    projectId: number,
    representativeId: number,
    userId: number,
    now: string,
    tx?: Tx,
  ): Promise<boolean> {
    const db = on(this.db, tx);
    const existing = await db('invitations')
      .where({ project_id: projectId, representative_id: representativeId })
      .whereIn('status', ['draft', 'queued', 'sent', 'accepted', 'waitlisted'])
      .first<{ id: number } | undefined>('id');
    if (existing) return false;
    await db('invitations').insert({
      organisation_id: organisationId,
      project_id: projectId,
      representative_id: representativeId,
      status: 'draft',
      channel: 'email',
      created_by_user_id: userId,
      created_at: now,
      updated_at: now,
    });
    return true;
  }

  async unshortlist(organisationId: number, projectId: number, representativeId: number, tx?: Tx): Promise<number> {
    const db = on(this.db, tx);
    return db('invitations')
      .where({
        organisation_id: organisationId,
        project_id: projectId,
        representative_id: representativeId,
        status: 'draft',
      })
      .delete();
  }

  /**
   * Serialises the answers to one project (its seats and waitlist) within the caller's transaction: the project's row
   * is locked on PostgreSQL; SQLite has one writer anyway.
   */
  async lockProject(projectId: number, tx: Tx): Promise<void> {
    if (engineOf(this.db) === 'pg') await on(this.db, tx)('projects').where({ id: projectId }).forUpdate().first('id');
  }
}
