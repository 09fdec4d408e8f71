/** The skills taxonomy's vocabulary and shape: no database, no HTTP. */
export const SKILL_CATEGORIES = ['lived_experience', 'competence', 'language', 'training'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export interface Skill {
  id: number;
  nameNb: string;
  nameEn: string;
  category: SkillCategory;
  archived: boolean;
}
