import type { Db } from '../../db.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.repository.js';
import type { OrganisationsRepository } from './organisations.repository.js';
import type { OrganisationSettings } from './settings.js';

/** What the settings form sets, already validated. */
export interface SettingsInput {
  dataReviewMonths: number;
  sentEmailRetentionDays: number;
  emailsPerMinute: number;
  matchingWeights: OrganisationSettings['matchingWeights'];
  honorarium: {
    hourlyHonorariumOre: number;
    roundingMinutes: number;
    minimumPaidMinutesInPerson: number;
    preparationPaid: boolean;
  };
}

/** The organisation's settings as the admin sees and changes them (audited). */
export class SettingsService {
  constructor(
    private readonly deps: {
      db: Db;
      organisations: OrganisationsRepository;
      audit: AuditService;
    },
  ) {}

  settings(actor: CurrentUser): Promise<OrganisationSettings> {
    return this.deps.organisations.settings(actor.organisationId);
  }

  /** Saves the form; a change to the honorarium rules is a new version: amounts computed before keep theirs. */
  async save(actor: CurrentUser, input: SettingsInput): Promise<void> {
    const { organisations, audit } = this.deps;
    const current = await organisations.settings(actor.organisationId);
    const rules = input.honorarium;
    const rulesChanged = (Object.keys(rules) as Array<keyof typeof rules>).some((k) => rules[k] !== current[k]);
    const honorariumRuleVersion = current.honorariumRuleVersion + (rulesChanged ? 1 : 0);
    await this.deps.db.transaction(async (trx) => {
      await organisations.saveSettings(
        actor.organisationId,
        {
          ...current,
          dataReviewMonths: input.dataReviewMonths,
          sentEmailRetentionDays: input.sentEmailRetentionDays,
          emailsPerMinute: input.emailsPerMinute,
          matchingWeights: input.matchingWeights,
          ...rules,
          honorariumRuleVersion,
        },
        trx,
      );
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
            honorariumRuleVersion,
          },
        },
        trx,
      );
    });
  }
}
