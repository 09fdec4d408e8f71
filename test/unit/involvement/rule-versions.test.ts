import { expect } from 'chai';
import {
  latestRuleVersion,
  ruleVersionOn,
  sameRules,
  validFromProblem,
  type HonorariumRuleVersion,
} from '../../../src/features/involvement/rule-versions.js';
import { correctionsFor, type PaidAmounts } from '../../../src/features/involvement/payment-corrections.js';

const version = (v: number, validFrom: string, hourlyRateOre: number): HonorariumRuleVersion => ({
  version: v,
  validFrom,
  hourlyRateOre,
  roundingMinutes: 30,
  minimumPaidMinutesInPerson: 60,
  preparationPaid: true,
});

describe('which honorarium rules are valid on a date (issue 14, item 2)', () => {
  const versions = [
    version(1, '1900-01-01', 30_000),
    version(3, '2027-01-01', 33_000), // announced ahead, entered after version 2
    version(2, '2026-11-15', 31_250),
    version(4, '2027-01-01', 34_000), // a second change the same day: the later version wins
  ];
  const cases: Array<[string, string, number | undefined]> = [
    ['an old entry', '2020-05-05', 1],
    ['the day before a change', '2026-11-14', 1],
    ['the day a change takes effect', '2026-11-15', 2],
    ['a date between changes', '2026-12-31', 2],
    ['the day of two changes', '2027-01-01', 4],
    ['a date after every change', '2030-01-01', 4],
  ];
  for (const [what, date, expected] of cases) {
    it(`uses version ${expected} for ${what} (${date})`, () => {
      expect(ruleVersionOn(versions, date)?.version).to.equal(expected);
    });
  }

  it('uses the first version for a date before every version, and nothing when there are none', () => {
    expect(ruleVersionOn([version(2, '2026-01-01', 1), version(3, '2026-06-01', 2)], '2025-12-31')?.version).to.equal(
      2,
    );
    expect(ruleVersionOn([], '2026-01-01')).to.equal(undefined);
  });

  it('knows the latest version whatever the order of the rows', () => {
    expect(latestRuleVersion(versions)?.version).to.equal(4);
    expect(latestRuleVersion([])).to.equal(undefined);
  });

  it('refuses new rules valid before the latest version starts, and allows the same day or later', () => {
    expect(validFromProblem(versions, '2026-12-31')).to.deep.equal({
      key: 'settings.errors.validFromBeforeLatest',
      latestValidFrom: '2027-01-01',
    });
    expect(validFromProblem(versions, '2027-01-01')).to.equal(undefined);
    expect(validFromProblem([], '2000-01-01')).to.equal(undefined);
  });

  it('sees rules as the same only when every value is', () => {
    const a = version(1, '1900-01-01', 30_000);
    expect(sameRules(a, { ...version(7, '2026-01-01', 30_000) })).to.equal(true);
    expect(sameRules(a, { ...a, hourlyRateOre: 30_001 })).to.equal(false);
    expect(sameRules(a, { ...a, roundingMinutes: 15 })).to.equal(false);
    expect(sameRules(a, { ...a, minimumPaidMinutesInPerson: 0 })).to.equal(false);
    expect(sameRules(a, { ...a, preparationPaid: false })).to.equal(false);
  });
});

describe('corrections to amounts in a downloaded period (issue 14, item 2)', () => {
  const november = [{ from: '2026-11-01', to: '2026-11-30' }];
  const paid = (overrides: Partial<PaidAmounts> = {}): PaidAmounts => ({
    representativeId: 7,
    occurredOn: '2026-11-10',
    honorariumOre: 60_000,
    travelCostOre: 0,
    ruleVersion: 1,
    ...overrides,
  });
  const cases: Array<[string, PaidAmounts | undefined, PaidAmounts | undefined, number]> = [
    ['an unchanged amount', paid(), paid({ ruleVersion: 1 }), 0],
    [
      'a changed amount in a period not downloaded',
      paid({ occurredOn: '2026-12-01' }),
      paid({ occurredOn: '2026-12-01', honorariumOre: 1 }),
      0,
    ],
    ['a changed honorarium', paid(), paid({ honorariumOre: 62_500, ruleVersion: 2 }), 1],
    ['a changed travel cost', paid(), paid({ travelCostOre: 10_000 }), 1],
    ['a new entry', undefined, paid(), 1],
    ['a new entry that pays nothing', undefined, paid({ honorariumOre: 0 }), 0],
    ['a deleted entry', paid(), undefined, 1],
    ['an entry moved out of the period', paid(), paid({ occurredOn: '2026-12-02' }), 1],
    ['an entry moved within the period', paid(), paid({ occurredOn: '2026-11-12' }), 2],
    ['an entry moved to another person', paid(), paid({ representativeId: 8 }), 2],
  ];
  for (const [what, before, after, count] of cases) {
    it(`makes ${count} correction(s) for ${what}`, () => {
      expect(correctionsFor(before, after, november)).to.have.length(count);
    });
  }

  it('records the amounts and versions before and after', () => {
    expect(correctionsFor(paid(), paid({ honorariumOre: 62_500, ruleVersion: 2 }), november)).to.deep.equal([
      {
        representativeId: 7,
        occurredOn: '2026-11-10',
        honorariumBeforeOre: 60_000,
        honorariumAfterOre: 62_500,
        travelBeforeOre: 0,
        travelAfterOre: 0,
        ruleVersionBefore: 1,
        ruleVersionAfter: 2,
      },
    ]);
    expect(correctionsFor(paid(), undefined, november)[0]).to.include({
      honorariumAfterOre: 0,
      ruleVersionAfter: null,
    });
  });
});
