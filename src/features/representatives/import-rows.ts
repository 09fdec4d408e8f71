import type { Locale } from '../../config.js';
import type { Translate } from '../../lib/i18n.js';
import { skillName } from '../skills/skills.service.js';
import type { ConsentPurpose } from './representatives.model.js';
import { parseYesNo, type ParsedSkills } from './import-cells.js';

const disjunctions = new Map<Locale, Intl.ListFormat>();
/** "a, b or c" in the reader's language; made once per language (making one costs more than reading a row). */
const disjunction = (locale: Locale): Intl.ListFormat => {
  let format = disjunctions.get(locale);
  if (!format) disjunctions.set(locale, (format = new Intl.ListFormat(locale, { type: 'disjunction' })));
  return format;
};

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
  readSkills: (cell: string) => ParsedSkills,
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
  for (const index of columns.skills) {
    const parsed = readSkills(cellOf(index));
    const error = (message: string) => errors.push({ field: 'skills', column: header[index]!, message });
    for (const problem of parsed.problems) {
      if (problem.kind === 'tooMany')
        error(t('import.errors.skillsTooMany', { count: problem.count, max: problem.max }));
      else if (problem.kind === 'level')
        error(t('import.errors.skillLevel', { skill: skillName(problem.skill, locale), value: problem.level }));
      else if (problem.closest.length)
        error(
          t('import.errors.skillUnknownClosest', {
            value: problem.text,
            names: disjunction(locale).format(problem.closest.map((s) => quoted(skillName(s, locale)))),
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
