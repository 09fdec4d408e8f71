import type { Locale } from '../../config.js';
import type { Translate } from '../../lib/i18n.js';
import { skillName } from '../skills/skills.service.js';
import type { ContactGap, ExclusionDetail, Reason, SkillGap } from './matching.js';

const listFormats: Record<Locale, Intl.ListFormat> = {
  nb: new Intl.ListFormat('nb', { type: 'conjunction' }),
  en: new Intl.ListFormat('en', { type: 'conjunction' }),
};

/**
 * The matching core's structured reasons as sentences in the reader's language: skills by name and level, the
 * consent or contact detail by what it is. Made per request for the matches page.
 */
export function matchingText(
  t: Translate,
  locale: Locale,
  requirements: Array<{ skillId: number; nameNb: string; nameEn: string }>,
) {
  const names = new Map(requirements.map((r) => [r.skillId, skillName(r, locale)]));
  const level = (n: number) => t(`representatives.levels.${n}`).toLocaleLowerCase(locale);
  const skill = (id: number) => names.get(id) ?? '';
  const list = (items: string[]) => listFormats[locale].format(items);

  /** "Tolking (erfaren)" for a skill held; "Tolking (minst erfaren, har grunnleggende)" for one missed. */
  const gap = (g: SkillGap, held: boolean) =>
    held
      ? t('matching.skill.held', { skill: skill(g.skillId), level: level(g.level) })
      : g.level > 0
        ? t('matching.skill.below', { skill: skill(g.skillId), minLevel: level(g.minLevel), level: level(g.level) })
        : t('matching.skill.atLeast', { skill: skill(g.skillId), minLevel: level(g.minLevel) });

  return {
    /** The lines of a ranked candidate's reason: the reason itself, then (for wished skills) held and missed. */
    reasonLines(reason: Reason, params: Record<string, string | number>): string[] {
      const lines = [t(reason.key, params)];
      if (reason.skills?.held.length)
        lines.push(t('matching.reasons.wishedHeld', { skills: list(reason.skills.held.map((g) => gap(g, true))) }));
      if (reason.skills?.missed.length)
        lines.push(
          t('matching.reasons.wishedMissed', { skills: list(reason.skills.missed.map((g) => gap(g, false))) }),
        );
      return lines;
    },
    /** Why a looked-up person is left out, one sentence per reason, naming the skill, consent or detail. */
    exclusionLines(details: ExclusionDetail[]): string[] {
      return details.flatMap((d) => {
        if (d.reason === 'missingMust')
          return [t('matching.details.missingMust', { skills: list(d.skills.map((g) => gap(g, false))) })];
        if (d.reason === 'noContactConsent') return d.missing.map((m) => t(`matching.details.contact.${m}`));
        return [t(`matching.exclusions.${d.reason}`)];
      });
    },
    /** "Mangler Tolking (minst erfaren): 2" for the summary of those left out. */
    missingMustLine(m: { skillId: number; minLevel: number; count: number }): string {
      return t('matching.excludedBy.missingMust', {
        skill: gap({ skillId: m.skillId, minLevel: m.minLevel, level: 0 }, false),
        count: m.count,
      });
    },
    contactGapLine(gapName: ContactGap, count: number): string {
      return t(`matching.excludedBy.contact.${gapName}`, { count });
    },
  };
}
