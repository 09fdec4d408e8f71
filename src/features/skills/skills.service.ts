import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { collator } from '../../lib/i18n.js';
import type { Locale } from '../../config.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { RosterVersions } from '../representatives/roster-versions.repository.js';
import { SKILL_CATEGORIES, type Skill, type SkillCategory, type SkillsRepository } from './skills.repository.js';

export type SkillInput = Pick<Skill, 'nameNb' | 'nameEn' | 'category'>;
export interface SkillGroup {
  category: SkillCategory;
  skills: Skill[];
}

/** The skill's name in the reader's language. */
export const skillName = (skill: Pick<Skill, 'nameNb' | 'nameEn'>, locale: Locale) =>
  locale === 'nb' ? skill.nameNb : skill.nameEn;

/** The organisation's skills taxonomy: names in nb and en, four categories, archived instead of deleted. */
export class SkillsService {
  constructor(
    private readonly skills: SkillsRepository,
    private readonly audit: AuditService,
    private readonly versions: RosterVersions,
    private readonly clock: Clock,
  ) {}

  /** All skills, grouped by category in taxonomy order and sorted by name in the reader's language. */
  async grouped(
    actor: CurrentUser,
    locale: Locale,
    options: { includeArchived: boolean },
  ): Promise<Array<{ category: SkillCategory; skills: Skill[] }>> {
    const all = (await this.skills.list(actor.organisationId)).filter((s) => options.includeArchived || !s.archived);
    const byName = collator(locale);
    return SKILL_CATEGORIES.map((category) => ({
      category,
      skills: all
        .filter((s) => s.category === category)
        .sort((a, b) => byName.compare(skillName(a, locale), skillName(b, locale))),
    }));
  }

  list(actor: CurrentUser): Promise<Skill[]> {
    return this.skills.list(actor.organisationId);
  }

  async get(actor: CurrentUser, id: number): Promise<Skill> {
    const skill = await this.skills.find(actor.organisationId, id);
    if (!skill) throw new AppError(404, 'errors.notFound.body');
    return skill;
  }

  holderCounts(actor: CurrentUser): Promise<Map<number, number>> {
    return this.skills.holderCounts(actor.organisationId);
  }

  async create(actor: CurrentUser, input: SkillInput): Promise<number | { field: string; key: string }> {
    if (await this.skills.nameTaken(actor.organisationId, input.nameNb, input.nameEn))
      return { field: 'nameNb', key: 'skills.errors.nameTaken' };
    const id = await this.skills.create(actor.organisationId, input, this.clock.now().toISO()!);
    await this.versions.bump(actor.organisationId);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'skill.created',
      entityType: 'skill',
      entityId: id,
    });
    return id;
  }

  async update(actor: CurrentUser, id: number, input: SkillInput): Promise<{ field: string; key: string } | undefined> {
    const skill = await this.get(actor, id);
    if (await this.skills.nameTaken(actor.organisationId, input.nameNb, input.nameEn, id))
      return { field: 'nameNb', key: 'skills.errors.nameTaken' };
    if (skill.category !== input.category) return { field: 'category', key: 'skills.errors.categoryFixed' };
    await this.skills.update(actor.organisationId, id, input);
    await this.versions.bump(actor.organisationId);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'skill.updated',
      entityType: 'skill',
      entityId: id,
    });
    return undefined;
  }

  async setArchived(actor: CurrentUser, id: number, archived: boolean): Promise<void> {
    await this.get(actor, id);
    await this.skills.update(actor.organisationId, id, { archived });
    await this.versions.bump(actor.organisationId);
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: archived ? 'skill.archived' : 'skill.restored',
      entityType: 'skill',
      entityId: id,
    });
  }
}
