import type { Locale } from '../../config.js';
import type { Translate } from '../../lib/i18n.js';
import { skillName } from '../skills/skills.service.js';
import type { ConsentPurpose } from './representatives.repository.js';
import { parseSkillCell, parseYesNo, type TaxonomySkill } from './import-cells.js';

/** What is wrong with one cell of an imported row, in the reader's language. */
export interface CellError {
  field: string;
  column: string;
  message: string;
}

/**
 * A row's consent and skill columns: the consents it says yes to, and its skills with their levels, or what is
 * wrong. Lived experience is health data (GDPR art. 9), stored only with that consent: a row with lived experience
 * but no "yes" to health-related experience is refused rather than imported without it, because the file then
 * contradicts itself and quietly dropping the experience would lose what the facilitator believes was imported.
 */
export function readConsentsAndSkills(
  cellOf: (index: number) => string,
  columns: { consent: Array<[ConsentPurpose, number]>; skills: number[] },
  header: string[],
  taxonomy: TaxonomySkill[],
  t: Translate,
  locale: Locale,
): { consents: ConsentPurpose[]; skills: Array<{ skillId: number; level: number }>; errors: CellError[] } {
  const errors: CellError[] = [];
  const consents: ConsentPurpose[] = [];
  const quoted = (value: string) => t('import.errors.quoted', { value });
  for (const [purpose, index] of columns.consent) {
    const answer = parseYesNo(cellOf(index));
    const error = (key: string) => errors.push({ field: 'consents', column: header[index]!, message: t(key) });
    if (answer === undefined)
      errors.push({
        field: 'consents',
        column: header[index]!,
        message: t('import.errors.consentValue', { value: cellOf(index) }),
      });
    else if (answer) consents.push(purpose);
    else if (purpose === 'roster') error('import.errors.rosterConsentNo');
  }
  const levels = new Map<number, number>();
  const names = new Intl.ListFormat(locale, { type: 'disjunction' });
  for (const index of columns.skills) {
    const parsed = parseSkillCell(cellOf(index), taxonomy);
    const error = (message: string) => errors.push({ field: 'skills', column: header[index]!, message });
    for (const problem of parsed.problems) {
      if (problem.kind === 'level')
        error(t('import.errors.skillLevel', { skill: skillName(problem.skill, locale), value: problem.level }));
      else if (problem.closest.length)
        error(
          t('import.errors.skillUnknownClosest', {
            value: problem.text,
            names: names.format(problem.closest.map((s) => quoted(skillName(s, locale)))),
          }),
        );
      else error(t('import.errors.skillUnknown', { value: problem.text }));
    }
    for (const { skill, level } of parsed.skills) {
      if (skill.category === 'lived_experience' && !consents.includes('health_experience'))
        error(t('import.errors.livedWithoutConsent', { skill: skillName(skill, locale) }));
      else levels.set(skill.id, Math.max(levels.get(skill.id) ?? 0, level));
    }
  }
  return { consents, skills: [...levels].map(([skillId, level]) => ({ skillId, level })), errors };
}
