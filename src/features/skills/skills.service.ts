import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { collator } from '../../lib/i18n.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { Locale } from '../../config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import { SKILL_CATEGORIES, type Skill, type SkillCategory } from './skills.model.js';
import type { SkillsRepository } from './skills.repository.js';

export type SkillInput = Pick<Skill, 'nameNb' | 'nameNn' | 'nameEn' | 'category'>;
export interface SkillGroup {
  category: SkillCategory;
  skills: Skill[];
}

import { skillName } from '../../lib/skill-name.js';

export { skillName };

export interface SkillsDeps {
  transact: Transact;
  skills: SkillsRepository;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
}

/** The organisation's skills taxonomy: names in nb and en, four categories, archived instead of deleted. */
export class SkillsService {
  constructor(private readonly deps: SkillsDeps) {}

  /** All skills, grouped by category in taxonomy order and sorted by name in the reader's language. */
  async grouped(
    actor: CurrentUser,
    locale: Locale,
    options: { includeArchived: boolean },
  ): Promise<Array<{ category: SkillCategory; skills: Skill[] }>> {
    const all = (await this.deps.skills.list(actor.organisationId)).filter(
      (s) => options.includeArchived || !s.archived,
    );
    const byName = collator(locale);
    return SKILL_CATEGORIES.map((category) => ({
      category,
      skills: all
        .filter((s) => s.category === category)
        .sort((a, b) => byName.compare(skillName(a, locale), skillName(b, locale))),
    }));
  }

  list(actor: CurrentUser): Promise<Skill[]> {
    return this.deps.skills.list(actor.organisationId);
  }

  /** One skill of the organisation, archived or not; undefined when it has none of that id. */
  find(actor: Pick<CurrentUser, 'organisationId'>, id: number): Promise<Skill | undefined> {
    return this.deps.skills.find(actor.organisationId, id);
  }

  async get(actor: CurrentUser, id: number): Promise<Skill> {
    const skill = await this.find(actor, id);
    if (!skill) throw notFound();
    return skill;
  }

  holderCounts(actor: CurrentUser): Promise<Map<number, number>> {
    return this.deps.skills.holderCounts(actor.organisationId);
  }

  async create(actor: CurrentUser, input: SkillInput): Promise<number | FieldProblem> {
    const { transact, skills, audit, versions, clock } = this.deps;
    if (await skills.nameTaken(actor.organisationId, input.nameNb, input.nameEn))
      return { field: 'nameNb', key: 'skills.errors.nameTaken' };
    return transact(async (tx) => {
      const id = await skills.create(actor.organisationId, input, clock.now().toISO()!, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, 'skill.created', { type: 'skill', id }, {}, tx);
      return id;
    });
  }

  async update(actor: CurrentUser, id: number, input: SkillInput): Promise<FieldProblem | undefined> {
    const { transact, skills, audit, versions } = this.deps;
    const skill = await this.get(actor, id);
    if (await skills.nameTaken(actor.organisationId, input.nameNb, input.nameEn, id))
      return { field: 'nameNb', key: 'skills.errors.nameTaken' };
    if (skill.category !== input.category) return { field: 'category', key: 'skills.errors.categoryFixed' };
    await transact(async (tx) => {
      await skills.update(actor.organisationId, id, input, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, 'skill.updated', { type: 'skill', id }, {}, tx);
    });
    return undefined;
  }

  async setArchived(actor: CurrentUser, id: number, archived: boolean): Promise<void> {
    const { transact, skills, audit, versions } = this.deps;
    await this.get(actor, id);
    await transact(async (tx) => {
      await skills.update(actor.organisationId, id, { archived }, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, archived ? 'skill.archived' : 'skill.restored', { type: 'skill', id }, {}, tx);
    });
  }
}
