import type { Db } from '../../db.js';
import type { AuditService } from '../audit/audit.service.js';
import type { HonorariumRulesService } from '../involvement/honorarium-rules.service.js';
import type { RuleValues } from '../involvement/rule-versions.js';
import type { CurrentUser } from '../users/users.types.js';
import type { OrganisationsRepository } from './organisations.repository.js';
import { withoutHonorariumRules, type OrganisationSettings } from './settings.js';

/** What the settings form sets, already validated. */
export interface SettingsInput {
  dataReviewMonths: number;
  sentEmailRetentionDays: number;
  emailsPerMinute: number;
  matchingWeights: OrganisationSettings['matchingWeights'];
  honorarium: RuleValues;
  /** From when changed honorarium rules apply (an ISO date in the organisation's zone); blank is the default. */
  honorariumValidFrom: string;
}

/** The organisation's settings as the admin sees and changes them (audited). */
export class SettingsService {
  constructor(
    private readonly deps: {
      db: Db;
      organisations: OrganisationsRepository;
      honorariumRules: HonorariumRulesService;
      audit: AuditService;
    },
  ) {}

  /** The settings, and the honorarium rules over time with the valid-from a change gets by default. */
  async form(actor: CurrentUser) {
    const [settings, honorarium] = await Promise.all([
      this.deps.organisations.settings(actor.organisationId),
      this.deps.honorariumRules.current(actor),
    ]);
    return { settings, honorarium };
  }

  /** Why the input cannot be saved (a field, a catalog key and the date it names), or undefined. */
  async problem(actor: CurrentUser, input: SettingsInput) {
    const validFrom = await this.validFrom(actor, input);
    const problem = await this.deps.honorariumRules.problem(actor, input.honorarium, validFrom);
    return problem && { field: 'validFrom', key: problem.key, date: problem.latestValidFrom };
  }

  /**
   * Saves the form in one transaction. Changed honorarium rules become a new version valid from the date given:
   * entries dated before it keep their amounts, those from it are priced anew.
   */
  async save(actor: CurrentUser, input: SettingsInput): Promise<void> {
    const { organisations, honorariumRules, audit } = this.deps;
    const current = await organisations.settings(actor.organisationId);
    const validFrom = await this.validFrom(actor, input);
    await this.deps.db.transaction(async (trx) => {
      await organisations.saveSettings(
        actor.organisationId,
        {
          // the honorarium rules live in their versions, not in the settings
          ...withoutHonorariumRules(current),
          dataReviewMonths: input.dataReviewMonths,
          sentEmailRetentionDays: input.sentEmailRetentionDays,
          emailsPerMinute: input.emailsPerMinute,
          matchingWeights: input.matchingWeights,
        },
        trx,
      );
      const version = await honorariumRules.change(actor, input.honorarium, validFrom, trx);
      await audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: 'organisation.settings_changed',
          entityType: 'organisation',
          entityId: actor.organisationId,
          details: {
            dataReviewMonths: input.dataReviewMonths,
            sentEmailRetentionDays: input.sentEmailRetentionDays,
            emailsPerMinute: input.emailsPerMinute,
            ...(version ? { honorariumRuleVersion: version, honorariumValidFrom: validFrom } : {}),
          },
        },
        trx,
      );
    });
  }

  private async validFrom(actor: CurrentUser, input: SettingsInput): Promise<string> {
    return input.honorariumValidFrom || (await this.deps.honorariumRules.current(actor)).defaultValidFrom;
  }
}
