import type { Locale } from '../config.js';

/** A skill's name in the reader's language; Nynorsk readers see the Bokmål name until a Nynorsk one is given. */
export function skillName(skill: { nameNb: string; nameEn: string; nameNn?: string | null }, locale: Locale): string {
  if (locale === 'en') return skill.nameEn;
  return (locale === 'nn' && skill.nameNn) || skill.nameNb;
}
