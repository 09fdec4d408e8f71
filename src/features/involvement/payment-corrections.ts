/** What one entry pays a person for one activity date. */
export interface PaidAmounts {
  representativeId: number;
  occurredOn: string;
  honorariumOre: number;
  travelCostOre: number;
  ruleVersion: number;
}

/** A period whose payment list was downloaded for the finance office. */
export interface DownloadedPeriod {
  from: string;
  to: string;
}

/** A change to what someone is paid for a date in a period already downloaded. */
export interface Correction {
  representativeId: number;
  occurredOn: string;
  honorariumBeforeOre: number;
  honorariumAfterOre: number;
  travelBeforeOre: number;
  travelAfterOre: number;
  ruleVersionBefore: number | null;
  ruleVersionAfter: number | null;
}

const covered = (downloaded: readonly DownloadedPeriod[], date: string) =>
  downloaded.some((p) => p.from <= date && date <= p.to);

const pays = (a: PaidAmounts) => a.honorariumOre > 0 || a.travelCostOre > 0;

/**
 * The corrections a change to an entry makes (before: as it was, or undefined for a new entry; after: as it is, or
 * undefined when deleted): none unless the amount changes on a date in a downloaded period. An entry moved to
 * another date or person is the old amount taken back on the old date and the new one paid on the new.
 */
export function correctionsFor(
  before: PaidAmounts | undefined,
  after: PaidAmounts | undefined,
  downloaded: readonly DownloadedPeriod[],
): Correction[] {
  const correction = (b: PaidAmounts | undefined, a: PaidAmounts | undefined): Correction => ({
    representativeId: (a ?? b)!.representativeId,
    occurredOn: (a ?? b)!.occurredOn,
    honorariumBeforeOre: b?.honorariumOre ?? 0,
    honorariumAfterOre: a?.honorariumOre ?? 0,
    travelBeforeOre: b?.travelCostOre ?? 0,
    travelAfterOre: a?.travelCostOre ?? 0,
    ruleVersionBefore: b ? b.ruleVersion : null,
    ruleVersionAfter: a ? a.ruleVersion : null,
  });
  if (before && after && before.occurredOn === after.occurredOn && before.representativeId === after.representativeId) {
    const unchanged = before.honorariumOre === after.honorariumOre && before.travelCostOre === after.travelCostOre;
    return unchanged || !covered(downloaded, after.occurredOn) ? [] : [correction(before, after)];
  }
  const out: Correction[] = [];
  if (before && pays(before) && covered(downloaded, before.occurredOn)) out.push(correction(before, undefined));
  if (after && pays(after) && covered(downloaded, after.occurredOn)) out.push(correction(undefined, after));
  return out;
}

/** What an entry pays, as corrections compare it. */
export function paidAmountsOf(entry: {
  representativeId: number;
  occurredOn: string;
  honorariumOre: number;
  travelCostOre: number;
  honorariumRuleVersion: number;
}): PaidAmounts {
  return {
    representativeId: entry.representativeId,
    occurredOn: entry.occurredOn,
    honorariumOre: entry.honorariumOre,
    travelCostOre: entry.travelCostOre,
    ruleVersion: entry.honorariumRuleVersion,
  };
}
