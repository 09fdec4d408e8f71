import { expect } from 'chai';
import {
  computeHonorarium,
  type HonorariumRules,
  type InvolvementFacts,
} from '../../../src/features/involvement/honorarium.js';

const rules: HonorariumRules = {
  version: 3,
  hourlyRateOre: 30_000,
  roundingMinutes: 30,
  minimumPaidMinutesInPerson: 60,
  preparationPaid: true,
};
const attended: InvolvementFacts = {
  attended: true,
  inPerson: true,
  asPartOfPaidJob: false,
  paymentDeclined: false,
  minutes: 120,
  preparationMinutes: 0,
};

describe('the honorarium rules', () => {
  it('pays the hourly rate for the time attended, in whole øre, with the rule version', () => {
    expect(computeHonorarium(attended, rules)).to.deep.equal({
      ore: 60_000,
      paidMinutes: 120,
      reason: 'paid',
      ruleVersion: 3,
    });
  });

  it('rounds to the nearest 30 minutes, half a step up', () => {
    expect(computeHonorarium({ ...attended, minutes: 134 }, rules).paidMinutes).to.equal(120);
    expect(computeHonorarium({ ...attended, minutes: 135 }, rules).paidMinutes).to.equal(150);
    expect(computeHonorarium({ ...attended, minutes: 150 }, rules).ore).to.equal(75_000);
  });

  it('pays at least an hour in person, but not online', () => {
    expect(computeHonorarium({ ...attended, minutes: 20 }, rules)).to.include({ paidMinutes: 60, ore: 30_000 });
    expect(computeHonorarium({ ...attended, minutes: 20, inPerson: false }, rules)).to.include({
      paidMinutes: 30,
      ore: 15_000,
    });
    expect(computeHonorarium({ ...attended, minutes: 10, inPerson: false }, rules)).to.include({
      paidMinutes: 0,
      ore: 0,
    });
  });

  it('pays preparation only when the rules say so', () => {
    const prepared = { ...attended, minutes: 90, preparationMinutes: 60 };
    expect(computeHonorarium(prepared, rules)).to.include({ paidMinutes: 150, ore: 75_000 });
    expect(computeHonorarium(prepared, { ...rules, preparationPaid: false })).to.include({
      paidMinutes: 90,
      ore: 45_000,
    });
  });

  it('pays nothing when absent, when attending as part of a paid job, or when payment was declined', () => {
    expect(computeHonorarium({ ...attended, attended: false }, rules)).to.deep.equal({
      ore: 0,
      paidMinutes: 0,
      reason: 'absent',
      ruleVersion: 3,
    });
    expect(computeHonorarium({ ...attended, asPartOfPaidJob: true }, rules)).to.include({ ore: 0, reason: 'paid_job' });
    expect(computeHonorarium({ ...attended, paymentDeclined: true }, rules)).to.include({ ore: 0, reason: 'declined' });
  });

  it('gives absence precedence over a paid job, and a paid job over a declined payment', () => {
    expect(
      computeHonorarium({ ...attended, attended: false, asPartOfPaidJob: true, paymentDeclined: true }, rules).reason,
    ).to.equal('absent');
    expect(computeHonorarium({ ...attended, asPartOfPaidJob: true, paymentDeclined: true }, rules).reason).to.equal(
      'paid_job',
    );
  });

  it('combines rounding, preparation and the in-person minimum', () => {
    // 25 min + 10 min preparation = 35 → 30 after rounding → 60 by the in-person minimum
    expect(computeHonorarium({ ...attended, minutes: 25, preparationMinutes: 10 }, rules)).to.include({
      paidMinutes: 60,
    });
    // online: 35 → 30
    expect(computeHonorarium({ ...attended, minutes: 25, preparationMinutes: 10, inPerson: false }, rules)).to.include({
      paidMinutes: 30,
    });
    // preparation unpaid: 25 → 30 after rounding → 60 by the in-person minimum
    expect(
      computeHonorarium({ ...attended, minutes: 25, preparationMinutes: 10 }, { ...rules, preparationPaid: false }),
    ).to.include({ paidMinutes: 60 });
  });

  it('rounds money to whole øre with odd rates and steps', () => {
    const odd = { ...rules, hourlyRateOre: 33_333, roundingMinutes: 15, minimumPaidMinutesInPerson: 0 };
    expect(computeHonorarium({ ...attended, minutes: 45 }, odd).ore).to.equal(25_000); // 0.75 h × 333.33 kr = 249.9975 kr
    expect(Number.isInteger(computeHonorarium({ ...attended, minutes: 7 }, odd).ore)).to.equal(true);
  });
});
