import type { Knex } from 'knex';
import { on, type Db } from '../../db.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { SkillCategory } from '../skills/skills.model.js';
import type { RepresentativeSkill } from './representatives.model.js';

/** A representative_skills row with its skill's names, category and whether it is archived. */
interface HeldSkillRow {
  representative_id: number | string;
  skill_id: number | string;
  level: number | string;
  since: string | Date | null;
  expires_on: string | Date | null;
  name_nb: string;
  name_en: string;
  category: SkillCategory;
  archived: boolean | number;
}

/**
 * Knex lives here only: the skills people hold. representative_skills has no organisation column, so every method
 * takes the organisation id and reaches it through the representative (a skill of another organisation's person is
 * neither read nor written).
 */
export class RepresentativeSkillsRepository {
  constructor(private readonly db: Db) {}

  /** The ids of the organisation's people, as a subquery. */
  private people(db: Knex, organisationId: number): Knex.QueryBuilder {
    return db.select('id').from('representatives').where('organisation_id', organisationId);
  }

  /** The skills of several representatives in one query (no N+1 on the roster page), optionally only some skills. */
  async skillsOf(
    organisationId: number,
    representativeIds: number[],
    onlySkillIds?: number[],
    tx?: Tx,
  ): Promise<Map<number, RepresentativeSkill[]>> {
    const result = new Map<number, RepresentativeSkill[]>();
    if (!representativeIds.length) return result;
    const db = on(this.db, tx);
    const query = db('representative_skills as rs')
      .join('representatives as r', 'r.id', 'rs.representative_id')
      .join('skills as s', 's.id', 'rs.skill_id')
      .where('r.organisation_id', organisationId)
      .whereIn('rs.representative_id', representativeIds);
    if (onlySkillIds) query.whereIn('rs.skill_id', onlySkillIds);
    const rows = await query.select<HeldSkillRow[]>(
      'rs.representative_id',
      'rs.skill_id',
      'rs.level',
      'rs.since',
      'rs.expires_on',
      's.name_nb',
      's.name_en',
      's.category',
      's.archived',
    );
    for (const r of rows) {
      const repId = toNumber(r.representative_id);
      const list = result.get(repId) ?? [];
      list.push({
        skillId: toNumber(r.skill_id),
        nameNb: r.name_nb,
        nameEn: r.name_en,
        category: r.category,
        archived: toBool(r.archived),
        level: toNumber(r.level),
        since: toIsoDate(r.since),
        expiresOn: toIsoDate(r.expires_on),
      });
      result.set(repId, list);
    }
    return result;
  }

  /** Adds a skill or changes its level. Returns false (and writes nothing) for a person of another organisation. */
  async setSkill(
    organisationId: number,
    representativeId: number,
    skill: { skillId: number; level: number; since: string | null; expiresOn: string | null },
    tx?: Tx,
  ): Promise<boolean> {
    const db = on(this.db, tx);
    const person = await db('representatives')
      .where({ organisation_id: organisationId, id: representativeId })
      .first<{ id: number | string } | undefined>('id');
    if (!person) return false;
    await db('representative_skills')
      .insert({
        representative_id: representativeId,
        skill_id: skill.skillId,
        level: skill.level,
        since: skill.since,
        expires_on: skill.expiresOn,
      })
      .onConflict(['representative_id', 'skill_id'])
      .merge(['level', 'since', 'expires_on']);
    return true;
  }

  async removeSkill(organisationId: number, representativeId: number, skillId: number, tx?: Tx): Promise<number> {
    const db = on(this.db, tx);
    return db('representative_skills')
      .where({ representative_id: representativeId, skill_id: skillId })
      .whereIn('representative_id', this.people(db, organisationId))
      .delete();
  }

  /** Removes every skill of one category (lived experience, when its consent is withdrawn). */
  async removeSkillsInCategory(
    organisationId: number,
    representativeId: number,
    category: SkillCategory,
    tx?: Tx,
  ): Promise<number> {
    const db = on(this.db, tx);
    return db('representative_skills')
      .where({ representative_id: representativeId })
      .whereIn('representative_id', this.people(db, organisationId))
      .whereIn('skill_id', db.select('id').from('skills').where({ category }))
      .delete();
  }
}
