import type { HonorariumRules } from './honorarium.js';

/** One version of an organisation's honorarium rules, valid from a date (an ISO date in the organisation's zone). */
export interface HonorariumRuleVersion extends HonorariumRules {
  validFrom: string;
}

/** The rules without their version: what an admin sets. */
export type RuleValues = Omit<HonorariumRules, 'version'>;

/** The first valid-from of an organisation's first version: far enough back that no entry predates it. */
export const FIRST_VALID_FROM = '1900-01-01';

const later = (a: HonorariumRuleVersion, b: HonorariumRuleVersion) =>
  a.validFrom > b.validFrom || (a.validFrom === b.validFrom && a.version > b.version);

/**
 * The version valid on an activity date: the one with the latest valid-from on or before the date (of two valid
 * from the same day, the later version). A date before every version takes the first, so that no entry goes unpaid
 * for want of history. Undefined only when there are no versions at all.
 */
export function ruleVersionOn(
  versions: readonly HonorariumRuleVersion[],
  date: string,
): HonorariumRuleVersion | undefined {
  let valid: HonorariumRuleVersion | undefined;
  let first: HonorariumRuleVersion | undefined;
  for (const v of versions) {
    if (!first || later(first, v)) first = v;
    if (v.validFrom <= date && (!valid || later(v, valid))) valid = v;
  }
  return valid ?? first;
}

/** The latest version (the one that applies from its valid-from onwards), for the settings form. */
export function latestRuleVersion(versions: readonly HonorariumRuleVersion[]): HonorariumRuleVersion | undefined {
  return versions.reduce<HonorariumRuleVersion | undefined>((a, v) => (!a || later(v, a) ? v : a), undefined);
}

/** Whether two sets of rules pay the same: saving the settings unchanged makes no new version. */
export function sameRules(a: RuleValues, b: RuleValues): boolean {
  return (
    a.hourlyRateOre === b.hourlyRateOre &&
    a.roundingMinutes === b.roundingMinutes &&
    a.minimumPaidMinutesInPerson === b.minimumPaidMinutesInPerson &&
    a.preparationPaid === b.preparationPaid
  );
}

/**
 * Why new rules cannot be valid from this date, or undefined: versions follow one another in time, so a new one
 * may not start before the latest one does (that would leave the latest valid after the change it was meant to
 * replace).
 */
export function validFromProblem(
  versions: readonly HonorariumRuleVersion[],
  validFrom: string,
): { key: 'settings.errors.validFromBeforeLatest'; latestValidFrom: string } | undefined {
  const latest = latestRuleVersion(versions);
  if (latest && validFrom < latest.validFrom) {
    return { key: 'settings.errors.validFromBeforeLatest', latestValidFrom: latest.validFrom };
  }
  return undefined;
}
