/** The skills taxonomy's vocabulary and shape: no database, no HTTP. */
export const SKILL_CATEGORIES = ['lived_experience', 'competence', 'language', 'training'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export interface Skill {
  id: number;
  nameNb: string;
  /** The Nynorsk name; until it is given, Nynorsk readers see the Bokmål one. */
  nameNn?: string | null;
  nameEn: string;
  category: SkillCategory;
  archived: boolean;
}
