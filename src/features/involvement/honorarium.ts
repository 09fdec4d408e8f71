/** An organisation's honorarium rules, with the version stored beside every amount computed by them. */
export interface HonorariumRules {
  version: number;
  hourlyRateOre: number;
  /** Paid time is rounded to the nearest step (30 minutes by default); half a step rounds up. */
  roundingMinutes: number;
  /** Attending in person pays at least this long (60 minutes by default). */
  minimumPaidMinutesInPerson: number;
  preparationPaid: boolean;
}

export interface InvolvementFacts {
  attended: boolean;
  inPerson: boolean;
  asPartOfPaidJob: boolean;
  paymentDeclined: boolean;
  minutes: number;
  preparationMinutes: number;
}

export type HonorariumReason = 'paid' | 'absent' | 'paid_job' | 'declined';

export interface Honorarium {
  /** Whole øre: money is never a float. */
  ore: number;
  paidMinutes: number;
  reason: HonorariumReason;
  ruleVersion: number;
}

/**
 * The honorarium for one involvement, by the organisation's rules: nothing when absent, when attending as part of
 * a paid job, or when payment was declined (in that order); otherwise the time (with preparation when the rules
 * pay for it) rounded to the nearest step, at least the in-person minimum when in person, at the hourly rate,
 * rounded to whole øre.
 */
export function computeHonorarium(facts: InvolvementFacts, rules: HonorariumRules): Honorarium {
  const none = (reason: HonorariumReason): Honorarium => ({
    ore: 0,
    paidMinutes: 0,
    reason,
    ruleVersion: rules.version,
  });
  if (!facts.attended) return none('absent');
  if (facts.asPartOfPaidJob) return none('paid_job');
  if (facts.paymentDeclined) return none('declined');
  const worked = facts.minutes + (rules.preparationPaid ? facts.preparationMinutes : 0);
  const step = Math.max(1, rules.roundingMinutes);
  let paidMinutes = Math.floor((worked + step / 2) / step) * step;
  if (facts.inPerson) paidMinutes = Math.max(paidMinutes, rules.minimumPaidMinutesInPerson);
  const ore = Math.round((paidMinutes * rules.hourlyRateOre) / 60);
  return { ore, paidMinutes, reason: 'paid', ruleVersion: rules.version };
}
