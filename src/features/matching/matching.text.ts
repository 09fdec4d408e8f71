import type { Locale } from '../../config.js';
import { formatDate, type Translate } from '../../lib/i18n.js';
import { skillName } from '../skills/skills.service.js';
import type { Components, ContactGap, ExclusionDetail, RankedCandidate, Reason, SkillGap } from './matching.js';

/** How well a ranked person fits, in words: the score against the best this project's requirements allow. */
export type FitBand = 'veryGood' | 'good' | 'partial';

export function fitBand(fit: number): FitBand {
  return fit >= 0.85 ? 'veryGood' : fit >= 0.65 ? 'good' : 'partial';
}

type ComponentName = keyof Components;
type Level = 'high' | 'mid' | 'low';

/** Which part of the score a reason explains (the core's reason keys, grouped). */
function componentOf(key: string): ComponentName {
  if (key === 'matching.reasons.niceToHave') return 'niceToHave';
  if (key === 'matching.reasons.rest' || key === 'matching.reasons.restRecent') return 'rest';
  if (key.startsWith('matching.reasons.adds')) return 'diversity';
  if (key === 'matching.reasons.speaks' || key === 'matching.reasons.noLanguage') return 'language';
  return 'fairness';
}

/** A component's value as one of three plain phrases (matching.why.<component>.<level>). */
function levelOf(component: ComponentName, value: number): Level {
  switch (component) {
    case 'niceToHave':
      return value >= 1 ? 'high' : value > 0 ? 'mid' : 'low';
    case 'fairness':
      return value >= 1 ? 'high' : value >= 0.5 ? 'mid' : 'low';
    case 'rest':
      return value >= 0.75 ? 'high' : value >= 0.25 ? 'mid' : 'low';
    case 'diversity':
      return value >= 0.6 ? 'high' : value > 0 ? 'mid' : 'low';
    case 'language':
      return value >= 1 ? 'high' : 'low';
  }
}

const COMPONENTS: readonly ComponentName[] = ['niceToHave', 'fairness', 'rest', 'diversity', 'language'];

/** What the matches page shows of one ranked person: the fit in words, the reasons that matter, and the whole why. */
export interface CandidateText {
  /** Null when the project has no requirements: there is nothing to fit. */
  fit: { band: FitBand; words: string; value: number } | null;
  /** At most three short reasons, the ones that tell people apart first. */
  top: string[];
  /** Each part of the score in plain words, with the facts behind it. */
  why: Array<{ headline: string; facts: string[] }>;
}

const listFormats: Record<Locale, Intl.ListFormat> = {
  nb: new Intl.ListFormat('nb', { type: 'conjunction' }),
  nn: new Intl.ListFormat('nn', { type: 'conjunction' }),
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

  /** "Førstehjelp: kurset gikk ut 3. mars 2026 og …", a line for each skill missed because its training expired. */
  const expiredLines = (gaps: SkillGap[]): string[] =>
    gaps
      .filter((g) => g.expiredOn)
      .map((g) =>
        t('matching.reasons.trainingExpired', { skill: skill(g.skillId), date: formatDate(g.expiredOn!, locale) }),
      );

  /** The lines of a ranked candidate's reason: the reason itself, then (for wished skills) held and missed. */
  const reasonLines = (reason: Reason, params: Record<string, string | number>): string[] => {
    const lines = [t(reason.key, params)];
    if (reason.skills?.held.length)
      lines.push(t('matching.reasons.wishedHeld', { skills: list(reason.skills.held.map((g) => gap(g, true))) }));
    if (reason.skills?.missed.length) {
      lines.push(t('matching.reasons.wishedMissed', { skills: list(reason.skills.missed.map((g) => gap(g, false))) }));
      lines.push(...expiredLines(reason.skills.missed));
    }
    return lines;
  };

  return {
    reasonLines,
    /** Why a looked-up person is left out, one sentence per reason, naming the skill, consent or detail. */
    exclusionLines(details: ExclusionDetail[]): string[] {
      return details.flatMap((d) => {
        if (d.reason === 'missingMust')
          return [
            t('matching.details.missingMust', { skills: list(d.skills.map((g) => gap(g, false))) }),
            ...expiredLines(d.skills),
          ];
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
    /**
     * One ranked person for the compact list. `maxScore` is the score of someone perfect on every part that applies
     * to this project (see `attainableScore`); null when the project has no requirements, which leaves out the fit.
     */
    candidate(c: RankedCandidate, maxScore: number | null): CandidateText {
      const byComponent = new Map<ComponentName, string[][]>();
      for (const reason of c.reasons) {
        const params = { ...reason.params };
        if (typeof params.language === 'string') params.language = t(`languages.${params.language}`);
        const component = componentOf(reason.key);
        byComponent.set(component, [...(byComponent.get(component) ?? []), reasonLines(reason, params)]);
      }
      const first = (component: ComponentName) => byComponent.get(component)?.[0]?.[0];
      // the wished skills first, then what would stop someone taking part, then how much they have been asked and
      // what they bring; the rest is in the details
      const languageGap = c.components.language === 0 ? first('language') : undefined;
      const top = [first('niceToHave'), languageGap, first('fairness'), first('diversity'), first('rest')]
        .filter((line): line is string => line !== undefined)
        .slice(0, 3);
      const why = COMPONENTS.filter((component) => byComponent.has(component) || component === 'diversity').map(
        (component) => ({
          headline: t(`matching.why.${component}.${levelOf(component, c.components[component])}`),
          facts: (byComponent.get(component) ?? []).flat(),
        }),
      );
      const fit =
        maxScore && maxScore > 0
          ? (() => {
              const share = Math.min(1, c.score / maxScore);
              const band = fitBand(share);
              return { band, words: t(`matching.fit.${band}`), value: Math.round(share * 100) };
            })()
          : null;
      return { fit, top, why };
    },
  };
}
