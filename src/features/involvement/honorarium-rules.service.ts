import type { Clock } from '../../lib/clock.js';
import type { Tx } from '../../lib/transact.js';
import { defaultOrganisationSettings } from '../organisations/settings.js';
import type { CurrentUser } from '../users/users.types.js';
import { computeHonorarium, type HonorariumRules } from './honorarium.js';
import type { HonorariumVersionsRepository } from './honorarium-versions.repository.js';
import type { InvolvementRepository } from './involvement.repository.js';
import { paidAmountsOf, type PaidAmounts } from './payment-corrections.js';
import type { PaymentCorrections } from './payments.service.js';
import {
  FIRST_VALID_FROM,
  latestRuleVersion,
  ruleVersionOn,
  sameRules,
  validFromProblem,
  type HonorariumRuleVersion,
  type RuleValues,
} from './rule-versions.js';

/** The rules of an organisation that has never had a version stored: the defaults, valid from before any entry. */
const defaultVersion = (): HonorariumRuleVersion => ({
  version: defaultOrganisationSettings.honorariumRuleVersion,
  validFrom: FIRST_VALID_FROM,
  hourlyRateOre: defaultOrganisationSettings.hourlyHonorariumOre,
  roundingMinutes: defaultOrganisationSettings.roundingMinutes,
  minimumPaidMinutesInPerson: defaultOrganisationSettings.minimumPaidMinutesInPerson,
  preparationPaid: defaultOrganisationSettings.preparationPaid,
});

/**
 * The honorarium rules over time: versions valid from a date. An entry is priced by the version valid on its
 * activity date, whatever day it is saved; a new version recalculates the entries dated from its valid-from (the
 * admin chose that date) and leaves those before it alone.
 */
export class HonorariumRulesService {
  constructor(
    private readonly deps: {
      versions: HonorariumVersionsRepository;
      involvement: InvolvementRepository;
      corrections: PaymentCorrections;
      clock: Clock;
    },
  ) {}

  /** Every version, oldest first. */
  async versions(organisationId: number, tx?: Tx): Promise<HonorariumRuleVersion[]> {
    const stored = await this.deps.versions.list(organisationId, tx);
    return stored.length ? stored : [defaultVersion()];
  }

  /** The rules valid on an activity date (an ISO date in the organisation's zone). */
  async rulesOn(organisationId: number, date: string): Promise<HonorariumRules> {
    return ruleVersionOn(await this.versions(organisationId), date)!;
  }

  /** The latest rules, and the valid-from a change would get by default: today, or the latest's if that is later. */
  async current(actor: CurrentUser) {
    const versions = await this.versions(actor.organisationId);
    const latest = latestRuleVersion(versions)!;
    const today = this.deps.clock.now().setZone(actor.timeZone).toISODate()!;
    return { versions, latest, defaultValidFrom: latest.validFrom > today ? latest.validFrom : today };
  }

  /** Why these rules cannot take effect from this date (a catalog key and the date it refers to), or undefined. */
  async problem(actor: CurrentUser, rules: RuleValues, validFrom: string) {
    const versions = await this.versions(actor.organisationId);
    if (sameRules(latestRuleVersion(versions)!, rules)) return undefined;
    return validFromProblem(versions, validFrom);
  }

  /**
   * Makes the rules a new version valid from the date, unless they are the latest's already, and recalculates the
   * entries dated from then, recording corrections where a period was downloaded. In the caller's transaction.
   * Returns the new version's number, or undefined when nothing changed.
   */
  async change(actor: CurrentUser, rules: RuleValues, validFrom: string, tx: Tx): Promise<number | undefined> {
    const { versions: repository, involvement, corrections, clock } = this.deps;
    const now = clock.now().toISO()!;
    let versions = await repository.list(actor.organisationId, tx);
    if (!versions.length) {
      versions = [defaultVersion()];
      await repository.insert(actor.organisationId, versions[0]!, null, now, tx);
    }
    const latest = latestRuleVersion(versions)!;
    if (sameRules(latest, rules)) return undefined;
    const created: HonorariumRuleVersion = {
      ...rules,
      version: Math.max(...versions.map((v) => v.version)) + 1,
      validFrom,
    };
    await repository.insert(actor.organisationId, created, actor.id, now, tx);
    const all = [...versions, created];
    const changes: Array<{ before: PaidAmounts; after: PaidAmounts }> = [];
    for (const entry of await involvement.datedFrom(actor.organisationId, validFrom, tx)) {
      const honorarium = computeHonorarium(entry, ruleVersionOn(all, entry.occurredOn)!);
      await involvement.reprice(actor.organisationId, entry.id, honorarium, tx);
      const before = paidAmountsOf(entry);
      changes.push({
        before,
        after: { ...before, honorariumOre: honorarium.ore, ruleVersion: honorarium.ruleVersion },
      });
    }
    await corrections.record(actor, changes, now, tx);
    return created.version;
  }
}
