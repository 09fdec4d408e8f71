import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import { toBool, toNumber } from '../../lib/db-values.js';

export const SKILL_CATEGORIES = ['lived_experience', 'competence', 'language', 'training'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export interface Skill {
  id: number;
  nameNb: string;
  nameEn: string;
  category: SkillCategory;
  archived: boolean;
}

interface SkillRow {
  id: number;
  name_nb: string;
  name_en: string;
  category: SkillCategory;
  archived: unknown;
}

const toSkill = (r: SkillRow): Skill => ({
  id: toNumber(r.id),
  nameNb: r.name_nb,
  nameEn: r.name_en,
  category: r.category,
  archived: toBool(r.archived),
});

export class SkillsRepository {
  constructor(private readonly db: Db) {}

  async list(organisationId: number): Promise<Skill[]> {
    const rows = (await this.db('skills')
      .where({ organisation_id: organisationId })
      .select('id', 'name_nb', 'name_en', 'category', 'archived')) as SkillRow[];
    return rows.map(toSkill);
  }

  async find(organisationId: number, id: number): Promise<Skill | undefined> {
    const row = (await this.db('skills')
      .where({ organisation_id: organisationId, id })
      .first('id', 'name_nb', 'name_en', 'category', 'archived')) as SkillRow | undefined;
    return row ? toSkill(row) : undefined;
  }

  async nameTaken(organisationId: number, nameNb: string, nameEn: string, exceptId?: number): Promise<boolean> {
    const query = this.db('skills')
      .where({ organisation_id: organisationId })
      .andWhere((q) =>
        q
          .whereRaw('lower(name_nb) = ?', [nameNb.toLocaleLowerCase('nb')])
          .orWhereRaw('lower(name_en) = ?', [nameEn.toLowerCase()]),
      );
    if (exceptId) query.whereNot({ id: exceptId });
    return (await query.first('id')) !== undefined;
  }

  async create(organisationId: number, input: Omit<Skill, 'id' | 'archived'>, now: string): Promise<number> {
    const [id] = await insertReturningIds(this.db, 'skills', [
      {
        organisation_id: organisationId,
        name_nb: input.nameNb,
        name_en: input.nameEn,
        category: input.category,
        archived: false,
        created_at: now,
      },
    ]);
    return id!;
  }

  async update(organisationId: number, id: number, changes: Partial<Omit<Skill, 'id'>>): Promise<void> {
    const row: Record<string, unknown> = {};
    if (changes.nameNb !== undefined) row.name_nb = changes.nameNb;
    if (changes.nameEn !== undefined) row.name_en = changes.nameEn;
    if (changes.category !== undefined) row.category = changes.category;
    if (changes.archived !== undefined) row.archived = changes.archived;
    await this.db('skills').where({ organisation_id: organisationId, id }).update(row);
  }

  /** How many representatives hold each skill (for the taxonomy page). */
  async holderCounts(organisationId: number): Promise<Map<number, number>> {
    const rows = (await this.db('representative_skills as rs')
      .join('skills as s', 's.id', 'rs.skill_id')
      .where('s.organisation_id', organisationId)
      .groupBy('rs.skill_id')
      .select('rs.skill_id')
      .count({ n: '*' })) as Array<{ skill_id: unknown; n: unknown }>;
    return new Map(rows.map((r) => [toNumber(r.skill_id), toNumber(r.n)]));
  }
}
