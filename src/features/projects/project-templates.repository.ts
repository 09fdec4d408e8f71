import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { toBool, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { ProjectInput } from './projects.model.js';
import { toRow } from './projects.rows.js';

/** A meeting to insert: its UTC instants, where, and the series it belongs to (null for a single meeting). */
export interface NewMeeting {
  startsAt: string;
  endsAt: string;
  place: string;
  onlineLink: string;
  agenda: string;
  seriesId: string | null;
  seriesEveryWeeks: number | null;
}

/** Projects that start from a template: a copy of a project, and meetings written as a recurring series. */
export class ProjectTemplatesRepository {
  constructor(private readonly db: Db) {}

  /** A new project that names the one it was copied from; its phase is set by the caller (with its history). */
  async createCopy(
    organisationId: number,
    input: ProjectInput,
    copiedFromProjectId: number,
    now: string,
    tx: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'projects', [
      {
        ...toRow(input),
        organisation_id: organisationId,
        phase: 'idea',
        copied_from_project_id: copiedFromProjectId,
        created_at: now,
        updated_at: now,
      },
    ]);
    return id!;
  }

  /**
   * The requirements a copy takes along: those on skills not archived (a new requirement cannot name an archived
   * skill either).
   */
  async copyableRequirements(
    projectId: number,
    tx?: Tx,
  ): Promise<Array<{ skillId: number; must: boolean; minLevel: number }>> {
    const rows = await on(
      this.db,
      tx,
    )('project_requirements as r')
      .join('skills as s', 's.id', 'r.skill_id')
      .where('r.project_id', projectId)
      .where('s.archived', false)
      .orderBy('r.skill_id')
      .select<Array<{ skill_id: number | string; must: boolean | number; min_level: number | string }>>(
        'r.skill_id',
        'r.must',
        'r.min_level',
      );
    return rows.map((r) => ({ skillId: toNumber(r.skill_id), must: toBool(r.must), minLevel: toNumber(r.min_level) }));
  }

  /** Copies a project's copyable requirements to another project of the same organisation; returns how many. */
  async copyRequirements(fromProjectId: number, toProjectId: number, tx: Tx): Promise<number> {
    const requirements = await this.copyableRequirements(fromProjectId, tx);
    if (!requirements.length) return 0;
    await on(
      this.db,
      tx,
    )('project_requirements').insert(
      requirements.map((r) => ({ project_id: toProjectId, skill_id: r.skillId, must: r.must, min_level: r.minLevel })),
    );
    return requirements.length;
  }

  /** Inserts meetings (a copy's, or a series) in one statement; returns their ids in order. */
  async addMeetings(organisationId: number, projectId: number, meetings: NewMeeting[], tx: Tx): Promise<number[]> {
    if (!meetings.length) return [];
    return insertReturningIds(
      on(this.db, tx),
      'meetings',
      meetings.map((m) => ({
        organisation_id: organisationId,
        project_id: projectId,
        starts_at: m.startsAt,
        ends_at: m.endsAt,
        place: m.place,
        online_link: m.onlineLink,
        agenda: m.agenda,
        series_id: m.seriesId,
        series_every_weeks: m.seriesEveryWeeks,
      })),
    );
  }
}
