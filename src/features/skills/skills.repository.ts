import { insertReturningIds, on, type Db } from '../../db.js';
import { toBool, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { Skill, SkillCategory } from './skills.model.js';

interface SkillRow {
  id: number | string;
  name_nb: string;
  name_nn: string | null;
  name_en: string;
  category: SkillCategory;
  archived: boolean | number;
}

/** The columns an update writes (only those given). */
interface SkillChanges {
  name_nb?: string;
  name_nn?: string | null;
  name_en?: string;
  category?: SkillCategory;
  archived?: boolean;
}

const toSkill = (r: SkillRow): Skill => ({
  id: toNumber(r.id),
  nameNb: r.name_nb,
  nameNn: r.name_nn,
  nameEn: r.name_en,
  category: r.category,
  archived: toBool(r.archived),
});

export class SkillsRepository {
  constructor(private readonly db: Db) {}

  async list(organisationId: number, tx?: Tx): Promise<Skill[]> {
    const db = on(this.db, tx);
    const rows = await db('skills')
      .where({ organisation_id: organisationId })
      .select<SkillRow[]>('id', 'name_nb', 'name_nn', 'name_en', 'category', 'archived');
    return rows.map(toSkill);
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<Skill | undefined> {
    const db = on(this.db, tx);
    const row = await db('skills')
      .where({ organisation_id: organisationId, id })
      .first<SkillRow | undefined>('id', 'name_nb', 'name_nn', 'name_en', 'category', 'archived');
    return row ? toSkill(row) : undefined;
  }

  async nameTaken(
    organisationId: number,
    nameNb: string,
    nameEn: string,
    exceptId?: number,
    tx?: Tx,
  ): Promise<boolean> {
    const db = on(this.db, tx);
    const query = db('skills')
      .where({ organisation_id: organisationId })
      .andWhere(
        (q) =>
          void q
            .whereRaw('lower(name_nb) = ?', [nameNb.toLocaleLowerCase('nb')])
            .orWhereRaw('lower(name_en) = ?', [nameEn.toLowerCase()]),
      );
    if (exceptId) query.whereNot({ id: exceptId });
    return (await query.first('id')) !== undefined;
  }

  async create(organisationId: number, input: Omit<Skill, 'id' | 'archived'>, now: string, tx?: Tx): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'skills', [
      {
        organisation_id: organisationId,
        name_nb: input.nameNb,
        name_nn: input.nameNn ?? null,
        name_en: input.nameEn,
        category: input.category,
        archived: false,
        created_at: now,
      },
    ]);
    return id!;
  }

  async update(organisationId: number, id: number, changes: Partial<Omit<Skill, 'id'>>, tx?: Tx): Promise<void> {
    const row: SkillChanges = {};
    if (changes.nameNb !== undefined) row.name_nb = changes.nameNb;
    if (changes.nameEn !== undefined) row.name_en = changes.nameEn;
    if (changes.nameNn !== undefined) row.name_nn = changes.nameNn;
    if (changes.category !== undefined) row.category = changes.category;
    if (changes.archived !== undefined) row.archived = changes.archived;
    await on(this.db, tx)('skills').where({ organisation_id: organisationId, id }).update(row);
  }

  /** How many representatives hold each skill (for the taxonomy page). */
  async holderCounts(organisationId: number, tx?: Tx): Promise<Map<number, number>> {
    const db = on(this.db, tx);
    const rows = await db('representative_skills as rs')
      .join('skills as s', 's.id', 'rs.skill_id')
      .where('s.organisation_id', organisationId)
      .groupBy('rs.skill_id')
      .select('rs.skill_id')
      .count<Array<{ skill_id: number | string; n: number | string }>>({ n: '*' });
    return new Map(rows.map((r) => [toNumber(r.skill_id), toNumber(r.n)]));
  }
}
